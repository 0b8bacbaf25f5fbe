"""Sandbox routes: global leads and categories G1-G11, block list B1-B4."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any, Final

from aiohttp import web

from smartlead_async.testing._http import (
    Routes,
    json_response,
    lead_or_404,
    live_campaign_or_404,
    ok,
    state_of,
)
from smartlead_async.testing._params import (
    b_bool_opt,
    b_enum_opt,
    b_int,
    b_int_list_opt,
    b_int_opt,
    b_obj_opt,
    b_str_list,
    bad_request,
    found,
    json_body,
    not_found,
    parse_date,
    parse_datetime,
    path_int,
    q_enum_opt,
    q_int,
    q_int_opt,
    q_page,
    q_str,
    q_str_opt,
)
from smartlead_async.testing.importing import is_valid_email
from smartlead_async.testing.routes.campaign_leads import EMAIL_STATUS_FILTERS
from smartlead_async.testing.state import (
    LEAD_STATUSES,
    USER_ID,
    CampaignLead,
    Lead,
    LeadList,
    Message,
    SandboxState,
)
from smartlead_async.testing.wire import engagement_json, iso, lead_json

routes = Routes()

_DOMAIN_RE: Final = re.compile(r"^(?=.{1,253}$)([A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}$")
_ACTIVE: Final = ("STARTED", "INPROGRESS")
_LEAD_TYPES: Final = ("active", "yet_to_use", "previously_active", "archived")
MAX_PUSH_IDS: Final = 10_000


def _enrolments(state: SandboxState, lead: Lead) -> list[CampaignLead]:
    return [state.campaign_leads[m] for m in lead.map_ids]


def _campaign_data(state: SandboxState, lead: Lead) -> list[dict[str, Any]]:
    data = []
    for row in _enrolments(state, lead):
        camp = state.campaigns[row.campaign_id]
        client = state.clients.get(camp.client_id or -1)
        data.append(
            {
                "campaign_lead_map_id": row.id,
                "campaign_id": camp.id,
                "campaign_name": camp.name,
                "client_id": camp.client_id,
                "client_email": client.email if client else None,
                "lead_category_id": row.category_id,
                "lead_status": row.status,
            }
        )
    return data


# --------------------------------------------------------------------------- G1-G3


@routes.serve("G1")
async def lead_by_email(request: web.Request) -> web.StreamResponse:
    """G1: ``?email=``; an unknown email answers ``{}``."""
    state = state_of(request)
    email = q_str(request, "email")
    lead = state.lead_by_email(email)
    if lead is None:
        return json_response({})
    return json_response({**lead_json(lead), "lead_campaign_data": _campaign_data(state, lead)})


@routes.serve("G2")
async def lead_by_id(request: web.Request) -> web.StreamResponse:
    """G2: one workspace lead."""
    state = state_of(request)
    lead = lead_or_404(request)
    return json_response({**lead_json(lead), "lead_campaign_data": _campaign_data(state, lead)})


@routes.serve("G3")
async def lead_campaigns(request: web.Request) -> web.StreamResponse:
    """G3: bare array ``{id, status, name}`` of the lead's campaigns."""
    state = state_of(request)
    lead = lead_or_404(request)
    camps = [state.campaigns[row.campaign_id] for row in _enrolments(state, lead)]
    return json_response([{"id": c.id, "status": c.status, "name": c.name} for c in camps])


# --------------------------------------------------------------------------- G4, G5


def _bound(raw: str | None, name: str) -> datetime | None:
    if raw is None:
        return None
    if len(raw) == 10:
        day = parse_date(name, raw)
        return datetime(day.year, day.month, day.day, tzinfo=UTC)
    return parse_datetime(name, raw)


def _global_row(state: SandboxState, lead: Lead) -> dict[str, Any]:
    data = lead_json(lead)
    data["user_id"] = USER_ID
    data["campaigns"] = [
        {
            "campaign_id": row.campaign_id,
            "campaign_name": state.campaigns[row.campaign_id].name,
            "campaign_lead_map_id": row.id,
            "status": row.status,
        }
        for row in _enrolments(state, lead)
    ]
    return data


@routes.serve("G4")
async def global_leads(request: web.Request) -> web.StreamResponse:
    """G4: offset/limit in, ``{data, skip, limit, hasMore}`` out."""
    state = state_of(request)
    offset, limit = q_page(request, default=100, maximum=100)
    since = _bound(q_str_opt(request, "created_at_gt"), "created_at_gt")
    email = q_str_opt(request, "email")
    if email is not None:
        lead = state.lead_by_email(email)
        pool = [] if lead is None else [lead.id]
    elif since is not None:
        pool = [i for i in state.lead_ids if state.leads[i].created_at > since]
    else:
        pool = state.lead_ids.as_list()
    if email is not None and since is not None:
        pool = [i for i in pool if state.leads[i].created_at > since]
    page = pool[offset : offset + limit]
    return json_response(
        {
            "data": [_global_row(state, state.leads[i]) for i in page],
            "skip": offset,
            "limit": limit,
            "hasMore": offset + len(page) < len(pool),
        }
    )


def _lead_type(state: SandboxState, lead: Lead) -> str:
    rows = _enrolments(state, lead)
    if not rows:
        return "yet_to_use"
    if any(r.status in _ACTIVE for r in rows):
        return "active"
    return "previously_active"


@routes.serve("G5")
async def all_leads(request: web.Request) -> web.StreamResponse:
    """G5: cursor walk by ascending id after ``lastSeenLeadId``; ``{ok, data: {leads}}``."""
    state = state_of(request)
    limit = q_int(request, "limit", 100, minimum=1, maximum=1000)
    cursor = q_int(request, "lastSeenLeadId", 0, minimum=0)
    campaign_id = q_int_opt(request, "campaignId", minimum=1)
    status = q_enum_opt(request, "status", LEAD_STATUSES)
    email_status = q_enum_opt(request, "emailStatus", EMAIL_STATUS_FILTERS)
    lead_type = q_enum_opt(request, "leadType", _LEAD_TYPES)
    list_id = q_int_opt(request, "listId", minimum=1)
    client_id = q_int_opt(request, "clientId", minimum=1)
    lead_email = q_str_opt(request, "leadEmail")
    checks: list[Callable[[Lead], bool]] = []
    rows_of = _enrolments
    if campaign_id is not None or status is not None or email_status is not None:
        test = EMAIL_STATUS_FILTERS[email_status] if email_status else None
        checks.append(
            lambda lead: any(
                (campaign_id is None or r.campaign_id == campaign_id)
                and (status is None or r.status == status)
                and (test is None or test(r))
                for r in rows_of(state, lead)
            )
        )
    if lead_type is not None:
        checks.append(lambda lead: _lead_type(state, lead) == lead_type)
    if list_id is not None:
        checks.append(lambda lead: list_id in lead.list_ids)
    if client_id is not None:
        client_campaigns = {c.id for c in state.campaigns.values() if c.client_id == client_id}
        checks.append(
            lambda lead: (
                lead.client_id == client_id
                or any(r.campaign_id in client_campaigns for r in rows_of(state, lead))
            )
        )
    if lead_email is not None:
        needle = lead_email.lower()
        checks.append(lambda lead: needle in lead.email.lower())
    ids = state.lead_ids.as_list()
    found: list[dict[str, Any]] = []
    for lead_id in ids[bisect.bisect_right(ids, cursor) :]:
        lead = state.leads[lead_id]
        if all(check(lead) for check in checks):
            found.append(_global_row(state, lead))
            if len(found) == limit:
                break
    last = found[-1]["id"] if found else None
    return ok(data={"leads": found, "lastSeenLeadId": last, "hasMore": len(found) == limit})


# --------------------------------------------------------------------------- G6-G9


@routes.serve("G6")
async def unsubscribe_globally(request: web.Request) -> web.StreamResponse:
    """G6: unsubscribe from every campaign and block future imports."""
    state = state_of(request)
    lead = lead_or_404(request)
    state.unsubscribe_lead(lead)
    for row in _enrolments(state, lead):
        state.emit_event("LEAD_UNSUBSCRIBED", row.campaign_id)
    return ok()


@routes.serve("G7")
async def fetch_categories(request: web.Request) -> web.StreamResponse:
    """G7: bare array of the workspace's lead categories."""
    state = state_of(request)
    return json_response(
        [
            {
                "id": c.id,
                "created_at": iso(c.created_at),
                "name": c.name,
                "sentiment_type": c.sentiment_type,
            }
            for c in state.categories.values()
        ]
    )


@routes.serve("G8")
async def campaign_overview(request: web.Request) -> web.StreamResponse:
    """G8: engagement of the lead in each of its campaigns."""
    state = state_of(request)
    lead = lead_or_404(request)
    data = []
    for row in _enrolments(state, lead):
        camp = state.campaigns[row.campaign_id]
        data.append(
            {
                "campaign_id": camp.id,
                "campaign_name": camp.name,
                "campaign_status": camp.status,
                "campaign_lead_map_id": row.id,
                "lead_status": row.status,
                **engagement_json(row),
            }
        )
    return ok(data=data)


@routes.serve("G9")
async def sequence_details(request: web.Request) -> web.StreamResponse:
    """G9: per-step progress of one enrolment (by campaign_lead_map_id)."""
    state = state_of(request)
    map_id = path_int(request, "lead_map_id")
    row = found(state.campaign_leads.get(map_id), f"campaign_lead_map_id {map_id} not found")
    campaign_id = q_int_opt(request, "campaignId", minimum=1)
    if campaign_id is not None and campaign_id != row.campaign_id:
        raise not_found(f"campaign_lead_map_id {map_id} is not in campaign {campaign_id}")
    camp = state.campaigns[row.campaign_id]
    sent: dict[int, Message] = {}
    for msg in state.thread(row.id):
        if msg.type == "SENT" and not msg.is_manual:
            sent.setdefault(msg.seq_number, msg)
    steps = []
    for seq in camp.sequences:
        step = sent.get(seq.seq_number)
        steps.append(
            {
                "seq_number": seq.seq_number,
                "email_campaign_seq_id": seq.id,
                "subject": seq.subject,
                "delay_in_days": seq.delay_in_days,
                "status": "SENT" if step else "PENDING",
                "sent_time": iso(step.time) if step else None,
                "stats_id": step.stats_id if step else None,
                "open_count": step.open_count if step else 0,
                "click_count": step.click_count if step else 0,
                "is_replied": bool(step and step.reply_time),
            }
        )
    return ok(
        data={
            "campaign_lead_map_id": row.id,
            "campaign_id": camp.id,
            "lead_id": row.lead_id,
            "status": row.status,
            "current_sequence_number": row.current_sequence_number,
            "next_send_time": iso(row.next_send_time),
            "sequences": steps,
        }
    )


# --------------------------------------------------------------------------- G10, G11


def _target_list(state: SandboxState, body: dict[str, Any]) -> LeadList:
    list_id = b_int(body, "listId", minimum=1)
    target = found(state.lead_lists.get(list_id), f"Lead list {list_id} not found")
    return target


def _push(
    state: SandboxState, target: LeadList, leads: Iterable[Lead], move: bool
) -> dict[str, int]:
    pushed = duplicates = 0
    for lead in leads:
        if lead.id in target.lead_ids:
            duplicates += 1
            continue
        if move:
            for other_id in list(lead.list_ids):
                other = state.lead_lists.get(other_id)
                if other is not None:
                    other.lead_ids.discard(lead.id)
            lead.list_ids.clear()
        target.lead_ids.add(lead.id)
        lead.list_ids.append(target.id)
        pushed += 1
    target.updated_at = state.now()
    return {"pushed": pushed, "duplicates": duplicates, "total": pushed + duplicates}


def _selection(body: dict[str, Any], ids_key: str) -> tuple[list[int] | None, bool]:
    ids = b_int_list_opt(body, ids_key, min_items=1, max_items=MAX_PUSH_IDS)
    every = b_bool_opt(body, "allLeads") or False
    if ids is None and not every:
        raise bad_request(f'pass "{ids_key}" (1 to {MAX_PUSH_IDS} ids) or "allLeads": true')
    return ids, every


@routes.serve("G10")
async def push_to_list(request: web.Request) -> web.StreamResponse:
    """G10: copy or move workspace leads into a Lead List."""
    state = state_of(request)
    body = await json_body(request)
    target = _target_list(state, body)
    action = b_enum_opt(body, "action", ("copy", "move")) or "copy"
    b_obj_opt(body, "filters")
    ids, every = _selection(body, "leadIds")
    if every:
        leads = [state.leads[i] for i in state.lead_ids]
    else:
        missing = [i for i in ids or () if i not in state.leads]
        if missing:
            raise bad_request(f"leadIds not found: {missing[:20]}")
        leads = [state.leads[i] for i in dict.fromkeys(ids or ())]
    return ok(data=_push(state, target, leads, action == "move"))


@routes.serve("G11")
async def campaign_push_to_list(request: web.Request) -> web.StreamResponse:
    """G11: copy leads of a campaign (by map ids or all) into a Lead List."""
    state = state_of(request)
    body = await json_body(request)
    campaign_id = b_int(body, "campaignId", minimum=1)
    camp = live_campaign_or_404(state, campaign_id)
    target = _target_list(state, body)
    ids, every = _selection(body, "leadMapIds")
    map_ids = list(camp.lead_map_ids) if every else list(dict.fromkeys(ids or ()))
    foreign = [i for i in map_ids if i not in camp.lead_map_ids]
    if foreign:
        raise bad_request(f"leadMapIds not in campaign {camp.id}: {foreign[:20]}")
    leads = [state.leads[state.campaign_leads[i].lead_id] for i in map_ids]
    return ok(data=_push(state, target, leads, move=False))


# --------------------------------------------------------------------------- B1-B4


def _block_row(state: SandboxState, entry_id: int) -> dict[str, Any]:
    entry = state.block_list[entry_id]
    return {
        "id": entry.id,
        "email_or_domain": entry.email_or_domain,
        "created_at": iso(entry.created_at),
        "source": entry.source,
        "client_id": entry.client_id,
    }


@routes.serve("B1")
async def get_block_list(request: web.Request) -> web.StreamResponse:
    """B1: bare array, paginated (limit <= 1000)."""
    state = state_of(request)
    offset, limit = q_page(request, default=100, maximum=1000)
    client_id = q_int_opt(request, "filter_client_id", minimum=1)
    needle = (q_str_opt(request, "filter_email_or_domain") or "").lower()
    domain = (q_str_opt(request, "filter_email_with_domain") or "").lower()
    ids = [
        e.id
        for e in state.block_list.values()
        if (client_id is None or e.client_id == client_id)
        and needle in e.email_or_domain
        and (not domain or e.email_or_domain.rpartition("@")[2] == domain)
    ]
    return json_response([_block_row(state, i) for i in ids[offset : offset + limit]])


def _block_values(values: list[str], name: str) -> list[str]:
    cleaned = []
    for index, raw in enumerate(values):
        value = raw.strip().lower()
        if not (is_valid_email(value) or _DOMAIN_RE.match(value)):
            raise bad_request(
                f'"{name}[{index}]" must be an email address or a domain, got {raw!r}'
            )
        cleaned.append(value)
    return cleaned


@routes.serve("B2")
async def add_block_list(request: web.Request) -> web.StreamResponse:
    """B2: ``domain_block_list`` (emails and/or domains), optional ``client_id``."""
    state = state_of(request)
    body = await json_body(request)
    values = b_str_list(body, "domain_block_list", min_items=1)
    client_id = b_int_opt(body, "client_id", minimum=1)
    if client_id is not None and client_id not in state.clients:
        raise bad_request(f"client_id {client_id} does not exist")
    added = 0
    for value in _block_values(values, "domain_block_list"):
        if state.add_block_entry(value, client_id=client_id) is not None:
            added += 1
    return json_response({"uploadCount": len(values), "totalDomainAdded": added})


@routes.serve("B3")
async def delete_block_entry(request: web.Request) -> web.StreamResponse:
    """B3: ``?id=`` of the entry."""
    state = state_of(request)
    entry_id = q_int(request, "id", minimum=1)
    entry = found(state.block_list.get(entry_id), f"block list entry {entry_id} not found")
    state.remove_block_entry(entry)
    return ok()


@routes.serve("B4")
async def block_domains(request: web.Request) -> web.StreamResponse:
    """B4: block domains from the inbox (``source`` manual|bounce|complaint|invalid)."""
    state = state_of(request)
    body = await json_body(request)
    values = b_str_list(body, "domains", min_items=1)
    source = b_enum_opt(body, "source", ("manual", "bounce", "complaint", "invalid")) or "manual"
    added = 0
    for value in _block_values(values, "domains"):
        if state.add_block_entry(value, source=source) is not None:
            added += 1
    return ok(data={"blocked": added, "already_blocked": len(values) - added})
