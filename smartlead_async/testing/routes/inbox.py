"""Sandbox routes: the Master Inbox (M1-M22).

The ten list views (M1-M10) take ``offset``/``limit`` and ``filters`` in the JSON body and
answer 422 when a cap is exceeded (limit <= 20, <= 5 campaign ids, <= 20 account ids on
inbox-replies and <= 10 elsewhere, search <= 30 characters, other id lists <= 10; the
single-value views ``assigned-me`` and ``views`` take one value per filter). Rows are campaign
leads with a conversation, found through :class:`_InboxIndex` (built incrementally from the
per-campaign message lists), so a view looks at conversations only, never at every lead.
"Me" (``assigned-me``) is the workspace's first team member, the owner of the API key.
"""

from __future__ import annotations

import heapq
import itertools
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Final, Literal

from aiohttp import web

from smartlead_async.testing._http import (
    Routes,
    endpoint_id_of,
    json_response,
    ok,
    state_of,
)
from smartlead_async.testing._params import (
    MAX_OFFSET,
    b_bool,
    b_bool_opt,
    b_enum_opt,
    b_float,
    b_int,
    b_int_list_opt,
    b_int_opt,
    b_list_opt,
    b_obj_opt,
    b_str,
    b_str_list_opt,
    b_str_opt,
    bad_request,
    found,
    json_body,
    not_found,
    parse_datetime,
    path_int,
    q_bool,
    q_page,
    q_str,
    q_str_opt,
    unprocessable,
)
from smartlead_async.testing.state import (
    Campaign,
    CampaignLead,
    Lead,
    Message,
    Note,
    Reminder,
    SandboxState,
    ScheduledEmail,
    Task,
)
from smartlead_async.testing.wire import iso, message_json, note_json, task_json

routes = Routes()

MAX_LIMIT: Final = 20
MAX_CAMPAIGN_IDS: Final = 5
MAX_ACCOUNT_IDS_ALL: Final = 20
MAX_ACCOUNT_IDS: Final = 10
MAX_LIST_FILTER: Final = 10
MAX_SEARCH: Final = 30
EMAIL_STATUSES: Final = (
    "Opened",
    "Clicked",
    "Replied",
    "Unsubscribed",
    "Bounced",
    "Accepted",
    "Not Replied",
)
PRIORITIES: Final = ("LOW", "MEDIUM", "HIGH")
_REPLY_SORTS: Final = ("REPLY_TIME_DESC", "SENT_TIME_DESC")
_NEVER: Final = datetime(1970, 1, 1, tzinfo=UTC)


# --------------------------------------------------------------------------- index


@dataclass(slots=True)
class _InboxIndex:
    """Enrolments with a conversation, extended from the per-campaign message lists on each use.

    ``replied``: rows with a REPLY (lead reply or bounce notice); ``threads``: rows with any
    message; ``touched``: rows whose inbox flags were set while they had no message yet.
    """

    cursors: dict[int, int] = field(default_factory=dict)
    replied: dict[int, None] = field(default_factory=dict)
    threads: dict[int, None] = field(default_factory=dict)
    touched: dict[int, None] = field(default_factory=dict)


_INDEXES: weakref.WeakKeyDictionary[SandboxState, _InboxIndex] = weakref.WeakKeyDictionary()


def _index(state: SandboxState) -> _InboxIndex:
    idx = _INDEXES.get(state)
    if idx is None:
        idx = _INDEXES[state] = _InboxIndex()
    for campaign_id, stats_ids in state.messages_by_campaign.items():
        start = idx.cursors.get(campaign_id, 0)
        if start > len(stats_ids):
            start = 0
        for stats_id in stats_ids[start:]:
            msg = state.messages[stats_id]
            idx.threads[msg.map_id] = None
            if msg.type == "REPLY":
                idx.replied[msg.map_id] = None
        idx.cursors[campaign_id] = len(stats_ids)
    return idx


def _touch(state: SandboxState, row: CampaignLead) -> None:
    """Remember a row whose inbox flags changed, so the flag views find it without a thread."""
    idx = _index(state)
    if row.id not in idx.threads:
        idx.touched[row.id] = None


# --------------------------------------------------------------------------- views


def _is_snoozed(row: CampaignLead, now: datetime) -> bool:
    return row.is_snoozed and (row.snoozed_until is None or row.snoozed_until > now)


def _me(state: SandboxState) -> int | None:
    """The API key owner's team member: the workspace's first team member."""
    return min(state.team_members) if state.team_members else None


Membership = Callable[[SandboxState, CampaignLead, datetime], bool]


@dataclass(frozen=True, slots=True)
class _View:
    """One Master Inbox list route: its candidates, membership test and limits."""

    name: str
    candidates: Literal["replied", "threads"]  # threads: every conversation + touched rows
    member: Membership
    sorts: tuple[str, ...] = _REPLY_SORTS
    account_cap: int = MAX_ACCOUNT_IDS
    capped_tag_client: bool = True
    single_value: bool = False
    history: bool = True


def _visible_reply(_: SandboxState, row: CampaignLead, now: datetime) -> bool:
    return not row.is_archived and not _is_snoozed(row, now)


VIEWS: Final = (
    _View("inbox-replies", "replied", _visible_reply, account_cap=MAX_ACCOUNT_IDS_ALL),
    _View(
        "unread-replies",
        "replied",
        lambda s, r, n: r.has_new_unread_email and _visible_reply(s, r, n),
    ),
    _View("important", "threads", lambda s, r, n: r.is_important and not r.is_archived),
    _View("snoozed", "threads", lambda s, r, n: _is_snoozed(r, n)),
    _View(
        "scheduled",
        "threads",
        lambda s, r, n: bool(r.scheduled),
        sorts=("SCHEDULED_TIME_DESC", "SCHEDULED_TIME_ASC"),
    ),
    _View(
        "reminders",
        "threads",
        lambda s, r, n: bool(r.reminders),
        sorts=("REMINDER_TIME_DESC", "REMINDER_TIME_ASC"),
        history=False,
    ),
    _View("archived", "threads", lambda s, r, n: r.is_archived),
    _View(
        "sent",
        "threads",
        lambda s, r, n: r.sent_count > 0,
        sorts=("SENT_TIME_DESC", "REPLY_TIME_DESC"),
        capped_tag_client=False,
        history=False,
    ),
    _View(
        "assigned-me",
        "threads",
        lambda s, r, n: r.team_member_id is not None and r.team_member_id == _me(s),
        single_value=True,
    ),
    _View("views", "replied", _visible_reply, single_value=True),
)


@dataclass(frozen=True, slots=True)
class _Filters:
    """The validated ``filters`` object of a list view."""

    search: str | None = None
    statuses: frozenset[str] = frozenset()
    campaign_ids: frozenset[int] = frozenset()
    account_ids: frozenset[int] = frozenset()
    team_member_ids: frozenset[int] = frozenset()
    tag_ids: frozenset[int] = frozenset()
    client_ids: frozenset[int] = frozenset()
    unassigned: bool = False
    assigned: bool = False
    category_in: frozenset[int] = frozenset()
    category_not_in: frozenset[int] = frozenset()
    reply_between: tuple[datetime, datetime] | None = None
    sub_sequence_id: int | None = None


def _id_filter(raw: dict[str, Any], name: str, cap: int | None, view: _View) -> frozenset[int]:
    ids = b_int_list_opt(raw, name, scalar_ok=True, status=422) or []
    if view.single_value and len(ids) > 1:
        raise unprocessable(
            f"filters.{name} takes a single value on /master-inbox/{view.name}, got {len(ids)}"
        )
    if cap is not None and len(ids) > cap:
        raise unprocessable(f"filters.{name} accepts at most {cap} values, got {len(ids)}")
    return frozenset(ids)


def _parse_filters(raw: dict[str, Any], view: _View) -> _Filters:
    search = b_str_opt(raw, "search", max_length=MAX_SEARCH, status=422)
    statuses = b_str_list_opt(raw, "emailStatus", scalar_ok=True, status=422) or []
    for status in statuses:
        if status not in EMAIL_STATUSES:
            raise unprocessable(
                f"filters.emailStatus must be among {', '.join(EMAIL_STATUSES)}; got {status!r}"
            )
    if view.single_value and len(statuses) > 1:
        raise unprocessable(
            f"filters.emailStatus takes a single value on /master-inbox/{view.name}"
        )
    categories = b_obj_opt(raw, "leadCategories", status=422) or {}
    tag_client_cap = MAX_LIST_FILTER if view.capped_tag_client else None
    between = b_list_opt(raw, "replyTimeBetween", status=422)
    reply_between = None
    if between is not None:
        if len(between) != 2:
            raise unprocessable("filters.replyTimeBetween must be [startISO, endISO]")
        start = parse_datetime("filters.replyTimeBetween[0]", between[0], 422)
        end = parse_datetime("filters.replyTimeBetween[1]", between[1], 422)
        if start > end:
            raise unprocessable("filters.replyTimeBetween start must not be after its end")
        reply_between = (start, end)
    return _Filters(
        search=search.strip().lower() if search and search.strip() else None,
        statuses=frozenset(statuses),
        campaign_ids=_id_filter(raw, "campaignId", MAX_CAMPAIGN_IDS, view),
        account_ids=_id_filter(raw, "emailAccountId", view.account_cap, view),
        team_member_ids=_id_filter(raw, "campaignTeamMemberId", MAX_LIST_FILTER, view),
        tag_ids=_id_filter(raw, "campaignTagId", tag_client_cap, view),
        client_ids=_id_filter(raw, "campaignClientId", tag_client_cap, view),
        unassigned=b_bool_opt(categories, "unassigned", status=422) or False,
        assigned=b_bool_opt(categories, "isAssigned", status=422) or False,
        category_in=_id_filter(categories, "categoryIdsIn", MAX_LIST_FILTER, view),
        category_not_in=_id_filter(categories, "categoryIdsNotIn", MAX_LIST_FILTER, view),
        reply_between=reply_between,
        sub_sequence_id=(
            b_int_opt(raw, "subSequenceId", minimum=1, status=422) if view.name == "views" else None
        ),
    )


def _status_match(row: CampaignLead, status: str) -> bool:
    checks: dict[str, bool] = {
        "Opened": row.open_count > 0,
        "Clicked": row.click_count > 0,
        "Replied": row.reply_count > 0,
        "Unsubscribed": row.is_unsubscribed,
        "Bounced": row.is_bounced,
        "Accepted": row.sent_count > 0 and not row.is_bounced,
        "Not Replied": row.reply_count == 0,
    }
    return checks[status]


def _category_match(row: CampaignLead, f: _Filters) -> bool:
    category = row.category_id
    if f.category_not_in and category in f.category_not_in:
        return False
    wanted = f.unassigned or f.assigned or f.category_in
    if not wanted:
        return True
    return bool(
        (f.unassigned and category is None)
        or (f.assigned and category is not None)
        or (category is not None and category in f.category_in)
    )


def _search_match(state: SandboxState, row: CampaignLead, lead: Lead, needle: str) -> bool:
    text = f"{lead.email} {lead.first_name} {lead.last_name}".lower()
    if needle in text:
        return True
    return any(
        needle in m.body.lower() or needle in m.subject.lower() for m in state.thread(row.id)
    )


def _matches(state: SandboxState, row: CampaignLead, camp: Campaign, f: _Filters) -> bool:
    if f.campaign_ids and row.campaign_id not in f.campaign_ids:
        return False
    if f.account_ids and row.email_account_id not in f.account_ids:
        return False
    if f.team_member_ids and camp.team_member_id not in f.team_member_ids:
        return False
    if f.tag_ids and not f.tag_ids.intersection(camp.tag_ids):
        return False
    if f.client_ids and camp.client_id not in f.client_ids:
        return False
    if f.sub_sequence_id is not None and row.sub_sequence_id != f.sub_sequence_id:
        return False
    if f.statuses and not any(_status_match(row, s) for s in f.statuses):
        return False
    if not _category_match(row, f):
        return False
    if f.reply_between is not None:
        last = row.last_reply_time
        if last is None or not f.reply_between[0] <= last <= f.reply_between[1]:
            return False
    return f.search is None or _search_match(state, row, state.leads[row.lead_id], f.search)


def _sort_key(sort: str) -> tuple[Callable[[CampaignLead], tuple[datetime, int]], bool]:
    def pick(values: Iterable[datetime | None]) -> datetime:
        present = [v for v in values if v is not None]
        return min(present) if present else _NEVER

    getters: dict[str, Callable[[CampaignLead], datetime]] = {
        "REPLY_TIME": lambda r: r.last_reply_time or _NEVER,
        "SENT_TIME": lambda r: r.last_sent_time or _NEVER,
        "REMINDER_TIME": lambda r: pick(x.reminder_time for x in r.reminders),
        "SCHEDULED_TIME": lambda r: pick(x.scheduled_time for x in r.scheduled),
    }
    field_name, _, direction = sort.rpartition("_")
    getter = getters[field_name]
    return (lambda r: (getter(r), r.id)), direction == "DESC"


def _ordered_page(
    rows: list[CampaignLead], sort: str, offset: int, limit: int
) -> list[CampaignLead]:
    """``rows`` sorted by ``sort``, sliced; a heap selects shallow pages without a full sort."""
    key, descending = _sort_key(sort)
    wanted = offset + limit
    if wanted * 4 < len(rows):
        pick = heapq.nlargest if descending else heapq.nsmallest
        return pick(wanted, rows, key=key)[offset:]
    return sorted(rows, key=key, reverse=descending)[offset:wanted]


def _candidates(state: SandboxState, view: _View) -> Iterable[int]:
    idx = _index(state)
    if view.candidates == "replied":
        return idx.replied
    return itertools.chain(idx.threads, (i for i in idx.touched if i not in idx.threads))


def _sequence_id(camp: Campaign, number: int) -> int | None:
    for seq in camp.sequences:
        if seq.seq_number == number:
            return seq.id
    return None


def inbox_row(state: SandboxState, row: CampaignLead, *, history: bool = False) -> dict[str, Any]:
    """One Master Inbox row (live shape) for an enrolment."""
    camp = state.campaigns[row.campaign_id]
    lead = state.leads[row.lead_id]
    sched = camp.schedule
    data: dict[str, Any] = {
        "email_lead_map_id": row.id,
        "campaign_lead_map_id": row.id,
        "email_lead_id": lead.id,
        "lead_first_name": lead.first_name,
        "lead_last_name": lead.last_name,
        "lead_email": lead.email,
        "lead_status": row.status,
        "lead_category_id": row.category_id,
        "last_sent_time": iso(row.last_sent_time),
        "last_reply_time": iso(row.last_reply_time),
        "has_new_unread_email": row.has_new_unread_email,
        "email_account_id": row.email_account_id,
        "revenue": row.revenue,
        "is_pushed_to_sub_sequence": row.is_pushed_to_sub_sequence,
        "current_sequence_number": row.current_sequence_number,
        "sub_sequence_id": row.sub_sequence_id,
        "old_replaced_lead_data": None,
        "lead_next_timestamp_to_send": iso(row.next_send_time),
        "email_campaign_seq_id": _sequence_id(camp, row.current_sequence_number),
        "is_important": row.is_important,
        "is_archived": row.is_archived,
        "is_snoozed": row.is_snoozed,
        "team_member_id": row.team_member_id,
        "is_ooo_automated_push_lead": False,
        "email_campaign_id": camp.id,
        "email_campaign_name": camp.name,
        "client_id": camp.client_id,
        "belongs_to_sub_sequence": camp.parent_campaign_id is not None,
        "campaign_sending_schedule": {
            "timezone": sched.timezone,
            "days_of_the_week": list(sched.days_of_the_week),
            "start_hour": sched.start_hour,
            "end_hour": sched.end_hour,
        },
        "sequence_count": len(camp.sequences),
    }
    if history:
        data["email_history"] = [message_json(m) for m in state.thread(row.id)]
    return data


def _reminder_json(item: Reminder) -> dict[str, Any]:
    return {
        "id": item.id,
        "email_stats_id": item.email_stats_id,
        "message": item.message,
        "reminder_time": iso(item.reminder_time),
        "created_at": iso(item.created_at),
    }


def _scheduled_json(item: ScheduledEmail) -> dict[str, Any]:
    return {
        "id": item.id,
        "email_stats_id": item.email_stats_id,
        "subject": item.subject,
        "email_body": item.email_body,
        "scheduled_time": iso(item.scheduled_time),
        "created_at": iso(item.created_at),
    }


async def _list_view(request: web.Request, view: _View) -> web.Response:
    state = state_of(request)
    history = q_bool(request, "fetch_message_history", status=422) and view.history
    body = await json_body(request, required=False)
    offset = b_int_opt(body, "offset", minimum=0, maximum=MAX_OFFSET, status=422) or 0
    limit = b_int_opt(body, "limit", minimum=1, maximum=MAX_LIMIT, status=422) or MAX_LIMIT
    sort = b_enum_opt(body, "sortBy", view.sorts, status=422) or view.sorts[0]
    filters = _parse_filters(b_obj_opt(body, "filters", status=422) or {}, view)
    now = state.now()
    rows: list[CampaignLead] = []
    for map_id in _candidates(state, view):
        row = state.campaign_leads.get(map_id)
        if row is None or not view.member(state, row, now):
            continue
        camp = state.live_campaign(row.campaign_id)
        if camp is None:
            continue
        if _matches(state, row, camp, filters):
            rows.append(row)
    page = []
    for row in _ordered_page(rows, sort, offset, limit):
        item = inbox_row(state, row, history=history)
        if view.name == "reminders":
            item["reminders"] = [_reminder_json(r) for r in row.reminders]
        if view.name == "scheduled":
            item["scheduled_emails"] = [_scheduled_json(s) for s in row.scheduled]
        page.append(item)
    return json_response(
        {"ok": True, "data": page, "offset": offset, "limit": limit, "total_count": len(rows)}
    )


def _register_view(view: _View) -> None:
    async def handler(request: web.Request) -> web.Response:
        return await _list_view(request, view)

    handler.__name__ = "inbox_" + view.name.replace("-", "_")
    handler.__doc__ = f"POST /master-inbox/{view.name}: a Master Inbox list view."
    routes.serve(endpoint_id_of("POST", f"/master-inbox/{view.name}"))(handler)


for _view in VIEWS:
    _register_view(_view)


# --------------------------------------------------------------------------- M11, M12, M22


@routes.serve("M11")
async def untracked_replies(request: web.Request) -> web.Response:
    """M11: replies that matched no lead, newest first, with optional filters."""
    state = state_of(request)
    offset, limit = q_page(request, default=20, maximum=100, max_offset=MAX_OFFSET, status=422)
    with_body = q_bool(request, "fetchBody", status=422)
    with_attachments = q_bool(request, "fetchAttachments", status=422)
    from_email = (q_str_opt(request, "from_email") or "").lower()
    to_email = (q_str_opt(request, "to_email") or "").lower()
    subject = (q_str_opt(request, "subject_line") or "").lower()
    matches = [
        r
        for r in state.untracked_replies
        if from_email in r.from_email.lower()
        and to_email in r.to_email.lower()
        and subject in r.subject.lower()
    ]
    matches.sort(key=lambda r: (r.time, r.id), reverse=True)
    replies = []
    for reply in matches[offset : offset + limit]:
        item: dict[str, Any] = {
            "id": reply.id,
            "from_email": reply.from_email,
            "to_email": reply.to_email,
            "subject": reply.subject,
            "time": iso(reply.time),
            "email_account_id": reply.email_account_id,
        }
        if with_body:
            item["body"] = reply.body
        if with_attachments:
            item["attachments"] = []
        replies.append(item)
    inner = {"replies": replies, "total_count": len(matches), "offset": offset, "limit": limit}
    return ok({"success": True, "message": "Untracked replies fetched", "data": inner})


def _row(state: SandboxState, map_id: int) -> CampaignLead:
    row = state.campaign_leads.get(map_id)
    if row is None or state.live_campaign(row.campaign_id) is None:
        raise not_found(f"Lead map {map_id} not found (use email_lead_map_id from the inbox)")
    return row


@routes.serve("M12")
async def get_inbox_item(request: web.Request) -> web.Response:
    """M12: one conversation with its thread, notes, tasks and reminders."""
    state = state_of(request)
    row = _row(state, path_int(request, "lead_map_id"))
    data = inbox_row(state, row, history=True)
    data["notes"] = [note_json(n) for n in row.notes]
    data["tasks"] = [task_json(t) for t in row.tasks]
    data["reminders"] = [_reminder_json(r) for r in row.reminders]
    data["scheduled_emails"] = [_scheduled_json(s) for s in row.scheduled]
    return ok(data)


@routes.serve("M22")
async def reply_status(request: web.Request) -> web.Response:
    """M22: delivery status of a message by its RFC 5322 ``message_id``."""
    state = state_of(request)
    message_id = q_str(request, "message_id")
    stats_id = found(
        state.messages_by_message_id.get(message_id), f"no message with message_id {message_id!r}"
    )
    msg = state.messages[stats_id]
    return ok(
        {
            "message_id": msg.message_id,
            "email_stats_id": msg.stats_id,
            "email_lead_map_id": msg.map_id,
            "campaign_id": msg.campaign_id,
            "type": msg.type,
            "status": "BOUNCED"
            if msg.is_bounced
            else ("RECEIVED" if msg.type == "REPLY" else "SENT"),
            "time": iso(msg.time),
        }
    )


# --------------------------------------------------------------------------- M13-M21


async def _body_row(request: web.Request) -> tuple[SandboxState, dict[str, Any], CampaignLead]:
    state = state_of(request)
    body = await json_body(request)
    map_id = b_int(body, "email_lead_map_id", minimum=1)
    return state, body, _row(state, map_id)


def _require_present(body: dict[str, Any], name: str) -> None:
    if name not in body:
        raise bad_request(f'"{name}" is required')


@routes.serve("M13")
async def change_read_status(request: web.Request) -> web.Response:
    """M13: ``read_status`` true marks the conversation read."""
    state, body, row = await _body_row(request)
    read = b_bool(body, "read_status")
    row.has_new_unread_email = not read
    _touch(state, row)
    return ok()


@routes.serve("M14")
async def update_category(request: web.Request) -> web.Response:
    """M14: set the lead category (``category_id`` null clears it)."""
    state, body, row = await _body_row(request)
    _require_present(body, "category_id")
    category_id = b_int_opt(body, "category_id", minimum=1)
    if category_id is not None and category_id not in state.categories:
        raise bad_request(
            f"category_id {category_id} does not exist; read ids from GET /leads/fetch-categories"
        )
    row.category_id = category_id
    row.updated_at = state.now()
    name = state.categories[category_id].name if category_id is not None else None
    state.emit_event("LEAD_CATEGORY_UPDATED", row.campaign_id, name)
    return ok()


@routes.serve("M15")
async def update_revenue(request: web.Request) -> web.Response:
    """M15: set the deal revenue (>= 0)."""
    _, body, row = await _body_row(request)
    row.revenue = b_float(body, "revenue", minimum=0)
    return ok()


@routes.serve("M16")
async def resume_lead(request: web.Request) -> web.Response:
    """M16: resume a paused/stopped lead, optionally after ``resume_delay_days``."""
    state, body, row = await _body_row(request)
    campaign_id = b_int(body, "campaign_id", minimum=1)
    if campaign_id != row.campaign_id:
        raise bad_request(
            f"email_lead_map_id {row.id} belongs to campaign {row.campaign_id}, not {campaign_id}"
        )
    delay = b_int_opt(body, "resume_delay_days", minimum=0, maximum=3650) or 0
    if row.status in ("COMPLETED", "BLOCKED") or row.is_unsubscribed:
        raise bad_request(f"lead map {row.id} is {row.status.lower()} and cannot be resumed")
    if row.status in ("PAUSED", "STOPPED"):
        row.status = "INPROGRESS" if row.sent_count else "STARTED"
    row.next_send_time = state.now() + timedelta(days=delay)
    row.updated_at = state.now()
    return ok()


@routes.serve("M17")
async def create_note(request: web.Request) -> web.Response:
    """M17: add a note to the conversation."""
    state, body, row = await _body_row(request)
    text = b_str(body, "note_message", allow_empty=False)
    note = Note(state.next_id("note"), text, state.now())
    row.notes.append(note)
    return ok(note_json(note))


@routes.serve("M18")
async def create_task(request: web.Request) -> web.Response:
    """M18: add a task (priority LOW/MEDIUM/HIGH, optional ISO ``due_date``)."""
    state, body, row = await _body_row(request)
    name = b_str(body, "name", allow_empty=False)
    due = b_str_opt(body, "due_date")
    if due is not None:
        parse_datetime("due_date", due)
    task = Task(
        id=state.next_id("task"),
        name=name,
        created_at=state.now(),
        description=b_str_opt(body, "description") or "",
        priority=b_enum_opt(body, "priority", PRIORITIES) or "MEDIUM",
        due_date=due,
    )
    row.tasks.append(task)
    return ok(task_json(task))


def _thread_message(state: SandboxState, row: CampaignLead, stats_id: str) -> Message:
    msg = state.messages.get(stats_id)
    if msg is None or msg.map_id != row.id:
        raise bad_request(f"email_stats_id {stats_id!r} is not a message of lead map {row.id}")
    return msg


@routes.serve("M19")
async def set_reminder(request: web.Request) -> web.Response:
    """M19: a reminder on one message of the thread at ``reminder_time``."""
    state, body, row = await _body_row(request)
    stats_id = b_str(body, "email_stats_id", allow_empty=False)
    _thread_message(state, row, stats_id)
    message = b_str(body, "message", allow_empty=False)
    when = parse_datetime("reminder_time", body.get("reminder_time"))
    reminder = Reminder(state.next_id("reminder"), stats_id, message, when, state.now())
    row.reminders.append(reminder)
    _touch(state, row)
    return ok(_reminder_json(reminder))


@routes.serve("M20")
async def push_to_subsequence(request: web.Request) -> web.Response:
    """M20: enrol the lead in a subsequence of its campaign."""
    state, body, row = await _body_row(request)
    sub_id = b_int(body, "sub_sequence_id", minimum=1)
    delay = b_int_opt(body, "sub_sequence_delay_time", minimum=0, maximum=10 * 365 * 86400) or 0
    b_bool_opt(body, "stop_lead_on_parent_campaign_reply")
    sub = state.live_campaign(sub_id)
    if sub is None or sub.parent_campaign_id != row.campaign_id:
        raise bad_request(
            f"sub_sequence_id {sub_id} is not a subsequence of campaign {row.campaign_id}"
        )
    lead = state.leads[row.lead_id]
    sub_row = state.campaign_lead(sub, lead.id) or state.enrol(sub, lead)
    sub_row.next_send_time = state.now() + timedelta(seconds=delay)
    row.sub_sequence_id = sub.id
    row.is_pushed_to_sub_sequence = True
    _touch(state, row)
    return ok({"sub_sequence_id": sub.id, "campaign_lead_map_id": sub_row.id})


@routes.serve("M21")
async def update_team_member(request: web.Request) -> web.Response:
    """M21: assign the conversation to a team member."""
    state, body, row = await _body_row(request)
    member_id = b_int(body, "team_member_id", minimum=1)
    if member_id not in state.team_members:
        raise bad_request(f"team_member_id {member_id} does not exist")
    row.team_member_id = member_id
    _touch(state, row)
    return ok()


__all__ = ["EMAIL_STATUSES", "VIEWS", "inbox_row", "routes"]
