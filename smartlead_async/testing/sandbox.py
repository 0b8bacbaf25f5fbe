"""The sandbox server: a fake Smartlead API (``/api/v1``) as an aiohttp application.

Middleware order, outermost first: observe (reads the body; request log and counters) ->
errors (typed answers; Express-style 404 for unknown routes, before auth and not rate
limited) -> auth (``api_key`` query parameter) -> rate limit (counted once the body is read)
-> faults -> handler.

Route modules register their handlers by catalog id and import their helpers directly
from ``testing._http`` (app keys, answers, lookups) and ``testing._params`` (request
parsing); the names stay importable from here for existing callers.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import random
import secrets
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from types import TracebackType
from typing import Any, Final, Self, Unpack

from aiohttp import web

import smartlead_async.testing.seed as _seed
from smartlead_async.testing._http import (
    API_PREFIX,
    CONFIG_KEY,
    COUNTERS_KEY,
    FAULTS_KEY,
    LIMITER_KEY,
    LOG_KEY,
    STATE_KEY,
    VARIANTS_KEY,
    Routes,
    SandboxConfig,
    campaign_or_404,
    error,
    json_response,
    lead_or_404,
    live_campaign_or_404,
    ok,
    paginate,
    state_of,
    text_response,
)
from smartlead_async.testing._params import (
    ApiError,
)
from smartlead_async.testing.faults import FaultInjector, FaultPlan, Faults
from smartlead_async.testing.observe import DROPPED, Counters, RequestLog, RequestRecord
from smartlead_async.testing.ratelimit import (
    DEFAULT_WINDOWS,
    RateDecision,
    RateWindow,
    SlidingWindowLimiter,
    coerce_windows,
)
from smartlead_async.testing.routes import ROUTE_TABLES
from smartlead_async.testing.state import Campaign, CampaignLead, EmailAccount, Lead, SandboxState
from smartlead_async.testing.variants import Answer, Variant, Variants

__all__ = [
    "API_PREFIX",
    "CONFIG_KEY",
    "COUNTERS_KEY",
    "FAULTS_KEY",
    "LIMITER_KEY",
    "LOG_KEY",
    "STATE_KEY",
    "ApiError",
    "SandboxConfig",
    "SandboxServer",
    "campaign_or_404",
    "create_app",
    "error",
    "json_response",
    "lead_or_404",
    "live_campaign_or_404",
    "ok",
    "paginate",
    "state_of",
    "text_response",
]

logger = logging.getLogger("smartlead_async.testing")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_UNSET: Final[Any] = object()

_REQUEST_KEY = getattr(web, "RequestKey", None)  # aiohttp >= 3.13; plain strings before
_DECISION: Final[Any] = (
    _REQUEST_KEY("sandbox_rate_decision", RateDecision) if _REQUEST_KEY else "sandbox_decision"
)
_API_KEY: Final[Any] = _REQUEST_KEY("sandbox_api_key", str) if _REQUEST_KEY else "sandbox_api_key"


def _api_error_response(exc: ApiError) -> web.Response:
    if isinstance(exc.body, str):
        resp = text_response(exc.body, exc.status)
    else:
        resp = json_response(exc.body, exc.status)
    resp.headers.update(exc.headers)
    return resp


# --------------------------------------------------------------------------- middleware


def _route_name(request: web.Request) -> str:
    resource = request.match_info.route.resource
    if resource is None or request.match_info.http_exception is not None:
        return f"{request.method} <unmatched>"
    return f"{request.method} {resource.canonical}"


@web.middleware
async def _observe(request: web.Request, handler: Handler) -> web.StreamResponse:
    arrived = time.monotonic()
    status = DROPPED
    try:
        await request.read()
        arrived = time.monotonic()
        response = await handler(request)
        transport = request.transport
        status = DROPPED if transport is None or transport.is_closing() else response.status
        return response
    except web.HTTPException as exc:
        status = exc.status
        raise
    finally:
        record = RequestRecord(
            time=arrived,
            method=request.method,
            path=request.path,
            status=status,
            route=_route_name(request),
            duration=time.monotonic() - arrived,
        )
        request.app[LOG_KEY].append(record)
        request.app[COUNTERS_KEY].add(record)


@web.middleware
async def _errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.match_info.http_exception is not None:
        return text_response(f"Cannot {request.method} {request.path}", 404)
    try:
        return await handler(request)
    except ApiError as exc:
        return _api_error_response(exc)
    except web.HTTPException:
        raise
    except Exception:
        logger.exception("sandbox handler failed on %s %s", request.method, request.path)
        return error(500, "Internal Server Error")


@web.middleware
async def _auth(request: web.Request, handler: Handler) -> web.StreamResponse:
    key = request.query.get("api_key", "")
    expected = request.app[CONFIG_KEY].api_key
    valid = bool(key) and (
        hmac.compare_digest(key.encode(), expected.encode())
        or request.app[STATE_KEY].active_client_key(key) is not None
    )
    if not valid:
        return error(401, "Invalid API Key")
    request[_API_KEY] = key
    return await handler(request)


def _rate_headers(decision: RateDecision) -> dict[str, str]:
    return {
        "x-ratelimit-limit": str(decision.limit),
        "x-ratelimit-remaining": str(decision.remaining),
        "x-ratelimit-reset": str(decision.reset),
    }


def rate_limited(retry_after: int, extra_headers: dict[str, str] | None = None) -> web.Response:
    """The sandbox's 429 answer with ``Retry-After``."""
    body = {
        "error": {
            "code": "RATE_LIMIT_EXCEEDED",
            "message": f"Rate limit exceeded. Retry after {retry_after} second(s).",
            "retry_after": retry_after,
        }
    }
    headers = {"Retry-After": str(retry_after), **(extra_headers or {})}
    return json_response(body, 429, headers)


@web.middleware
async def _rate_limit(request: web.Request, handler: Handler) -> web.StreamResponse:
    limiter = request.app[LIMITER_KEY]
    if not limiter.windows:
        return await handler(request)
    decision = limiter.hit(request[_API_KEY])
    show = request.app[CONFIG_KEY].rate_limit_headers
    if not decision.allowed:
        return rate_limited(decision.retry_after, _rate_headers(decision) if show else None)
    request[_DECISION] = decision
    response = await handler(request)
    if show:
        response.headers.update(_rate_headers(decision))
    return response


def _html_502() -> web.Response:
    page = (
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
        "<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"
    )
    return text_response(page, 502, "text/html")


def _drop(request: web.Request) -> web.Response:
    transport = request.transport
    if transport is not None:
        transport.abort()
    return web.Response(status=499)


def _mangle(response: web.StreamResponse, plan: FaultPlan) -> web.StreamResponse:
    if not isinstance(response, web.Response) or response.status >= 400:
        return response
    raw = response.body if isinstance(response.body, bytes) else b""
    body = raw[: max(1, len(raw) // 2)] if plan.kind == "truncated" else b"{\x00" + raw[:-1]
    return web.Response(body=body, status=response.status, content_type="application/json")


@web.middleware
async def _variants(request: web.Request, handler: Handler) -> web.StreamResponse:
    variant = request.app[VARIANTS_KEY].match(request.method, request.path.removeprefix(API_PREFIX))
    return variant.response() if variant is not None else await handler(request)


@web.middleware
async def _faults(request: web.Request, handler: Handler) -> web.StreamResponse:
    injector = request.app[FAULTS_KEY]
    plan = injector.plan(request.method, request.path)
    if plan is None:
        return await handler(request)
    if plan.delay_after_handler and plan.kind is None:
        answer = await handler(request)
        await asyncio.sleep(plan.delay)
        return answer
    if plan.delay:
        await asyncio.sleep(plan.delay)
    if plan.kind is None:
        return await handler(request)
    if plan.kind == "rate_limit":
        decision: RateDecision | None = request.get(_DECISION)
        if decision is not None:
            request.app[LIMITER_KEY].refund(request[_API_KEY], decision.admitted_at)
        return rate_limited(injector.faults.retry_after)
    if plan.kind == "html_502":
        return _html_502()
    if plan.kind in ("malformed", "truncated"):
        return _mangle(await handler(request), plan)
    if plan.after_handler:
        await handler(request)
    if plan.kind == "drop":
        return _drop(request)
    messages = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}
    return error(plan.status, messages[plan.status])


# --------------------------------------------------------------------------- application


def _add_routes(app: web.Application, tables: Iterable[Routes]) -> None:
    """Mount every route under ``/api/v1``, each with and without a trailing slash.

    A method and path served by two tables is an error, never a silent shadow.
    """
    served: dict[tuple[str, str], str] = {}
    for table in tables:
        for route in table:
            key = (route.method, route.path)
            if key in served:
                raise ValueError(
                    f"{route.method} {route.path} is served twice "
                    f"({served[key]} and {route.endpoint_id})"
                )
            served[key] = route.endpoint_id
            for variant in {route.path, route.path.rstrip("/") + "/"}:
                app.router.add_route(route.method, API_PREFIX + variant, route.handler)


def create_app(
    config: SandboxConfig,
    state: SandboxState | None = None,
    *,
    log: RequestLog | None = None,
    counters: Counters | None = None,
) -> web.Application:
    """Build the sandbox application for ``config`` around ``state`` (a new one if None)."""
    app = web.Application(
        middlewares=[_observe, _errors, _auth, _rate_limit, _variants, _faults],
        client_max_size=64 * 1024 * 1024,
    )
    app[STATE_KEY] = state if state is not None else SandboxState()
    app[CONFIG_KEY] = config
    app[LOG_KEY] = log if log is not None else RequestLog()
    app[COUNTERS_KEY] = counters if counters is not None else Counters()
    app[LIMITER_KEY] = SlidingWindowLimiter(config.rate_limits)
    app[FAULTS_KEY] = FaultInjector(config.faults)
    app[VARIANTS_KEY] = Variants()
    _add_routes(app, ROUTE_TABLES)
    return app


class SandboxServer:
    """A running sandbox on a local port: ``async with SandboxServer() as sb: ...``.

    ``rate_limits``: one or more ``(requests, per_seconds)`` windows, :class:`RateWindow`s or
    strings like ``"10/2s"``; None disables limiting. ``api_key``: random when not given.
    ``import_cap``: rows allowed per lead-import call. ``lead_limit``: total rows the
    workspace may upload before imports report ``is_lead_limit_exhausted``.
    """

    def __init__(
        self,
        *,
        rate_limits: Iterable[RateWindow | tuple[int, float] | str] | RateWindow | None = _UNSET,
        faults: Faults | None = None,
        seed: int = 0,
        import_cap: int = 400,
        lead_limit: int | None = None,
        port: int = 0,
        host: str = "127.0.0.1",
        api_key: str | None = None,
        rate_limit_headers: bool = False,
        state: SandboxState | None = None,
    ) -> None:
        windows = DEFAULT_WINDOWS if rate_limits is _UNSET else coerce_windows(rate_limits)
        self.api_key = api_key if api_key is not None else "sl_" + secrets.token_hex(16)
        if not self.api_key:
            raise ValueError("api_key must not be empty")
        self.state = state or SandboxState(seed=seed, import_cap=import_cap, lead_limit=lead_limit)
        _seed.seed_defaults(self.state)
        self.seed = seed
        self.rng = random.Random(seed)
        """The RNG behind the ``seed_*`` helpers (seeded with ``seed``)."""
        self.log = RequestLog()
        self.counters = Counters()
        self.config = SandboxConfig(self.api_key, windows, rate_limit_headers, faults)
        self.app = create_app(self.config, self.state, log=self.log, counters=self.counters)
        self.host = host
        self._port = port
        self._runner: web.AppRunner | None = None

    def __repr__(self) -> str:
        where = self.base_url if self._runner is not None else "not started"
        return f"<SandboxServer {where}>"

    @property
    def port(self) -> int:
        """The bound port (after start)."""
        if self._runner is None:
            raise RuntimeError("SandboxServer is not started; use 'async with' or await start()")
        return int(self._runner.addresses[0][1])

    @property
    def base_url(self) -> str:
        """``http://HOST:PORT/api/v1``."""
        return f"http://{self.host}:{self.port}{API_PREFIX}"

    @property
    def limiter(self) -> SlidingWindowLimiter:
        """The server's rate limiter (e.g. to ``reset()`` it between test phases)."""
        return self.app[LIMITER_KEY]

    @property
    def faults(self) -> FaultInjector:
        """The fault injector (``injected`` counts what it did, per kind)."""
        return self.app[FAULTS_KEY]

    def set_faults(self, faults: Faults | None) -> None:
        """Change the faults of a running server (None turns them off)."""
        self.app[FAULTS_KEY].configure(faults)

    def answer_with(self, method: str, path: str, **answer: Unpack[Answer]) -> Variant:
        """Make ``method`` on paths matching ``path`` (a regular expression below ``/api/v1``)
        answer as given: ``status``, ``json`` or ``body``, ``content_type``, ``headers``, and
        ``times`` answers or until :meth:`clear_answers` (see :class:`~.testing.variants.Answer`).
        """
        return self.app[VARIANTS_KEY].add(method, path, **answer)

    def clear_answers(self) -> None:
        """Remove every canned answer set by :meth:`answer_with`."""
        self.app[VARIANTS_KEY].clear()

    def url(self, path: str) -> str:
        """Absolute URL for an API path, e.g. ``sb.url("/campaigns/")`` (no key)."""
        return self.base_url + (path if path.startswith("/") else "/" + path)

    # ----------------------------------------------------------------- seeding helpers

    def seed_campaign(
        self,
        *,
        name: str | None = None,
        leads: int = 50,
        steps: int = 3,
        accounts: int | Sequence[EmailAccount] = 2,
        status: str = "ACTIVE",
        client_id: int | None = None,
        history: bool = True,
        days_ago: int = 21,
    ) -> Campaign:
        """A campaign with sequences, senders, leads and (``history``) message history."""
        return _seed.seed_campaign(
            self.state,
            self.rng,
            name=name,
            leads=leads,
            steps=steps,
            accounts=accounts,
            status=status,
            client_id=client_id,
            history=history,
            days_ago=days_ago,
        )

    def seed_leads(self, campaign: Campaign | int, count: int) -> list[CampaignLead]:
        """Enrol ``count`` new leads (no history) in a campaign; fast enough for 100k."""
        camp = campaign if isinstance(campaign, Campaign) else self.state.campaigns[campaign]
        return _seed.seed_leads(self.state, camp, self.rng, count)

    def seed_email_accounts(
        self, count: int, *, client_id: int | None = None
    ) -> list[EmailAccount]:
        """``count`` sender accounts."""
        return _seed.seed_email_accounts(self.state, self.rng, count, client_id=client_id)

    def seed_global_leads(self, count: int) -> list[Lead]:
        """``count`` workspace leads outside any campaign."""
        return _seed.seed_global_leads(self.state, self.rng, count)

    def seed_workspace(self, **kwargs: int) -> None:
        """A whole demo workspace (see :func:`smartlead_async.testing.seed.seed_workspace`)."""
        self.rng = _seed.seed_workspace(self.state, self.rng.randrange(2**32), **kwargs)

    # ----------------------------------------------------------------- lifecycle

    async def start(self) -> Self:
        """Bind and serve."""
        if self._runner is not None:
            return self
        runner = web.AppRunner(self.app, access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self._port, reuse_address=True)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        return self

    async def close(self) -> None:
        """Stop serving (idempotent)."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
