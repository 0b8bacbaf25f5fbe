"""Campaign statistics (A1-A6, C19) on ``client.campaigns``: wire shapes, paging, limits."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import (
    InvalidTypeError,
    ResponseValidationError,
    SmartleadClient,
    ValidationError,
)
from smartlead_async.testing.seed import seed_campaign, seed_defaults
from smartlead_async.testing.state import Message, SandboxState
from tests.helpers.clients import open_sandbox
from tests.helpers.wire import route, sent


def stat_row(n: int) -> dict[str, Any]:
    return {
        "lead_name": f"Lead {n}",
        "lead_email": f"lead{n}@example.com",
        "lead_category": None,
        "sequence_number": "1",
        "email_subject": "Hi",
        "sent_time": "2026-01-05T10:00:00.000Z",
        "open_time": None,
        "open_count": "2",
        "click_count": 0,
        "is_unsubscribed": False,
        "is_bounced": "false",
    }


# --- A1 ------------------------------------------------------------------------------------


async def test_iter_statistics_uses_total_and_filters(sl: SmartleadClient, m: aioresponses) -> None:
    path = "/campaigns/42/statistics"
    rows = [stat_row(n) for n in range(5)]
    for start in (0, 2, 4):
        m.get(
            route(path),
            payload={
                "total_stats": "5",
                "offset": start,
                "limit": 2,
                "data": rows[start : start + 2],
            },
        )
    got = await sl.campaigns.iter_statistics(
        42,
        email_sequence_number=1,
        email_status="opened",
        sent_time_start_date=datetime(2026, 1, 1, 9, 30, tzinfo=UTC),
        sent_time_end_date="2026-01-31T23:59:59.500+01:00",
        limit=2,
    ).to_list()
    assert [r.lead_email for r in got] == [f"lead{n}@example.com" for n in range(5)]
    assert got[0].open_count == 2 and got[0].sequence_number == 1 and got[0].is_bounced is False
    assert got[0].sent_time == datetime(2026, 1, 5, 10, tzinfo=UTC)
    queries = sorted((q for _, _, q, _ in sent(m)), key=lambda q: int(q["offset"]))
    assert [q["offset"] for q in queries] == ["0", "2", "4"]
    assert queries[0] == {
        "email_sequence_number": "1",
        "email_status": "opened",
        "sent_time_start_date": "2026-01-01 09:30:00.000Z",
        "sent_time_end_date": "2026-01-31 22:59:59.500Z",
        "offset": "0",
        "limit": "2",
    }


async def test_iter_statistics_default_page_is_100(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(route("/campaigns/7/statistics"), payload={"total_stats": "1", "data": [stat_row(1)]})
    got = await sl.campaigns.iter_statistics(7).to_list()
    assert len(got) == 1
    assert sent(m) == [("GET", "/campaigns/7/statistics", {"offset": "0", "limit": "100"}, None)]


async def test_iter_statistics_tolerates_missing_total(
    sl: SmartleadClient, m: aioresponses
) -> None:
    path = "/campaigns/7/statistics"
    m.get(route(path), payload={"ok": True, "data": [stat_row(1), stat_row(2)]})
    m.get(route(path), payload=[stat_row(3)])
    got = await sl.campaigns.iter_statistics(7, limit=2).to_list()
    assert [r.lead_name for r in got] == ["Lead 1", "Lead 2", "Lead 3"]


async def test_iter_statistics_rejects_object_data(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(route("/campaigns/7/statistics"), payload={"total_stats": "1", "data": {"x": 1}})
    with pytest.raises(ResponseValidationError, match="array of rows"):
        await sl.campaigns.iter_statistics(7).to_list()


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"limit": 1001}, ValidationError, "between 1 and 1000"),
        ({"limit": 0}, ValidationError, "between 1 and 1000"),
        ({"email_sequence_number": 0}, ValidationError, "between 1 and 20"),
        ({"email_sequence_number": 21}, ValidationError, "between 1 and 20"),
        ({"email_status": "OPENED"}, ValidationError, "email_status must be one of"),
        ({"sent_time_start_date": "soon"}, ValidationError, "ISO 8601"),
        ({"sent_time_end_date": 3}, InvalidTypeError, "sent_time_end_date must be a datetime"),
        (
            {"sent_time_start_date": "2026-02-01", "sent_time_end_date": "2026-01-01"},
            ValidationError,
            "before sent_time_start_date",
        ),
    ],
)
async def test_iter_statistics_limits(
    sl: SmartleadClient,
    m: aioresponses,
    kwargs: dict[str, Any],
    error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error, match=message):
        sl.campaigns.iter_statistics(1, **kwargs)
    assert sent(m) == []


async def test_iter_statistics_accepts_limit_1000(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(route("/campaigns/9/statistics"), payload={"total_stats": 0, "data": []})
    assert await sl.campaigns.iter_statistics(9, limit=1000).to_list() == []
    assert sent(m)[0][2] == {"offset": "0", "limit": "1000"}


async def test_bad_campaign_id(sl: SmartleadClient, m: aioresponses) -> None:
    with pytest.raises(InvalidTypeError, match="campaign_id must be an int"):
        sl.campaigns.iter_statistics("42")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="campaign_id must be a positive id"):
        await sl.campaigns.get_analytics(-1)
    assert sent(m) == []


# --- A2 ------------------------------------------------------------------------------------

ANALYTICS = {
    "id": 42,
    "user_id": 5,
    "created_at": "2026-01-01T00:00:00.000Z",
    "status": "ACTIVE",
    "name": "Q1",
    "sent_count": "120",
    "open_count": "60",
    "click_count": "6",
    "reply_count": "12",
    "block_count": "0",
    "total_count": "200",
    "drafted_count": "0",
    "bounce_count": "3",
    "unsubscribed_count": "1",
    "sequence_count": "3",
    "unique_open_count": "50",
    "unique_click_count": "5",
    "unique_sent_count": "100",
    "client_id": None,
    "client_name": None,
    "parent_campaign_id": None,
    "tags": [{"id": 2, "name": "vip", "color": "#ff0000"}],
    "campaign_lead_stats": {
        "total": 200,
        "paused": 1,
        "blocked": 0,
        "stopped": 2,
        "completed": 40,
        "inprogress": 57,
        "notStarted": 100,
        "interested": 4,
    },
}


async def test_get_analytics_decodes_string_counts(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(route("/campaigns/42/analytics"), payload=ANALYTICS)
    result = await sl.campaigns.get_analytics(42)
    assert sent(m) == [("GET", "/campaigns/42/analytics", {}, None)]
    assert (result.id, result.name, result.status) == (42, "Q1", "ACTIVE")
    assert (result.sent_count, result.reply_count, result.unique_sent_count) == (120, 12, 100)
    assert result.sequence_count == 3
    assert [(t.tag_id, t.tag_name) for t in result.tags] == [(2, "vip")]
    stats = result.campaign_lead_stats
    assert stats is not None
    assert (stats.total, stats.in_progress, stats.not_started, stats.completed) == (
        200,
        57,
        100,
        40,
    )


async def test_get_analytics_docs_placeholder_shape(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(
        route("/campaigns/42/analytics"),
        payload={"ok": True, "data": {"total_sent": 10, "open_rate": "40%"}},
    )
    result = await sl.campaigns.get_analytics(42)
    assert result.sent_count == 10
    assert result.open_rate is not None and result.open_rate.raw == "40%"


# --- A3 / A4 -------------------------------------------------------------------------------


async def test_get_analytics_by_date(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(
        route("/campaigns/42/analytics-by-date"),
        payload={
            "id": 42,
            "name": "Q1",
            "start_date": "2026-01-01",
            "end_date": "2026-01-31",
            "sent_count": "9",
            "reply_count": "2",
        },
    )
    result = await sl.campaigns.get_analytics_by_date(
        42, date(2026, 1, 1), "2026-01-31", time_zone="Europe/Berlin"
    )
    assert sent(m) == [
        (
            "GET",
            "/campaigns/42/analytics-by-date",
            {"start_date": "2026-01-01", "end_date": "2026-01-31", "time_zone": "Europe/Berlin"},
            None,
        )
    ]
    assert (result.start_date, result.end_date) == (date(2026, 1, 1), date(2026, 1, 31))
    assert (result.sent_count, result.reply_count) == (9, 2)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-01-01", "2026-02-01", "spans 31 days; this endpoint allows at most 30"),
        ("2026-02-01", "2026-01-01", "before start_date"),
        (None, "2026-01-01", "start_date is required"),
        ("2026-01-01", None, "end_date is required"),
        ("2026/01/01", "2026-01-02", "YYYY-MM-DD"),
    ],
)
async def test_get_analytics_by_date_limits(
    sl: SmartleadClient, m: aioresponses, start: Any, end: Any, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        await sl.campaigns.get_analytics_by_date(42, start, end)
    with pytest.raises(ValidationError, match="time_zone must not be blank"):
        await sl.campaigns.get_analytics_by_date(42, "2026-01-01", "2026-01-02", time_zone=" ")
    assert sent(m) == []


async def test_get_top_level_analytics_by_date(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(
        route("/campaigns/42/top-level-analytics-by-date"),
        payload={"ok": True, "data": {"id": "42", "sent_count": "70", "open_count": "7"}},
    )
    result = await sl.campaigns.get_top_level_analytics_by_date(42, "2026-01-01", "2026-03-31")
    assert sent(m)[0][1:3] == (
        "/campaigns/42/top-level-analytics-by-date",
        {"start_date": "2026-01-01", "end_date": "2026-03-31"},
    )
    assert (result.id, result.sent_count, result.open_count) == (42, 70, 7)
    with pytest.raises(ValidationError, match="before start_date"):
        await sl.campaigns.get_top_level_analytics_by_date(42, "2026-03-31", "2026-01-01")


# --- A5 ------------------------------------------------------------------------------------


async def test_iter_lead_statistics(sl: SmartleadClient, m: aioresponses) -> None:
    path = "/campaigns/42/leads-statistics"
    rows = [{"lead_id": i, "email": f"l{i}@x.com", "open_count": "1"} for i in range(3)]
    m.get(route(path), payload={"ok": True, "data": rows[:2]})
    m.get(route(path), payload={"ok": True, "data": rows[2:]})
    got = await sl.campaigns.iter_lead_statistics(42, event_time_gt="2026-01-01", limit=2).to_list()
    assert [(r.lead_id, r.email, r.open_count) for r in got] == [
        (0, "l0@x.com", 1),
        (1, "l1@x.com", 1),
        (2, "l2@x.com", 1),
    ]
    assert [q for _, _, q, _ in sent(m)] == [
        {"event_time_gt": "2026-01-01", "offset": "0", "limit": "2"},
        {"event_time_gt": "2026-01-01", "offset": "2", "limit": "2"},
    ]


async def test_iter_lead_statistics_limits(sl: SmartleadClient, m: aioresponses) -> None:
    with pytest.raises(ValidationError, match="between 1 and 100"):
        sl.campaigns.iter_lead_statistics(42, limit=101)
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        sl.campaigns.iter_lead_statistics(42, event_time_gt="last week")
    m.get(route("/campaigns/42/leads-statistics"), payload=[])
    assert await sl.campaigns.iter_lead_statistics(42).to_list() == []
    assert sent(m)[0][2] == {"offset": "0", "limit": "100"}


# --- A6 ------------------------------------------------------------------------------------


async def test_iter_mailbox_statistics(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(
        route("/campaigns/42/mailbox-statistics"),
        payload={
            "ok": True,
            "data": [
                {"email_account_id": 3, "from_email": "a@x.com", "sent_count": "10"},
                {"email_account_id": 4, "from_email": "b@x.com", "sent_count": "5"},
            ],
        },
    )
    got = await sl.campaigns.iter_mailbox_statistics(
        42, client_id=8, start_date="2026-01-01", end_date=date(2026, 1, 9), time_zone="UTC"
    ).to_list()
    assert [(r.email_account_id, r.from_email, r.sent_count) for r in got] == [
        (3, "a@x.com", 10),
        (4, "b@x.com", 5),
    ]
    assert sent(m) == [
        (
            "GET",
            "/campaigns/42/mailbox-statistics",
            {
                "client_id": "8",
                "start_date": "2026-01-01",
                "end_date": "2026-01-09",
                "time_zone": "UTC",
                "offset": "0",
                "limit": "20",
            },
            None,
        )
    ]


async def test_iter_mailbox_statistics_limits(sl: SmartleadClient, m: aioresponses) -> None:
    with pytest.raises(ValidationError, match="between 1 and 20"):
        sl.campaigns.iter_mailbox_statistics(42, limit=21)
    with pytest.raises(ValidationError, match="pass both start_date and end_date, or neither"):
        sl.campaigns.iter_mailbox_statistics(42, start_date="2026-01-01")
    with pytest.raises(ValidationError, match="pass both start_date and end_date, or neither"):
        sl.campaigns.iter_mailbox_statistics(42, end_date="2026-01-01")
    with pytest.raises(InvalidTypeError, match="client_id must be an int"):
        sl.campaigns.iter_mailbox_statistics(42, client_id="8")  # type: ignore[arg-type]
    assert sent(m) == []


# --- C19 -----------------------------------------------------------------------------------


async def test_get_sequence_analytics_with_envelope(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(
        route("/campaigns/42/sequence-analytics"),
        payload={
            "ok": True,
            "data": [
                {"email_campaign_seq_id": 91, "seq_number": 1, "sent_count": "10"},
                {"email_campaign_seq_id": 92, "seq_number": 2, "reply_count": "3"},
            ],
            "start_date": "2026-01-01",
            "end_date": "2026-01-10",
            "time_zone": "UTC",
        },
    )
    result = await sl.campaigns.get_sequence_analytics(42, "2026-01-01", "2026-01-10")
    assert sent(m)[0][2] == {"start_date": "2026-01-01", "end_date": "2026-01-10"}
    assert [(s.sequence_id, s.sequence_number) for s in result.steps] == [(91, 1), (92, 2)]
    assert (result.steps[0].sent_count, result.steps[1].reply_count) == (10, 3)
    assert (result.start_date, result.time_zone) == (date(2026, 1, 1), "UTC")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ([{"seq_number": 1, "sent": 4}], [(1, 4)]),
        ({"ok": True, "data": {"sequences": [{"sequence_number": 2, "sent_count": 5}]}}, [(2, 5)]),
        ({"ok": True, "data": []}, []),
    ],
)
async def test_get_sequence_analytics_alternatives(
    sl: SmartleadClient, m: aioresponses, body: Any, expected: list[tuple[int, int]]
) -> None:
    m.get(route("/campaigns/42/sequence-analytics"), payload=body)
    result = await sl.campaigns.get_sequence_analytics(
        42, "2026-01-01", "2026-01-10", time_zone="Asia/Tokyo"
    )
    assert [(s.sequence_number, s.sent_count) for s in result.steps] == expected
    assert sent(m)[0][2]["time_zone"] == "Asia/Tokyo"


async def test_get_sequence_analytics_requires_dates(sl: SmartleadClient, m: aioresponses) -> None:
    with pytest.raises(ValidationError, match="end_date is required"):
        await sl.campaigns.get_sequence_analytics(42, "2026-01-01", None)  # type: ignore[arg-type]
    assert sent(m) == []


def test_wire_time_converts_to_utc() -> None:
    from smartlead_async.resources.campaign_stats import _wire_time

    plus_two = timezone(timedelta(hours=2))
    assert _wire_time(datetime(2026, 1, 1, 2, 0, 0, 123456, tzinfo=plus_two)) == (
        "2026-01-01 00:00:00.123Z"
    )


# --- end to end against the sandbox ----------------------------------------------------------

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


@pytest.fixture
async def world() -> AsyncIterator[tuple[SmartleadClient, SandboxState, int]]:
    """A sandbox with one seeded campaign (history within the last 21 days) and a client."""
    state = SandboxState(seed=11, clock=lambda: NOW)
    seed_defaults(state)
    camp = seed_campaign(state, random.Random(11), name="Stats", leads=25, steps=3)
    async with open_sandbox(state=state) as (_, client):
        yield client, state, camp.id


def sent_messages(state: SandboxState, campaign_id: int) -> list[Message]:
    """The campaign's sequence emails, read straight from the sandbox state."""
    messages = (state.messages[s] for s in state.messages_by_campaign[campaign_id])
    return [msg for msg in messages if msg.type == "SENT" and not msg.is_manual]


async def test_sandbox_statistics_match_the_history(
    world: tuple[SmartleadClient, SandboxState, int],
) -> None:
    sl, state, cid = world
    expected = sent_messages(state, cid)
    assert expected
    rows = await sl.campaigns.iter_statistics(cid, limit=7).to_list()
    assert sorted(r.stats_id or "" for r in rows) == sorted(m.stats_id for m in expected)
    replied = await sl.campaigns.iter_statistics(cid, email_status="replied").to_list()
    assert len(replied) == sum(m.reply_time is not None for m in expected)
    step_two = await sl.campaigns.iter_statistics(cid, email_sequence_number=2).to_list()
    assert {r.sequence_number for r in step_two} <= {2}
    assert len(step_two) == sum(m.seq_number == 2 for m in expected)
    first = await sl.campaigns.iter_statistics(cid, limit=3, max_items=4).to_list()
    assert len(first) == 4


async def test_sandbox_analytics_counts(world: tuple[SmartleadClient, SandboxState, int]) -> None:
    sl, state, cid = world
    expected = sent_messages(state, cid)
    camp = state.campaigns[cid]
    result = await sl.campaigns.get_analytics(cid)
    assert (result.id, result.name, result.sent_count) == (cid, "Stats", len(expected))
    assert result.sequence_count == 3
    assert result.campaign_lead_stats is not None
    assert result.campaign_lead_stats.total == len(camp.lead_map_ids) == 25
    window = await sl.campaigns.get_analytics_by_date(cid, "2026-02-01", date(2026, 3, 1))
    assert (window.start_date, window.end_date) == (date(2026, 2, 1), date(2026, 3, 1))
    assert window.sent_count == len(expected)
    top = await sl.campaigns.get_top_level_analytics_by_date(cid, "2026-02-01", "2026-03-01")
    assert top.sent_count == len(expected)
    assert top.unique_sent_count == len({m.lead_id for m in expected})


async def test_sandbox_lead_and_mailbox_statistics(
    world: tuple[SmartleadClient, SandboxState, int],
) -> None:
    sl, state, cid = world
    expected = sent_messages(state, cid)
    leads = await sl.campaigns.iter_lead_statistics(cid, limit=7).to_list()
    enrolments = [state.campaign_leads[i] for i in state.campaigns[cid].lead_map_ids]
    assert {(r.lead_id, r.campaign_lead_map_id, r.sent_count) for r in leads} == {
        (e.lead_id, e.id, e.sent_count) for e in enrolments
    }
    assert len(leads) == 25
    boxes = await sl.campaigns.iter_mailbox_statistics(cid, limit=1).to_list()
    assert {b.email_account_id for b in boxes} == set(state.campaigns[cid].email_account_ids)
    assert sum(b.sent_count or 0 for b in boxes) == len(expected)
    dated = await sl.campaigns.iter_mailbox_statistics(
        cid, start_date="2026-01-01", end_date="2026-01-02"
    ).to_list()
    assert sum(b.sent_count or 0 for b in dated) == 0


async def test_sandbox_sequence_analytics(world: tuple[SmartleadClient, SandboxState, int]) -> None:
    sl, state, cid = world
    expected = sent_messages(state, cid)
    result = await sl.campaigns.get_sequence_analytics(cid, "2026-02-01", "2026-03-01")
    assert [s.sequence_number for s in result.steps] == [1, 2, 3]
    assert [s.sequence_id for s in result.steps] == [q.id for q in state.campaigns[cid].sequences]
    for step in result.steps:
        assert step.sent_count == sum(m.seq_number == step.sequence_number for m in expected)
    assert result.start_date == date(2026, 2, 1)
