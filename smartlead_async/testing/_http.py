"""What the sandbox application and its route modules share: app keys, answers, lookups.

Route modules register their handlers by catalog id on a :class:`Routes` table (the
method and path come from the endpoint table, so the sandbox serves exactly what the SDK
calls) and import these helpers and the request parsers of ``_params`` directly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import orjson
from aiohttp import web

from smartlead_async.catalog import ENDPOINTS
from smartlead_async.testing._params import found, path_int
from smartlead_async.testing.faults import FaultInjector, Faults
from smartlead_async.testing.observe import Counters, RequestLog
from smartlead_async.testing.ratelimit import DEFAULT_WINDOWS, RateWindow, SlidingWindowLimiter
from smartlead_async.testing.state import Campaign, Lead, SandboxState
from smartlead_async.testing.variants import Variants

API_PREFIX: Final = "/api/v1"

_UNSET: Final[Any] = object()


@dataclass(frozen=True, slots=True)
class SandboxConfig:
    """Server behaviour; ``rate_limits=()`` disables rate limiting."""

    api_key: str = field(repr=False)
    rate_limits: tuple[RateWindow, ...] = DEFAULT_WINDOWS
    rate_limit_headers: bool = False
    faults: Faults | None = None


STATE_KEY: Final = web.AppKey("sandbox_state", SandboxState)
CONFIG_KEY: Final = web.AppKey("sandbox_config", SandboxConfig)
LOG_KEY: Final = web.AppKey("sandbox_log", RequestLog)
COUNTERS_KEY: Final = web.AppKey("sandbox_counters", Counters)
LIMITER_KEY: Final = web.AppKey("sandbox_limiter", SlidingWindowLimiter)
FAULTS_KEY: Final = web.AppKey("sandbox_faults", FaultInjector)
VARIANTS_KEY: Final = web.AppKey("sandbox_variants", Variants)

# --------------------------------------------------------------------------- responses


def json_response(
    data: object, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    """A JSON answer encoded with orjson."""
    return web.Response(
        body=orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS),
        status=status,
        content_type="application/json",
        headers=headers,
    )


def ok(data: object = _UNSET, **extra: object) -> web.Response:
    """``{"ok": true}``, plus ``"data": data`` when given, plus any extra keys."""
    body: dict[str, object] = {"ok": True}
    if data is not _UNSET:
        body["data"] = data
    body.update(extra)
    return json_response(body)


def error(status: int, message: str) -> web.Response:
    """An error answer ``{"message": message}`` with ``status``."""
    return json_response({"message": message}, status)


def text_response(text: str, status: int = 200, content_type: str = "text/plain") -> web.Response:
    """A plain-text (or CSV/HTML) answer."""
    return web.Response(text=text, status=status, content_type=content_type)


def state_of(request: web.Request) -> SandboxState:
    """The :class:`SandboxState` of the app serving ``request``."""
    return request.app[STATE_KEY]


def paginate(items: Sequence[Any], offset: int, limit: int) -> list[Any]:
    """``items[offset:offset + limit]`` as a list."""
    return list(items[offset : offset + limit])


def live_campaign_or_404(state: SandboxState, campaign_id: int) -> Campaign:
    """The live campaign ``campaign_id`` (404 when missing or deleted)."""
    return found(state.live_campaign(campaign_id), f"Campaign {campaign_id} not found")


def campaign_or_404(request: web.Request, name: str = "campaign_id") -> Campaign:
    """The live campaign whose id is the path segment ``name`` (404 when missing or deleted)."""
    return live_campaign_or_404(state_of(request), path_int(request, name))


def lead_or_404(request: web.Request, name: str = "lead_id") -> Lead:
    """The workspace lead whose id is the path segment ``name`` (404 when missing)."""
    lead_id = path_int(request, name)
    lead = found(state_of(request).leads.get(lead_id), f"Lead {lead_id} not found")
    return lead


# --------------------------------------------------------------------------- route tables

RouteHandler = Callable[[web.Request], Any]


@dataclass(frozen=True, slots=True)
class Route:
    """One served route: the endpoint it implements, its method and aiohttp path."""

    endpoint_id: str
    method: str
    path: str
    handler: RouteHandler


def route_path(template: str) -> str:
    """A catalog path template as an aiohttp path: ``{campaign_id}`` matches digits only."""
    return re.sub(r"\{(\w+)\}", r"{\1:\\d+}", template.rstrip("/") or "/")


def endpoint_id_of(method: str, template: str) -> str:
    """The catalog id of the endpoint at ``method`` and path ``template`` of the table."""
    for row in ENDPOINTS.values():
        if (row.method, row.path) == (method, template):
            return row.id
    raise ValueError(f"{method} {template} is not an endpoint of the table")


class Routes:
    """A route table whose handlers are registered by catalog id.

    ``@routes.serve("C2")`` takes the method and path from the endpoint table row;
    ``fallback=True`` serves the row's second documented path instead. Serving an id or a
    method and path twice raises :class:`ValueError` (nothing is silently shadowed).
    """

    def __init__(self) -> None:
        self._routes: list[Route] = []

    def __iter__(self) -> Iterator[Route]:
        return iter(self._routes)

    def serve(
        self, endpoint_id: str, *, fallback: bool = False
    ) -> Callable[[RouteHandler], RouteHandler]:
        """Register the decorated handler for ``endpoint_id`` (at its row's ``fallback`` path)."""
        row = ENDPOINTS.get(endpoint_id)
        if row is None:
            raise ValueError(f"{endpoint_id!r} is not a catalog id of the endpoint table")
        if fallback and row.fallback is None:
            raise ValueError(f"catalog row {endpoint_id} has no fallback path")
        path = route_path(row.fallback if fallback and row.fallback else row.path)

        def register(handler: RouteHandler) -> RouteHandler:
            if any((route.method, route.path) == (row.method, path) for route in self._routes):
                raise ValueError(f"{row.method} {path} is served twice ({endpoint_id})")
            self._routes.append(Route(endpoint_id, row.method, path, handler))
            return handler

        return register
