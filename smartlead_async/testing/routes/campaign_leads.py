"""Sandbox routes: campaign leads L1-L14 (L11, the opaque bulk history route, is out of scope)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Final

import orjson
from aiohttp import web

from smartlead_async.testing._http import (
    Routes,
    campaign_or_404,
    json_response,
    ok,
    state_of,
    text_response,
)
from smartlead_async.testing._params import (
    b_bool_opt,
    b_int_opt,
    b_list_opt,
    b_obj_opt,
    b_str,
    b_str_opt,
    bad_request,
    found,
    json_body,
    not_found,
    parse_datetime,
    path_int,
    q_bool,
    q_datetime_opt,
    q_enum_opt,
    q_int_opt,
    q_page,
)
from smartlead_async.testing.importing import (
    LEAD_FIELDS,
    ImportSettings,
    import_rows,
    is_valid_email,
    validate_rows,
)
from smartlead_async.testing.state import (
    LEAD_STATUSES,
    Campaign,
    CampaignLead,
    Lead,
    Message,
    SandboxState,
    ScheduledEmail,
)
from smartlead_async.testing.wire import campaign_lead_json, iso, message_json

routes = Routes()

EMAIL_STATUS_FILTERS: Final[dict[str, Callable[[CampaignLead], bool]]] = {
    "is_opened": lambda r: r.open_count > 0,
    "is_clicked": lambda r: r.click_count > 0,
    "is_replied": lambda r: r.reply_count > 0,
    "is_bounced": lambda r: r.is_bounced,
    "is_unsubscribed": lambda r: r.is_unsubscribed,
    "is_spam": lambda r: False,
    "is_accepted": lambda r: r.sent_count > 0 and not r.is_bounced,
    "not_replied": lambda r: r.sent_count > 0 and r.reply_count == 0,
    "is_sender_bounced": lambda r: r.is_bounced,
}
_TAG_RE: Final = re.compile(r"<[^>]+>")


def _enrolment(state: SandboxState, camp: Campaign, request: web.Request) -> CampaignLead:
    lead_id = path_int(request, "lead_id")
    row = found(state.campaign_lead(camp, lead_id), f"Lead {lead_id} is not in campaign {camp.id}")
    return row


# --------------------------------------------------------------------------- L1, L2


def _after(value: datetime | None, bound: datetime | None) -> bool:
    return bound is None or (value is not None and value > bound)


@routes.serve("L1")
async def list_leads(request: web.Request) -> web.StreamResponse:
    """L1: ``{total_leads: "<string>", offset, limit, data}``; filters scan only this campaign."""
    state = state_of(request)
    camp = campaign_or_404(request)
    offset, limit = q_page(request, default=100, maximum=100)
    status = q_enum_opt(request, "status", LEAD_STATUSES)
    category = q_int_opt(request, "lead_category_id", minimum=1)
    email_status = q_enum_opt(request, "emailStatus", EMAIL_STATUS_FILTERS)
    created_gt = q_datetime_opt(request, "created_at_gt")
    sent_gt = q_datetime_opt(request, "last_sent_time_gt")
    event_gt = q_datetime_opt(request, "event_time_gt")
    filtered = any(
        v is not None for v in (status, category, email_status, created_gt, sent_gt, event_gt)
    )
    if not filtered:
        total = len(camp.lead_map_ids)
        rows = [state.campaign_leads[i] for i in camp.lead_map_ids.page(offset, limit)]
    else:
        check = EMAIL_STATUS_FILTERS[email_status] if email_status else None
        matches = [
            row
            for row in (state.campaign_leads[i] for i in camp.lead_map_ids)
            if (status is None or row.status == status)
            and (category is None or row.category_id == category)
            and (check is None or check(row))
            and _after(row.created_at, created_gt)
            and _after(row.last_sent_time, sent_gt)
            and _after(row.last_event_time, event_gt)
        ]
        total = len(matches)
        rows = matches[offset : offset + limit]
    return json_response(
        {
            "total_leads": str(total),
            "offset": offset,
            "limit": limit,
            "data": [campaign_lead_json(state, row) for row in rows],
        }
    )


@routes.serve("L2")
async def add_leads(request: web.Request) -> web.StreamResponse:
    """L2: bulk import with dedupe, block/unsubscribe lists, the per-call cap and lead limit."""
    state = state_of(request)
    camp = campaign_or_404(request)
    body = await json_body(request)
    rows = validate_rows(body.get("lead_list"), state.import_cap)
    raw_settings = b_obj_opt(body, "settings") or {}
    settings = ImportSettings.from_body(raw_settings)
    return_ids = b_bool_opt(raw_settings, "return_lead_ids") or False

    def add(lead: Lead) -> None:
        state.enrol(camp, lead)

    result = import_rows(
        state,
        rows,
        settings=settings,
        is_member=lambda lead: lead.id in camp.map_by_lead_id,
        add_member=add,
        client_id=camp.client_id,
        check_other_campaigns=True,
    )
    exhausted = result.limit_exhausted or (
        state.lead_limit is not None and state.lead_uploads >= state.lead_limit
    )
    answer: dict[str, Any] = {
        "ok": True,
        "upload_count": len(result.uploaded),
        "total_leads": result.total,
        "already_added_to_campaign": result.already_member,
        "duplicate_count": result.duplicates + result.in_other_campaign,
        "invalid_email_count": result.invalid,
        "unsubscribed_leads": result.unsubscribed,
        "is_lead_limit_exhausted": exhausted,
        "lead_import_stopped_count": result.stopped,
        "block_count": result.blocked,
        "bounce_count": result.bounced,
    }
    if return_ids:
        answer["lead_ids"] = [lead.id for lead in result.uploaded]
    return json_response(answer)


# --------------------------------------------------------------------------- L3-L9


@routes.serve("L3")
async def update_lead(request: web.Request) -> web.StreamResponse:
    """L3: ``email`` required; ``custom_fields`` merged."""
    state = state_of(request)
    camp = campaign_or_404(request)
    row = _enrolment(state, camp, request)
    body = await json_body(request)
    email = b_str(body, "email", allow_empty=False).strip()
    if not is_valid_email(email):
        raise bad_request(f'"email" is not a valid email address: {email!r}')
    values = {key: b_str_opt(body, key) for key in LEAD_FIELDS}
    custom = b_obj_opt(body, "custom_fields")
    lead = state.leads[row.lead_id]
    if custom is not None and len(lead.custom_fields.keys() | custom.keys()) > 200:
        raise bad_request('"custom_fields" may hold at most 200 keys in total')
    if email.lower() != lead.email.lower():
        owner = state.lead_by_email(email)
        if owner is not None:
            raise bad_request(f"email {email} already belongs to lead {owner.id}")
    state.change_lead_email(lead, email)
    for key, value in values.items():
        if value is not None:
            setattr(lead, key, value)
    if custom:
        lead.custom_fields.update(custom)
    row.updated_at = state.now()
    return ok(data={"lead_id": lead.id, "campaign_lead_map_id": row.id})


@routes.serve("L4")
async def pause_lead(request: web.Request) -> web.StreamResponse:
    """L4: STARTED/INPROGRESS -> PAUSED; answers ``{ok, data: "success"}``."""
    state = state_of(request)
    row = _enrolment(state, campaign_or_404(request), request)
    if row.status not in ("STARTED", "INPROGRESS", "PAUSED"):
        raise bad_request(f"lead is {row.status} and cannot be paused")
    row.status = "PAUSED"
    row.next_send_time = None
    row.updated_at = state.now()
    return ok(data="success")


@routes.serve("L5")
async def resume_lead(request: web.Request) -> web.StreamResponse:
    """L5: PAUSED -> INPROGRESS (or STARTED), optionally after a delay in days."""
    state = state_of(request)
    row = _enrolment(state, campaign_or_404(request), request)
    body = await json_body(request, required=False)
    delay = b_int_opt(body, "resume_lead_with_delay_days", minimum=0, maximum=365) or 0
    if row.status != "PAUSED":
        raise bad_request(f"lead is {row.status}; only PAUSED leads can be resumed")
    row.status = "INPROGRESS" if row.sent_count else "STARTED"
    row.next_send_time = state.now() + timedelta(days=delay)
    row.updated_at = state.now()
    return ok(data="success")


@routes.serve("L6")
async def delete_lead(request: web.Request) -> web.StreamResponse:
    """L6: answers the plain text ``success``; the workspace lead stays."""
    state = state_of(request)
    row = _enrolment(state, campaign_or_404(request), request)
    state.remove_campaign_lead(row)
    return text_response("success")


@routes.serve("L7")
async def unsubscribe_lead(request: web.Request) -> web.StreamResponse:
    """L7: unsubscribe from this campaign only."""
    state = state_of(request)
    camp = campaign_or_404(request)
    row = _enrolment(state, camp, request)
    row.is_unsubscribed = True
    if row.status not in ("COMPLETED", "BLOCKED"):
        row.status = "STOPPED"
    row.updated_at = state.now()
    state.emit_event("LEAD_UNSUBSCRIBED", camp.id)
    return ok()


@routes.serve("L8")
async def set_category(request: web.Request) -> web.StreamResponse:
    """L8: ``category_id`` (null clears), ``pause_lead``."""
    state = state_of(request)
    camp = campaign_or_404(request)
    row = _enrolment(state, camp, request)
    body = await json_body(request)
    if "category_id" not in body:
        raise bad_request('"category_id" is required (a category id, or null to clear)')
    category_id = b_int_opt(body, "category_id", minimum=1)
    pause = b_bool_opt(body, "pause_lead") or False
    category = state.categories.get(category_id) if category_id is not None else None
    if category_id is not None and category is None:
        raise bad_request(
            f"category_id {category_id} does not exist; see GET /leads/fetch-categories"
        )
    row.category_id = category_id
    if pause and row.status in ("STARTED", "INPROGRESS"):
        row.status = "PAUSED"
    row.updated_at = state.now()
    state.emit_event("LEAD_CATEGORY_UPDATED", camp.id, category.name if category else None)
    return ok(category_id=category_id, pause_lead=pause)


@routes.serve("L9")
async def manual_complete(request: web.Request) -> web.StreamResponse:
    """L9: by campaign_lead_map_id, marks the lead COMPLETED."""
    state = state_of(request)
    camp = campaign_or_404(request)
    map_id = path_int(request, "lead_map_id")
    row = state.campaign_leads.get(map_id)
    if row is None or row.campaign_id != camp.id:
        raise not_found(f"campaign_lead_map_id {map_id} is not in campaign {camp.id}")
    row.status = "COMPLETED"
    row.next_send_time = None
    row.updated_at = state.now()
    return ok()


# --------------------------------------------------------------------------- L10, L12


def _history_row(msg: Message, plain: bool) -> dict[str, Any]:
    data = message_json(msg)
    if plain:
        data["email_body"] = _TAG_RE.sub("", msg.body).strip()
    return data


@routes.serve("L10")
async def message_history(request: web.Request) -> web.StreamResponse:
    """L10: ``{history: [...], from, to}``."""
    state = state_of(request)
    camp = campaign_or_404(request)
    row = _enrolment(state, camp, request)
    since = q_datetime_opt(request, "event_time_gt")
    plain = q_bool(request, "show_plain_text_response")
    thread = [m for m in state.thread(row.id) if since is None or m.time > since]
    account = state.email_accounts.get(row.email_account_id or -1)
    return json_response(
        {
            "history": [_history_row(m, plain) for m in thread],
            "from": account.from_email if account else None,
            "to": state.leads[row.lead_id].email,
        }
    )


def _check_addresses(body: dict[str, Any], key: str) -> None:
    value = b_str_opt(body, key)
    if value:
        bad = [a for a in (p.strip() for p in value.split(",")) if a and not is_valid_email(a)]
        if bad:
            raise bad_request(f'"{key}" must be comma-separated email addresses; invalid: {bad}')


@routes.serve("L12")
async def reply_to_thread(request: web.Request) -> web.StreamResponse:
    """L12: reply to the thread of ``email_stats_id`` now, or at ``scheduled_time``."""
    state = state_of(request)
    camp = campaign_or_404(request)
    body = await json_body(request)
    stats_id = b_str(body, "email_stats_id", allow_empty=False)
    email_body = b_str(body, "email_body", allow_empty=False)
    for key in ("reply_message_id", "reply_email_body", "to_first_name", "to_last_name"):
        b_str_opt(body, key)
    for key in ("cc", "bcc", "to_email"):
        _check_addresses(body, key)
    b_bool_opt(body, "add_signature")
    for index, item in enumerate(b_list_opt(body, "attachments") or []):
        if not isinstance(item, dict) or not isinstance(item.get("file_url"), str):
            raise bad_request(f'"attachments[{index}].file_url" is required (a URL string)')
    scheduled_raw = b_str_opt(body, "scheduled_time")
    parent = state.messages.get(stats_id)
    if parent is None or parent.campaign_id != camp.id:
        raise not_found(f"email_stats_id {stats_id} is not a message of campaign {camp.id}")
    row = found(
        state.campaign_leads.get(parent.map_id),
        f"the lead of email_stats_id {stats_id} is no longer in the campaign",
    )
    lead = state.leads[row.lead_id]
    account = state.email_accounts.get(row.email_account_id or -1)
    subject = (
        parent.subject if parent.subject.lower().startswith("re:") else f"Re: {parent.subject}"
    )
    now = state.now()
    if scheduled_raw:
        when = parse_datetime("scheduled_time", scheduled_raw)
        if when > now:
            item = ScheduledEmail(
                state.next_id("scheduled"), stats_id, email_body, when, now, subject
            )
            row.scheduled.append(item)
            return ok(
                message="Reply scheduled",
                scheduled_id=item.id,
                email_stats_id=stats_id,
                scheduled_time=iso(when),
            )
    msg = state.add_message(
        row,
        "SENT",
        time=now,
        subject=subject,
        body=email_body,
        seq_number=parent.seq_number,
        from_email=account.from_email if account else "sender@sandbox.test",
        to_email=b_str_opt(body, "to_email") or lead.email,
        email_account_id=row.email_account_id,
        cc=b_str_opt(body, "cc"),
        in_reply_to=stats_id,
        is_manual=True,
    )
    row.has_new_unread_email = False
    return ok(
        message="Email added to the queue, will be sent shortly",
        email_stats_id=msg.stats_id,
        reply_message_id=msg.message_id,
    )


# --------------------------------------------------------------------------- L13, L14

_CSV_COLUMNS: Final = (
    "id",
    "campaign_lead_map_id",
    "status",
    "created_at",
    "first_name",
    "last_name",
    "email",
    "phone_number",
    "company_name",
    "website",
    "location",
    "custom_fields",
    "linkedin_profile",
    "company_url",
    "is_unsubscribed",
    "last_email_sequence_sent",
    "is_interested",
    "open_count",
    "click_count",
    "reply_count",
)


@routes.serve("L13")
async def export_leads(request: web.Request) -> web.StreamResponse:
    """L13: CSV text of every lead of the campaign."""
    state = state_of(request)
    camp = campaign_or_404(request)
    positive = {c.id for c in state.categories.values() if c.sentiment_type == "positive"}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)
    for map_id in camp.lead_map_ids:
        row = state.campaign_leads[map_id]
        lead = state.leads[row.lead_id]
        writer.writerow(
            (
                lead.id,
                row.id,
                row.status,
                iso(row.created_at),
                lead.first_name,
                lead.last_name,
                lead.email,
                lead.phone_number or "",
                lead.company_name or "",
                lead.website or "",
                lead.location or "",
                orjson.dumps(lead.custom_fields).decode(),
                lead.linkedin_profile or "",
                lead.company_url or "",
                str(row.is_unsubscribed or lead.is_unsubscribed).lower(),
                row.current_sequence_number,
                str(row.category_id in positive).lower(),
                row.open_count,
                row.click_count,
                row.reply_count,
            )
        )
    return text_response(out.getvalue(), content_type="text/csv")


def _activities(msg: Message) -> list[tuple[datetime, str]]:
    if msg.type == "REPLY":
        return [] if msg.is_bounce_notice else [(msg.time, "REPLY")]
    events = [(msg.time, "SENT")]
    if msg.open_time is not None:
        events.append((msg.open_time, "OPEN"))
    if msg.click_time is not None:
        events.append((msg.click_time, "CLICK"))
    if msg.is_bounced:
        events.append((msg.time, "BOUNCE"))
    if msg.is_unsubscribed:
        events.append((msg.open_time or msg.time, "UNSUBSCRIBE"))
    return events


@routes.serve("L14")
async def all_leads_activities(request: web.Request) -> web.StreamResponse:
    """L14: engagement events of every campaign, newest first, optionally within a window."""
    state = state_of(request)
    offset, limit = q_page(request, default=100, maximum=1000)
    since = q_datetime_opt(request, "event_time_from")
    until = q_datetime_opt(request, "event_time_to")
    if until is not None and since is None:
        raise bad_request("event_time_to requires event_time_from")
    if since is not None and until is not None and until < since:
        raise bad_request("event_time_to must not be before event_time_from")
    events: list[tuple[datetime, str, Message]] = []
    for msg in state.messages.values():
        for when, kind in _activities(msg):
            if (since is None or when >= since) and (until is None or when <= until):
                events.append((when, kind, msg))
    events.sort(key=lambda e: e[0], reverse=True)
    page = events[offset : offset + limit]
    data = []
    for when, kind, msg in page:
        camp = state.campaigns.get(msg.campaign_id)
        lead = state.leads.get(msg.lead_id)
        data.append(
            {
                "activity_type": kind,
                "event_time": iso(when),
                "stats_id": msg.stats_id,
                "sequence_number": msg.seq_number,
                "email_lead_map_id": msg.map_id,
                "lead_id": msg.lead_id,
                "lead_email": lead.email if lead else None,
                "campaign_id": msg.campaign_id,
                "campaign_name": camp.name if camp else None,
            }
        )
    return ok(data=data, offset=offset, limit=limit, total=len(events))
