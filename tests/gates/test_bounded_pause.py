"""Bounded waits: every shared pause is capped by ``max_pause`` and a capped pause ends
half-open (one probe first, full rate once it succeeds); hostile hints are ignored."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Iterator

import pytest

from smartlead_async import ConfigurationError, LocalGate, RateLimit, SmartleadClient
from smartlead_async.gates._headers import (
    MARGIN_FRACTION,
    parse_reset,
    parse_retry_after,
    pause_from_headers,
    window_span,
)
from smartlead_async.gates.redis import RedisGate
from tests.helpers.redis_server import RedisProcess, running_redis

BAD_CAPS = [0, -1.0, math.inf, math.nan, "10", True, None]


@pytest.mark.parametrize("value", BAD_CAPS)
def test_bad_max_pause_is_a_configuration_error(value: object) -> None:
    with pytest.raises(ConfigurationError, match="max_pause"):
        LocalGate(RateLimit(10, 2), max_pause=value)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="max_pause"):
        SmartleadClient("bounded-key", max_pause=value)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="max_pause"):
        RedisGate("redis://127.0.0.1:1/0", api_key="bounded-key", max_pause=value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "-5", "soon", "", "Mon, 99 Foo 2026"])
def test_hostile_retry_after_is_ignored(value: str) -> None:
    assert parse_retry_after(value) is None


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "later"])
def test_hostile_reset_is_ignored(value: str) -> None:
    assert parse_reset(value) is None


def test_http_date_retry_after_becomes_a_delta() -> None:
    seconds = parse_retry_after("Fri, 01 Jan 2100 00:00:00 GMT")
    assert seconds is not None and seconds > 365 * 86400
    assert parse_retry_after("Thu, 01 Jan 1970 00:00:00 GMT") == 0.0


@pytest.mark.parametrize(
    ("status", "headers"),
    [
        (429, {"Retry-After": "1000000000"}),
        (429, {"retry-after": "Fri, 01 Jan 2100 00:00:00 GMT"}),
        (200, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1000000000000"}),
    ],
)
def test_huge_hints_are_capped(status: int, headers: dict[str, str]) -> None:
    assert pause_from_headers(status, headers, 2.0, 5.0) == (5.0, True)


def test_small_hint_is_obeyed_uncapped() -> None:
    assert pause_from_headers(429, {"Retry-After": "3"}, 2.0, 5.0) == (3.0, False)
    assert pause_from_headers(429, {"Retry-After": "inf"}, 2.0, 5.0) == (2.0, False)


def test_pause_is_capped_and_half_opens() -> None:
    gate = LocalGate(RateLimit(10, 2), max_pause=0.5)
    gate.pause(1e9)
    assert gate.cooldown_remaining() <= 0.5
    assert gate.half_open


async def _admitted(tasks: list[asyncio.Task[None]]) -> int:
    for _ in range(20):
        await asyncio.sleep(0)
    return sum(task.done() for task in tasks)


async def test_half_open_sends_one_probe_then_full_rate() -> None:
    gate = LocalGate(RateLimit(10, 2), max_pause=0.05)
    await gate.acquire()
    await gate.on_response(429, {"Retry-After": "1e9"})
    assert gate.half_open
    await asyncio.sleep(0.06)
    tasks = [asyncio.create_task(gate.acquire()) for _ in range(3)]
    assert await _admitted(tasks) == 1
    assert gate.in_flight == 1
    await gate.on_response(None, {})  # the probe failed without an answer: still half-open
    assert gate.half_open
    assert await _admitted(tasks) == 2
    await gate.on_response(200, {})
    assert not gate.half_open
    assert await _admitted(tasks) == 3
    for _ in range(2):
        await gate.on_response(200, {})
    assert gate.in_flight == 0


async def test_shared_gate_takes_the_shorter_cap() -> None:
    async with SmartleadClient("cap-share-key", max_pause=60.0) as first:
        first_gate = first.gate
        async with SmartleadClient("cap-share-key", max_pause=5.0) as second:
            assert second.gate is first_gate
            assert getattr(first_gate, "max_pause", None) == 5.0


@pytest.fixture
def redis_server() -> Iterator[RedisProcess]:
    with running_redis() as server:
        yield server


async def test_redis_gate_caps_and_half_opens_fleet_wide(redis_server: RedisProcess) -> None:
    first = RedisGate(
        redis_server.url, api_key="bounded-fleet", limits=RateLimit(50, 0.5), max_pause=0.2
    )
    second = RedisGate(
        redis_server.url, api_key="bounded-fleet", limits=RateLimit(50, 0.5), max_pause=0.2
    )
    try:
        await first.acquire()
        await first.on_response(429, {"Retry-After": "1000000000"})
        # The other process waits at most the cap, then its request is the lone probe.
        await asyncio.wait_for(second.acquire(), timeout=5)
        blocked = asyncio.create_task(first.acquire())
        await asyncio.sleep(0.1)
        assert not blocked.done()  # half-open: nothing joins the probe
        await second.on_response(200, {})
        await asyncio.wait_for(blocked, timeout=5)
        await first.on_response(200, {})
        # Full rate: several at once again.
        await asyncio.wait_for(asyncio.gather(first.acquire(), second.acquire()), timeout=5)
        await first.on_response(200, {})
        await second.on_response(200, {})
    finally:
        await first.aclose()
        await second.aclose()


@pytest.mark.parametrize("value", [-0.01, math.inf, math.nan, "0.02", True])
def test_bad_margin_is_a_configuration_error(value: object) -> None:
    with pytest.raises(ConfigurationError, match="margin"):
        LocalGate(RateLimit(10, 2), margin=value)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="margin"):
        RedisGate("redis://127.0.0.1:1/0", api_key="bounded-key", margin=value)  # type: ignore[arg-type]


@pytest.mark.parametrize("per", [0.1, 0.5, 2.0, 3600.0])
def test_default_margin_is_proportional_and_never_below_the_window(per: float) -> None:
    span = window_span(per, None)
    assert span > per
    assert span == pytest.approx(per * (1 + MARGIN_FRACTION))
    assert MARGIN_FRACTION <= 0.01
    assert window_span(per, 0.0) == per
