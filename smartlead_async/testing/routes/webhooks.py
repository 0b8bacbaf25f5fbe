"""Sandbox routes: webhooks (W1-W9).

Campaign-scoped hooks (W1-W5) live under ``/campaigns/{id}/webhooks``; W3 deletes either by
JSON body ``{id}`` (classic) or by path ``/webhooks/{webhook_id}`` (2026 docs). Account-level
hooks (W6-W9) live under ``/webhook``. Publish summaries (W4) and retriggers (W5) work on the
simulated deliveries in ``state.webhook_deliveries``.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any, Final

from aiohttp import web
from yarl import URL

from smartlead_async.testing._http import (
    Routes,
    campaign_or_404,
    json_response,
    live_campaign_or_404,
    ok,
    state_of,
)
from smartlead_async.testing._params import (
    b_bool_opt,
    b_int,
    b_int_opt,
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
    q_str_opt,
    require,
)
from smartlead_async.testing.state import Campaign, SandboxState, Webhook
from smartlead_async.testing.wire import iso

routes = Routes()

ASSOCIATION_TYPES: Final = ("user", "client", "campaign")
_NUMERIC_ASSOCIATIONS: Final = {1: "user", 2: "client", 3: "campaign"}
_MAX_NAME: Final = 255


# --------------------------------------------------------------------------- helpers


def _check_url(value: str, name: str = "webhook_url") -> str:
    try:
        url = URL(value.strip())
    except ValueError:
        url = URL()
    if url.scheme not in ("http", "https") or not url.host or " " in url.host:
        raise bad_request(f'"{name}" must be an absolute http(s) URL, got {value!r}')
    return value.strip()


def _hook_json(hook: Webhook) -> dict[str, Any]:
    """W1 row: the classic campaign webhook shape."""
    return {
        "id": hook.id,
        "name": hook.name,
        "created_at": iso(hook.created_at),
        "updated_at": iso(hook.updated_at),
        "webhook_url": hook.webhook_url,
        "email_campaign_id": hook.campaign_id,
        "event_types": list(hook.event_types),
        "categories": list(hook.categories),
    }


def _account_hook_json(hook: Webhook) -> dict[str, Any]:
    """W6-W8 shape: the classic fields plus the account-level scope."""
    data = _hook_json(hook)
    data.update(
        association_type=hook.association_type,
        client_id=hook.client_id,
        webhook_type=hook.webhook_type,
        event_type_map={event: True for event in hook.event_types},
        category_id_map=dict(hook.extra.get("category_id_map", {})),
    )
    return data


def _campaign_hook(state: SandboxState, camp: Campaign, webhook_id: int) -> Webhook:
    hook = state.webhooks.get(webhook_id)
    if hook is None or hook.campaign_id != camp.id:
        raise not_found(f"Webhook {webhook_id} not found in campaign {camp.id}")
    return hook


def _time_range(from_raw: object, to_raw: object) -> tuple[datetime, datetime]:
    if from_raw is None:
        raise bad_request('"fromTime" is required (ISO 8601)')
    if to_raw is None:
        raise bad_request('"toTime" is required (ISO 8601)')
    start = parse_datetime("fromTime", from_raw)
    end = parse_datetime("toTime", to_raw)
    if start > end:
        raise bad_request("fromTime must not be after toTime")
    return start, end


def _event_types(body: dict[str, Any], *, required: bool) -> list[str] | None:
    events = b_str_list_opt(body, "event_types", min_items=1 if required else 0)
    if required:
        require(events, "event_types")
    if events is not None and any(not e.strip() for e in events):
        raise bad_request('"event_types" must not contain empty strings')
    return events


# --------------------------------------------------------------------------- W1-W5


@routes.serve("W1")
async def list_campaign_webhooks(request: web.Request) -> web.Response:
    """W1: bare array of the campaign's webhooks."""
    state = state_of(request)
    camp = campaign_or_404(request)
    hooks = [_hook_json(h) for h in state.webhooks.values() if h.campaign_id == camp.id]
    return json_response(hooks)


@routes.serve("W2")
async def upsert_campaign_webhook(request: web.Request) -> web.Response:
    """W2: create (``id`` null) or update (``id`` of an existing hook of this campaign)."""
    state = state_of(request)
    camp = campaign_or_404(request)
    body = await json_body(request)
    webhook_id = b_int_opt(body, "id", minimum=1)
    name = b_str(body, "name", allow_empty=False, max_length=_MAX_NAME)
    url = _check_url(b_str(body, "webhook_url", allow_empty=False))
    events = _event_types(body, required=True) or []
    categories = b_str_list_opt(body, "categories") or []
    now = state.now()
    if webhook_id is None:
        hook = Webhook(
            id=state.next_id("webhook"),
            name=name or "",
            webhook_url=url,
            created_at=now,
            updated_at=now,
            event_types=events,
            categories=categories,
            campaign_id=camp.id,
        )
        state.webhooks[hook.id] = hook
    else:
        hook = _campaign_hook(state, camp, webhook_id)
        hook.name = name or hook.name
        hook.webhook_url = url
        hook.event_types = events
        hook.categories = categories
        hook.updated_at = now
    return json_response(_hook_json(hook))


@routes.serve("W3")
async def delete_campaign_webhook_by_body(request: web.Request) -> web.Response:
    """W3 (classic form): ``DELETE /campaigns/{id}/webhooks`` with body ``{"id": ...}``."""
    state = state_of(request)
    camp = campaign_or_404(request)
    body = await json_body(request)
    webhook_id = b_int(body, "id", minimum=1)
    hook = _campaign_hook(state, camp, webhook_id)
    del state.webhooks[hook.id]
    return ok()


@routes.serve("W3", fallback=True)
async def delete_campaign_webhook_by_path(request: web.Request) -> web.Response:
    """W3 (2026 docs form): ``DELETE /campaigns/{id}/webhooks/{webhook_id}``."""
    state = state_of(request)
    camp = campaign_or_404(request)
    hook = _campaign_hook(state, camp, path_int(request, "webhook_id"))
    del state.webhooks[hook.id]
    return ok()


@routes.serve("W4")
async def webhook_summary(request: web.Request) -> web.Response:
    """W4: delivery counts of the campaign's webhooks between ``fromTime`` and ``toTime``."""
    state = state_of(request)
    camp = campaign_or_404(request)
    start, end = _time_range(q_str_opt(request, "fromTime"), q_str_opt(request, "toTime"))
    per_hook: dict[int, Counter[str]] = {}
    by_event: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for delivery in state.webhook_deliveries:
        if delivery.campaign_id != camp.id or not start <= delivery.time <= end:
            continue
        per_hook.setdefault(delivery.webhook_id, Counter())[delivery.status] += 1
        by_event[delivery.event_type] += 1
        totals[delivery.status] += 1
    hooks = []
    for webhook_id, counts in sorted(per_hook.items()):
        hook = state.webhooks.get(webhook_id)
        hooks.append(
            {
                "webhook_id": webhook_id,
                "name": hook.name if hook else None,
                "total_count": counts.total(),
                "success_count": counts["success"],
                "failed_count": counts["failed"],
            }
        )
    return ok(
        {
            "campaign_id": camp.id,
            "from_time": iso(start),
            "to_time": iso(end),
            "total_count": totals.total(),
            "success_count": totals["success"],
            "failed_count": totals["failed"],
            "event_type_counts": dict(sorted(by_event.items())),
            "webhooks": hooks,
        }
    )


@routes.serve("W5")
async def retrigger_failed_events(request: web.Request) -> web.Response:
    """W5: re-deliver (successfully) every failed delivery of the campaign in the range."""
    state = state_of(request)
    camp = campaign_or_404(request)
    body = await json_body(request)
    start, end = _time_range(body.get("fromTime"), body.get("toTime"))
    count = 0
    for delivery in state.webhook_deliveries:
        if (
            delivery.campaign_id == camp.id
            and delivery.status == "failed"
            and start <= delivery.time <= end
        ):
            delivery.status = "success"
            delivery.attempts += 1
            count += 1
    return ok({"retriggered_count": count})


# --------------------------------------------------------------------------- W6-W9


def _association(raw: object) -> str:
    if isinstance(raw, int) and not isinstance(raw, bool) and raw in _NUMERIC_ASSOCIATIONS:
        return _NUMERIC_ASSOCIATIONS[raw]
    if isinstance(raw, str) and raw.strip().lower() in ASSOCIATION_TYPES:
        return raw.strip().lower()
    raise bad_request(
        f'"association_type" must be one of user, client, campaign (or 1, 2, 3); got {raw!r}'
    )


def _true_keys(mapping: dict[str, Any] | None, name: str) -> list[str]:
    if mapping is None:
        return []
    for key, value in mapping.items():
        if not isinstance(value, bool):
            raise bad_request(f'"{name}.{key}" must be true or false, got {value!r}')
    return [key for key, value in mapping.items() if value]


def _category_names(state: SandboxState, ids: list[str]) -> list[str]:
    names = []
    for raw in ids:
        if not raw.isdigit() or int(raw) not in state.categories:
            raise bad_request(
                f'"category_id_map" key {raw!r} is not a category id; '
                "read ids from GET /leads/fetch-categories"
            )
        names.append(state.categories[int(raw)].name)
    return names


@routes.serve("W6")
async def create_account_webhook(request: web.Request) -> web.Response:
    """W6: an account-level webhook scoped to the user, a client or a campaign."""
    state = state_of(request)
    body = await json_body(request)
    url = _check_url(b_str(body, "webhook_url", allow_empty=False))
    if body.get("association_type") is None:
        raise bad_request('"association_type" is required (user, client or campaign)')
    association = _association(body["association_type"])
    campaign_id = b_int_opt(body, "email_campaign_id", minimum=1)
    client_id = b_int_opt(body, "client_id", minimum=1)
    if association == "campaign":
        if campaign_id is None:
            raise bad_request('"email_campaign_id" is required when association_type is campaign')
        live_campaign_or_404(state, campaign_id)
    if association == "client":
        if client_id is None:
            raise bad_request('"client_id" is required when association_type is client')
        if client_id not in state.clients:
            raise not_found(f"Client {client_id} not found")
    events = _true_keys(b_obj_opt(body, "event_type_map"), "event_type_map")
    single_event = b_str_opt(body, "event_type", allow_empty=False)
    if single_event is not None and single_event not in events:
        events.append(single_event)
    if not events:
        raise bad_request('pass at least one event in "event_type_map" (or "event_type")')
    category_map = b_obj_opt(body, "category_id_map") or {}
    category_ids = _true_keys(category_map, "category_id_map")
    single_category = b_int_opt(body, "category_id", minimum=1)
    if single_category is not None and str(single_category) not in category_ids:
        category_ids.append(str(single_category))
    categories = _category_names(state, category_ids)
    force = b_bool_opt(body, "force_create") or False
    scope = (
        association,
        campaign_id if association == "campaign" else None,
        client_id if association == "client" else None,
    )
    if not force:
        for other in state.webhooks.values():
            same_scope = (other.association_type, other.campaign_id, other.client_id) == scope
            if same_scope and other.webhook_url == url:
                raise bad_request(
                    f"a webhook for {url} already exists in this scope (id {other.id}); "
                    'pass "force_create": true to create another'
                )
    now = state.now()
    hook = Webhook(
        id=state.next_id("webhook"),
        name=b_str_opt(body, "name", max_length=_MAX_NAME) or f"Webhook {url}",
        webhook_url=url,
        created_at=now,
        updated_at=now,
        event_types=events,
        categories=categories,
        campaign_id=scope[1],
        client_id=scope[2],
        association_type=association,
        webhook_type=b_str_opt(body, "webhook_type"),
        extra={"category_id_map": {key: True for key in category_ids}},
    )
    state.webhooks[hook.id] = hook
    return ok(_account_hook_json(hook))


def _account_hook(state: SandboxState, webhook_id: int) -> Webhook:
    hook = found(state.webhooks.get(webhook_id), f"Webhook {webhook_id} not found")
    return hook


@routes.serve("W7")
async def get_account_webhook(request: web.Request) -> web.Response:
    """W7: one webhook (any scope) by id."""
    state = state_of(request)
    return ok(_account_hook_json(_account_hook(state, path_int(request, "webhook_id"))))


@routes.serve("W8")
async def update_account_webhook(request: web.Request) -> web.Response:
    """W8: change name, URL, event types or categories (only the fields sent)."""
    state = state_of(request)
    hook = _account_hook(state, path_int(request, "webhook_id"))
    body = await json_body(request)
    name = b_str_opt(body, "name", allow_empty=False, max_length=_MAX_NAME)
    url = b_str_opt(body, "webhook_url", allow_empty=False)
    events = _event_types(body, required=False)
    categories = b_str_list_opt(body, "categories")
    if name is None and url is None and events is None and categories is None:
        raise bad_request("nothing to update: pass name, webhook_url, event_types or categories")
    if events is not None and not events:
        raise bad_request('"event_types" must contain at least 1 item(s), got 0')
    if name is not None:
        hook.name = name
    if url is not None:
        hook.webhook_url = _check_url(url)
    if events is not None:
        hook.event_types = events
    if categories is not None:
        hook.categories = categories
    hook.updated_at = state.now()
    return ok(_account_hook_json(hook))


@routes.serve("W9")
async def delete_account_webhook(request: web.Request) -> web.Response:
    """W9: delete by body ``{"id": ...}``."""
    state = state_of(request)
    body = await json_body(request)
    hook = _account_hook(state, b_int(body, "id", minimum=1))
    del state.webhooks[hook.id]
    return ok()
