"""The API key never appears in an SDK error: str, repr, formatted traceback, frame locals, logs."""

from __future__ import annotations

import asyncio
import logging
import socket
import traceback
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web

from smartlead_async import RetryPolicy, SmartleadClient, SmartleadError
from tests.helpers.server import serve_app

KEY = "sk-live-secret-key-0123456789"


def _echo(status: int, *, redirect: bool = False) -> Callable[[web.Request], Awaitable[Any]]:
    async def handler(request: web.Request) -> web.StreamResponse:
        if redirect:
            raise web.HTTPFound(f"http://other.invalid/steal?api_key={request.query['api_key']}")
        # The server echoes the full URL (key included) in its body and headers.
        return web.json_response(
            {"message": f"failed for {request.url}", "url": str(request.url)},
            status=status,
            headers={"X-Echo": str(request.url)},
        )

    return handler


async def _malformed(request: web.Request) -> web.Response:
    return web.Response(text="{not json " + str(request.url), content_type="application/json")


async def _unsuccessful(request: web.Request) -> web.Response:
    return web.json_response({"success": False, "message": str(request.url)})


async def _slow(request: web.Request) -> web.Response:
    await asyncio.sleep(5)
    return web.json_response({})


@pytest.fixture
async def base() -> AsyncIterator[str]:
    app = web.Application()
    for status in (400, 401, 403, 404, 422, 429, 500, 502, 503):
        app.router.add_get(f"/s{status}", _echo(status))
    app.router.add_get("/redirect", _echo(302, redirect=True))
    app.router.add_get("/malformed", _malformed)
    app.router.add_get("/unsuccessful", _unsuccessful)
    app.router.add_get("/slow", _slow)
    async with serve_app(app, access_log=None) as url:
        yield url


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _cases(base: str) -> dict[str, tuple[str, str]]:
    cases = {f"status {s}": (base, f"/s{s}") for s in (400, 401, 403, 404, 422, 429, 500, 502, 503)}
    cases.update(
        {
            "redirect": (base, "/redirect"),
            "malformed body": (base, "/malformed"),
            "success false": (base, "/unsuccessful"),
            "timeout": (base, "/slow"),
            "connection refused": (f"http://127.0.0.1:{_free_port()}", "/campaigns/"),
            "dns failure": ("http://no-such-host.invalid", "/campaigns/"),
        }
    )
    return cases


def _assert_clean(exc: BaseException) -> None:
    texts = [str(exc), repr(exc), "".join(traceback.format_exception(exc))]
    texts.append(
        "".join(
            traceback.TracebackException(
                type(exc), exc, exc.__traceback__, capture_locals=True
            ).format()
        )
    )
    for attr in ("body", "data", "message"):
        texts.append(repr(getattr(exc, attr, None)))
    for text in texts:
        assert KEY not in text


@pytest.mark.parametrize(
    "case",
    [
        *(f"status {s}" for s in (400, 401, 403, 404, 422, 429, 500, 502, 503)),
        "redirect",
        "malformed body",
        "success false",
        "timeout",
        "connection refused",
        "dns failure",
    ],
)
async def test_no_error_kind_leaks_the_key(
    case: str, base: str, caplog: pytest.LogCaptureFixture
) -> None:
    root, path = _cases(base)[case]
    caplog.set_level(logging.DEBUG)
    retry = RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.02)
    async with SmartleadClient(
        KEY, base_url=root, retry=retry, timeout=0.5, allow_insecure=True
    ) as sl:
        with pytest.raises(SmartleadError) as info:
            await sl.request("GET", path)
    _assert_clean(info.value)
    for record in caplog.records:
        assert KEY not in record.getMessage()
        assert KEY not in repr(record.__dict__)


@pytest.mark.parametrize(
    "call",
    [
        lambda sl: sl.request("GET", "/campaigns/", params={"api_key": "x"}),
        lambda sl: sl.campaigns.get("not-an-id"),
        lambda sl: sl.request("TRACE", "/campaigns/"),
        lambda sl: sl.with_options(timeout=-1),
        lambda sl: sl.with_options(retry=3),
        lambda sl: SmartleadClient(KEY, timeout=float("inf")),
        lambda sl: SmartleadClient(KEY, base_url="ftp://example.com"),
        lambda sl: SmartleadClient(KEY, max_response_bytes=0),
    ],
)
async def test_client_side_errors_do_not_leak_the_key(
    call: Callable[[SmartleadClient], Any], base: str
) -> None:
    async with SmartleadClient(KEY, base_url=base) as sl:
        with pytest.raises(SmartleadError) as info:
            result = call(sl)
            if asyncio.iscoroutine(result):
                await result
    _assert_clean(info.value)


async def test_redis_down_does_not_leak_the_key(caplog: pytest.LogCaptureFixture) -> None:
    from smartlead_async.gates import RedisGate

    caplog.set_level(logging.DEBUG)
    gate = RedisGate(f"redis://127.0.0.1:{_free_port()}/0", api_key=KEY, reconnect_timeout=0.2)
    async with SmartleadClient(KEY, base_url="http://127.0.0.1:9/api/v1", gate=gate) as sl:
        with pytest.raises(SmartleadError) as info:
            await sl.campaigns.list()
    assert type(info.value).__name__ == "GateUnavailableError"
    _assert_clean(info.value)
    _assert_logs_clean(caplog)


async def test_an_over_cap_answer_does_not_leak_the_key(
    base: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with SmartleadClient(KEY, base_url=base, max_response_bytes=16) as sl:
        with pytest.raises(SmartleadError) as info:
            await sl.request("GET", "/s400")
    assert type(info.value).__name__ == "ResponseTooLargeError"
    _assert_clean(info.value)
    _assert_logs_clean(caplog)


def _assert_logs_clean(caplog: pytest.LogCaptureFixture) -> None:
    """Every record, formatted at every level with its traceback, is free of the key."""
    formatter = logging.Formatter("%(levelname)s %(name)s %(message)s %(args)s")
    for record in caplog.records:
        assert KEY not in formatter.format(record)
        assert KEY not in repr(record.__dict__)


@pytest.mark.parametrize("level", [logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR])
async def test_logging_an_sdk_error_with_its_traceback_at_any_level_is_clean(
    base: str, level: int, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    log = logging.getLogger("user.app")
    async with SmartleadClient(KEY, base_url=base, retry=None) as sl:
        for path in ("/s401", "/s500", "/malformed", "/redirect"):
            try:
                await sl.request("GET", path)
            except SmartleadError:
                log.log(level, "the call failed", exc_info=True, stack_info=True)
    assert len([r for r in caplog.records if r.name == "user.app"]) == 4
    _assert_logs_clean(caplog)
