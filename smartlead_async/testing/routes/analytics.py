"""Sandbox routes: statistics and analytics (A1-A7), all computed from the message history.

Per-campaign routes (A1-A6) read one campaign's messages and enrolments; the 22 account-wide
``/analytics/*`` routes (A7) aggregate the campaigns selected by ``client_ids``/``campaign_ids``
over a ``start_date``..``end_date`` window (inclusive, in ``timezone``). There is deliberately no
``/analytics/overview`` (the live API answers 404 there).

Event definitions shared by every route: *sent* = a sequence email (SENT, not a manual reply),
*opened*/*clicked* = a sent email's first open/click, *replied* = a lead reply (bounce notices
excluded), *positive* = a reply from a lead whose category has a positive sentiment, *bounced* /
*unsubscribed* = flags on the sent email. Campaign counts (A2-A4) are strings like the live API;
rates are ``"12.5%"`` strings.
"""

from __future__ import annotations

import statistics
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final
from zoneinfo import ZoneInfo

from aiohttp import web

from smartlead_async.testing.sandbox import (
    bad_request,
    campaign_or_404,
    json_response,
    ok,
    parse_timezone,
    q_bool,
    q_date,
    q_datetime,
    q_enum,
    q_int,
    q_int_csv,
    q_int_opt,
    q_str,
    state_of,
)
from smartlead_async.testing.state import (
    USER_ID,
    Campaign,
    CampaignLead,
    EmailAccount,
    Message,
    SandboxState,
)
from smartlead_async.testing.wire import iso

routes = web.RouteTableDef()

MAX_OFFSET: Final = 2**31 - 1
"""Largest accepted ``offset`` (bigger values could not be echoed back as JSON numbers)."""

MAX_SPAN_DAYS: Final = 30
STATISTICS_MAX_LIMIT: Final = 1000
EMAIL_STATUSES: Final = ("opened", "clicked", "replied", "unsubscribed", "bounced")
_UTC: Final = ZoneInfo("UTC")
_COUNT_KEYS: Final = (
    "sent",
    "opened",
    "clicked",
    "replied",
    "positive_replied",
    "bounced",
    "unsubscribed",
)
_SINGULAR: Final = {
    "sent": "sent",
    "opened": "open",
    "clicked": "click",
    "replied": "reply",
    "positive_replied": "positive_reply",
    "bounced": "bounce",
    "unsubscribed": "unsubscribed",
}


# --------------------------------------------------------------------------- shared helpers


def rate(part: int, whole: int) -> str:
    """``part / whole`` as a percentage string such as ``"12.5%"`` (``"0%"`` when whole is 0)."""
    if whole <= 0:
        return "0%"
    text = f"{100 * part / whole:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


@dataclass(frozen=True, slots=True)
class _Window:
    """An inclusive local-date range in a time zone (``lower <= t < upper`` as instants)."""

    start: date
    end: date
    tz: ZoneInfo
    lower: datetime = field(init=False)
    upper: datetime = field(init=False)

    def __post_init__(self) -> None:
        # UTC bounds: comparing datetimes that share one tzinfo object skips offset lookups
        lower = datetime.combine(self.start, time.min, self.tz).astimezone(UTC)
        upper = datetime.combine(self.end + timedelta(days=1), time.min, self.tz).astimezone(UTC)
        object.__setattr__(self, "lower", lower)
        object.__setattr__(self, "upper", upper)

    def contains(self, when: datetime | None) -> bool:
        return when is not None and self.lower <= when < self.upper

    def day(self, when: datetime) -> date:
        return when.astimezone(self.tz).date()

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]


def _window(
    request: web.Request,
    *,
    tz_param: str = "timezone",
    tz_required: bool = False,
    max_span: int | None = None,
) -> _Window:
    start = q_date(request, "start_date", required=True)
    end = q_date(request, "end_date", required=True)
    assert start is not None and end is not None
    if end < start:
        raise bad_request(f"end_date ({end}) must not be before start_date ({start})")
    if max_span is not None and (end - start).days > max_span:
        raise bad_request(
            f"the date range may span at most {max_span} days; got {(end - start).days} "
            f"({start} to {end}); split it into smaller ranges"
        )
    tz_name = q_str(request, tz_param, required=tz_required)
    tz = parse_timezone(tz_param, tz_name) if tz_name is not None else _UTC
    return _Window(start, end, tz)


def _positive_categories(state: SandboxState) -> frozenset[int]:
    return frozenset(
        c.id for c in state.categories.values() if (c.sentiment_type or "").lower() == "positive"
    )


def _messages(state: SandboxState, campaigns: Iterable[Campaign]) -> Iterator[Message]:
    lookup = state.messages.__getitem__
    for camp in campaigns:
        yield from map(lookup, state.messages_by_campaign.get(camp.id, ()))


def _root_sent(state: SandboxState, msg: Message) -> Message | None:
    """The sequence email a reply answers (following ``in_reply_to`` up the thread)."""
    current: Message | None = msg
    for _ in range(50):
        if current is None or current.in_reply_to is None:
            return None
        current = state.messages.get(current.in_reply_to)
        if current is not None and current.type == "SENT" and not current.is_manual:
            return current
    return None


Event = tuple[str, datetime, Message]


def _events(
    state: SandboxState, messages: Iterable[Message], *, by_sent_time: bool = False
) -> Iterator[Event]:
    """``(kind, time, message)`` for every engagement event; see the module docstring."""
    positive = _positive_categories(state)
    for msg in messages:
        if msg.type == "SENT":
            if msg.is_manual:
                continue
            sent = msg.time
            yield "sent", sent, msg
            if msg.open_time is not None:
                yield "opened", sent if by_sent_time else msg.open_time, msg
            if msg.click_time is not None:
                yield "clicked", sent if by_sent_time else msg.click_time, msg
            if msg.is_bounced:
                yield "bounced", sent, msg
            if msg.is_unsubscribed:
                yield "unsubscribed", sent, msg
        elif not msg.is_bounce_notice:
            when = msg.time
            if by_sent_time:
                root = _root_sent(state, msg)
                when = root.time if root is not None else msg.time
            yield "replied", when, msg
            row = state.campaign_leads.get(msg.map_id)
            if row is not None and row.category_id in positive:
                yield "positive_replied", when, msg


@dataclass(slots=True)
class _Tally:
    """Event counts plus the distinct leads behind each."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_COUNT_KEYS, 0))
    leads: dict[str, set[int]] = field(default_factory=lambda: {k: set() for k in _COUNT_KEYS})

    def add(self, kind: str, msg: Message) -> None:
        self.counts[kind] += 1
        self.leads[kind].add(msg.lead_id)

    def numbers(self) -> dict[str, int]:
        return {key: self.counts[key] for key in _COUNT_KEYS}

    def rates(self) -> dict[str, str]:
        sent = self.counts["sent"]
        return {
            "open_rate": rate(self.counts["opened"], sent),
            "click_rate": rate(self.counts["clicked"], sent),
            "reply_rate": rate(self.counts["replied"], sent),
            "positive_reply_rate": rate(self.counts["positive_replied"], sent),
            "bounce_rate": rate(self.counts["bounced"], sent),
        }

    def summary(self) -> dict[str, Any]:
        return {
            **self.numbers(),
            "unique_lead_count": len(self.leads["sent"]),
            "unique_open_count": len(self.leads["opened"]),
            "unique_click_count": len(self.leads["clicked"]),
            "unique_reply_count": len(self.leads["replied"]),
            **self.rates(),
        }


def _tally(events: Iterable[Event], window: _Window | None) -> _Tally:
    tally = _Tally()
    for kind, when, msg in events:
        if window is None or window.contains(when):
            tally.add(kind, msg)
    return tally


def _tally_by(
    events: Iterable[Event], window: _Window, key: Callable[[datetime, Message], Any]
) -> dict[Any, _Tally]:
    groups: dict[Any, _Tally] = defaultdict(_Tally)
    for kind, when, msg in events:
        if window.contains(when):
            groups[key(when, msg)].add(kind, msg)
    return groups


# --------------------------------------------------------------------------- A1 statistics


@dataclass(slots=True)
class _SentIndex:
    """A campaign's sequence emails in send order, extended incrementally."""

    processed: int = 0
    stats_ids: list[str] = field(default_factory=list)


_SENT_INDEXES: weakref.WeakKeyDictionary[SandboxState, dict[int, _SentIndex]] = (
    weakref.WeakKeyDictionary()
)


def _sent_ids(state: SandboxState, campaign_id: int) -> list[str]:
    per_state = _SENT_INDEXES.setdefault(state, {})
    index = per_state.setdefault(campaign_id, _SentIndex())
    all_ids = state.messages_by_campaign.get(campaign_id, [])
    if index.processed > len(all_ids):
        index = per_state[campaign_id] = _SentIndex()
    for stats_id in all_ids[index.processed :]:
        msg = state.messages[stats_id]
        if msg.type == "SENT" and not msg.is_manual:
            index.stats_ids.append(stats_id)
    index.processed = len(all_ids)
    return index.stats_ids


def _status_test(status: str) -> Callable[[Message], bool]:
    tests: dict[str, Callable[[Message], bool]] = {
        "opened": lambda m: m.open_count > 0,
        "clicked": lambda m: m.click_count > 0,
        "replied": lambda m: m.reply_time is not None,
        "unsubscribed": lambda m: m.is_unsubscribed,
        "bounced": lambda m: m.is_bounced,
    }
    return tests[status]


def _category_name(state: SandboxState, category_id: int | None) -> str | None:
    category = state.categories.get(category_id) if category_id is not None else None
    return category.name if category is not None else None


def _statistics_row(state: SandboxState, msg: Message) -> dict[str, Any]:
    lead = state.leads[msg.lead_id]
    row = state.campaign_leads.get(msg.map_id)
    return {
        "stats_id": msg.stats_id,
        "lead_name": f"{lead.first_name} {lead.last_name}".strip(),
        "lead_email": lead.email,
        "lead_category": _category_name(state, row.category_id if row else None),
        "sequence_number": msg.seq_number,
        "email_subject": msg.subject,
        "email_message": msg.body,
        "sent_time": iso(msg.time),
        "open_time": iso(msg.open_time),
        "click_time": iso(msg.click_time),
        "reply_time": iso(msg.reply_time),
        "open_count": msg.open_count,
        "click_count": msg.click_count,
        "is_unsubscribed": msg.is_unsubscribed,
        "is_bounced": msg.is_bounced,
    }


@routes.get("/campaigns/{campaign_id:\\d+}/statistics")
async def campaign_statistics(request: web.Request) -> web.Response:
    """A1: one row per sequence email sent, ``total_stats`` as a string."""
    state = state_of(request)
    camp = campaign_or_404(request)
    offset = q_int(request, "offset", 0, minimum=0, maximum=MAX_OFFSET)
    limit = q_int(request, "limit", 100, minimum=1, maximum=STATISTICS_MAX_LIMIT)
    seq_number = q_int_opt(request, "email_sequence_number", minimum=1, maximum=20)
    status = q_enum(request, "email_status", EMAIL_STATUSES)
    sent_from = q_datetime(request, "sent_time_start_date")
    sent_to = q_datetime(request, "sent_time_end_date")
    if sent_from is not None and sent_to is not None and sent_to < sent_from:
        raise bad_request("sent_time_end_date must not be before sent_time_start_date")
    stats_ids = _sent_ids(state, camp.id)
    if seq_number is None and status is None and sent_from is None and sent_to is None:
        total = len(stats_ids)
        page = [state.messages[s] for s in stats_ids[offset : offset + limit]]
    else:
        test = _status_test(status) if status is not None else None
        matches = [
            msg
            for msg in (state.messages[s] for s in stats_ids)
            if (seq_number is None or msg.seq_number == seq_number)
            and (test is None or test(msg))
            and (sent_from is None or msg.time >= sent_from)
            and (sent_to is None or msg.time <= sent_to)
        ]
        total = len(matches)
        page = matches[offset : offset + limit]
    return json_response(
        {
            "total_stats": str(total),
            "data": [_statistics_row(state, msg) for msg in page],
            "offset": offset,
            "limit": limit,
        }
    )


# --------------------------------------------------------------------------- A2-A4


def _campaign_header(camp: Campaign) -> dict[str, Any]:
    return {
        "id": camp.id,
        "user_id": USER_ID,
        "created_at": iso(camp.created_at),
        "status": camp.status,
        "name": camp.name,
    }


def _rows(state: SandboxState, camp: Campaign) -> Iterator[CampaignLead]:
    for map_id in camp.lead_map_ids.as_list():
        row = state.campaign_leads.get(map_id)
        if row is not None:
            yield row


def _lead_counts(rows: Iterable[CampaignLead], window: _Window | None) -> dict[str, int]:
    total = drafted = blocked = unsubscribed = 0
    for row in rows:
        if window is not None and not window.contains(row.created_at):
            if row.status == "BLOCKED" and window.contains(row.last_event_time):
                blocked += 1
            continue
        total += 1
        drafted += row.sent_count == 0 and row.status in ("STARTED", "INPROGRESS")
        blocked += row.status == "BLOCKED"
        unsubscribed += row.is_unsubscribed
    return {
        "total_count": total,
        "drafted_count": drafted,
        "block_count": blocked,
        "lead_unsubscribed": unsubscribed,
    }


def _campaign_counts(state: SandboxState, camp: Campaign, window: _Window | None) -> dict[str, str]:
    tally = _tally(_events(state, _messages(state, [camp])), window)
    leads = _lead_counts(_rows(state, camp), window)
    unsubscribed = leads["lead_unsubscribed"] if window is None else tally.counts["unsubscribed"]
    counts = {
        "sent_count": tally.counts["sent"],
        "open_count": tally.counts["opened"],
        "click_count": tally.counts["clicked"],
        "reply_count": tally.counts["replied"],
        "block_count": leads["block_count"],
        "total_count": leads["total_count"],
        "drafted_count": leads["drafted_count"],
        "bounce_count": tally.counts["bounced"],
        "unsubscribed_count": unsubscribed,
        "unique_sent_count": len(tally.leads["sent"]),
        "unique_open_count": len(tally.leads["opened"]),
        "unique_click_count": len(tally.leads["clicked"]),
    }
    return {key: str(value) for key, value in counts.items()}


def _lead_stats(state: SandboxState, camp: Campaign) -> dict[str, Any]:
    statuses: Counter[str] = Counter()
    positive = _positive_categories(state)
    interested = 0
    revenue = 0.0
    for row in _rows(state, camp):
        statuses[row.status] += 1
        interested += row.category_id in positive
        revenue += row.revenue or 0.0
    return {
        "total": statuses.total(),
        "blocked": statuses["BLOCKED"],
        "stopped": statuses["STOPPED"],
        "completed": statuses["COMPLETED"],
        "inprogress": statuses["INPROGRESS"],
        "notStarted": statuses["STARTED"],
        "paused": statuses["PAUSED"],
        "interested": interested,
        "revenue": revenue,
    }


@routes.get("/campaigns/{campaign_id:\\d+}/analytics")
async def campaign_analytics(request: web.Request) -> web.Response:
    """A2: all-time campaign counts (strings) and lead status stats (numbers)."""
    state = state_of(request)
    camp = campaign_or_404(request)
    client = state.clients.get(camp.client_id) if camp.client_id is not None else None
    data: dict[str, Any] = _campaign_header(camp)
    data.update(_campaign_counts(state, camp, None))
    data.update(
        sequence_count=str(len(camp.sequences)),
        client_id=camp.client_id,
        client_name=client.name if client else None,
        client_email=client.email if client else None,
        parent_campaign_id=camp.parent_campaign_id,
        tags=[
            {"id": t.id, "name": t.name, "color": t.color}
            for t in (state.tags.get(i) for i in camp.tag_ids)
            if t is not None
        ],
        campaign_lead_stats=_lead_stats(state, camp),
    )
    return json_response(data)


@routes.get("/campaigns/{campaign_id:\\d+}/analytics-by-date")
async def campaign_analytics_by_date(request: web.Request) -> web.Response:
    """A3: counts (strings) of events between start_date and end_date (span <= 30 days)."""
    state = state_of(request)
    camp = campaign_or_404(request)
    window = _window(request, tz_param="time_zone", max_span=MAX_SPAN_DAYS)
    data = _campaign_header(camp)
    data.update(start_date=window.start.isoformat(), end_date=window.end.isoformat())
    counts = _campaign_counts(state, camp, window)
    for key in ("unique_sent_count", "unique_open_count", "unique_click_count"):
        counts.pop(key)
    data.update(counts)
    return json_response(data)


@routes.get("/campaigns/{campaign_id:\\d+}/top-level-analytics-by-date")
async def top_level_analytics_by_date(request: web.Request) -> web.Response:
    """A4: the A3 counts plus unique counts and a per-day breakdown."""
    state = state_of(request)
    camp = campaign_or_404(request)
    window = _window(request, tz_param="time_zone")
    data = _campaign_header(camp)
    data.update(start_date=window.start.isoformat(), end_date=window.end.isoformat())
    data.update(_campaign_counts(state, camp, window))
    per_day = _tally_by(
        _events(state, _messages(state, [camp])), window, lambda when, _: window.day(when)
    )
    data["day_wise_stats"] = [
        {"date": day.isoformat(), **{k: str(v) for k, v in per_day[day].numbers().items()}}
        for day in window.days()
    ]
    return json_response(data)


# --------------------------------------------------------------------------- A5, A6


def _lead_statistics_row(state: SandboxState, row: CampaignLead) -> dict[str, Any]:
    lead = state.leads[row.lead_id]
    return {
        "lead_id": lead.id,
        "email_lead_map_id": row.id,
        "email": lead.email,
        "first_name": lead.first_name,
        "last_name": lead.last_name,
        "status": row.status,
        "lead_category_id": row.category_id,
        "current_sequence_number": row.current_sequence_number,
        "sent_count": row.sent_count,
        "open_count": row.open_count,
        "click_count": row.click_count,
        "reply_count": row.reply_count,
        "is_bounced": row.is_bounced,
        "is_unsubscribed": row.is_unsubscribed,
        "last_sent_time": iso(row.last_sent_time),
        "last_reply_time": iso(row.last_reply_time),
        "last_event_time": iso(row.last_event_time),
    }


@routes.get("/campaigns/{campaign_id:\\d+}/leads-statistics")
async def leads_statistics(request: web.Request) -> web.Response:
    """A5: per-lead engagement, paged (limit <= 100), optionally only leads active after
    ``event_time_gt``."""
    state = state_of(request)
    camp = campaign_or_404(request)
    offset = q_int(request, "offset", 0, minimum=0, maximum=MAX_OFFSET)
    limit = q_int(request, "limit", 100, minimum=1, maximum=100)
    after = q_datetime(request, "event_time_gt")
    if after is None:
        total = len(camp.lead_map_ids)
        rows = [state.campaign_leads[i] for i in camp.lead_map_ids.page(offset, limit)]
    else:
        matches = [
            row
            for row in _rows(state, camp)
            if row.last_event_time is not None and row.last_event_time > after
        ]
        total = len(matches)
        rows = matches[offset : offset + limit]
    return ok(
        [_lead_statistics_row(state, row) for row in rows],
        total_leads=str(total),
        offset=offset,
        limit=limit,
    )


def _account_row(
    account: EmailAccount | None, account_id: int | None, tally: _Tally
) -> dict[str, Any]:
    return {
        "email_account_id": account_id,
        "from_email": account.from_email if account else None,
        "from_name": account.from_name if account else None,
        "type": account.type if account else None,
        **{f"{_SINGULAR[k]}_count": v for k, v in tally.numbers().items()},
        "unique_open_count": len(tally.leads["opened"]),
        **tally.rates(),
    }


@routes.get("/campaigns/{campaign_id:\\d+}/mailbox-statistics")
async def mailbox_statistics(request: web.Request) -> web.Response:
    """A6: per sender account of the campaign, optionally within start_date..end_date."""
    state = state_of(request)
    camp = campaign_or_404(request)
    offset = q_int(request, "offset", 0, minimum=0, maximum=MAX_OFFSET)
    limit = q_int(request, "limit", 20, minimum=1, maximum=20)
    client_id = q_int_opt(request, "client_id", minimum=1)
    q_str(request, "private_api_key")
    has_start = q_str(request, "start_date") is not None
    has_end = q_str(request, "end_date") is not None
    if has_start != has_end:
        raise bad_request("pass both start_date and end_date, or neither")
    window = _window(request, tz_param="time_zone") if has_start else None
    per_account: dict[int | None, _Tally] = defaultdict(_Tally)
    for kind, when, msg in _events(state, _messages(state, [camp])):
        if window is None or window.contains(when):
            per_account[msg.email_account_id].add(kind, msg)
    account_ids = list(dict.fromkeys([*camp.email_account_ids, *per_account]))
    rows = []
    for account_id in account_ids:
        account = state.email_accounts.get(account_id) if account_id is not None else None
        if client_id is not None and (account is None or account.client_id != client_id):
            continue
        rows.append(_account_row(account, account_id, per_account.get(account_id, _Tally())))
    return ok(rows[offset : offset + limit], offset=offset, limit=limit)


# --------------------------------------------------------------------------- A7 scope


@dataclass(frozen=True, slots=True)
class _Scope:
    """The campaigns (and sender accounts) an account-wide analytics request covers."""

    campaigns: list[Campaign]
    client_ids: frozenset[int]

    def accounts(self, state: SandboxState) -> list[EmailAccount]:
        return [
            a
            for a in state.email_accounts.values()
            if not self.client_ids or a.client_id in self.client_ids
        ]


def _scope(request: web.Request, *, campaign_filter: bool = True) -> _Scope:
    state = state_of(request)
    client_ids = frozenset(q_int_csv(request, "client_ids"))
    campaign_ids = frozenset(q_int_csv(request, "campaign_ids")) if campaign_filter else frozenset()
    campaigns = [
        camp
        for camp in state.campaigns.values()
        if not camp.deleted
        and (not client_ids or camp.client_id in client_ids)
        and (not campaign_ids or camp.id in campaign_ids)
    ]
    return _Scope(campaigns, client_ids)


def _paging(request: web.Request) -> tuple[int, int | None]:
    """``offset``/``limit`` of the paged analytics; ``full_data=true`` returns everything."""
    offset = q_int(request, "offset", 0, minimum=0, maximum=MAX_OFFSET)
    limit = q_int_opt(request, "limit", minimum=1, maximum=MAX_OFFSET)
    if q_bool(request, "full_data"):
        return 0, None
    return offset, limit


def _paged(key: str, rows: list[dict[str, Any]], offset: int, limit: int | None) -> web.Response:
    end = None if limit is None else offset + limit
    return ok({key: rows[offset:end], "total_count": len(rows), "offset": offset, "limit": limit})


def _day_name(day: date) -> str:
    return day.strftime("%A")


def _analytics(path: str) -> Callable[[Callable[..., Any]], Any]:
    return routes.get("/analytics/" + path)


# --------------------------------------------------------------------------- A7 overall, day-wise


@_analytics("overall-stats-v2")
async def overall_stats(request: web.Request) -> web.Response:
    """Account-wide totals and rates for the window (the real "overview")."""
    state = state_of(request)
    window = _window(request)
    q_bool(request, "is_agency")
    q_bool(request, "full_data")
    scope = _scope(request)
    tally = _tally(_events(state, _messages(state, scope.campaigns)), window)
    return ok({"overall_stats": tally.summary()})


def _day_wise(request: web.Request, *, by_sent_time: bool, positive_only: bool) -> web.Response:
    state = state_of(request)
    window = _window(request, tz_required=by_sent_time)
    scope = _scope(request)
    events = _events(state, _messages(state, scope.campaigns), by_sent_time=by_sent_time)
    per_day = _tally_by(events, window, lambda when, _: window.day(when))
    rows = []
    for day in window.days():
        tally = per_day.get(day, _Tally())
        row: dict[str, Any] = {"date": day.isoformat(), "day_name": _day_name(day)}
        if positive_only:
            row["positive_replies"] = tally.counts["positive_replied"]
            row["replies"] = tally.counts["replied"]
        else:
            row["email_engagement_metrics"] = tally.numbers()
        rows.append(row)
    return ok({"day_wise_stats": rows})


@_analytics("day-wise-overall-stats")
async def day_wise_overall_stats(request: web.Request) -> web.Response:
    """Per-day event counts (events on the day they happened)."""
    return _day_wise(request, by_sent_time=False, positive_only=False)


@_analytics("day-wise-overall-stats-by-sent-time")
async def day_wise_overall_stats_by_sent_time(request: web.Request) -> web.Response:
    """Per-day counts with every event attributed to the day its email was sent."""
    return _day_wise(request, by_sent_time=True, positive_only=False)


@_analytics("day-wise-positive-reply-stats")
async def day_wise_positive_reply_stats(request: web.Request) -> web.Response:
    """Per-day positive replies (and all replies)."""
    return _day_wise(request, by_sent_time=False, positive_only=True)


@_analytics("day-wise-positive-reply-stats-by-sent-time")
async def day_wise_positive_reply_stats_by_sent_time(request: web.Request) -> web.Response:
    """Per-day positive replies attributed to the day the answered email was sent."""
    return _day_wise(request, by_sent_time=True, positive_only=True)


# --------------------------------------------------------------------------- A7 campaigns


@_analytics("campaign/list")
async def campaign_list(request: web.Request) -> web.Response:
    """Campaigns (optionally of some clients)."""
    scope = _scope(request, campaign_filter=False)
    rows = [
        {
            "id": camp.id,
            "name": camp.name,
            "status": camp.status,
            "client_id": camp.client_id,
            "parent_campaign_id": camp.parent_campaign_id,
            "created_at": iso(camp.created_at),
        }
        for camp in scope.campaigns
    ]
    return ok({"campaigns": rows, "total_count": len(rows)})


@_analytics("campaign/overall-stats")
async def campaign_overall_stats(request: web.Request) -> web.Response:
    """Per-campaign totals and rates for the window (paged with limit/offset)."""
    state = state_of(request)
    window = _window(request)
    offset, limit = _paging(request)
    scope = _scope(request)
    rows = []
    for camp in scope.campaigns:
        tally = _tally(_events(state, _messages(state, [camp])), window)
        rows.append(
            {
                "campaign_id": camp.id,
                "campaign_name": camp.name,
                "status": camp.status,
                "client_id": camp.client_id,
                **tally.summary(),
            }
        )
    return _paged("campaign_wise_performance", rows, offset, limit)


def _sentiment(state: SandboxState, msg: Message) -> str:
    row = state.campaign_leads.get(msg.map_id)
    category = state.categories.get(row.category_id) if row and row.category_id else None
    if category is None:
        return "uncategorized"
    return (category.sentiment_type or "neutral").lower()


@_analytics("campaign/response-stats")
async def campaign_response_stats(request: web.Request) -> web.Response:
    """Replies per campaign split by the sentiment of the lead's category."""
    state = state_of(request)
    window = _window(request)
    q_bool(request, "full_data")
    scope = _scope(request)
    rows = []
    for camp in scope.campaigns:
        sentiments: Counter[str] = Counter()
        sent = 0
        for kind, when, msg in _events(state, _messages(state, [camp])):
            if not window.contains(when):
                continue
            if kind == "sent":
                sent += 1
            elif kind == "replied":
                sentiments[_sentiment(state, msg)] += 1
        replied = sentiments.total()
        rows.append(
            {
                "campaign_id": camp.id,
                "campaign_name": camp.name,
                "sent": sent,
                "replied": replied,
                "positive_replied": sentiments["positive"],
                "negative_replied": sentiments["negative"],
                "neutral_replied": sentiments["neutral"],
                "uncategorized_replied": sentiments["uncategorized"],
                "reply_rate": rate(replied, sent),
                "positive_reply_rate": rate(sentiments["positive"], sent),
            }
        )
    return ok({"campaign_response_stats": rows})


@_analytics("campaign/status-stats")
async def campaign_status_stats(request: web.Request) -> web.Response:
    """How many campaigns are in each status."""
    scope = _scope(request, campaign_filter=False)
    statuses = Counter(camp.status for camp in scope.campaigns)
    data = {
        f"{status.lower()}_count": statuses[status]
        for status in ("ACTIVE", "PAUSED", "COMPLETED", "DRAFTED", "STOPPED", "ARCHIVED")
    }
    data["total_count"] = len(scope.campaigns)
    return ok({"campaign_status_stats": data})


@_analytics("campaign/follow-up-reply-rate")
async def follow_up_reply_rate(request: web.Request) -> web.Response:
    """Reply rate per sequence step (replies attributed to the step they answered)."""
    if "campaign_id" in request.query:
        raise bad_request("campaign_id is not a parameter here; use campaign_ids (comma-separated)")
    state = state_of(request)
    window = _window(request)
    scope = _scope(request)
    events = _events(state, _messages(state, scope.campaigns), by_sent_time=True)

    def step(_: datetime, msg: Message) -> int:
        if msg.type == "SENT":
            return msg.seq_number
        root = _root_sent(state, msg)
        return root.seq_number if root is not None else msg.seq_number

    per_step = _tally_by(events, window, step)
    rows = [
        {
            "sequence_number": number,
            "sent": per_step[number].counts["sent"],
            "replied": per_step[number].counts["replied"],
            "reply_rate": rate(per_step[number].counts["replied"], per_step[number].counts["sent"]),
        }
        for number in sorted(per_step)
    ]
    follow_sent = sum(r["sent"] for r in rows if r["sequence_number"] > 1)
    follow_replied = sum(r["replied"] for r in rows if r["sequence_number"] > 1)
    return ok(
        {
            "follow_up_reply_rate": rows,
            "overall_follow_up_reply_rate": rate(follow_replied, follow_sent),
        }
    )


def _first_replies(
    state: SandboxState, scope: _Scope, window: _Window
) -> Iterator[tuple[list[Message], Message]]:
    """For each enrolment whose first lead reply falls in the window: (sent before, reply)."""
    for camp in scope.campaigns:
        for row in _rows(state, camp):
            if row.reply_count == 0:
                continue
            sent: list[Message] = []
            for msg in state.thread(row.id):
                if msg.type == "SENT" and not msg.is_manual:
                    sent.append(msg)
                elif msg.type == "REPLY" and not msg.is_bounce_notice:
                    if window.contains(msg.time) and sent:
                        yield sent, msg
                    break


_REPLY_TIME_BUCKETS: Final = (
    ("< 1 hour", 1.0),
    ("1-6 hours", 6.0),
    ("6-24 hours", 24.0),
    ("1-3 days", 72.0),
    ("> 3 days", float("inf")),
)


@_analytics("campaign/lead-to-reply-time")
async def lead_to_reply_time(request: web.Request) -> web.Response:
    """Hours from a lead's first email to its first reply (average, median, buckets)."""
    state = state_of(request)
    window = _window(request)
    scope = _scope(request)
    hours = [
        (reply.time - sent[0].time).total_seconds() / 3600
        for sent, reply in _first_replies(state, scope, window)
    ]
    buckets: Counter[str] = Counter()
    for value in hours:
        label = next(name for name, bound in _REPLY_TIME_BUCKETS if value < bound)
        buckets[label] += 1
    return ok(
        {
            "lead_to_reply_time": {
                "replied_lead_count": len(hours),
                "average_hours": round(statistics.fmean(hours), 2) if hours else 0,
                "median_hours": round(statistics.median(hours), 2) if hours else 0,
                "buckets": [{"label": n, "count": buckets[n]} for n, _ in _REPLY_TIME_BUCKETS],
            }
        }
    )


@_analytics("campaign/leads-take-for-first-reply")
async def leads_take_for_first_reply(request: web.Request) -> web.Response:
    """How many emails leads received before their first reply."""
    state = state_of(request)
    window = _window(request)
    scope = _scope(request)
    needed = Counter(len(sent) for sent, _ in _first_replies(state, scope, window))
    total = needed.total()
    average = sum(k * v for k, v in needed.items()) / total if total else 0
    return ok(
        {
            "leads_take_for_first_reply": [
                {"emails_sent": k, "lead_count": needed[k]} for k in sorted(needed)
            ],
            "replied_lead_count": total,
            "average_emails_before_first_reply": round(average, 2),
        }
    )


# --------------------------------------------------------------------------- A7 clients, leads


@_analytics("client/list")
async def client_list(request: web.Request) -> web.Response:
    """Clients with their campaign counts."""
    state = state_of(request)
    scope = _scope(request, campaign_filter=False)
    per_client = Counter(camp.client_id for camp in scope.campaigns)
    rows = [
        {
            "id": client.id,
            "name": client.name,
            "email": client.email,
            "campaign_count": per_client[client.id],
            "created_at": iso(client.created_at),
        }
        for client in state.clients.values()
        if not scope.client_ids or client.id in scope.client_ids
    ]
    return ok({"clients": rows, "total_count": len(rows)})


@_analytics("client/overall-stats")
async def client_overall_stats(request: web.Request) -> web.Response:
    """Per-client totals and rates for the window (``filter`` matches client names)."""
    state = state_of(request)
    window = _window(request)
    offset, limit = _paging(request)
    needle = (q_str(request, "filter") or "").lower()
    scope = _scope(request, campaign_filter=False)
    rows = []
    for client in state.clients.values():
        if scope.client_ids and client.id not in scope.client_ids:
            continue
        if needle and needle not in client.name.lower():
            continue
        camps = [c for c in scope.campaigns if c.client_id == client.id]
        tally = _tally(_events(state, _messages(state, camps)), window)
        rows.append(
            {
                "client_id": client.id,
                "client_name": client.name,
                "campaign_count": len(camps),
                **tally.summary(),
            }
        )
    return _paged("client_wise_performance", rows, offset, limit)


@_analytics("client/month-wise-count")
async def client_month_wise_count(request: web.Request) -> web.Response:
    """Clients created per month."""
    state = state_of(request)
    scope = _scope(request, campaign_filter=False)
    months = Counter(
        client.created_at.strftime("%Y-%m")
        for client in state.clients.values()
        if not scope.client_ids or client.id in scope.client_ids
    )
    rows = [{"month": month, "count": months[month]} for month in sorted(months)]
    return ok({"month_wise_client_count": rows})


@_analytics("lead/overall-stats")
async def lead_overall_stats(request: web.Request) -> web.Response:
    """Lead-level numbers: enrolments, new in the window, engaged in the window, by status."""
    state = state_of(request)
    window = _window(request)
    scope = _scope(request)
    tally = _tally(_events(state, _messages(state, scope.campaigns)), window)
    statuses: Counter[str] = Counter()
    new = 0
    for camp in scope.campaigns:
        for row in _rows(state, camp):
            statuses[row.status] += 1
            new += window.contains(row.created_at)
    return ok(
        {
            "lead_overall_stats": {
                "total_leads": statuses.total(),
                "new_leads": new,
                "contacted": len(tally.leads["sent"]),
                "opened": len(tally.leads["opened"]),
                "clicked": len(tally.leads["clicked"]),
                "replied": len(tally.leads["replied"]),
                "positive": len(tally.leads["positive_replied"]),
                "bounced": len(tally.leads["bounced"]),
                "unsubscribed": len(tally.leads["unsubscribed"]),
                "status_counts": dict(sorted(statuses.items())),
            }
        }
    )


@_analytics("lead/category-wise-response")
async def lead_category_wise_response(request: web.Request) -> web.Response:
    """Leads that replied in the window, grouped by their category."""
    state = state_of(request)
    window = _window(request)
    scope = _scope(request)
    replied_rows: set[int] = set()
    for kind, when, msg in _events(state, _messages(state, scope.campaigns)):
        if kind == "replied" and window.contains(when):
            replied_rows.add(msg.map_id)
    per_category: Counter[int | None] = Counter()
    for map_id in replied_rows:
        row = state.campaign_leads.get(map_id)
        if row is not None:
            per_category[row.category_id] += 1
    rows = []
    for category_id, count in sorted(per_category.items(), key=lambda kv: (kv[0] is None, kv[0])):
        category = state.categories.get(category_id) if category_id is not None else None
        rows.append(
            {
                "category_id": category_id,
                "category_name": category.name if category else "Uncategorized",
                "sentiment_type": category.sentiment_type if category else None,
                "lead_count": count,
            }
        )
    return ok({"category_wise_response": rows, "total_replied_leads": len(replied_rows)})


# --------------------------------------------------------------------------- A7 mailboxes, team


@_analytics("mailbox/overall-stats")
async def mailbox_overall_stats(request: web.Request) -> web.Response:
    """Sender-account health across the workspace (or some clients)."""
    scope = _scope(request, campaign_filter=False)
    accounts = scope.accounts(state_of(request))
    reputations = [a.warmup.reputation for a in accounts if a.warmup.enabled]
    return ok(
        {
            "mailbox_overall_stats": {
                "total_mailboxes": len(accounts),
                "active_mailboxes": sum(not a.is_suspended for a in accounts),
                "suspended_mailboxes": sum(a.is_suspended for a in accounts),
                "smtp_failed": sum(not a.is_smtp_success for a in accounts),
                "imap_failed": sum(not a.is_imap_success for a in accounts),
                "warmup_enabled": sum(a.warmup.enabled for a in accounts),
                "warmup_blocked": sum(a.warmup.is_warmup_blocked for a in accounts),
                "average_warmup_reputation": (
                    rate(sum(reputations), 100 * len(reputations)) if reputations else None
                ),
                "daily_sent_count": sum(a.daily_sent_count for a in accounts),
                "daily_capacity": sum(a.message_per_day for a in accounts),
                "by_type": dict(sorted(Counter(a.type for a in accounts).items())),
            }
        }
    )


def _mailbox_tallies(
    request: web.Request, window: _Window
) -> tuple[list[EmailAccount], dict[int | None, _Tally]]:
    state = state_of(request)
    scope = _scope(request)
    accounts = scope.accounts(state)
    wanted = {a.id for a in accounts}
    per_account: dict[int | None, _Tally] = defaultdict(_Tally)
    for kind, when, msg in _events(state, _messages(state, scope.campaigns)):
        if msg.email_account_id in wanted and window.contains(when):
            per_account[msg.email_account_id].add(kind, msg)
    return accounts, per_account


def _health(tally: _Tally) -> dict[str, Any]:
    numbers = tally.numbers()
    return {
        "sent": numbers["sent"],
        "opened": numbers["opened"],
        "replied": numbers["replied"],
        "bounced": numbers["bounced"],
        "open_rate": rate(numbers["opened"], numbers["sent"]),
        "reply_rate": rate(numbers["replied"], numbers["sent"]),
        "bounce_rate": rate(numbers["bounced"], numbers["sent"]),
    }


def _merge(tallies: Iterable[_Tally]) -> _Tally:
    merged = _Tally()
    for tally in tallies:
        for kind in _COUNT_KEYS:
            merged.counts[kind] += tally.counts[kind]
            merged.leads[kind] |= tally.leads[kind]
    return merged


@_analytics("mailbox/domain-wise-health-metrics")
async def mailbox_domain_health(request: web.Request) -> web.Response:
    """Per sender domain: mailbox count, sends, opens, replies, bounces and rates."""
    window = _window(request)
    offset, limit = _paging(request)
    accounts, per_account = _mailbox_tallies(request, window)
    domains: dict[str, list[EmailAccount]] = defaultdict(list)
    for account in accounts:
        domains[account.from_email.rpartition("@")[2].lower()].append(account)
    rows = [
        {
            "domain": domain,
            "mailbox_count": len(members),
            **_health(_merge(per_account.get(a.id, _Tally()) for a in members)),
        }
        for domain, members in sorted(domains.items())
    ]
    return _paged("domain_wise_health", rows, offset, limit)


@_analytics("mailbox/name-wise-health-metrics")
async def mailbox_name_health(request: web.Request) -> web.Response:
    """Per mailbox health; ``is_bounced`` keeps only mailboxes with (or without) bounces."""
    window = _window(request)
    offset, limit = _paging(request)
    bounced_raw = q_str(request, "is_bounced")
    only_bounced = q_bool(request, "is_bounced") if bounced_raw is not None else None
    accounts, per_account = _mailbox_tallies(request, window)
    rows = []
    for account in accounts:
        health = _health(per_account.get(account.id, _Tally()))
        if only_bounced is not None and (health["bounced"] > 0) != only_bounced:
            continue
        rows.append(
            {
                "email_account_id": account.id,
                "from_email": account.from_email,
                "from_name": account.from_name,
                "type": account.type,
                "warmup_reputation": f"{account.warmup.reputation}%",
                **health,
            }
        )
    return _paged("mailbox_wise_health", rows, offset, limit)


@_analytics("mailbox/provider-wise-overall-performance")
async def mailbox_provider_performance(request: web.Request) -> web.Response:
    """Per email provider (GMAIL, OUTLOOK, SMTP, ...)."""
    window = _window(request)
    q_bool(request, "full_data")
    accounts, per_account = _mailbox_tallies(request, window)
    providers: dict[str, list[EmailAccount]] = defaultdict(list)
    for account in accounts:
        providers[account.type].append(account)
    rows = [
        {
            "provider": provider,
            "mailbox_count": len(members),
            **_health(_merge(per_account.get(a.id, _Tally()) for a in members)),
        }
        for provider, members in sorted(providers.items())
    ]
    return ok({"provider_wise_performance": rows})


@_analytics("team-board/overall-stats")
async def team_board_stats(request: web.Request) -> web.Response:
    """Per team member: assigned conversations, replies and positive replies in the window."""
    state = state_of(request)
    window = _window(request)
    q_bool(request, "full_data")
    scope = _scope(request)
    positive = _positive_categories(state)
    assigned: Counter[int] = Counter()
    replied: Counter[int] = Counter()
    good: Counter[int] = Counter()
    revenue: defaultdict[int, float] = defaultdict(float)
    for camp in scope.campaigns:
        for row in _rows(state, camp):
            member = row.team_member_id
            if member is None:
                continue
            assigned[member] += 1
            revenue[member] += row.revenue or 0.0
            if window.contains(row.last_reply_time):
                replied[member] += 1
                good[member] += row.category_id in positive
    rows = [
        {
            "team_member_id": member.id,
            "name": member.name,
            "email": member.email,
            "assigned_leads": assigned[member.id],
            "replied_leads": replied[member.id],
            "positive_leads": good[member.id],
            "revenue": revenue[member.id],
        }
        for member in state.team_members.values()
    ]
    return ok({"team_board_stats": rows})
