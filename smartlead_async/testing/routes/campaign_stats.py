"""Sandbox routes: per-campaign statistics and analytics (A1-A6).

Each route reads one campaign's messages and enrolments (see :mod:`._engagement` for what
counts as an event). Campaign counts (A2-A4) are strings like the live API.
"""

from __future__ import annotations

import weakref
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Final

from aiohttp import web

from smartlead_async.testing._http import (
    Routes,
    campaign_or_404,
    json_response,
    ok,
    state_of,
)
from smartlead_async.testing._params import (
    MAX_OFFSET,
    bad_request,
    q_datetime_opt,
    q_enum_opt,
    q_int_opt,
    q_page,
    q_str_opt,
)
from smartlead_async.testing.routes._engagement import (
    Tally,
    Window,
    campaign_rows,
    count_events,
    count_events_by,
    date_window,
    engagement_events,
    positive_categories,
)
from smartlead_async.testing.state import (
    USER_ID,
    Campaign,
    CampaignLead,
    EmailAccount,
    Message,
    SandboxState,
)
from smartlead_async.testing.wire import engagement_json, iso

routes = Routes()

MAX_SPAN_DAYS: Final = 30
STATISTICS_MAX_LIMIT: Final = 1000
EMAIL_STATUSES: Final = ("opened", "clicked", "replied", "unsubscribed", "bounced")
_SINGULAR: Final = {
    "sent": "sent",
    "opened": "open",
    "clicked": "click",
    "replied": "reply",
    "positive_replied": "positive_reply",
    "bounced": "bounce",
    "unsubscribed": "unsubscribed",
}

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


@routes.serve("A1")
async def campaign_statistics(request: web.Request) -> web.Response:
    """A1: one row per sequence email sent, ``total_stats`` as a string."""
    state = state_of(request)
    camp = campaign_or_404(request)
    offset, limit = q_page(
        request, default=100, maximum=STATISTICS_MAX_LIMIT, max_offset=MAX_OFFSET
    )
    seq_number = q_int_opt(request, "email_sequence_number", minimum=1, maximum=20)
    status = q_enum_opt(request, "email_status", EMAIL_STATUSES)
    sent_from = q_datetime_opt(request, "sent_time_start_date")
    sent_to = q_datetime_opt(request, "sent_time_end_date")
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


def _lead_counts(rows: Iterable[CampaignLead], window: Window | None) -> dict[str, int]:
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


def _campaign_counts(state: SandboxState, camp: Campaign, window: Window | None) -> dict[str, str]:
    tally = count_events(engagement_events(state, [camp]), window)
    leads = _lead_counts(campaign_rows(state, camp), window)
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
    positive = positive_categories(state)
    interested = 0
    revenue = 0.0
    for row in campaign_rows(state, camp):
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


@routes.serve("A2")
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


@routes.serve("A3")
async def campaign_analytics_by_date(request: web.Request) -> web.Response:
    """A3: counts (strings) of events between start_date and end_date (span <= 30 days)."""
    state = state_of(request)
    camp = campaign_or_404(request)
    window = date_window(request, tz_param="time_zone", max_span=MAX_SPAN_DAYS)
    data = _campaign_header(camp)
    data.update(start_date=window.start.isoformat(), end_date=window.end.isoformat())
    counts = _campaign_counts(state, camp, window)
    for key in ("unique_sent_count", "unique_open_count", "unique_click_count"):
        counts.pop(key)
    data.update(counts)
    return json_response(data)


@routes.serve("A4")
async def top_level_analytics_by_date(request: web.Request) -> web.Response:
    """A4: the A3 counts plus unique counts and a per-day breakdown."""
    state = state_of(request)
    camp = campaign_or_404(request)
    window = date_window(request, tz_param="time_zone")
    data = _campaign_header(camp)
    data.update(start_date=window.start.isoformat(), end_date=window.end.isoformat())
    data.update(_campaign_counts(state, camp, window))
    per_day = count_events_by(
        engagement_events(state, [camp]), window, lambda when, _: window.day(when)
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
        **engagement_json(row),
        "last_event_time": iso(row.last_event_time),
    }


@routes.serve("A5")
async def leads_statistics(request: web.Request) -> web.Response:
    """A5: per-lead engagement, paged (limit <= 100), optionally only leads active after
    ``event_time_gt``."""
    state = state_of(request)
    camp = campaign_or_404(request)
    offset, limit = q_page(request, default=100, maximum=100, max_offset=MAX_OFFSET)
    after = q_datetime_opt(request, "event_time_gt")
    if after is None:
        total = len(camp.lead_map_ids)
        rows = [state.campaign_leads[i] for i in camp.lead_map_ids.page(offset, limit)]
    else:
        matches = [
            row
            for row in campaign_rows(state, camp)
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
    account: EmailAccount | None, account_id: int | None, tally: Tally
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


@routes.serve("A6")
async def mailbox_statistics(request: web.Request) -> web.Response:
    """A6: per sender account of the campaign, optionally within start_date..end_date."""
    state = state_of(request)
    camp = campaign_or_404(request)
    offset, limit = q_page(request, default=20, maximum=20, max_offset=MAX_OFFSET)
    client_id = q_int_opt(request, "client_id", minimum=1)
    q_str_opt(request, "private_api_key")
    has_start = q_str_opt(request, "start_date") is not None
    has_end = q_str_opt(request, "end_date") is not None
    if has_start != has_end:
        raise bad_request("pass both start_date and end_date, or neither")
    window = date_window(request, tz_param="time_zone") if has_start else None
    per_account: dict[int | None, Tally] = defaultdict(Tally)
    for kind, when, msg in engagement_events(state, [camp]):
        if window is None or window.contains(when):
            per_account[msg.email_account_id].add(kind, msg)
    account_ids = list(dict.fromkeys([*camp.email_account_ids, *per_account]))
    rows = []
    for account_id in account_ids:
        account = state.email_accounts.get(account_id) if account_id is not None else None
        if client_id is not None and (account is None or account.client_id != client_id):
            continue
        rows.append(_account_row(account, account_id, per_account.get(account_id, Tally())))
    return ok(rows[offset : offset + limit], offset=offset, limit=limit)
