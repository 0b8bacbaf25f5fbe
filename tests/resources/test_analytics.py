"""``client.analytics``: the 22 ``/analytics/*`` reports on the wire, decoding, client checks."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import (
    InvalidTypeError,
    ResponseValidationError,
    SmartleadClient,
    ValidationError,
)
from smartlead_async.resources.analytics import (
    AnalyticsResource,
    check_date,
    check_date_window,
    check_datetime,
)
from smartlead_async.testing.seed import seed_workspace
from smartlead_async.testing.state import Message, SandboxState
from tests.helpers.clients import open_sandbox
from tests.helpers.wire import ok_data, route, sent

WINDOW = {"start_date": "2026-01-01", "end_date": "2026-01-31"}


DAY = {
    "date": "18 Jun",
    "day_name": "Tuesday",
    "email_engagement_metrics": {
        "sent": "100",
        "opened": 50,
        "replied": 10,
        "bounced": 5,
        "unsubscribed": 2,
        "positive_replied": 8,
        "unique_lead_reached": 90,
    },
}

# name, positional args, kwargs, path, expected query, response body, (extract, expected)
Case = tuple[
    str,
    tuple[Any, ...],
    dict[str, Any],
    str,
    dict[str, str],
    Any,
    Callable[[Any], Any],
    Any,
]

CASES: list[Case] = [
    (
        "overall_stats",
        ("2026-01-01", "2026-01-31"),
        {"timezone": "UTC", "client_ids": [1, 2], "is_agency": True, "full_data": False},
        "/analytics/overall-stats-v2",
        {
            **WINDOW,
            "timezone": "UTC",
            "client_ids": "1,2",
            "is_agency": "true",
            "full_data": "false",
        },
        ok_data({"overall_stats": {"sent": 1250, "open_rate": "34%", "reply_rate": "7.5%"}}),
        lambda r: (r.stats.sent, float(r.stats.open_rate), r.stats.reply_rate.raw),
        (1250, 34.0, "7.5%"),
    ),
    (
        "day_wise_overall_stats",
        (date(2026, 1, 1), date(2026, 1, 31)),
        {"campaign_ids": [7]},
        "/analytics/day-wise-overall-stats",
        {**WINDOW, "campaign_ids": "7"},
        {"success": True, "message": "fetched", "data": {"day_wise_stats": [DAY]}},
        lambda r: (r.days[0].date, r.days[0].day_name, r.days[0].metrics.sent),
        ("18 Jun", "Tuesday", 100),
    ),
    (
        "day_wise_overall_stats_by_sent_time",
        ("2026-01-01", "2026-01-31", "America/New_York"),
        {},
        "/analytics/day-wise-overall-stats-by-sent-time",
        {**WINDOW, "timezone": "America/New_York"},
        ok_data({"day_wise_stats": [DAY, DAY]}),
        lambda r: (len(r.days), r.days[1].metrics.unique_leads),
        (2, 90),
    ),
    (
        "day_wise_positive_reply_stats",
        ("2026-01-01", "2026-01-31"),
        {"timezone": "UTC"},
        "/analytics/day-wise-positive-reply-stats",
        {**WINDOW, "timezone": "UTC"},
        ok_data({"day_wise_stats": [DAY]}),
        lambda r: r.days[0].metrics.positive_replied,
        8,
    ),
    (
        "day_wise_positive_reply_stats_by_sent_time",
        ("2026-01-01", "2026-01-31", "UTC"),
        {"client_ids": [3], "campaign_ids": [4, 5]},
        "/analytics/day-wise-positive-reply-stats-by-sent-time",
        {**WINDOW, "timezone": "UTC", "client_ids": "3", "campaign_ids": "4,5"},
        ok_data([DAY]),
        lambda r: r.days[0].metrics.replied,
        10,
    ),
    (
        "campaign_list",
        (),
        {"client_ids": [9]},
        "/analytics/campaign/list",
        {"client_ids": "9"},
        ok_data({"campaign_list": [{"id": "11", "name": "Q1", "status": "ACTIVE"}]}),
        lambda r: (r.campaigns[0].id, r.campaigns[0].name, r.campaigns[0].status),
        (11, "Q1", "ACTIVE"),
    ),
    (
        "campaign_overall_stats",
        ("2026-01-01", "2026-01-31"),
        {"limit": 50, "offset": 100, "full_data": True},
        "/analytics/campaign/overall-stats",
        {**WINDOW, "limit": "50", "offset": "100", "full_data": "true"},
        ok_data(
            {
                "campaign_wise_performance": [
                    {"id": 3, "campaign_name": "Q1", "sent": "40", "replied": 4, "bounced": 1}
                ]
            }
        ),
        lambda r: (r.campaigns[0].id, r.campaigns[0].campaign_name, r.campaigns[0].sent),
        (3, "Q1", 40),
    ),
    (
        "campaign_response_stats",
        ("2026-01-01", "2026-01-31"),
        {"full_data": True},
        "/analytics/campaign/response-stats",
        {**WINDOW, "full_data": "true"},
        ok_data([{"campaign_id": 3, "name": "Q1", "replied": 9, "positive_replied": 4}]),
        lambda r: (r.campaigns[0].id, r.campaigns[0].replied, r.campaigns[0].positive_replied),
        (3, 9, 4),
    ),
    (
        "campaign_status_stats",
        (),
        {},
        "/analytics/campaign/status-stats",
        {},
        {"success": True, "data": {"active_count": 5, "paused_count": 2, "draft_count": "3"}},
        lambda r: (r.active_count, r.paused_count, r.draft_count),
        (5, 2, 3),
    ),
    (
        "campaign_follow_up_reply_rate",
        ("2026-01-01", "2026-01-31"),
        {"campaign_ids": [3]},
        "/analytics/campaign/follow-up-reply-rate",
        {**WINDOW, "campaign_ids": "3"},
        ok_data([{"sequence_number": 2, "sent": 10, "replied": 1, "reply_rate": "10%"}]),
        lambda r: (r.steps[0].sequence_number, float(r.steps[0].reply_rate)),
        (2, 10.0),
    ),
    (
        "campaign_lead_to_reply_time",
        ("2026-01-01", "2026-01-31"),
        {},
        "/analytics/campaign/lead-to-reply-time",
        WINDOW,
        ok_data(
            {"lead_to_reply_time": [{"label": "0-1 hours", "count": "12", "percentage": "40%"}]}
        ),
        lambda r: (r.buckets[0].label, r.buckets[0].count, float(r.buckets[0].percentage)),
        ("0-1 hours", 12, 40.0),
    ),
    (
        "campaign_leads_take_for_first_reply",
        ("2026-01-01", "2026-01-31"),
        {},
        "/analytics/campaign/leads-take-for-first-reply",
        WINDOW,
        ok_data([{"time_range": "1st email", "lead_count": 7}]),
        lambda r: (r.buckets[0].label, r.buckets[0].count),
        ("1st email", 7),
    ),
    (
        "client_list",
        (),
        {},
        "/analytics/client/list",
        {},
        ok_data([{"client_id": 4, "client_name": "Acme", "email": "a@acme.com"}]),
        lambda r: (r.clients[0].id, r.clients[0].name),
        (4, "Acme"),
    ),
    (
        "client_overall_stats",
        ("2026-01-01", "2026-01-31"),
        {"filter": "top", "limit": 10, "offset": 0},
        "/analytics/client/overall-stats",
        {**WINDOW, "filter": "top", "limit": "10", "offset": "0"},
        ok_data({"client_wise_performance": [{"client_id": 4, "client_name": "Acme", "sent": 8}]}),
        lambda r: (r.clients[0].id, r.clients[0].client_name, r.clients[0].sent),
        (4, "Acme", 8),
    ),
    (
        "client_month_wise_count",
        (),
        {"client_ids": [4, 5]},
        "/analytics/client/month-wise-count",
        {"client_ids": "4,5"},
        ok_data([{"month": "Jan", "year": "2026", "count": 3}]),
        lambda r: (r.months[0].month, r.months[0].year, r.months[0].count),
        ("Jan", 2026, 3),
    ),
    (
        "lead_overall_stats",
        ("2026-01-01", "2026-01-31"),
        {},
        "/analytics/lead/overall-stats",
        WINDOW,
        ok_data({"total_leads": "120", "notStarted": 20, "inprogress": 60, "completed": 40}),
        lambda r: (r.total, r.not_started, r.in_progress, r.completed),
        (120, 20, 60, 40),
    ),
    (
        "lead_category_wise_response",
        ("2026-01-01", "2026-01-31"),
        {},
        "/analytics/lead/category-wise-response",
        WINDOW,
        ok_data([{"lead_category_id": 1, "category_name": "Interested", "count": 6}]),
        lambda r: (r.categories[0].category_id, r.categories[0].category_name),
        (1, "Interested"),
    ),
    (
        "mailbox_overall_stats",
        (),
        {},
        "/analytics/mailbox/overall-stats",
        {},
        {
            "success": True,
            "data": {"total_mailboxes": 8, "healthy_count": 7, "average_bounce_rate": 1.08},
        },
        lambda r: (r.total_mailboxes, r.healthy_count, float(r.average_bounce_rate)),
        (8, 7, 1.08),
    ),
    (
        "mailbox_domain_wise_health_metrics",
        ("2026-01-01", "2026-01-31"),
        {"limit": 5, "full_data": True},
        "/analytics/mailbox/domain-wise-health-metrics",
        {**WINDOW, "limit": "5", "full_data": "true"},
        {
            "success": True,
            "data": [
                {
                    "domain": "company.com",
                    "sent_count": 1820,
                    "bounce_rate": 0.99,
                    "mailbox_count": 5,
                }
            ],
        },
        lambda r: (r.domains[0].domain, r.domains[0].sent_count, r.domains[0].mailbox_count),
        ("company.com", 1820, 5),
    ),
    (
        "mailbox_name_wise_health_metrics",
        ("2026-01-01", "2026-01-31"),
        {"is_bounced": True, "offset": 20},
        "/analytics/mailbox/name-wise-health-metrics",
        {**WINDOW, "is_bounced": "true", "offset": "20"},
        ok_data([{"email_account_id": 2, "from_email": "s@x.com", "health_score": 93.5}]),
        lambda r: (r.mailboxes[0].email_account_id, r.mailboxes[0].health_score),
        (2, 93.5),
    ),
    (
        "mailbox_provider_wise_overall_performance",
        ("2026-01-01", "2026-01-31"),
        {},
        "/analytics/mailbox/provider-wise-overall-performance",
        WINDOW,
        ok_data([{"provider": "GMAIL", "sent": 30, "open_rate": "50%"}]),
        lambda r: (r.providers[0].provider, r.providers[0].sent, r.providers[0].open_rate.raw),
        ("GMAIL", 30, "50%"),
    ),
    (
        "team_board_overall_stats",
        ("2026-01-01", "2026-01-31"),
        {"full_data": True},
        "/analytics/team-board/overall-stats",
        {**WINDOW, "full_data": "true"},
        ok_data({"team_board_overall_stats": [{"team_member_id": 6, "name": "Ann", "replied": 3}]}),
        lambda r: (r.members[0].team_member_id, r.members[0].name, r.members[0].replied),
        (6, "Ann", 3),
    ),
]


def test_every_catalogued_report_has_a_case() -> None:
    assert len(CASES) == 22
    assert len({case[3] for case in CASES}) == 22
    assert all(case[3] != "/analytics/overview" for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
async def test_report_wire_and_decoding(sl: SmartleadClient, m: aioresponses, case: Case) -> None:
    name, args, kwargs, path, query, body, extract, expected = case
    m.get(route(path), payload=body)
    result = await getattr(sl.analytics, name)(*args, **kwargs)
    assert sent(m) == [("GET", path, query, None)]
    assert extract(result) == expected


@pytest.mark.parametrize(
    "name",
    [case[0] for case in CASES if case[1]],
)
async def test_report_requires_both_dates(sl: SmartleadClient, m: aioresponses, name: str) -> None:
    method = getattr(sl.analytics, name)
    extra = ("UTC",) if name.endswith("by_sent_time") else ()
    with pytest.raises(ValidationError, match="start_date is required"):
        await method(None, "2026-01-31", *extra)
    with pytest.raises(ValidationError, match="end_date is required"):
        await method("2026-01-01", None, *extra)
    with pytest.raises(ValidationError, match="before start_date"):
        await method("2026-02-01", "2026-01-31", *extra)
    assert sent(m) == []


@pytest.mark.parametrize(
    "bad",
    ["2026-1-5", "05/01/2026", "2026-02-30", "", "2026-01-01T00:00:00"],
)
async def test_malformed_dates_are_rejected(sl: SmartleadClient, m: aioresponses, bad: str) -> None:
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        await sl.analytics.overall_stats(bad, "2026-01-31")
    assert sent(m) == []


async def test_wrong_argument_types_are_rejected(sl: SmartleadClient, m: aioresponses) -> None:
    with pytest.raises(InvalidTypeError, match=r"start_date must be a datetime\.date"):
        await sl.analytics.lead_overall_stats(20260101, "2026-01-31")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match=r"client_ids\[1\] must be an int"):
        await sl.analytics.campaign_list(client_ids=[1, "2"])  # type: ignore[list-item]
    with pytest.raises(InvalidTypeError, match="client_ids must be a list"):
        await sl.analytics.campaign_status_stats(client_ids="1,2")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="full_data must be True or False"):
        await sl.analytics.overall_stats(
            "2026-01-01",
            "2026-01-31",
            full_data="yes",  # type: ignore[arg-type]
        )
    with pytest.raises(InvalidTypeError, match="timezone must be a str"):
        await sl.analytics.overall_stats("2026-01-01", "2026-01-31", timezone=5)  # type: ignore[arg-type]
    assert sent(m) == []


async def test_limits_and_required_timezone(sl: SmartleadClient, m: aioresponses) -> None:
    with pytest.raises(ValidationError, match="timezone is required"):
        await sl.analytics.day_wise_overall_stats_by_sent_time(
            "2026-01-01",
            "2026-01-31",
            None,  # type: ignore[arg-type]
        )
    with pytest.raises(ValidationError, match="timezone must not be blank"):
        await sl.analytics.day_wise_positive_reply_stats_by_sent_time(
            "2026-01-01", "2026-01-31", "  "
        )
    with pytest.raises(ValidationError, match="client_ids needs at least 1"):
        await sl.analytics.client_list(client_ids=[])
    with pytest.raises(ValidationError, match="limit must be >= 1"):
        await sl.analytics.campaign_overall_stats("2026-01-01", "2026-01-31", limit=0)
    with pytest.raises(ValidationError, match="offset must be >= 0"):
        await sl.analytics.client_overall_stats("2026-01-01", "2026-01-31", offset=-1)
    with pytest.raises(ValidationError, match=r"campaign_ids\[1\] must be a positive id"):
        await sl.analytics.day_wise_overall_stats("2026-01-01", "2026-01-31", campaign_ids=[1, -4])
    assert sent(m) == []


async def test_datetime_arguments_send_their_date(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(route("/analytics/lead/overall-stats"), payload=ok_data({"total": 1}))
    await sl.analytics.lead_overall_stats(datetime(2026, 3, 1, 23, 59), " 2026-03-05 ")
    assert sent(m)[0][2] == {"start_date": "2026-03-01", "end_date": "2026-03-05"}


async def test_generator_ids_are_sent_once_consumed(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(route("/analytics/campaign/list"), payload=ok_data([]))
    await sl.analytics.campaign_list(client_ids=(i for i in (3, 4)))
    assert sent(m)[0][2] == {"client_ids": "3,4"}


async def test_alternative_envelopes(sl: SmartleadClient, m: aioresponses) -> None:
    # flat overall stats (no overall_stats wrapper), bare body without {ok, data}
    m.get(
        route("/analytics/overall-stats-v2"), payload={"data": {"sent": "7", "bounce_rate": "1%"}}
    )
    flat = await sl.analytics.overall_stats("2026-01-01", "2026-01-02")
    assert flat.stats.bounce_rate is not None
    assert (flat.stats.sent, flat.stats.bounce_rate.raw) == (7, "1%")
    # data: null is an empty report, not an error
    m.get(route("/analytics/campaign/status-stats"), payload={"ok": True, "data": None})
    empty = await sl.analytics.campaign_status_stats()
    assert empty.active_count is None and empty.total_count is None
    # unknown keys survive in extra
    m.get(
        route("/analytics/mailbox/overall-stats"), payload=ok_data({"total_sent": 3, "new_kpi": 1})
    )
    stats = await sl.analytics.mailbox_overall_stats()
    assert (stats.total_sent, stats.extra) == (3, {"new_kpi": 1})


async def test_array_where_an_object_is_expected_is_a_clear_error(
    sl: SmartleadClient, m: aioresponses
) -> None:
    m.get(route("/analytics/campaign/status-stats"), payload=ok_data([1, 2]))
    with pytest.raises(ResponseValidationError, match="expected a JSON object"):
        await sl.analytics.campaign_status_stats()


async def test_iter_campaign_overall_stats_walks_pages(
    sl: SmartleadClient, m: aioresponses
) -> None:
    path = "/analytics/campaign/overall-stats"
    rows = [{"id": i, "campaign_name": f"C{i}", "sent": i * 10} for i in range(1, 4)]
    m.get(route(path), payload=ok_data({"campaign_wise_performance": rows[:2]}))
    m.get(route(path), payload=ok_data({"campaign_wise_performance": rows[2:]}))
    got = await sl.analytics.iter_campaign_overall_stats(
        "2026-01-01", "2026-01-31", campaign_ids=[1, 2, 3], limit=2
    ).to_list()
    assert [(r.id, r.sent) for r in got] == [(1, 10), (2, 20), (3, 30)]
    queries = [q for _, _, q, _ in sent(m)]
    assert queries == [
        {**WINDOW, "campaign_ids": "1,2,3", "limit": "2", "offset": "0"},
        {**WINDOW, "campaign_ids": "1,2,3", "limit": "2", "offset": "2"},
    ]


async def test_iter_client_overall_stats_respects_max_items(
    sl: SmartleadClient, m: aioresponses
) -> None:
    m.get(
        route("/analytics/client/overall-stats"),
        payload=ok_data(
            [{"client_id": 1, "client_name": "A"}, {"client_id": 2, "client_name": "B"}]
        ),
    )
    got = await sl.analytics.iter_client_overall_stats(
        "2026-01-01", "2026-01-31", filter="x", max_items=2
    ).to_list()
    assert [c.client_name for c in got] == ["A", "B"]
    assert sent(m)[0][2] == {**WINDOW, "filter": "x", "limit": "2", "offset": "0"}


async def test_iter_mailbox_health_walks(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(
        route("/analytics/mailbox/domain-wise-health-metrics"),
        payload=ok_data([{"domain": "a.com"}]),
    )
    m.get(
        route("/analytics/mailbox/name-wise-health-metrics"),
        payload=ok_data({"name_wise_health_metrics": [{"from_email": "x@a.com"}]}),
    )
    domains = await sl.analytics.iter_mailbox_domain_wise_health_metrics(
        "2026-01-01", "2026-01-31", client_ids=[2]
    ).to_list()
    mailboxes = await sl.analytics.iter_mailbox_name_wise_health_metrics(
        "2026-01-01", "2026-01-31", is_bounced=False
    ).to_list()
    assert [d.domain for d in domains] == ["a.com"]
    assert [b.from_email for b in mailboxes] == ["x@a.com"]
    queries = [q for _, _, q, _ in sent(m)]
    assert queries[0] == {**WINDOW, "client_ids": "2", "limit": "100", "offset": "0"}
    assert queries[1] == {**WINDOW, "is_bounced": "false", "limit": "100", "offset": "0"}


async def test_iter_validates_before_any_request(sl: SmartleadClient) -> None:
    with pytest.raises(ValidationError, match=r"limit must be between 1 and \d+ .*got 0"):
        sl.analytics.iter_campaign_overall_stats("2026-01-01", "2026-01-31", limit=0)
    with pytest.raises(ValidationError, match="end_date is required"):
        sl.analytics.iter_client_overall_stats("2026-01-01", None)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="is_bounced"):
        sl.analytics.iter_mailbox_name_wise_health_metrics(
            "2026-01-01",
            "2026-01-31",
            is_bounced=1,  # type: ignore[arg-type]
        )


#: Every analytics method that takes a ``timezone``.
TIMEZONE_METHODS = sorted(
    name
    for name, method in inspect.getmembers(AnalyticsResource, inspect.isfunction)
    if not name.startswith("_") and "timezone" in inspect.signature(method).parameters
)


def test_timezone_methods_are_found() -> None:
    assert len(TIMEZONE_METHODS) == 21  # 17 reports and 4 walks
    assert {"overall_stats", "iter_campaign_overall_stats"} <= set(TIMEZONE_METHODS)


@pytest.mark.parametrize("name", TIMEZONE_METHODS)
async def test_every_timezone_is_checked_before_any_request(
    sl: SmartleadClient, m: aioresponses, name: str
) -> None:
    call = getattr(sl.analytics, name)
    with pytest.raises(ValidationError) as caught:
        result = call("2026-01-01", "2026-01-31", timezone="Not a zone!")
        if inspect.isawaitable(result):
            await result
    assert type(caught.value) is ValidationError
    assert str(caught.value) == (
        "timezone 'Not a zone!' is not an IANA time zone name such as 'Europe/Berlin' or 'UTC'"
    )
    # the same error campaigns.update_schedule raises for that name
    with pytest.raises(ValidationError) as schedule:
        await sl.campaigns.update_schedule(
            1,
            timezone="Not a zone!",
            days_of_the_week=[1],
            start_hour="09:00",
            end_hour="17:00",
            min_time_btw_emails=10,
            max_new_leads_per_day=20,
        )
    assert (type(schedule.value), str(schedule.value)) == (
        type(caught.value),
        str(caught.value),
    )
    assert sent(m) == []


# --- the shared date helpers -----------------------------------------------------------------


def test_check_date_forms() -> None:
    assert check_date("d", date(2026, 2, 3)) == "2026-02-03"
    assert check_date("d", "2026-02-03") == "2026-02-03"
    assert check_date("d", None) is None
    with pytest.raises(ValidationError, match="d is required"):
        check_date("d", None, required=True)


def test_check_date_window_span_and_pairing() -> None:
    assert check_date_window("2026-01-01", "2026-01-31", max_days=30) == (
        "2026-01-01",
        "2026-01-31",
    )
    with pytest.raises(ValidationError, match="spans 31 days; this endpoint allows at most 30"):
        check_date_window("2026-01-01", "2026-02-01", max_days=30)
    with pytest.raises(ValidationError, match="pass both start_date and end_date, or neither"):
        check_date_window("2026-01-01", None)
    assert check_date_window(None, None) == (None, None)


def test_check_datetime_forms() -> None:
    aware = check_datetime("t", "2023-10-16 10:33:02.000Z")
    assert aware is not None and aware.isoformat() == "2023-10-16T10:33:02+00:00"
    naive = check_datetime("t", datetime(2026, 1, 1, 8))
    assert naive is not None and naive.utcoffset() is not None
    midnight = check_datetime("t", date(2026, 1, 2))
    assert midnight is not None and midnight.isoformat() == "2026-01-02T00:00:00+00:00"
    with pytest.raises(ValidationError, match="ISO 8601"):
        check_datetime("t", "yesterday")
    with pytest.raises(InvalidTypeError, match="t must be a datetime"):
        check_datetime("t", 5)  # type: ignore[arg-type]


# --- end to end against the sandbox ----------------------------------------------------------

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
FROM, TO = "2026-01-15", "2026-03-01"


@pytest.fixture
async def world() -> AsyncIterator[tuple[SmartleadClient, SandboxState]]:
    state = SandboxState(seed=5, clock=lambda: NOW)
    seed_workspace(state, 5, campaigns=3, leads_per_campaign=15, clients=2)
    async with open_sandbox(state=state) as (_, client):
        yield client, state


def sent_in(state: SandboxState, campaign_ids: set[int] | None = None) -> list[Message]:
    return [
        msg
        for msg in state.messages.values()
        if msg.type == "SENT"
        and not msg.is_manual
        and (campaign_ids is None or msg.campaign_id in campaign_ids)
    ]


async def test_sandbox_overall_and_day_wise_agree(
    world: tuple[SmartleadClient, SandboxState],
) -> None:
    sl, state = world
    total = len(sent_in(state))
    assert total > 0
    overall = await sl.analytics.overall_stats(FROM, TO, timezone="UTC")
    assert overall.stats.sent == total
    assert overall.stats.reply_rate is not None and overall.stats.reply_rate.raw is not None
    days = await sl.analytics.day_wise_overall_stats(FROM, TO)
    assert len(days.days) == 46
    assert sum(d.metrics.sent or 0 for d in days.days) == total
    by_send = await sl.analytics.day_wise_overall_stats_by_sent_time(FROM, TO, "UTC")
    assert sum(d.metrics.sent or 0 for d in by_send.days) == total
    positive = await sl.analytics.day_wise_positive_reply_stats(FROM, TO)
    positive_sent = await sl.analytics.day_wise_positive_reply_stats_by_sent_time(FROM, TO, "UTC")
    assert sum(d.positive_replied or 0 for d in positive.days) == overall.stats.positive_replied
    assert sum(d.replied or 0 for d in positive_sent.days) == overall.stats.replied
    one = next(iter(state.campaigns))
    scoped = await sl.analytics.overall_stats(FROM, TO, campaign_ids=[one])
    assert scoped.stats.sent == len(sent_in(state, {one}))


async def test_sandbox_campaign_reports(world: tuple[SmartleadClient, SandboxState]) -> None:
    sl, state = world
    listing = await sl.analytics.campaign_list()
    assert {c.id for c in listing.campaigns} == set(state.campaigns)
    assert {c.name for c in listing.campaigns} == {c.name for c in state.campaigns.values()}
    statuses = await sl.analytics.campaign_status_stats()
    assert (statuses.active_count, statuses.total_count) == (3, 3)
    rows = await sl.analytics.iter_campaign_overall_stats(FROM, TO, limit=2).to_list()
    assert {r.id: r.sent for r in rows} == {
        cid: len(sent_in(state, {cid})) for cid in state.campaigns
    }
    page = await sl.analytics.campaign_overall_stats(FROM, TO, limit=1, offset=1)
    assert [r.id for r in page.campaigns] == [rows[1].id] and page.total_count == 3
    responses = await sl.analytics.campaign_response_stats(FROM, TO)
    assert {r.id for r in responses.campaigns} == set(state.campaigns)
    overall = await sl.analytics.overall_stats(FROM, TO)
    assert sum(r.replied or 0 for r in responses.campaigns) == overall.stats.replied
    follow = await sl.analytics.campaign_follow_up_reply_rate(FROM, TO)
    assert [s.sequence_number for s in follow.steps] == [1, 2, 3]
    assert sum(s.sent or 0 for s in follow.steps) == len(sent_in(state))
    assert follow.overall_follow_up_reply_rate is not None
    reply_time = await sl.analytics.campaign_lead_to_reply_time(FROM, TO)
    first_reply = await sl.analytics.campaign_leads_take_for_first_reply(FROM, TO)
    assert reply_time.replied_lead_count == first_reply.replied_lead_count
    assert sum(b.count or 0 for b in reply_time.buckets) == reply_time.replied_lead_count
    assert sum(b.count or 0 for b in first_reply.buckets) == first_reply.replied_lead_count


async def test_sandbox_client_and_lead_reports(
    world: tuple[SmartleadClient, SandboxState],
) -> None:
    sl, state = world
    clients = await sl.analytics.client_list()
    assert {(c.id, c.name) for c in clients.clients} == {
        (c.id, c.name) for c in state.clients.values()
    }
    first = min(state.clients)
    only = await sl.analytics.client_list(client_ids=[first])
    assert [c.id for c in only.clients] == [first]
    performance = await sl.analytics.iter_client_overall_stats(FROM, TO, limit=1).to_list()
    assert {c.id for c in performance} == set(state.clients)
    for row in performance:
        owned = {cid for cid, camp in state.campaigns.items() if camp.client_id == row.id}
        assert row.sent == len(sent_in(state, owned))
    months = await sl.analytics.client_month_wise_count()
    assert sum(m.count or 0 for m in months.months) == len(state.clients)
    leads = await sl.analytics.lead_overall_stats(FROM, TO)
    assert leads.total == len(state.campaign_leads)
    assert sum(leads.status_counts.values()) == leads.total
    categories = await sl.analytics.lead_category_wise_response(FROM, TO)
    assert sum(c.count or 0 for c in categories.categories) == categories.total_replied_leads


async def test_sandbox_mailbox_and_team_reports(
    world: tuple[SmartleadClient, SandboxState],
) -> None:
    sl, state = world
    overview = await sl.analytics.mailbox_overall_stats()
    assert overview.total_mailboxes == len(state.email_accounts)
    domains = await sl.analytics.iter_mailbox_domain_wise_health_metrics(FROM, TO).to_list()
    assert sum(d.mailbox_count or 0 for d in domains) == len(state.email_accounts)
    assert sum(d.sent_count or 0 for d in domains) == len(sent_in(state))
    boxes = await sl.analytics.iter_mailbox_name_wise_health_metrics(FROM, TO, limit=2).to_list()
    assert {b.email_account_id for b in boxes} == set(state.email_accounts)
    bounced = await sl.analytics.mailbox_name_wise_health_metrics(FROM, TO, is_bounced=True)
    assert bounced.mailboxes
    assert all((b.bounce_count or 0) > 0 for b in bounced.mailboxes)
    providers = await sl.analytics.mailbox_provider_wise_overall_performance(FROM, TO)
    assert {p.provider for p in providers.providers} == {
        a.type for a in state.email_accounts.values()
    }
    team = await sl.analytics.team_board_overall_stats(FROM, TO)
    assert team.members
    assert {m.team_member_id for m in team.members} == set(state.team_members)


async def test_sandbox_rejects_what_the_client_also_rejects(
    world: tuple[SmartleadClient, SandboxState],
) -> None:
    """The sandbox answers 400 on a reversed window; the client stops it before sending."""
    sl, _ = world
    with pytest.raises(ValidationError, match="before start_date"):
        await sl.analytics.overall_stats(TO, FROM)
    assert sl.requests_sent == 0
