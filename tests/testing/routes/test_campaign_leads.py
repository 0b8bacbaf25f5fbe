"""Campaign-lead routes L1-L14 over plain HTTP: paging, imports, lead actions, history, export."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import aiohttp

from smartlead_async.testing import SandboxServer
from smartlead_async.testing.state import Campaign
from smartlead_async.testing.wire import iso
from tests.helpers.sandbox_api import Api

IMPORT_KEYS = {
    "ok",
    "upload_count",
    "total_leads",
    "already_added_to_campaign",
    "duplicate_count",
    "invalid_email_count",
    "unsubscribed_leads",
    "is_lead_limit_exhausted",
    "lead_import_stopped_count",
    "block_count",
    "bounce_count",
}


def _bucket_sum(report: dict[str, Any]) -> int:
    return (
        report["upload_count"]
        + report["already_added_to_campaign"]
        + report["duplicate_count"]
        + report["invalid_email_count"]
        + len(report["unsubscribed_leads"])
        + report["block_count"]
        + report["lead_import_stopped_count"]
    )


def _first_lead(sb: SandboxServer, camp: Campaign) -> tuple[int, int]:
    map_id = camp.lead_map_ids.page(0, 1)[0]
    return sb.state.campaign_leads[map_id].lead_id, map_id


async def _import(api: Api, campaign_id: int, rows: list[Any], **settings: bool) -> Any:
    body: dict[str, Any] = {"lead_list": rows}
    if settings:
        body["settings"] = settings
    return await api.call("POST", f"/campaigns/{campaign_id}/leads", body)


# --------------------------------------------------------------------------- L1


async def test_list_pages_cover_every_lead_in_order(api: Api) -> None:
    camp = api.server.seed_campaign(leads=130, history=False)
    first = await api.ok("GET", f"/campaigns/{camp.id}/leads")
    assert first["total_leads"] == "130" and first["offset"] == 0 and first["limit"] == 100
    second = await api.ok("GET", f"/campaigns/{camp.id}/leads", offset=100, limit=100)
    rows = first["data"] + second["data"]
    assert len(second["data"]) == 30
    assert [r["campaign_lead_map_id"] for r in rows] == camp.lead_map_ids.as_list()
    lead = rows[0]["lead"]
    assert set(lead) >= {"id", "email", "first_name", "custom_fields", "is_unsubscribed"}
    assert set(rows[0]) == {
        "campaign_lead_map_id",
        "lead_category_id",
        "status",
        "created_at",
        "lead",
    }
    empty = await api.ok("GET", f"/campaigns/{camp.id}/leads", offset=500)
    assert empty["data"] == [] and empty["total_leads"] == "130"


async def test_list_limits_and_filters(api: Api) -> None:
    state = api.server.state
    camp = api.server.seed_campaign(leads=120)
    for query, message in [
        ({"limit": 101}, "limit must be between 1 and 100"),
        ({"limit": 0}, "limit must be between 1 and 100"),
        ({"offset": -1}, "offset must be at least 0"),
        ({"status": "DONE"}, "status must be one of"),
        ({"emailStatus": "opened"}, "emailStatus must be one of"),
        ({"created_at_gt": "yesterday"}, "ISO 8601"),
    ]:
        status, body = await api.get(f"/campaigns/{camp.id}/leads", **query)
        assert status == 400 and message in body["message"], query
    rows = [state.campaign_leads[i] for i in camp.lead_map_ids]
    replied = await api.ok("GET", f"/campaigns/{camp.id}/leads", emailStatus="is_replied")
    assert replied["total_leads"] == str(sum(r.reply_count > 0 for r in rows))
    assert int(replied["total_leads"]) > 0
    stopped = await api.ok("GET", f"/campaigns/{camp.id}/leads", status="STOPPED", limit=100)
    assert {r["status"] for r in stopped["data"]} == {"STOPPED"}
    category = next(r.category_id for r in rows if r.category_id)
    by_category = await api.ok("GET", f"/campaigns/{camp.id}/leads", lead_category_id=category)
    assert int(by_category["total_leads"]) == sum(r.category_id == category for r in rows)
    later = iso(max(r.last_sent_time for r in rows if r.last_sent_time) - timedelta(seconds=1))
    recent = await api.ok("GET", f"/campaigns/{camp.id}/leads", last_sent_time_gt=later)
    assert int(recent["total_leads"]) >= 1


# --------------------------------------------------------------------------- L2


async def test_import_report_buckets_add_up(api: Api) -> None:
    sb = api.server
    other = sb.state.add_campaign("other")
    sb.state.enrol(other, sb.state.add_lead("taken@else.io"))
    sb.state.add_lead("gone@x.io").is_unsubscribed = True
    await api.ok("POST", "/leads/add-domain-block-list", {"domain_block_list": ["blocked.io"]})
    campaign_id = sb.state.add_campaign("target").id
    rows = [
        {"email": "ada@x.io", "first_name": "Ada", "custom_fields": {"role": "CTO"}},
        {"email": "ADA@x.io"},
        {"email": "bob@x.io"},
        {"email": "broken-address"},
        {"email": "gone@x.io"},
        {"email": "spam@blocked.io"},
        {"email": "taken@else.io"},
    ]
    status, report = await _import(api, campaign_id, rows)
    assert status == 200 and set(report) == IMPORT_KEYS
    assert report["upload_count"] == 2 and report["total_leads"] == 7
    assert report["duplicate_count"] == 2 and report["invalid_email_count"] == 1
    assert report["unsubscribed_leads"] == ["gone@x.io"] and report["block_count"] == 1
    assert report["is_lead_limit_exhausted"] is False
    assert _bucket_sum(report) == len(rows)
    status, again = await _import(api, campaign_id, [{"email": "Ada@X.io"}, {"email": "new@x.io"}])
    assert again["already_added_to_campaign"] == 1 and again["upload_count"] == 1
    listed = await api.ok("GET", f"/campaigns/{campaign_id}/leads")
    assert listed["total_leads"] == "3"
    assert listed["data"][0]["lead"]["custom_fields"] == {"role": "CTO"}


async def test_import_ignore_flags_and_return_ids(api: Api) -> None:
    sb = api.server
    sb.state.add_lead("gone@x.io").is_unsubscribed = True
    sb.state.add_block_entry("blocked.io")
    campaign_id = sb.state.add_campaign("target").id
    rows = [{"email": "gone@x.io"}, {"email": "a@blocked.io"}]
    status, report = await _import(
        api,
        campaign_id,
        rows,
        ignore_unsubscribe_list=True,
        ignore_global_block_list=True,
        return_lead_ids=True,
    )
    assert status == 200 and report["upload_count"] == 2 and len(report["lead_ids"]) == 2


async def test_import_cap_default_400(api: Api) -> None:
    campaign_id = api.server.state.add_campaign("cap").id
    rows = [{"email": f"l{i}@x.io"} for i in range(401)]
    status, body = await _import(api, campaign_id, rows)
    assert (status, body) == (
        400,
        {
            "error": "lead_list cannot exceed 400 leads per request",
            "provided_count": 401,
            "max_allowed": 400,
        },
    )
    status, body = await _import(api, campaign_id, rows[:400])
    assert status == 200 and body["upload_count"] == 400


async def test_import_cap_is_configurable() -> None:
    async with SandboxServer(rate_limits=None, import_cap=100) as sb:
        camp = sb.state.add_campaign("cap")
        url = sb.url(f"/campaigns/{camp.id}/leads?api_key={sb.api_key}")
        rows = [{"email": f"l{i}@x.io"} for i in range(101)]
        async with (
            aiohttp.ClientSession() as session,
            session.post(url, json={"lead_list": rows}) as r,
        ):
            body = await r.json()
        assert r.status == 400 and body["max_allowed"] == 100 and body["provided_count"] == 101
        assert "cannot exceed 100 leads" in body["error"]


async def test_import_lead_limit_exhausted() -> None:
    async with SandboxServer(rate_limits=None, lead_limit=5) as sb:
        camp = sb.state.add_campaign("limited")
        url = sb.url(f"/campaigns/{camp.id}/leads?api_key={sb.api_key}")
        rows = [{"email": f"l{i}@x.io"} for i in range(8)]
        async with aiohttp.ClientSession() as session:
            async with session.post(url, json={"lead_list": rows}) as resp:
                report = await resp.json()
            assert report["upload_count"] == 5 and report["lead_import_stopped_count"] == 3
            assert report["is_lead_limit_exhausted"] is True and _bucket_sum(report) == 8
            more = {"lead_list": [{"email": "late@x.io"}]}
            async with session.post(url, json=more) as resp:
                late = await resp.json()
            assert late["upload_count"] == 0 and late["lead_import_stopped_count"] == 1


async def test_import_validation_errors(api: Api) -> None:
    campaign_id = api.server.state.add_campaign("v").id
    for body, message in [
        ({}, '"lead_list" is required'),
        ({"lead_list": []}, "at least 1"),
        ({"lead_list": [{"name": "x"}]}, '"lead_list[0].email" is required'),
        (
            {"lead_list": [{"email": "a@b.co"}], "settings": {"ignore_global_block_list": 1}},
            "boolean",
        ),
    ]:
        status, answer = await api.post(f"/campaigns/{campaign_id}/leads", body)
        assert status == 400 and message in answer["message"], body
    status, _ = await _import(api, 987654, [{"email": "a@b.co"}])
    assert status == 404


# --------------------------------------------------------------------------- L3-L9


async def test_update_lead_merges_custom_fields(api: Api) -> None:
    campaign_id = api.server.state.add_campaign("u").id
    await _import(api, campaign_id, [{"email": "a@x.io", "custom_fields": {"a": 1}}])
    lead = api.server.state.lead_by_email("a@x.io")
    assert lead is not None
    path = f"/campaigns/{campaign_id}/leads/{lead.id}"
    await api.ok(
        "POST", path, {"email": "a@x.io", "company_name": "Acme", "custom_fields": {"b": 2}}
    )
    assert lead.company_name == "Acme" and lead.custom_fields == {"a": 1, "b": 2}
    await api.ok("POST", path, {"email": "A2@x.io"})
    assert api.server.state.lead_by_email("a2@x.io") is lead
    status, body = await api.post(path, {"first_name": "No email"})
    assert status == 400 and body["message"] == '"email" is required'
    api.server.state.add_lead("taken@x.io")
    status, body = await api.post(path, {"email": "taken@x.io"})
    assert status == 400 and "already belongs" in body["message"]
    status, text = await api.get(path)
    assert (status, text) == (404, f"Cannot GET /api/v1{path}")


async def test_pause_resume_unsubscribe_category_complete(api: Api) -> None:
    sb = api.server
    camp = sb.seed_campaign(leads=4, history=False)
    lead_id, map_id = _first_lead(sb, camp)
    row = sb.state.campaign_leads[map_id]
    base = f"/campaigns/{camp.id}/leads/{lead_id}"
    assert await api.ok("POST", f"{base}/pause") == {"ok": True, "data": "success"}
    assert row.status == "PAUSED"
    await api.ok("POST", f"{base}/resume", {"resume_lead_with_delay_days": 2})
    assert row.status == "STARTED" and row.next_send_time is not None
    status, body = await api.post(f"{base}/resume")
    assert status == 400 and "only PAUSED" in body["message"]
    answer = await api.ok("POST", f"{base}/category", {"category_id": 1, "pause_lead": True})
    assert answer["category_id"] == 1 and row.category_id == 1 and row.status == "PAUSED"
    await api.ok("POST", f"{base}/category", {"category_id": None})
    assert row.category_id is None
    status, body = await api.post(f"{base}/category", {"category_id": 999})
    assert status == 400 and "fetch-categories" in body["message"]
    await api.ok("POST", f"{base}/unsubscribe")
    assert row.is_unsubscribed and row.status == "STOPPED"
    assert not sb.state.leads[lead_id].is_unsubscribed
    await api.ok("POST", f"/campaigns/{camp.id}/leads/{map_id}/manual-complete")
    assert row.status == "COMPLETED"
    status, _ = await api.post(f"/campaigns/{camp.id}/leads/{lead_id}/manual-complete")
    assert status == 404


async def test_delete_lead_answers_plain_success(api: Api) -> None:
    sb = api.server
    camp = sb.seed_campaign(leads=3)
    lead_id, _ = _first_lead(sb, camp)
    status, text = await api.call("DELETE", f"/campaigns/{camp.id}/leads/{lead_id}")
    assert (status, text) == (200, "success")
    listed = await api.ok("GET", f"/campaigns/{camp.id}/leads")
    assert listed["total_leads"] == "2"
    status, _ = await api.call("DELETE", f"/campaigns/{camp.id}/leads/{lead_id}")
    assert status == 404
    found = await api.ok("GET", "/leads/", email=sb.state.leads[lead_id].email)
    assert found["id"] == lead_id and found["lead_campaign_data"] == []


# --------------------------------------------------------------------------- L10, L12


async def test_message_history_and_reply(api: Api) -> None:
    sb = api.server
    camp = sb.seed_campaign(leads=10)
    lead_id, map_id = _first_lead(sb, camp)
    path = f"/campaigns/{camp.id}/leads/{lead_id}/message-history"
    history = await api.ok("GET", path)
    thread = sb.state.thread(map_id)
    assert [h["stats_id"] for h in history["history"]] == [m.stats_id for m in thread]
    assert history["to"] == sb.state.leads[lead_id].email and history["from"]
    first = history["history"][0]
    assert first["type"] == "SENT" and first["email_seq_number"] == "1"
    assert set(first) >= {
        "message_id",
        "time",
        "email_body",
        "subject",
        "open_count",
        "click_count",
    }
    plain = await api.ok("GET", path, show_plain_text_response=True)
    assert "<p>" not in plain["history"][0]["email_body"]
    later = await api.ok("GET", path, event_time_gt=first["time"])
    assert len(later["history"]) == len(thread) - 1
    reply = await api.ok(
        "POST",
        f"/campaigns/{camp.id}/reply-email-thread",
        {"email_stats_id": first["stats_id"], "email_body": "<p>Thanks!</p>", "cc": "boss@x.io"},
    )
    assert reply["email_stats_id"] and reply["reply_message_id"].startswith("<")
    after = await api.ok("GET", path)
    assert after["history"][-1]["stats_id"] == reply["email_stats_id"]
    assert after["history"][-1]["type"] == "SENT" and after["history"][-1]["cc"] == "boss@x.io"


async def test_reply_scheduled_and_errors(api: Api) -> None:
    sb = api.server
    camp = sb.seed_campaign(leads=5)
    _, map_id = _first_lead(sb, camp)
    stats_id = sb.state.thread(map_id)[0].stats_id
    when = iso(sb.state.now() + timedelta(days=1))
    body = {"email_stats_id": stats_id, "email_body": "later", "scheduled_time": when}
    answer = await api.ok("POST", f"/campaigns/{camp.id}/reply-email-thread", body)
    assert answer["scheduled_time"] == when
    assert len(sb.state.campaign_leads[map_id].scheduled) == 1
    status, _ = await api.post(
        f"/campaigns/{camp.id}/reply-email-thread", {"email_stats_id": "nope", "email_body": "x"}
    )
    assert status == 404
    status, body_ = await api.post(f"/campaigns/{camp.id}/reply-email-thread", {"email_body": "x"})
    assert status == 400 and body_["message"] == '"email_stats_id" is required'


# --------------------------------------------------------------------------- L13, L14


async def test_export_is_csv(api: Api) -> None:
    sb = api.server
    camp = sb.seed_campaign(leads=25)
    async with api.session.get(
        sb.url(f"/campaigns/{camp.id}/leads-export"), params={"api_key": sb.api_key}
    ) as resp:
        assert resp.status == 200 and resp.content_type == "text/csv"
        text = await resp.text()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 25
    assert list(rows[0])[:3] == ["id", "campaign_lead_map_id", "status"]
    assert {int(r["campaign_lead_map_id"]) for r in rows} == set(camp.lead_map_ids)
    replies = sum(sb.state.campaign_leads[i].reply_count for i in camp.lead_map_ids)
    assert sum(int(r["reply_count"]) for r in rows) == replies


async def test_all_leads_activities(api: Api) -> None:
    sb = api.server
    sb.seed_campaign(leads=30)
    body = await api.ok("GET", "/campaigns/all-leads-activities", limit=50)
    times = [a["event_time"] for a in body["data"]]
    assert times == sorted(times, reverse=True) and len(times) == 50
    assert {a["activity_type"] for a in body["data"]} <= {
        "SENT",
        "OPEN",
        "CLICK",
        "REPLY",
        "BOUNCE",
        "UNSUBSCRIBE",
    }
    window = await api.ok(
        "GET",
        "/campaigns/all-leads-activities",
        event_time_from=times[-1],
        event_time_to=times[0],
        limit=1000,
    )
    assert window["total"] >= 50
    status, answer = await api.get("/campaigns/all-leads-activities", event_time_to=times[0])
    assert status == 400 and "requires event_time_from" in answer["message"]
    status, _ = await api.get("/campaigns/all-leads-activities", limit=1001)
    assert status == 400
