"""Statistics and analytics A1-A7 over plain HTTP, checked against a hand-built message history.

The workspace below runs on a fixed clock (2026-03-15 12:00 UTC) so every count is known:

* campaign X (ACTIVE, 3 steps, senders A=acme.test GMAIL and B=other.test OUTLOOK)
  - L1 (A): step 1 sent 03-05 12:00, opened 03-05 14:00, clicked 03-05 20:00, replied
    03-06 10:00 (Interested), then a manual answer 03-06 11:00 (not a sequence email)
  - L2 (B): step 1 sent 03-05 12:00; step 2 sent 03-08 12:00, opened 03-08 13:00, bounced
    (mailer-daemon notice 03-08 12:01); status BLOCKED
  - L3 (A): step 1 sent 03-01 12:00, unsubscribed from it; status STOPPED
  - L4 (B): enrolled 03-07, never contacted
* campaign Y (PAUSED, client 31): L5 step 1 sent 03-10 12:00, replied 03-12 12:00 (Not Interested)
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from smartlead_async.testing import SandboxServer, SandboxState
from smartlead_async.testing.state import Campaign, CampaignLead, Client, Message
from tests.helpers.sandbox_api import Api

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)


def at(day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


@dataclass
class World:
    state: SandboxState
    x: Campaign
    y: Campaign
    rows: dict[str, CampaignLead]


def _send(state: SandboxState, row: CampaignLead, step: int, when: datetime) -> Message:
    return state.add_message(
        row,
        "SENT",
        time=when,
        subject=f"Step {step}",
        body=f"<p>Step {step}</p>",
        seq_number=step,
        from_email="sender@acme.test",
        to_email=state.leads[row.lead_id].email,
        email_account_id=row.email_account_id,
    )


def _reply(state: SandboxState, row: CampaignLead, parent: Message, when: datetime) -> Message:
    return state.add_message(
        row,
        "REPLY",
        time=when,
        subject="Re: " + parent.subject,
        body="<p>Thanks</p>",
        seq_number=parent.seq_number,
        from_email=parent.to_email,
        to_email=parent.from_email,
        email_account_id=row.email_account_id,
        in_reply_to=parent.stats_id,
    )


def build_world(state: SandboxState) -> World:
    category = {c.name: c.id for c in state.categories.values()}
    a = state.add_email_account("sender@acme.test", "A", type="GMAIL")
    b = state.add_email_account("sender@other.test", "B", type="OUTLOOK")
    x = state.add_campaign("X", created_at=at(1, 0))
    x.status = "ACTIVE"
    for step in (1, 2, 3):
        x.sequences.append(state.new_sequence(x, step, f"Step {step}", "<p>body</p>", 2))
    state.attach_accounts(x, [a.id, b.id])
    rows: dict[str, CampaignLead] = {}
    for name, day in (("L1", 1), ("L2", 1), ("L3", 1), ("L4", 7)):
        lead = state.add_lead(f"{name.lower()}@leads.test", first_name=name)
        rows[name] = state.enrol(x, lead, created_at=at(day, 0))

    l1 = rows["L1"]
    first = _send(state, l1, 1, at(5))
    state.record_open(first, at(5, 14))
    state.record_click(first, at(5, 20), "https://example.com/demo")
    reply = _reply(state, l1, first, at(6, 10))
    state.add_message(
        l1,
        "SENT",
        time=at(6, 11),
        subject="Re: Step 1",
        body="<p>Booking link</p>",
        seq_number=1,
        from_email="sender@acme.test",
        to_email="l1@leads.test",
        email_account_id=l1.email_account_id,
        in_reply_to=reply.stats_id,
        is_manual=True,
    )
    l1.category_id = category["Interested"]

    l2 = rows["L2"]
    _send(state, l2, 1, at(5))
    second = _send(state, l2, 2, at(8))
    state.record_open(second, at(8, 13))
    state.record_bounce(second)
    state.add_message(
        l2,
        "REPLY",
        time=at(8, 12, 1),
        subject="Undelivered",
        body="<p>failed</p>",
        seq_number=2,
        from_email="mailer-daemon@googlemail.com",
        to_email="sender@other.test",
        in_reply_to=second.stats_id,
        is_bounce_notice=True,
    )
    l2.status = "BLOCKED"

    l3 = rows["L3"]
    unsub = _send(state, l3, 1, at(1))
    unsub.is_unsubscribed = True
    l3.is_unsubscribed = True
    l3.status = "STOPPED"

    state.clients[31] = Client(31, "Client 31", "c31@client.test", "uuid-31", at(1, 0))
    y = state.add_campaign("Y", client_id=31, created_at=at(1, 0))
    y.status = "PAUSED"
    state.attach_accounts(y, [a.id])
    l5 = state.enrol(y, state.add_lead("l5@leads.test", first_name="L5"), created_at=at(2, 0))
    _reply(state, l5, _send(state, l5, 1, at(10)), at(12))
    l5.category_id = category["Not Interested"]
    rows["L5"] = l5
    return World(state, x, y, rows)


@pytest_asyncio.fixture
async def world_api() -> AsyncIterator[tuple[World, Api]]:
    state = SandboxState(seed=1, clock=lambda: NOW)
    async with (
        SandboxServer(rate_limits=None, api_key="k", state=state) as server,
        aiohttp.ClientSession() as session,
    ):
        yield build_world(server.state), Api(session, server)


@pytest.fixture
def world(world_api: tuple[World, Api]) -> World:
    return world_api[0]


@pytest.fixture
def wapi(world_api: tuple[World, Api]) -> Api:
    return world_api[1]


# --------------------------------------------------------------------------- A1


async def test_statistics_rows_and_total_as_string(wapi: Api, world: World) -> None:
    answer = await wapi.ok("GET", f"/campaigns/{world.x.id}/statistics")
    assert answer["total_stats"] == "4" and answer["offset"] == 0 and answer["limit"] == 100
    rows = answer["data"]
    assert [r["lead_email"] for r in rows] == [
        "l1@leads.test",
        "l2@leads.test",
        "l2@leads.test",
        "l3@leads.test",
    ]
    first = rows[0]
    assert first["lead_name"] == "L1" and first["lead_category"] == "Interested"
    assert first["sequence_number"] == 1 and first["open_count"] == 1
    assert first["open_time"] == "2026-03-05T14:00:00.000Z"
    assert first["reply_time"] == "2026-03-06T10:00:00.000Z"
    assert rows[2]["is_bounced"] is True and rows[3]["is_unsubscribed"] is True


@pytest.mark.parametrize(
    ("params", "emails"),
    [
        ({"email_status": "replied"}, ["l1"]),
        ({"email_status": "opened"}, ["l1", "l2"]),
        ({"email_status": "clicked"}, ["l1"]),
        ({"email_status": "bounced"}, ["l2"]),
        ({"email_status": "unsubscribed"}, ["l3"]),
        ({"email_sequence_number": 2}, ["l2"]),
        ({"sent_time_start_date": "2026-03-05 00:00:00.000Z"}, ["l1", "l2", "l2"]),
        ({"sent_time_end_date": "2026-03-02T00:00:00Z"}, ["l3"]),
    ],
)
async def test_statistics_filters(
    wapi: Api, world: World, params: dict[str, Any], emails: list[str]
) -> None:
    answer = await wapi.ok("GET", f"/campaigns/{world.x.id}/statistics", **params)
    assert [r["lead_email"].split("@")[0] for r in answer["data"]] == emails
    assert answer["total_stats"] == str(len(emails))


async def test_statistics_pages_concatenate(api: Api, sandbox: SandboxServer) -> None:
    camp = sandbox.seed_campaign(leads=60)
    path = f"/campaigns/{camp.id}/statistics"
    everything = await api.ok("GET", path, limit=1000)
    total = int(everything["total_stats"])
    assert total == len(everything["data"]) > 40
    pages = []
    for offset in range(0, total, 17):
        page = await api.ok("GET", path, offset=offset, limit=17)
        assert page["total_stats"] == str(total)
        pages.extend(page["data"])
    assert pages == everything["data"]


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 1001},
        {"limit": 0},
        {"offset": -1},
        {"email_status": "Opened"},
        {"email_sequence_number": 21},
        {"sent_time_start_date": "March"},
        {"sent_time_start_date": "2026-03-05", "sent_time_end_date": "2026-03-01"},
    ],
)
async def test_statistics_validation(wapi: Api, world: World, params: dict[str, Any]) -> None:
    status, body = await wapi.call("GET", f"/campaigns/{world.x.id}/statistics", **params)
    assert status == 400 and body["message"]


async def test_unknown_or_deleted_campaign_is_404(wapi: Api, world: World) -> None:
    world.state.delete_campaign(world.y)
    for path in ("statistics", "analytics", "leads-statistics", "mailbox-statistics"):
        status, body = await wapi.call("GET", f"/campaigns/{world.y.id}/{path}")
        assert status == 404 and body == {"message": f"Campaign {world.y.id} not found"}


# --------------------------------------------------------------------------- A2-A4


async def test_campaign_analytics_counts_are_strings(wapi: Api, world: World) -> None:
    data = await wapi.ok("GET", f"/campaigns/{world.x.id}/analytics")
    expected = {
        "sent_count": "4",
        "open_count": "2",
        "click_count": "1",
        "reply_count": "1",
        "bounce_count": "1",
        "block_count": "1",
        "unsubscribed_count": "1",
        "total_count": "4",
        "drafted_count": "1",
        "sequence_count": "3",
        "unique_sent_count": "3",
        "unique_open_count": "2",
        "unique_click_count": "1",
    }
    assert {k: data[k] for k in expected} == expected
    assert data["id"] == world.x.id and data["status"] == "ACTIVE" and data["name"] == "X"
    stats = data["campaign_lead_stats"]
    assert (stats["total"], stats["blocked"], stats["stopped"]) == (4, 1, 1)
    assert (stats["inprogress"], stats["notStarted"], stats["interested"]) == (1, 1, 1)
    y = await wapi.ok("GET", f"/campaigns/{world.y.id}/analytics")
    assert (y["client_id"], y["client_name"], y["reply_count"]) == (31, "Client 31", "1")


async def test_analytics_by_date_window(wapi: Api, world: World) -> None:
    path = f"/campaigns/{world.x.id}/analytics-by-date"
    data = await wapi.ok("GET", path, start_date="2026-03-06", end_date="2026-03-08")
    got = {k: data[k] for k in ("sent_count", "open_count", "click_count", "reply_count")}
    assert got == {"sent_count": "1", "open_count": "1", "click_count": "0", "reply_count": "1"}
    assert (data["bounce_count"], data["total_count"], data["block_count"]) == ("1", "1", "1")
    assert (data["start_date"], data["end_date"]) == ("2026-03-06", "2026-03-08")
    whole = await wapi.ok("GET", path, start_date="2026-03-01", end_date="2026-03-15")
    full = await wapi.ok("GET", f"/campaigns/{world.x.id}/analytics")
    for key in ("sent_count", "open_count", "click_count", "reply_count", "bounce_count"):
        assert whole[key] == full[key], key


async def test_analytics_by_date_time_zone_moves_day_boundaries(wapi: Api, world: World) -> None:
    path = f"/campaigns/{world.x.id}/analytics-by-date"
    day: dict[str, Any] = {"start_date": "2026-03-06", "end_date": "2026-03-06"}
    utc = await wapi.ok("GET", path, **day)
    tokyo = await wapi.ok("GET", path, **day, time_zone="Asia/Tokyo")
    assert (utc["click_count"], tokyo["click_count"]) == ("0", "1")
    status, body = await wapi.call("GET", path, **day, time_zone="Mars/Olympus")
    assert status == 400 and "time_zone" in body["message"]


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"start_date": "2026-03-01", "end_date": "2026-04-01"}, "at most 30 days"),
        ({"start_date": "2026-03-01"}, "end_date"),
        ({"end_date": "2026-03-01"}, "start_date"),
        ({"start_date": "2026-03-05", "end_date": "2026-03-01"}, "before"),
        ({"start_date": "03/01/2026", "end_date": "2026-03-02"}, "YYYY-MM-DD"),
    ],
)
async def test_analytics_by_date_validation(
    wapi: Api, world: World, params: dict[str, Any], fragment: str
) -> None:
    status, body = await wapi.call("GET", f"/campaigns/{world.x.id}/analytics-by-date", **params)
    assert status == 400 and fragment in body["message"]


async def test_thirty_day_span_is_allowed(wapi: Api, world: World) -> None:
    path = f"/campaigns/{world.x.id}/analytics-by-date"
    data = await wapi.ok("GET", path, start_date="2026-03-01", end_date="2026-03-31")
    assert data["sent_count"] == "4"


async def test_top_level_analytics_by_date_days_add_up(wapi: Api, world: World) -> None:
    path = f"/campaigns/{world.x.id}/top-level-analytics-by-date"
    data = await wapi.ok("GET", path, start_date="2026-03-01", end_date="2026-03-10")
    days = data["day_wise_stats"]
    assert len(days) == 10 and days[0]["date"] == "2026-03-01"
    for key, total_key in (("sent", "sent_count"), ("opened", "open_count")):
        assert sum(int(d[key]) for d in days) == int(data[total_key])
    assert next(d for d in days if d["date"] == "2026-03-05")["sent"] == "2"


# --------------------------------------------------------------------------- A5, A6


async def test_leads_statistics(wapi: Api, world: World) -> None:
    path = f"/campaigns/{world.x.id}/leads-statistics"
    answer = await wapi.ok("GET", path, limit=2)
    assert answer["total_leads"] == "4" and len(answer["data"]) == 2
    assert answer["data"][0]["email"] == "l1@leads.test"
    assert answer["data"][0]["reply_count"] == 1
    recent = await wapi.ok("GET", path, event_time_gt="2026-03-07")
    assert [r["email"] for r in recent["data"]] == ["l2@leads.test"]
    status, _ = await wapi.call("GET", path, limit=101)
    assert status == 400


async def test_mailbox_statistics(wapi: Api, world: World) -> None:
    path = f"/campaigns/{world.x.id}/mailbox-statistics"
    answer = await wapi.ok("GET", path)
    by_email = {r["from_email"]: r for r in answer["data"]}
    assert by_email["sender@acme.test"]["sent_count"] == 2
    assert by_email["sender@other.test"]["sent_count"] == 2
    assert by_email["sender@other.test"]["bounce_count"] == 1
    assert by_email["sender@other.test"]["bounce_rate"] == "50%"
    windowed = await wapi.ok("GET", path, start_date="2026-03-08", end_date="2026-03-08")
    assert {r["from_email"]: r["sent_count"] for r in windowed["data"]} == {
        "sender@acme.test": 0,
        "sender@other.test": 1,
    }
    for params in ({"limit": 21}, {"start_date": "2026-03-01"}):
        status, _ = await wapi.call("GET", path, **params)
        assert status == 400, params


# --------------------------------------------------------------------------- A7

MARCH: dict[str, Any] = {"start_date": "2026-03-01", "end_date": "2026-03-15"}


async def test_overview_does_not_exist(wapi: Api) -> None:
    status, text = await wapi.call("GET", "/analytics/overview", **MARCH)
    assert status == 404 and text == "Cannot GET /api/v1/analytics/overview"


async def test_overall_stats_v2(wapi: Api, world: World) -> None:
    stats = (await wapi.ok("GET", "/analytics/overall-stats-v2", **MARCH))["data"]["overall_stats"]
    got = {k: stats[k] for k in ("sent", "opened", "clicked", "replied", "positive_replied")}
    assert got == {"sent": 5, "opened": 2, "clicked": 1, "replied": 2, "positive_replied": 1}
    assert (stats["bounced"], stats["unsubscribed"], stats["unique_lead_count"]) == (1, 1, 4)
    assert (stats["reply_rate"], stats["open_rate"], stats["bounce_rate"]) == ("40%", "40%", "20%")
    only_y = await wapi.ok("GET", "/analytics/overall-stats-v2", **MARCH, campaign_ids=world.y.id)
    assert only_y["data"]["overall_stats"]["sent"] == 1
    client = await wapi.ok("GET", "/analytics/overall-stats-v2", **MARCH, client_ids="31,77")
    assert client["data"]["overall_stats"]["replied"] == 1
    status, body = await wapi.call("GET", "/analytics/overall-stats-v2", start_date="2026-03-01")
    assert status == 400 and "end_date" in body["message"]


async def test_day_wise_by_event_and_by_sent_time(wapi: Api, world: World) -> None:
    params: dict[str, Any] = {
        "start_date": "2026-03-05",
        "end_date": "2026-03-06",
        "timezone": "UTC",
    }
    by_event = await wapi.ok("GET", "/analytics/day-wise-overall-stats", **params)
    days = {d["date"]: d["email_engagement_metrics"] for d in by_event["data"]["day_wise_stats"]}
    assert (days["2026-03-05"]["clicked"], days["2026-03-06"]["replied"]) == (1, 1)
    assert by_event["data"]["day_wise_stats"][0]["day_name"] == "Thursday"
    by_sent = await wapi.ok("GET", "/analytics/day-wise-overall-stats-by-sent-time", **params)
    days = {d["date"]: d["email_engagement_metrics"] for d in by_sent["data"]["day_wise_stats"]}
    assert (days["2026-03-05"]["replied"], days["2026-03-06"]["replied"]) == (1, 0)
    positive = await wapi.ok("GET", "/analytics/day-wise-positive-reply-stats", **params)
    assert [d["positive_replies"] for d in positive["data"]["day_wise_stats"]] == [0, 1]
    for path in (
        "day-wise-overall-stats-by-sent-time",
        "day-wise-positive-reply-stats-by-sent-time",
    ):
        status, body = await wapi.call("GET", f"/analytics/{path}", **MARCH)
        assert status == 400 and "timezone" in body["message"]


async def test_campaign_family(wapi: Api, world: World) -> None:
    listed = (await wapi.ok("GET", "/analytics/campaign/list", client_ids=31))["data"]
    assert [c["id"] for c in listed["campaigns"]] == [world.y.id]
    status = (await wapi.ok("GET", "/analytics/campaign/status-stats"))["data"]
    assert status["campaign_status_stats"]["active_count"] == 1
    assert status["campaign_status_stats"]["paused_count"] == 1
    overall = await wapi.ok("GET", "/analytics/campaign/overall-stats", **MARCH, limit=1)
    rows = overall["data"]["campaign_wise_performance"]
    assert overall["data"]["total_count"] == 2 and [r["campaign_id"] for r in rows] == [world.x.id]
    assert rows[0]["sent"] == 4 and rows[0]["reply_rate"] == "25%"
    second = await wapi.ok("GET", "/analytics/campaign/overall-stats", **MARCH, limit=1, offset=1)
    assert [r["campaign_id"] for r in second["data"]["campaign_wise_performance"]] == [world.y.id]
    everything = await wapi.ok(
        "GET", "/analytics/campaign/overall-stats", **MARCH, limit=1, full_data=True
    )
    assert len(everything["data"]["campaign_wise_performance"]) == 2
    response = await wapi.ok("GET", "/analytics/campaign/response-stats", **MARCH)
    per = {r["campaign_id"]: r for r in response["data"]["campaign_response_stats"]}
    assert (per[world.x.id]["positive_replied"], per[world.y.id]["negative_replied"]) == (1, 1)


async def test_reply_timing_family(wapi: Api, world: World) -> None:
    follow = (await wapi.ok("GET", "/analytics/campaign/follow-up-reply-rate", **MARCH))["data"]
    steps = {r["sequence_number"]: r for r in follow["follow_up_reply_rate"]}
    assert (steps[1]["sent"], steps[1]["replied"], steps[1]["reply_rate"]) == (4, 2, "50%")
    assert (steps[2]["sent"], steps[2]["replied"]) == (1, 0)
    assert follow["overall_follow_up_reply_rate"] == "0%"
    status, body = await wapi.call(
        "GET", "/analytics/campaign/follow-up-reply-rate", **MARCH, campaign_id=world.x.id
    )
    assert status == 400 and "campaign_ids" in body["message"]
    timing = (await wapi.ok("GET", "/analytics/campaign/lead-to-reply-time", **MARCH))["data"]
    info = timing["lead_to_reply_time"]
    assert (info["replied_lead_count"], info["average_hours"], info["median_hours"]) == (2, 35, 35)
    buckets = {b["label"]: b["count"] for b in info["buckets"]}
    assert (buckets["6-24 hours"], buckets["1-3 days"]) == (1, 1)
    first = (await wapi.ok("GET", "/analytics/campaign/leads-take-for-first-reply", **MARCH))[
        "data"
    ]
    assert first["leads_take_for_first_reply"] == [{"emails_sent": 1, "lead_count": 2}]


async def test_client_and_lead_family(wapi: Api, world: World) -> None:
    clients = (await wapi.ok("GET", "/analytics/client/list"))["data"]["clients"]
    assert clients == [
        {
            "id": 31,
            "name": "Client 31",
            "email": "c31@client.test",
            "campaign_count": 1,
            "created_at": "2026-03-01T00:00:00.000Z",
        }
    ]
    perf = await wapi.ok("GET", "/analytics/client/overall-stats", **MARCH, filter="client")
    row = perf["data"]["client_wise_performance"][0]
    assert (row["client_id"], row["sent"], row["replied"]) == (31, 1, 1)
    none = await wapi.ok("GET", "/analytics/client/overall-stats", **MARCH, filter="nobody")
    assert none["data"]["client_wise_performance"] == []
    months = await wapi.ok("GET", "/analytics/client/month-wise-count")
    assert months["data"]["month_wise_client_count"] == [{"month": "2026-03", "count": 1}]
    leads = (await wapi.ok("GET", "/analytics/lead/overall-stats", **MARCH))["data"]
    stats = leads["lead_overall_stats"]
    assert (stats["total_leads"], stats["contacted"], stats["replied"]) == (5, 4, 2)
    assert stats["status_counts"]["BLOCKED"] == 1
    categories = await wapi.ok("GET", "/analytics/lead/category-wise-response", **MARCH)
    names = {
        r["category_name"]: r["lead_count"] for r in categories["data"]["category_wise_response"]
    }
    assert names == {"Interested": 1, "Not Interested": 1}


async def test_mailbox_and_team_family(wapi: Api, world: World) -> None:
    overall = (await wapi.ok("GET", "/analytics/mailbox/overall-stats"))["data"]
    assert overall["mailbox_overall_stats"]["total_mailboxes"] == 2
    assert overall["mailbox_overall_stats"]["by_type"] == {"GMAIL": 1, "OUTLOOK": 1}
    domains = await wapi.ok("GET", "/analytics/mailbox/domain-wise-health-metrics", **MARCH)
    per = {r["domain"]: r for r in domains["data"]["domain_wise_health"]}
    assert (per["acme.test"]["sent"], per["other.test"]["sent"]) == (3, 2)
    names = await wapi.ok(
        "GET", "/analytics/mailbox/name-wise-health-metrics", **MARCH, is_bounced=True
    )
    assert [r["from_email"] for r in names["data"]["mailbox_wise_health"]] == ["sender@other.test"]
    providers = await wapi.ok(
        "GET", "/analytics/mailbox/provider-wise-overall-performance", **MARCH
    )
    assert [p["provider"] for p in providers["data"]["provider_wise_performance"]] == [
        "GMAIL",
        "OUTLOOK",
    ]
    member = min(world.state.team_members)
    world.rows["L1"].team_member_id = member
    team = (await wapi.ok("GET", "/analytics/team-board/overall-stats", **MARCH))["data"]
    row = next(r for r in team["team_board_stats"] if r["team_member_id"] == member)
    assert (row["assigned_leads"], row["replied_leads"], row["positive_leads"]) == (1, 1, 1)


GLOBAL_ROUTES = (
    "overall-stats-v2",
    "day-wise-overall-stats",
    "day-wise-overall-stats-by-sent-time",
    "day-wise-positive-reply-stats",
    "day-wise-positive-reply-stats-by-sent-time",
    "campaign/list",
    "campaign/overall-stats",
    "campaign/response-stats",
    "campaign/status-stats",
    "campaign/follow-up-reply-rate",
    "campaign/lead-to-reply-time",
    "campaign/leads-take-for-first-reply",
    "client/list",
    "client/overall-stats",
    "client/month-wise-count",
    "lead/overall-stats",
    "lead/category-wise-response",
    "mailbox/overall-stats",
    "mailbox/domain-wise-health-metrics",
    "mailbox/name-wise-health-metrics",
    "mailbox/provider-wise-overall-performance",
    "team-board/overall-stats",
)


async def test_all_22_global_routes_answer_ok_data(api: Api, sandbox: SandboxServer) -> None:
    assert len(GLOBAL_ROUTES) == 22
    sandbox.seed_workspace(campaigns=2, leads_per_campaign=30)
    today = sandbox.state.now().date()
    params = {
        "start_date": (today - timedelta(days=29)).isoformat(),
        "end_date": today.isoformat(),
        "timezone": "UTC",
    }
    for route in GLOBAL_ROUTES:
        answer = await api.ok("GET", f"/analytics/{route}", **params)
        assert answer["ok"] is True and isinstance(answer["data"], dict), route


async def test_day_wise_totals_match_overall_on_seeded_data(
    api: Api, sandbox: SandboxServer
) -> None:
    sandbox.seed_workspace(campaigns=2, leads_per_campaign=60)
    today = sandbox.state.now().date()
    params = {"start_date": (today - timedelta(days=40)).isoformat(), "end_date": today.isoformat()}
    overall = (await api.ok("GET", "/analytics/overall-stats-v2", **params))["data"]
    days = (await api.ok("GET", "/analytics/day-wise-overall-stats", **params))["data"]
    for key in ("sent", "opened", "clicked", "replied", "bounced"):
        total = sum(d["email_engagement_metrics"][key] for d in days["day_wise_stats"])
        assert total == overall["overall_stats"][key], key
    campaigns = (await api.ok("GET", "/analytics/campaign/overall-stats", **params))["data"]
    assert (
        sum(r["sent"] for r in campaigns["campaign_wise_performance"])
        == (overall["overall_stats"]["sent"])
    )
    for camp in sandbox.state.campaigns.values():
        stats = await api.ok("GET", f"/campaigns/{camp.id}/statistics", limit=1)
        analytics = await api.ok("GET", f"/campaigns/{camp.id}/analytics")
        assert stats["total_stats"] == analytics["sent_count"]


def test_rate_formatting() -> None:
    from smartlead_async.testing.routes.analytics import rate

    assert [rate(1, 3), rate(1, 2), rate(0, 0), rate(3, 3), rate(1, 8)] == [
        "33.33%",
        "50%",
        "0%",
        "100%",
        "12.5%",
    ]
