"""Sandbox routes: clients K1-K6, one-off email U1, CRM notes/tasks/tags N1-N5."""

from __future__ import annotations

import re
from typing import Any, Final

from aiohttp import web

from smartlead_async.testing._http import (
    Routes,
    json_response,
    lead_or_404,
    ok,
    state_of,
)
from smartlead_async.testing._params import (
    b_bool_opt,
    b_int,
    b_int_list,
    b_int_opt,
    b_list_opt,
    b_str,
    b_str_list_opt,
    b_str_opt,
    bad_request,
    found,
    json_body,
    not_found,
    path_int,
    q_enum_opt,
    q_int,
    q_int_opt,
    q_str_opt,
    require,
)
from smartlead_async.testing.importing import is_valid_email
from smartlead_async.testing.state import (
    USER_ID,
    Client,
    ClientApiKey,
    LeadTagMapping,
    SandboxState,
)
from smartlead_async.testing.wire import iso, note_json, task_json

routes = Routes()

_KEY_NAME_RE: Final = re.compile(r"^[A-Za-z0-9 _-]{1,64}$")
_PERMISSIONS: Final = ("full_access", "reply_master_inbox", "view_only", "campaigns", "analytics")


def _client_json(client: Client) -> dict[str, Any]:
    return {
        "id": client.id,
        "name": client.name,
        "email": client.email,
        "uuid": client.uuid,
        "created_at": iso(client.created_at),
        "user_id": USER_ID,
        "logo": client.logo,
        "logo_url": client.logo_url,
        "client_permision": {"permission": list(client.permission), "retricted_category": []},
    }


def _key_json(key: ClientApiKey) -> dict[str, Any]:
    return {
        "id": key.id,
        "clientId": key.client_id,
        "keyName": key.key_name,
        "apiKey": key.api_key,
        "status": key.status,
        "createdAt": iso(key.created_at),
    }


def _new_secret(state: SandboxState) -> str:
    return "slc_" + state.new_uuid().replace("-", "")


# --------------------------------------------------------------------------- K1, K2


@routes.serve("K1")
async def list_clients(request: web.Request) -> web.StreamResponse:
    """K1: bare array (with the live misspelled ``client_permision`` keys)."""
    return json_response([_client_json(c) for c in state_of(request).clients.values()])


@routes.serve("K2")
async def save_client(request: web.Request) -> web.StreamResponse:
    """K2: create, or update when ``id`` is present; ``email`` is unique."""
    state = state_of(request)
    body = await json_body(request)
    client_id = b_int_opt(body, "id", minimum=1)
    existing = state.clients.get(client_id) if client_id is not None else None
    if client_id is not None and existing is None:
        raise not_found(f"Client {client_id} not found")
    name = b_str_opt(body, "name", allow_empty=False, max_length=255)
    email = b_str_opt(body, "email", allow_empty=False)
    if existing is None:
        require(name, "name")
        require(email, "email")
    if email is not None:
        if not is_valid_email(email):
            raise bad_request(f'"email" is not a valid email address: {email!r}')
        for other in state.clients.values():
            if other.email.lower() == email.lower() and other is not existing:
                raise bad_request(f"a client with email {email} already exists (id {other.id})")
    permission = b_str_list_opt(body, "permission")
    if permission is not None:
        unknown = [p for p in permission if p not in _PERMISSIONS]
        if unknown:
            raise bad_request(f'"permission" values must be among {_PERMISSIONS}; got {unknown}')
    logo, logo_url, password = (b_str_opt(body, k) for k in ("logo", "logo_url", "password"))
    credit = b_bool_opt(body, "is_credit_assigned")
    email_credits = b_int_opt(body, "email_credits", minimum=0)
    lead_credits = b_int_opt(body, "lead_credits", minimum=0)
    if existing is None:
        existing = Client(
            id=state.next_id("client"),
            name=name or "",
            email=email or "",
            uuid=state.new_uuid(),
            created_at=state.now(),
        )
        state.clients[existing.id] = existing
    for attr, value in (
        ("name", name),
        ("email", email),
        ("permission", permission),
        ("logo", logo),
        ("logo_url", logo_url),
        ("password", password),
        ("is_credit_assigned", credit),
        ("email_credits", email_credits),
        ("lead_credits", lead_credits),
    ):
        if value is not None:
            setattr(existing, attr, value)
    return ok(
        id=existing.id,
        name=existing.name,
        email=existing.email,
        permissions=list(existing.permission),
        logo=existing.logo,
        uuid=existing.uuid,
    )


# --------------------------------------------------------------------------- K3-K6


def _api_key(request: web.Request) -> ClientApiKey:
    key_id = path_int(request, "key_id")
    key = found(state_of(request).client_api_keys.get(key_id), f"Client API key {key_id} not found")
    return key


@routes.serve("K3")
async def create_api_key(request: web.Request) -> web.StreamResponse:
    """K3: ``clientId``, ``keyName`` (letters, digits, space, - and _)."""
    state = state_of(request)
    body = await json_body(request)
    client_id = b_int(body, "clientId", minimum=1)
    if client_id not in state.clients:
        raise bad_request(f"clientId {client_id} does not exist")
    name = b_str(body, "keyName")
    if not _KEY_NAME_RE.match(name):
        raise bad_request(
            f'"keyName" may use letters, digits, spaces, "-" and "_" (1-64 chars), got {name!r}'
        )
    key = ClientApiKey(
        state.next_id("client_api_key"), client_id, name, _new_secret(state), state.now()
    )
    state.client_api_keys[key.id] = key
    return ok(data=_key_json(key))


@routes.serve("K4")
async def list_api_keys(request: web.Request) -> web.StreamResponse:
    """K4: filters ``clientId``, ``status``, ``keyName``."""
    state = state_of(request)
    client_id = q_int_opt(request, "clientId", minimum=1)
    status = q_enum_opt(request, "status", ("active", "inactive"))
    name = (q_str_opt(request, "keyName") or "").lower()
    keys = [
        k
        for k in state.client_api_keys.values()
        if (client_id is None or k.client_id == client_id)
        and (status is None or k.status == status)
        and name in k.key_name.lower()
    ]
    return ok(data=[_key_json(k) for k in keys])


@routes.serve("K5")
async def delete_api_key(request: web.Request) -> web.StreamResponse:
    """K5: the key stops authenticating at once."""
    key = _api_key(request)
    del state_of(request).client_api_keys[key.id]
    return ok()


@routes.serve("K6")
async def reset_api_key(request: web.Request) -> web.StreamResponse:
    """K6: a new secret for the key (the old one stops working)."""
    key = _api_key(request)
    key.api_key = _new_secret(state_of(request))
    key.status = "active"
    return ok(data=_key_json(key))


# --------------------------------------------------------------------------- U1


@routes.serve("U1")
async def send_one_off(request: web.Request) -> web.StreamResponse:
    """U1: a one-off email from one of the workspace's accounts."""
    state = state_of(request)
    body = await json_body(request)
    to = b_str(body, "to", allow_empty=False)
    if not is_valid_email(to):
        raise bad_request(f'"to" is not a valid email address: {to!r}')
    b_str(body, "subject", allow_empty=False, max_length=998)
    b_str(body, "body", allow_empty=False)
    b_str_opt(body, "fromName")
    reply_to = b_str_opt(body, "replyTo")
    if reply_to and not is_valid_email(reply_to):
        raise bad_request(f'"replyTo" is not a valid email address: {reply_to!r}')
    from_email = b_str_opt(body, "fromEmail")
    from_id = b_int_opt(body, "fromEmailId", minimum=1)
    if from_email is None and from_id is None:
        raise bad_request('pass "fromEmail" or "fromEmailId" (one of the workspace accounts)')
    if from_id is None:
        from_id = state.email_accounts_by_email.get((from_email or "").lower())
    account = state.email_accounts.get(from_id or -1)
    if account is None:
        raise bad_request(f"no email account matches {from_email or from_id}")
    for index, item in enumerate(b_list_opt(body, "attachments") or []):
        if not isinstance(item, dict) or not isinstance(item.get("filename"), str):
            raise bad_request(f'"attachments[{index}].filename" is required')
    if account.daily_sent_count >= account.message_per_day:
        raise bad_request(
            f"{account.from_email} reached its daily sending limit of {account.message_per_day}"
        )
    account.daily_sent_count += 1
    message_id = f"<{state.new_uuid()}@mail.sandbox.smartlead.test>"
    return ok(
        data={"message_id": message_id, "from": account.from_email, "to": to, "status": "sent"}
    )


# --------------------------------------------------------------------------- N1-N5


@routes.serve("N1")
async def lead_notes(request: web.Request) -> web.StreamResponse:
    """N1: notes from every enrolment of the lead (created through the inbox, M17)."""
    state = state_of(request)
    lead = lead_or_404(request)
    data = [
        {**note_json(note), "email_lead_map_id": map_id}
        for map_id in lead.map_ids
        for note in state.campaign_leads[map_id].notes
    ]
    return ok(data=data)


@routes.serve("N2")
async def lead_tasks(request: web.Request) -> web.StreamResponse:
    """N2: tasks from every enrolment of the lead (M18)."""
    state = state_of(request)
    lead = lead_or_404(request)
    data = [
        {**task_json(task), "email_lead_map_id": map_id}
        for map_id in lead.map_ids
        for task in state.campaign_leads[map_id].tasks
    ]
    return ok(data=data)


def _mapping_json(state: SandboxState, mapping: LeadTagMapping) -> dict[str, Any]:
    tag = state.tags.get(mapping.tag_id)
    return {
        "id": mapping.id,
        "lead_id": mapping.lead_id,
        "tag_id": mapping.tag_id,
        "name": tag.name if tag else None,
        "color": tag.color if tag else None,
        "created_at": iso(mapping.created_at),
    }


@routes.serve("N3")
async def lead_tags(request: web.Request) -> web.StreamResponse:
    """N3: ``?leadId=``."""
    state = state_of(request)
    lead_id = q_int(request, "leadId", minimum=1)
    found(state.leads.get(lead_id), f"Lead {lead_id} not found")
    mappings = [m for m in state.lead_tag_mappings.values() if m.lead_id == lead_id]
    return ok(data=[_mapping_json(state, m) for m in mappings])


@routes.serve("N4")
async def add_lead_tags(request: web.Request) -> web.StreamResponse:
    """N4: ``leadId``, ``tagIds``; tags already on the lead are kept once."""
    state = state_of(request)
    body = await json_body(request)
    lead_id = b_int(body, "leadId", minimum=1)
    tag_ids = b_int_list(body, "tagIds", min_items=1, max_items=50)
    found(state.leads.get(lead_id), f"Lead {lead_id} not found")
    missing = [t for t in tag_ids if t not in state.tags]
    if missing:
        raise bad_request(f"tags not found: {missing}")
    have = {m.tag_id: m for m in state.lead_tag_mappings.values() if m.lead_id == lead_id}
    result = []
    for tag_id in dict.fromkeys(tag_ids):
        mapping = have.get(tag_id)
        if mapping is None:
            mapping = LeadTagMapping(
                state.next_id("lead_tag_mapping"), lead_id, tag_id, state.now()
            )
            state.lead_tag_mappings[mapping.id] = mapping
        result.append(_mapping_json(state, mapping))
    return ok(data=result)


@routes.serve("N5")
async def remove_lead_tag(request: web.Request) -> web.StreamResponse:
    """N5: by tag-mapping id."""
    state = state_of(request)
    mapping_id = path_int(request, "tag_mapping_id")
    if state.lead_tag_mappings.pop(mapping_id, None) is None:
        raise not_found(f"Tag mapping {mapping_id} not found")
    return ok()
