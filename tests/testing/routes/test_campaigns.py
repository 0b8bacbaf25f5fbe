"""Campaign routes C1-C19 over plain HTTP."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers.sandbox_api import Api

SCHEDULE = {
    "timezone": "Europe/Berlin",
    "days_of_the_week": [1, 2, 3],
    "start_hour": "08:30",
    "end_hour": "17:00",
    "min_time_btw_emails": 7,
    "max_new_leads_per_day": 40,
}
STEP = {"id": None, "seq_number": 1, "seq_delay_details": {"delay_in_days": 0}, "email_body": "B"}


async def _create(api: Api, name: str = "Q1", **extra: Any) -> int:
    body = await api.ok("POST", "/campaigns/create", {"name": name, **extra})
    assert body["ok"] is True and body["name"] == name and body["created_at"].endswith("Z")
    return int(body["id"])


async def _ready(api: Api) -> int:
    """A campaign with one step and one attached sender account."""
    campaign_id = await _create(api)
    account = api.server.seed_email_accounts(1)[0]
    await api.ok("POST", f"/campaigns/{campaign_id}/sequences", {"sequences": [STEP]})
    await api.ok(
        "POST", f"/campaigns/{campaign_id}/email-accounts", {"email_account_ids": [account.id]}
    )
    return campaign_id


async def test_create_get_and_list_newest_first(api: Api) -> None:
    first = await _create(api, "First")
    second = await _create(api, "Second")
    listed = await api.ok("GET", "/campaigns/")
    assert [c["id"] for c in listed] == [second, first]
    camp = await api.ok("GET", f"/campaigns/{first}")
    assert camp["status"] == "DRAFTED" and camp["name"] == "First" and "tags" not in camp
    assert set(camp) >= {"scheduler_cron_value", "track_settings", "max_leads_per_day", "client_id"}
    default = await api.ok("POST", "/campaigns/create")
    assert default["name"] == "Untitled Campaign"


async def test_create_validation(api: Api) -> None:
    status, body = await api.post("/campaigns/create", {"name": "x" * 256})
    assert status == 400 and "at most 255" in body["message"]
    status, body = await api.post("/campaigns/create", {"name": "A", "client_id": 999})
    assert status == 400 and body["message"] == "client_id 999 does not exist"


async def test_list_filters_by_client_and_includes_tags(api: Api) -> None:
    client = await api.ok("POST", "/client/save", {"name": "Acme", "email": "ops@acme.io"})
    mine = await _create(api, "Client camp", client_id=client["id"])
    await _create(api, "Other")
    listed = await api.ok("GET", "/campaigns/", client_id=client["id"], include_tags=True)
    assert [c["id"] for c in listed] == [mine] and listed[0]["tags"] == []


async def test_missing_campaign_is_404(api: Api) -> None:
    status, body = await api.get("/campaigns/424242")
    assert status == 404 and "424242" in body["message"]
    status, _ = await api.get("/campaigns/424242/sequences")
    assert status == 404


async def test_status_transitions(api: Api) -> None:
    campaign_id = await _create(api)
    status, body = await api.post(f"/campaigns/{campaign_id}/status", {"status": "START"})
    assert status == 400 and "email account" in body["message"]
    status, body = await api.post(f"/campaigns/{campaign_id}/status", {"status": "ACTIVE"})
    assert status == 400 and "START, PAUSED, STOPPED" in body["message"]
    ready = await _ready(api)
    await api.ok("POST", f"/campaigns/{ready}/status", {"status": "START"})
    assert (await api.ok("GET", f"/campaigns/{ready}"))["status"] == "ACTIVE"
    await api.ok("POST", f"/campaigns/{ready}/status", {"status": "PAUSED"})
    await api.ok("POST", f"/campaigns/{ready}/status", {"status": "STOPPED"})
    status, body = await api.post(f"/campaigns/{ready}/status", {"status": "START"})
    assert status == 400 and "STOPPED" in body["message"]
    status, text = await api.call("PATCH", f"/campaigns/{ready}/status", {"status": "START"})
    assert (status, text) == (404, f"Cannot PATCH /api/v1/campaigns/{ready}/status")


async def test_schedule_saved_and_validated(api: Api) -> None:
    campaign_id = await _create(api)
    assert await api.ok("POST", f"/campaigns/{campaign_id}/schedule", SCHEDULE) == {"ok": True}
    camp = await api.ok("GET", f"/campaigns/{campaign_id}")
    assert camp["scheduler_cron_value"] == {
        "tz": "Europe/Berlin",
        "days": [1, 2, 3],
        "startHour": "08:30",
        "endHour": "17:00",
    }
    assert camp["max_leads_per_day"] == 40 and camp["min_time_btwn_emails"] == 7
    for change, message in [
        ({"timezone": "Mars/Base"}, "IANA time zone"),
        ({"days_of_the_week": [7]}, "0 (Sunday)"),
        ({"start_hour": "9am"}, "HH:MM"),
        ({"end_hour": "08:00"}, "must be after"),
        ({"max_new_leads_per_day": 0}, "between 1 and"),
        ({"schedule_start_time": "soon"}, "ISO 8601"),
    ]:
        status, body = await api.post(f"/campaigns/{campaign_id}/schedule", {**SCHEDULE, **change})
        assert status == 400 and message in body["message"], change
    partial = {k: v for k, v in SCHEDULE.items() if k != "max_new_leads_per_day"}
    status, body = await api.post(f"/campaigns/{campaign_id}/schedule", partial)
    assert status == 400 and body["message"] == '"max_new_leads_per_day" is required'


async def test_settings(api: Api) -> None:
    campaign_id = await _create(api)
    body = {
        "name": "Renamed",
        "track_settings": ["DONT_TRACK_EMAIL_OPEN"],
        "stop_lead_settings": "CLICK_ON_A_LINK",
        "follow_up_percentage": 40,
        "send_as_plain_text": True,
        "out_of_office_detection_settings": {"ignoreOOOasReply": True},
    }
    await api.ok("POST", f"/campaigns/{campaign_id}/settings", body)
    camp = await api.ok("GET", f"/campaigns/{campaign_id}")
    assert camp["name"] == "Renamed" and camp["track_settings"] == ["DONT_TRACK_EMAIL_OPEN"]
    assert camp["stop_lead_settings"] == "CLICK_ON_A_LINK" and camp["follow_up_percentage"] == 40
    assert camp["send_as_plain_text"] is True
    for bad in (
        {"track_settings": ["DONT_EMAIL_OPEN"]},
        {"stop_lead_settings": "NEVER"},
        {"follow_up_percentage": 101},
        {"send_as_plain_text": "yes"},
    ):
        status, _ = await api.post(f"/campaigns/{campaign_id}/settings", bad)
        assert status == 400, bad


async def test_sequences_full_replace(api: Api) -> None:
    campaign_id = await _create(api)
    status, body = await api.post(f"/campaigns/{campaign_id}/sequences", [STEP])
    assert status == 400 and body["message"].startswith('"value" must be of type object')
    steps = [
        {**STEP, "subject": "Hello", "seq_variants": [{"subject": "A", "email_body": "a"}]},
        {**STEP, "seq_number": 2, "seq_delay_details": {"delay_in_days": 3}, "email_body": "F"},
    ]
    await api.ok("POST", f"/campaigns/{campaign_id}/sequences", {"sequences": steps})
    saved = await api.ok("GET", f"/campaigns/{campaign_id}/sequences")
    assert [s["seq_number"] for s in saved] == [1, 2]
    assert saved[1]["seq_delay_details"] == {"delayInDays": 3}
    assert saved[0]["sequence_variants"][0]["variant_label"] == "A"
    keep = {**STEP, "id": saved[1]["id"], "email_body": "F2"}
    await api.ok("POST", f"/campaigns/{campaign_id}/sequences", {"sequences": [keep]})
    replaced = await api.ok("GET", f"/campaigns/{campaign_id}/sequences")
    assert [(s["id"], s["email_body"]) for s in replaced] == [(saved[1]["id"], "F2")]
    for bad, message in [
        ({"sequences": [{**STEP, "id": 1}]}, "is not a sequence"),
        ({"sequences": [STEP, STEP]}, "unique"),
        ({"sequences": [{**STEP, "seq_delay_details": {}}]}, "delayInDays"),
        (
            {"sequences": [{"seq_number": 1, "seq_delay_details": {"delay_in_days": 0}}]},
            "email_body",
        ),
    ]:
        status, body = await api.post(f"/campaigns/{campaign_id}/sequences", bad)
        assert status == 400 and message in body["message"]


async def test_delete_then_get_is_empty_200(api: Api) -> None:
    campaign_id = await _ready(api)
    assert await api.ok("DELETE", f"/campaigns/{campaign_id}") == {"ok": True}
    status, text = await api.get(f"/campaigns/{campaign_id}")
    assert (status, text) == (200, "")
    assert await api.ok("GET", "/campaigns/") == []
    status, _ = await api.get(f"/campaigns/{campaign_id}/leads")
    assert status == 404
    account_id = next(iter(api.server.state.email_accounts))
    assert api.server.state.email_accounts[account_id].campaign_ids == []


async def test_attach_list_detach_accounts(api: Api) -> None:
    campaign_id = await _create(api)
    accounts = api.server.seed_email_accounts(2)
    ids = [a.id for a in accounts]
    body = await api.ok(
        "POST", f"/campaigns/{campaign_id}/email-accounts", {"email_account_ids": ids}
    )
    assert [row["email_account_id"] for row in body["data"]] == ids
    listed = await api.ok("GET", f"/campaigns/{campaign_id}/email-accounts")
    assert [a["id"] for a in listed] == ids
    await api.call(
        "DELETE", f"/campaigns/{campaign_id}/email-accounts", {"email_account_ids": ids[:1]}
    )
    assert [
        a["id"] for a in await api.ok("GET", f"/campaigns/{campaign_id}/email-accounts")
    ] == ids[1:]
    status, body = await api.post(
        f"/campaigns/{campaign_id}/email-accounts", {"email_account_id": 1}
    )
    assert status == 400 and body["message"] == '"email_account_ids" is required'
    status, body = await api.post(
        f"/campaigns/{campaign_id}/email-accounts", {"email_account_ids": [999999]}
    )
    assert status == 400 and "999999" in body["message"]


async def test_duplicate_and_subsequence(api: Api) -> None:
    source = await _ready(api)
    copy = await api.ok("POST", f"/campaigns/{source}/duplicate", {})
    assert copy["name"].endswith("(copy)") and copy["id"] != source
    assert len(await api.ok("GET", f"/campaigns/{copy['id']}/sequences")) == 1
    assert len(await api.ok("GET", f"/campaigns/{copy['id']}/email-accounts")) == 1
    child = await api.ok(
        "POST",
        "/campaigns/create-subsequence",
        {"parent_campaign_id": source, "subsequence_name": "Sub"},
    )
    assert child["parent_campaign_id"] == source
    camp = await api.ok("GET", f"/campaigns/{child['id']}")
    assert camp["parent_campaign_id"] == source and camp["name"] == "Sub"
    status, _ = await api.post("/campaigns/create-subsequence", {"parent_campaign_id": 1})
    assert status == 404


async def test_test_email_team_member_and_lead_sender(api: Api) -> None:
    camp = api.server.seed_campaign(leads=3)
    lead_id = api.server.state.campaign_leads[camp.lead_map_ids.page(0, 1)[0]].lead_id
    sent = await api.ok(
        "POST", f"/campaigns/{camp.id}/send-test-email", {"leadId": lead_id, "sequenceNumber": 1}
    )
    assert "Test email sent" in sent["message"]
    status, body = await api.post(
        f"/campaigns/{camp.id}/send-test-email", {"leadId": lead_id, "sequenceNumber": 9}
    )
    assert status == 400 and "sequenceNumber 9" in body["message"]
    member = next(iter(api.server.state.team_members))
    await api.ok("POST", f"/campaigns/{camp.id}/team-member", {"teamMemberId": member})
    assert api.server.state.campaigns[camp.id].team_member_id == member
    await api.ok("POST", f"/campaigns/{camp.id}/team-member", {"teamMemberId": None})
    status, _ = await api.post(f"/campaigns/{camp.id}/team-member", {"teamMemberId": 999})
    assert status == 400
    other = api.server.seed_email_accounts(1)[0]
    body = {"email_account_id": other.id, "email_campaign_id": camp.id, "email_lead_id": lead_id}
    await api.ok("POST", "/campaigns/update-lead-email-account", body)
    assert api.server.state.campaign_lead(camp, lead_id).email_account_id == other.id  # type: ignore[union-attr]


async def test_forward_email(api: Api) -> None:
    camp = api.server.seed_campaign(leads=5)
    msg = next(api.server.state.messages[s] for s in api.server.state.messages_by_campaign[camp.id])
    body = {"message_id": msg.message_id, "stats_id": msg.stats_id, "to_emails": "a@x.io, b@y.io"}
    done = await api.ok("POST", f"/campaigns/{camp.id}/forward-email", body)
    assert done["data"]["forwarded_to"] == ["a@x.io", "b@y.io"]
    status, body_ = await api.post(
        f"/campaigns/{camp.id}/forward-email", {**body, "to_emails": "nope"}
    )
    assert status == 400 and "nope" in body_["message"]
    status, _ = await api.post(f"/campaigns/{camp.id}/forward-email", {**body, "message_id": "<x>"})
    assert status == 400


@pytest.mark.parametrize("tz", ["UTC", "America/New_York"])
async def test_sequence_analytics_computed_from_messages(api: Api, tz: str) -> None:
    state = api.server.state
    camp = api.server.seed_campaign(leads=80, steps=2)
    body = await api.ok(
        "GET",
        f"/campaigns/{camp.id}/sequence-analytics",
        start_date="2000-01-01",
        end_date="2100-01-01",
        time_zone=tz,
    )
    sent = [
        state.messages[s]
        for s in state.messages_by_campaign[camp.id]
        if state.messages[s].type == "SENT" and not state.messages[s].is_manual
    ]
    for row in body["data"]:
        step = [m for m in sent if m.seq_number == row["seq_number"]]
        assert row["sent_count"] == str(len(step))
        assert row["open_count"] == str(sum(m.open_count > 0 for m in step))
        assert row["reply_count"] == str(sum(m.reply_time is not None for m in step))
    assert sum(int(r["sent_count"]) for r in body["data"]) == len(sent) > 0
    status, body = await api.get(
        f"/campaigns/{camp.id}/sequence-analytics", start_date="2026-02-01", end_date="2026-01-01"
    )
    assert status == 400 and "end_date" in body["message"]
    status, body = await api.get(
        f"/campaigns/{camp.id}/sequence-analytics", start_date="2026-01-01"
    )
    assert status == 400 and body["message"] == "query parameter end_date is required"
