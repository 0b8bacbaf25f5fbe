"""The sandbox's strict sliding-window limiter, alone (fake clock) and over HTTP."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from smartlead_async.testing import SandboxServer
from smartlead_async.testing.ratelimit import (
    RateWindow,
    SlidingWindowLimiter,
    coerce_windows,
    parse_window,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_strict_window_admits_exactly_n_per_window() -> None:
    clock = FakeClock()
    limiter = SlidingWindowLimiter([RateWindow(10, 2.0)], clock)
    assert all(limiter.hit("k").allowed for _ in range(10))
    rejected = limiter.hit("k")
    assert not rejected.allowed and rejected.retry_after == 2
    clock.now += 1.99
    assert not limiter.hit("k").allowed
    clock.now += 0.02
    assert limiter.hit("k").allowed


def test_rejections_do_not_consume_budget() -> None:
    clock = FakeClock()
    limiter = SlidingWindowLimiter([RateWindow(2, 1.0)], clock)
    assert limiter.hit("k").allowed and limiter.hit("k").allowed
    for _ in range(50):
        assert not limiter.hit("k").allowed
    clock.now += 1.0
    assert limiter.hit("k").allowed


def test_retry_after_is_ceiling_of_wait_and_at_least_one() -> None:
    clock = FakeClock()
    limiter = SlidingWindowLimiter([RateWindow(1, 60.0)], clock)
    assert limiter.hit("k").allowed
    clock.now += 57.5
    assert limiter.hit("k").retry_after == 3
    clock.now += 2.4
    assert limiter.hit("k").retry_after == 1


def test_multiple_windows_all_apply() -> None:
    clock = FakeClock()
    limiter = SlidingWindowLimiter([RateWindow(10, 2.0), RateWindow(15, 60.0)], clock)
    admitted = 0
    for _ in range(40):
        admitted += limiter.hit("k").allowed
        clock.now += 0.25
    assert admitted == 15
    decision = limiter.hit("k")
    assert not decision.allowed and decision.retry_after > 2


def test_keys_have_separate_budgets_and_reset_forgets() -> None:
    clock = FakeClock()
    limiter = SlidingWindowLimiter([RateWindow(1, 10.0)], clock)
    assert limiter.hit("a").allowed and limiter.hit("b").allowed
    assert not limiter.hit("a").allowed
    limiter.reset()
    assert limiter.hit("a").allowed


def test_refund_returns_the_slot() -> None:
    clock = FakeClock()
    limiter = SlidingWindowLimiter([RateWindow(1, 10.0)], clock)
    decision = limiter.hit("k")
    limiter.refund("k", decision.admitted_at)
    assert limiter.hit("k").allowed


def test_header_values_describe_the_tightest_window() -> None:
    clock = FakeClock()
    limiter = SlidingWindowLimiter([RateWindow(10, 2.0), RateWindow(3, 60.0)], clock)
    decision = limiter.hit("k")
    assert (decision.limit, decision.remaining, decision.reset) == (3, 2, 60)


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("10/2s", RateWindow(10, 2.0)),
        ("60/60", RateWindow(60, 60.0)),
        ("60/1m", RateWindow(60, 60.0)),
        ("1000/1h", RateWindow(1000, 3600.0)),
        ("5/s", RateWindow(5, 1.0)),
    ],
)
def test_parse_window(text: str, window: RateWindow) -> None:
    assert parse_window(text) == window


@pytest.mark.parametrize("text", ["10", "x/2s", "10/ys", "0/2s", "10/0s"])
def test_parse_window_rejects_bad_text(text: str) -> None:
    with pytest.raises(ValueError, match=r"10/2s|must be"):
        parse_window(text)


def test_coerce_windows_accepts_every_form() -> None:
    assert coerce_windows(None) == ()
    assert coerce_windows(RateWindow(1, 1.0)) == (RateWindow(1, 1.0),)
    assert coerce_windows([(10, 2), "60/60s", RateWindow(1, 1.0)]) == (
        RateWindow(10, 2.0),
        RateWindow(60, 60.0),
        RateWindow(1, 1.0),
    )


async def _fire(session: aiohttp.ClientSession, url: str, n: int) -> list[aiohttp.ClientResponse]:
    async def one() -> aiohttp.ClientResponse:
        async with session.get(url) as resp:
            await resp.read()
            return resp

    return list(await asyncio.gather(*(one() for _ in range(n))))


async def test_http_burst_gets_429_with_retry_after_and_error_body() -> None:
    async with SandboxServer(rate_limits=[(5, 30.0)]) as sb, aiohttp.ClientSession() as session:
        url = sb.url(f"/campaigns/?api_key={sb.api_key}")
        responses = await _fire(session, url, 8)
        statuses = sorted(r.status for r in responses)
        assert statuses == [200] * 5 + [429] * 3
        limited = next(r for r in responses if r.status == 429)
        retry_after = int(limited.headers["Retry-After"])
        assert 1 <= retry_after <= 30
        async with session.get(url) as resp:
            body = await resp.json()
        assert resp.status == 429
        assert body["error"]["code"] == "RATE_LIMIT_EXCEEDED"
        assert body["error"]["retry_after"] == int(resp.headers["Retry-After"])
        assert "x-ratelimit-limit" not in resp.headers
        assert sb.counters.rate_limited == 4
        assert sb.counters.by_status[200] == 5


async def test_http_window_frees_after_per_seconds() -> None:
    async with SandboxServer(rate_limits=[(2, 0.5)]) as sb, aiohttp.ClientSession() as session:
        url = sb.url(f"/campaigns/?api_key={sb.api_key}")
        assert [r.status for r in await _fire(session, url, 3)].count(429) == 1
        await asyncio.sleep(0.6)
        assert sorted(r.status for r in await _fire(session, url, 2)) == [200, 200]


async def test_http_headers_when_enabled() -> None:
    async with (
        SandboxServer(rate_limits=["3/60s"], rate_limit_headers=True) as sb,
        aiohttp.ClientSession() as session,
    ):
        url = sb.url(f"/campaigns/?api_key={sb.api_key}")
        async with session.get(url) as resp:
            assert resp.headers["x-ratelimit-limit"] == "3"
            assert resp.headers["x-ratelimit-remaining"] == "2"
            assert 1 <= int(resp.headers["x-ratelimit-reset"]) <= 60


async def test_http_rate_limit_is_per_key_and_401_does_not_count() -> None:
    async with SandboxServer(rate_limits=[(1, 30.0)]) as sb, aiohttp.ClientSession() as session:
        for _ in range(3):
            async with session.get(sb.url("/campaigns/?api_key=wrong")) as resp:
                assert resp.status == 401
        async with session.get(sb.url(f"/campaigns/?api_key={sb.api_key}")) as resp:
            assert resp.status == 200
        async with session.get(sb.url(f"/campaigns/?api_key={sb.api_key}")) as resp:
            assert resp.status == 429


async def test_rate_limits_none_disables_limiting() -> None:
    async with SandboxServer(rate_limits=None) as sb, aiohttp.ClientSession() as session:
        url = sb.url(f"/campaigns/?api_key={sb.api_key}")
        assert {r.status for r in await _fire(session, url, 40)} == {200}
