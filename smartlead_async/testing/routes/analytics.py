"""Sandbox routes: the 22 account-wide ``/analytics/*`` reports (A7).

Each aggregates the campaigns selected by ``client_ids``/``campaign_ids`` over a
``start_date``..``end_date`` window (inclusive, in ``timezone``); see :mod:`._engagement` for
what counts as an event. There is deliberately no ``/analytics/overview`` (the live API answers
404 there). The per-campaign statistics (A1-A6) are :mod:`.campaign_stats`.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

from aiohttp import web

from smartlead_async.testing._http import (
    Routes,
    ok,
    state_of,
)
from smartlead_async.testing._params import (
    MAX_OFFSET,
    bad_request,
    q_bool,
    q_int,
    q_int_csv,
    q_int_opt,
    q_str_opt,
)
from smartlead_async.testing.routes._engagement import (
    COUNT_KEYS,
    Tally,
    Window,
    campaign_rows,
    count_events,
    count_events_by,
    date_window,
    engagement_events,
    positive_categories,
    rate,
    root_sent,
)
from smartlead_async.testing.state import (
    Campaign,
    EmailAccount,
    Message,
    SandboxState,
)
from smartlead_async.testing.wire import iso

__all__ = ["rate", "routes"]

routes = Routes()

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


# --------------------------------------------------------------------------- A7 overall, day-wise


@routes.serve("A7.1")
async def overall_stats(request: web.Request) -> web.Response:
    """Account-wide totals and rates for the window (the real "overview")."""
    state = state_of(request)
    window = date_window(request)
    q_bool(request, "is_agency")
    q_bool(request, "full_data")
    scope = _scope(request)
    tally = count_events(engagement_events(state, scope.campaigns), window)
    return ok({"overall_stats": tally.summary()})


def _day_wise(request: web.Request, *, by_sent_time: bool, positive_only: bool) -> web.Response:
    state = state_of(request)
    window = date_window(request, tz_required=by_sent_time)
    scope = _scope(request)
    events = engagement_events(state, scope.campaigns, by_sent_time=by_sent_time)
    per_day = count_events_by(events, window, lambda when, _: window.day(when))
    rows = []
    for day in window.days():
        tally = per_day.get(day, Tally())
        row: dict[str, Any] = {"date": day.isoformat(), "day_name": _day_name(day)}
        if positive_only:
            row["positive_replies"] = tally.counts["positive_replied"]
            row["replies"] = tally.counts["replied"]
        else:
            row["email_engagement_metrics"] = tally.numbers()
        rows.append(row)
    return ok({"day_wise_stats": rows})


@routes.serve("A7.2")
async def day_wise_overall_stats(request: web.Request) -> web.Response:
    """Per-day event counts (events on the day they happened)."""
    return _day_wise(request, by_sent_time=False, positive_only=False)


@routes.serve("A7.3")
async def day_wise_overall_stats_by_sent_time(request: web.Request) -> web.Response:
    """Per-day counts with every event attributed to the day its email was sent."""
    return _day_wise(request, by_sent_time=True, positive_only=False)


@routes.serve("A7.4")
async def day_wise_positive_reply_stats(request: web.Request) -> web.Response:
    """Per-day positive replies (and all replies)."""
    return _day_wise(request, by_sent_time=False, positive_only=True)


@routes.serve("A7.5")
async def day_wise_positive_reply_stats_by_sent_time(request: web.Request) -> web.Response:
    """Per-day positive replies attributed to the day the answered email was sent."""
    return _day_wise(request, by_sent_time=True, positive_only=True)


# --------------------------------------------------------------------------- A7 campaigns


@routes.serve("A7.6")
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


@routes.serve("A7.7")
async def campaign_overall_stats(request: web.Request) -> web.Response:
    """Per-campaign totals and rates for the window (paged with limit/offset)."""
    state = state_of(request)
    window = date_window(request)
    offset, limit = _paging(request)
    scope = _scope(request)
    rows = []
    for camp in scope.campaigns:
        tally = count_events(engagement_events(state, [camp]), window)
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


@routes.serve("A7.8")
async def campaign_response_stats(request: web.Request) -> web.Response:
    """Replies per campaign split by the sentiment of the lead's category."""
    state = state_of(request)
    window = date_window(request)
    q_bool(request, "full_data")
    scope = _scope(request)
    rows = []
    for camp in scope.campaigns:
        sentiments: Counter[str] = Counter()
        sent = 0
        for kind, when, msg in engagement_events(state, [camp]):
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


@routes.serve("A7.9")
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


@routes.serve("A7.10")
async def follow_up_reply_rate(request: web.Request) -> web.Response:
    """Reply rate per sequence step (replies attributed to the step they answered)."""
    if "campaign_id" in request.query:
        raise bad_request("campaign_id is not a parameter here; use campaign_ids (comma-separated)")
    state = state_of(request)
    window = date_window(request)
    scope = _scope(request)
    events = engagement_events(state, scope.campaigns, by_sent_time=True)

    def step(_: datetime, msg: Message) -> int:
        if msg.type == "SENT":
            return msg.seq_number
        root = root_sent(state, msg)
        return root.seq_number if root is not None else msg.seq_number

    per_step = count_events_by(events, window, step)
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
    state: SandboxState, scope: _Scope, window: Window
) -> Iterator[tuple[list[Message], Message]]:
    """For each enrolment whose first lead reply falls in the window: (sent before, reply)."""
    for camp in scope.campaigns:
        for row in campaign_rows(state, camp):
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


@routes.serve("A7.11")
async def lead_to_reply_time(request: web.Request) -> web.Response:
    """Hours from a lead's first email to its first reply (average, median, buckets)."""
    state = state_of(request)
    window = date_window(request)
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


@routes.serve("A7.12")
async def leads_take_for_first_reply(request: web.Request) -> web.Response:
    """How many emails leads received before their first reply."""
    state = state_of(request)
    window = date_window(request)
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


@routes.serve("A7.13")
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


@routes.serve("A7.14")
async def client_overall_stats(request: web.Request) -> web.Response:
    """Per-client totals and rates for the window (``filter`` matches client names)."""
    state = state_of(request)
    window = date_window(request)
    offset, limit = _paging(request)
    needle = (q_str_opt(request, "filter") or "").lower()
    scope = _scope(request, campaign_filter=False)
    rows = []
    for client in state.clients.values():
        if scope.client_ids and client.id not in scope.client_ids:
            continue
        if needle and needle not in client.name.lower():
            continue
        camps = [c for c in scope.campaigns if c.client_id == client.id]
        tally = count_events(engagement_events(state, camps), window)
        rows.append(
            {
                "client_id": client.id,
                "client_name": client.name,
                "campaign_count": len(camps),
                **tally.summary(),
            }
        )
    return _paged("client_wise_performance", rows, offset, limit)


@routes.serve("A7.15")
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


@routes.serve("A7.16")
async def lead_overall_stats(request: web.Request) -> web.Response:
    """Lead-level numbers: enrolments, new in the window, engaged in the window, by status."""
    state = state_of(request)
    window = date_window(request)
    scope = _scope(request)
    tally = count_events(engagement_events(state, scope.campaigns), window)
    statuses: Counter[str] = Counter()
    new = 0
    for camp in scope.campaigns:
        for row in campaign_rows(state, camp):
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


@routes.serve("A7.17")
async def lead_category_wise_response(request: web.Request) -> web.Response:
    """Leads that replied in the window, grouped by their category."""
    state = state_of(request)
    window = date_window(request)
    scope = _scope(request)
    replied_rows: set[int] = set()
    for kind, when, msg in engagement_events(state, scope.campaigns):
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


@routes.serve("A7.18")
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
    request: web.Request, window: Window
) -> tuple[list[EmailAccount], dict[int | None, Tally]]:
    state = state_of(request)
    scope = _scope(request)
    accounts = scope.accounts(state)
    wanted = {a.id for a in accounts}
    per_account: dict[int | None, Tally] = defaultdict(Tally)
    for kind, when, msg in engagement_events(state, scope.campaigns):
        if msg.email_account_id in wanted and window.contains(when):
            per_account[msg.email_account_id].add(kind, msg)
    return accounts, per_account


def _health(tally: Tally) -> dict[str, Any]:
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


def _merge(tallies: Iterable[Tally]) -> Tally:
    merged = Tally()
    for tally in tallies:
        for kind in COUNT_KEYS:
            merged.counts[kind] += tally.counts[kind]
            merged.leads[kind] |= tally.leads[kind]
    return merged


@routes.serve("A7.19")
async def mailbox_domain_health(request: web.Request) -> web.Response:
    """Per sender domain: mailbox count, sends, opens, replies, bounces and rates."""
    window = date_window(request)
    offset, limit = _paging(request)
    accounts, per_account = _mailbox_tallies(request, window)
    domains: dict[str, list[EmailAccount]] = defaultdict(list)
    for account in accounts:
        domains[account.from_email.rpartition("@")[2].lower()].append(account)
    rows = [
        {
            "domain": domain,
            "mailbox_count": len(members),
            **_health(_merge(per_account.get(a.id, Tally()) for a in members)),
        }
        for domain, members in sorted(domains.items())
    ]
    return _paged("domain_wise_health", rows, offset, limit)


@routes.serve("A7.20")
async def mailbox_name_health(request: web.Request) -> web.Response:
    """Per mailbox health; ``is_bounced`` keeps only mailboxes with (or without) bounces."""
    window = date_window(request)
    offset, limit = _paging(request)
    bounced_raw = q_str_opt(request, "is_bounced")
    only_bounced = q_bool(request, "is_bounced") if bounced_raw is not None else None
    accounts, per_account = _mailbox_tallies(request, window)
    rows = []
    for account in accounts:
        health = _health(per_account.get(account.id, Tally()))
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


@routes.serve("A7.21")
async def mailbox_provider_performance(request: web.Request) -> web.Response:
    """Per email provider (GMAIL, OUTLOOK, SMTP, ...)."""
    window = date_window(request)
    q_bool(request, "full_data")
    accounts, per_account = _mailbox_tallies(request, window)
    providers: dict[str, list[EmailAccount]] = defaultdict(list)
    for account in accounts:
        providers[account.type].append(account)
    rows = [
        {
            "provider": provider,
            "mailbox_count": len(members),
            **_health(_merge(per_account.get(a.id, Tally()) for a in members)),
        }
        for provider, members in sorted(providers.items())
    ]
    return ok({"provider_wise_performance": rows})


@routes.serve("A7.22")
async def team_board_stats(request: web.Request) -> web.Response:
    """Per team member: assigned conversations, replies and positive replies in the window."""
    state = state_of(request)
    window = date_window(request)
    q_bool(request, "full_data")
    scope = _scope(request)
    positive = positive_categories(state)
    assigned: Counter[int] = Counter()
    replied: Counter[int] = Counter()
    good: Counter[int] = Counter()
    revenue: defaultdict[int, float] = defaultdict(float)
    for camp in scope.campaigns:
        for row in campaign_rows(state, camp):
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
