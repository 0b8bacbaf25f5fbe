"""Sandbox routes: Lead Lists (LL1-LL9), camelCase on the wire (R16).

Imports (LL6) share the campaign-import semantics of :mod:`smartlead_async.testing.importing`;
every row is counted once in ``imported``, ``duplicates`` (in the batch or already in the
list), ``blocked`` (block list or unsubscribed), ``invalid`` or ``lead_import_stopped_count``
(workspace lead limit), so those add up to ``total_leads``. Pushes to a campaign (LL7) and
between lists (LL8) copy or move workspace leads.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from aiohttp import web

from smartlead_async.testing._http import (
    Routes,
    live_campaign_or_404,
    ok,
    state_of,
)
from smartlead_async.testing._params import (
    MAX_OFFSET,
    b_bool_opt,
    b_enum,
    b_int,
    b_int_list,
    b_int_list_opt,
    b_int_opt,
    b_obj,
    b_obj_opt,
    b_str,
    b_str_opt,
    bad_request,
    found,
    json_body,
    path_int,
    q_int_csv,
    q_page,
    q_str_opt,
)
from smartlead_async.testing.importing import (
    ImportResult,
    ImportSettings,
    import_rows,
    validate_rows,
)
from smartlead_async.testing.state import Campaign, Lead, LeadList, SandboxState
from smartlead_async.testing.wire import iso

routes = Routes()

ACTIONS: Final = ("copy", "move")
MAX_PUSH_IDS: Final = 10_000
MAX_TAG_BATCH: Final = 10
_MAX_NAME: Final = 255
_SNAKE_HINTS: Final = {
    "listName": "list_name",
    "leadList": "lead_list",
    "fileName": "file_name",
    "listIds": "list_ids",
    "tagIds": "tag_ids",
}


# --------------------------------------------------------------------------- helpers


def _require_camel(body: dict[str, Any], name: str) -> None:
    """A clear 400 when the snake_case spelling was sent instead of the camelCase wire name."""
    snake = _SNAKE_HINTS.get(name)
    if body.get(name) is None and snake is not None and snake in body:
        raise bad_request(f'"{name}" is required (the wire format is camelCase, not "{snake}")')


def _list_json(state: SandboxState, lst: LeadList) -> dict[str, Any]:
    return {
        "id": lst.id,
        "name": lst.name,
        "lead_count": len(lst.lead_ids),
        "created_at": iso(lst.created_at),
        "updated_at": iso(lst.updated_at),
        "tag_ids": list(lst.tag_ids),
        "tags": [
            {"id": tag.id, "name": tag.name, "color": tag.color}
            for tag in (state.tags.get(i) for i in lst.tag_ids)
            if tag is not None
        ],
    }


def _lead_list(state: SandboxState, list_id: int, name: str = "Lead list") -> LeadList:
    lst = found(state.lead_lists.get(list_id), f"{name} {list_id} not found")
    return lst


def _list_name(body: dict[str, Any]) -> str:
    _require_camel(body, "listName")
    name = b_str(body, "listName", allow_empty=False, max_length=_MAX_NAME)
    return (name or "").strip()


def _add_member(lst: LeadList, lead: Lead) -> None:
    lst.lead_ids.add(lead.id)
    if lst.id not in lead.list_ids:
        lead.list_ids.append(lst.id)


def _remove_member(lst: LeadList, lead: Lead) -> None:
    lst.lead_ids.discard(lead.id)
    if lst.id in lead.list_ids:
        lead.list_ids.remove(lst.id)


def _counts(result: ImportResult) -> dict[str, Any]:
    """The LL6 counts; ``imported + duplicates + blocked + invalid + stopped == total``."""
    return {
        "total_leads": result.total,
        "imported": len(result.uploaded),
        "duplicates": result.duplicates + result.already_member + result.in_other_campaign,
        "blocked": result.blocked + len(result.unsubscribed),
        "invalid": result.invalid,
        "lead_import_stopped_count": result.stopped,
        "is_lead_limit_exhausted": result.limit_exhausted,
    }


def _check_ids(name: str, ids: list[int]) -> None:
    if not 1 <= len(ids) <= MAX_PUSH_IDS:
        raise bad_request(f'"{name}" must contain 1 to {MAX_PUSH_IDS} lead ids, got {len(ids)}')


# --------------------------------------------------------------------------- LL1-LL5


@routes.serve("LL1")
async def list_lead_lists(request: web.Request) -> web.Response:
    """LL1: ``{ok, data:[...]}`` paged by ``offset``/``limit`` (1-1000, default 10)."""
    state = state_of(request)
    offset, limit = q_page(request, default=10, maximum=1000, max_offset=MAX_OFFSET)
    name = q_str_opt(request, "listName")
    tag_ids = set(q_int_csv(request, "tagIds"))
    needle = name.lower() if name else None
    matches = [
        lst
        for lst in state.lead_lists.values()
        if (needle is None or needle in lst.name.lower())
        and (not tag_ids or tag_ids.intersection(lst.tag_ids))
    ]
    return ok([_list_json(state, lst) for lst in matches[offset : offset + limit]])


@routes.serve("LL2")
async def get_lead_list(request: web.Request) -> web.Response:
    """LL2: one list."""
    state = state_of(request)
    return ok(_list_json(state, _lead_list(state, path_int(request, "list_id"))))


@routes.serve("LL3")
async def create_lead_list(request: web.Request) -> web.Response:
    """LL3: create a list from ``listName``."""
    state = state_of(request)
    name = _list_name(await json_body(request))
    now = state.now()
    lst = LeadList(state.next_id("lead_list"), name, now, now)
    state.lead_lists[lst.id] = lst
    return ok(_list_json(state, lst))


@routes.serve("LL4")
async def rename_lead_list(request: web.Request) -> web.Response:
    """LL4: rename (``listName`` is the only mutable field)."""
    state = state_of(request)
    lst = _lead_list(state, path_int(request, "list_id"))
    lst.name = _list_name(await json_body(request))
    lst.updated_at = state.now()
    return ok(_list_json(state, lst))


@routes.serve("LL5")
async def delete_lead_list(request: web.Request) -> web.Response:
    """LL5: hard delete; leads already pushed to campaigns stay there."""
    state = state_of(request)
    lst = _lead_list(state, path_int(request, "list_id"))
    for lead_id in lst.lead_ids.as_list():
        lead = state.leads.get(lead_id)
        if lead is not None and lst.id in lead.list_ids:
            lead.list_ids.remove(lst.id)
    del state.lead_lists[lst.id]
    return ok()


# --------------------------------------------------------------------------- LL6 import


@routes.serve("LL6")
async def import_into_list(request: web.Request) -> web.Response:
    """LL6: import up to the cap of rows (``leadList``) into a list, deduplicated by email."""
    state = state_of(request)
    lst = _lead_list(state, path_int(request, "list_id"))
    body = await json_body(request)
    _require_camel(body, "leadList")
    _require_camel(body, "fileName")
    rows = validate_rows(body.get("leadList"), state.import_cap, field_name="leadList")
    b_str(body, "fileName", allow_empty=False)
    b_obj_opt(body, "emailFieldsAdded")
    shared_custom = b_obj_opt(body, "customFields") or {}
    settings = ImportSettings.from_body(b_obj_opt(body, "csvSettings"), name="csvSettings")
    if shared_custom:
        rows = [
            {**row, "custom_fields": {**shared_custom, **(row.get("custom_fields") or {})}}
            for row in rows
        ]
    result = import_rows(
        state,
        rows,
        settings=settings,
        is_member=lambda lead: lead.id in lst.lead_ids,
        add_member=lambda lead: _add_member(lst, lead),
    )
    lst.updated_at = state.now()
    return ok(_counts(result))


# --------------------------------------------------------------------------- LL7, LL8


def _source_leads(
    state: SandboxState, spec: dict[str, Any]
) -> tuple[list[Lead], int, LeadList | None]:
    """Leads named by a ``leadList`` spec; returns (found leads, unknown id count, source list)."""
    list_id = b_int_opt(spec, "listId", minimum=1)
    lead_ids = b_int_list_opt(spec, "leadIds")
    all_leads = b_bool_opt(spec, "allLeads") or False
    source = _lead_list(state, list_id) if list_id is not None else None
    if lead_ids is not None:
        _check_ids("leadList.leadIds", lead_ids)
        found = [state.leads[i] for i in dict.fromkeys(lead_ids) if i in state.leads]
        if source is not None:
            found = [lead for lead in found if lead.id in source.lead_ids]
        return found, len(lead_ids) - len(found), source
    if source is not None:
        return [state.leads[i] for i in source.lead_ids.as_list()], 0, source
    if all_leads:
        return [state.leads[i] for i in state.lead_ids.as_list() if i in state.leads], 0, None
    raise bad_request('"leadList" needs "listId", "leadIds" (1-10000) or "allLeads": true')


def _target_campaign(state: SandboxState, body: dict[str, Any]) -> Campaign:
    campaign_id = b_int_opt(body, "campaignId", minimum=1)
    campaign_name = b_str_opt(body, "campaignName", allow_empty=False, max_length=_MAX_NAME)
    if campaign_id is not None and campaign_name is not None:
        raise bad_request('pass "campaignId" or "campaignName", not both')
    if campaign_id is not None:
        camp = live_campaign_or_404(state, campaign_id)
        return camp
    if campaign_name is None:
        raise bad_request('"campaignId" or "campaignName" (creates a campaign) is required')
    return state.add_campaign(campaign_name.strip())


def _detach(state: SandboxState, leads: Iterable[Lead], source: LeadList | None) -> int:
    """Move semantics: take the leads out of ``source`` (or every list when None)."""
    removed = 0
    for lead in leads:
        lists = [source] if source is not None else [state.lead_lists[i] for i in lead.list_ids]
        for lst in lists:
            if lead.id in lst.lead_ids:
                _remove_member(lst, lead)
                removed += 1
    return removed


@routes.serve("LL7")
async def push_to_campaign(request: web.Request) -> web.Response:
    """LL7: copy or move list leads into a campaign (by id, or a new one by name)."""
    state = state_of(request)
    body = await json_body(request)
    action = b_enum(body, "action", ACTIONS)
    spec = b_obj(body, "leadList") or {}
    settings = ImportSettings.from_body(b_obj_opt(body, "csvSettings"), name="csvSettings")
    b_obj_opt(body, "filters")
    leads, unknown, source = _source_leads(state, spec)
    camp = _target_campaign(state, body)
    result = import_rows(
        state,
        [{"email": lead.email} for lead in leads],
        settings=settings,
        is_member=lambda lead: lead.id in camp.map_by_lead_id,
        add_member=lambda lead: state.enrol(camp, lead),
        client_id=camp.client_id,
        check_other_campaigns=True,
    )
    data = _counts(result)
    data["total_leads"] += unknown
    data["invalid"] += unknown
    moved = 0
    if action == "move":
        moved = _detach(state, (lead for lead in leads if lead.id in camp.map_by_lead_id), source)
    return ok({"campaign_id": camp.id, "action": action, **data, "removed_from_lists": moved})


@routes.serve("LL8")
async def push_between_lists(request: web.Request) -> web.Response:
    """LL8: copy or move leads (``leadIds`` or all of ``fromListId``) to ``toListId``."""
    state = state_of(request)
    body = await json_body(request)
    action = b_enum(body, "action", ACTIONS)
    target = _lead_list(state, b_int(body, "toListId", minimum=1))
    from_id = b_int_opt(body, "fromListId", minimum=1)
    lead_ids = b_int_list_opt(body, "leadIds")
    if from_id is None and lead_ids is None:
        raise bad_request('pass "leadIds" (1-10000) or "fromListId"')
    if from_id == target.id:
        raise bad_request('"fromListId" and "toListId" must be different lists')
    spec: dict[str, Any] = {"listId": from_id, "leadIds": lead_ids}
    leads, unknown, source = _source_leads(state, spec)
    added = duplicates = 0
    for lead in leads:
        if lead.id in target.lead_ids:
            duplicates += 1
        else:
            _add_member(target, lead)
            added += 1
    if action == "move":
        list_ids = (
            [source.id]
            if source is not None
            else [i for lead in leads for i in lead.list_ids if i != target.id]
        )
        for list_id in dict.fromkeys(list_ids):
            lst = state.lead_lists[list_id]
            for lead in leads:
                if lead.id in lst.lead_ids:
                    _remove_member(lst, lead)
    target.updated_at = state.now()
    return ok(
        {
            "action": action,
            "from_list_id": from_id,
            "to_list_id": target.id,
            "total_leads": len(leads) + unknown,
            "pushed": added,
            "duplicates": duplicates,
            "invalid": unknown,
        }
    )


# --------------------------------------------------------------------------- LL9


@routes.serve("LL9")
async def assign_tags(request: web.Request) -> web.Response:
    """LL9: attach ``tagIds`` and/or detach ``removeTagIds`` on 1-10 lists."""
    state = state_of(request)
    body = await json_body(request)
    _require_camel(body, "listIds")
    _require_camel(body, "tagIds")
    list_ids = b_int_list(body, "listIds", min_items=1, max_items=MAX_TAG_BATCH)
    add = b_int_list_opt(body, "tagIds", min_items=1, max_items=MAX_TAG_BATCH) or []
    remove = b_int_list_opt(body, "removeTagIds", min_items=1, max_items=MAX_TAG_BATCH) or []
    if not add and not remove:
        raise bad_request('pass "tagIds" to attach and/or "removeTagIds" to detach (1-10 each)')
    for tag_id in (*add, *remove):
        if tag_id not in state.tags:
            raise bad_request(f"tag {tag_id} does not exist")
    lists = [_lead_list(state, list_id) for list_id in list_ids or []]
    now = state.now()
    for lst in lists:
        for tag_id in add:
            if tag_id not in lst.tag_ids:
                lst.tag_ids.append(tag_id)
        lst.tag_ids = [t for t in lst.tag_ids if t not in remove]
        lst.updated_at = now
    return ok()
