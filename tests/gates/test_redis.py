"""RedisGate against a real redis-server: fleet-wide windows, shared cooldown, outages."""

from __future__ import annotations

import asyncio
import multiprocessing
import random
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import redis.asyncio as aioredis

from smartlead_async import RateLimit
from smartlead_async.errors import GateUnavailableError
from smartlead_async.gates import RateGate
from smartlead_async.gates.redis import RedisGate
from tests.helpers.redis_server import RedisProcess, running_redis
from tests.helpers.server import serve_app

API_KEY = "fleet-secret-key-0123456789"


@pytest.fixture
def redis_server() -> Iterator[RedisProcess]:
    with running_redis() as server:
        yield server


@pytest.fixture
async def gate(redis_server: RedisProcess) -> AsyncIterator[RedisGate]:
    g = RedisGate(redis_server.url, api_key=API_KEY, limits=RateLimit(5, 0.5))
    yield g
    await g.aclose()


def max_server_window_count(spans: list[tuple[float, float]], per: float) -> int:
    """The most requests a server counting arrivals could see in any ``per``-second window.

    A request may arrive anywhere in [start, end]; at t = each end, count the requests still
    in flight at t or started before t + per.
    """
    worst = 0
    for _, t in spans:
        count = sum(1 for start, end in spans if end >= t and start < t + per)
        worst = max(worst, count)
    return worst


def _worker(url: str, requests: int, seed: int, out: multiprocessing.Queue[object]) -> None:
    async def run() -> list[tuple[float, float]]:
        rng = random.Random(seed)
        gate = RedisGate(url, api_key=API_KEY, limits=[RateLimit(5, 0.5), RateLimit(12, 2.0)])
        spans: list[tuple[float, float]] = []

        async def one() -> None:
            await gate.acquire()
            start = time.time()
            await asyncio.sleep(rng.uniform(0.0, 0.03))
            end = time.time()
            await gate.on_response(200, {})
            spans.append((start, end))

        await asyncio.gather(*(one() for _ in range(requests)))
        await gate.aclose()
        return spans

    out.put(asyncio.run(run()))


def _cooldown_probe(url: str, ready: Any, go: Any, out: multiprocessing.Queue[object]) -> None:
    async def run() -> float:
        gate = RedisGate(url, api_key=API_KEY, limits=RateLimit(5, 0.5))
        ready.set()  # imports and set-up done: the parent may trip the cooldown now
        await asyncio.to_thread(go.wait, 60)
        started = time.monotonic()
        await gate.acquire()
        waited = time.monotonic() - started
        await gate.on_response(200, {})
        await gate.aclose()
        return waited

    out.put(asyncio.run(run()))


def test_is_a_rate_gate(redis_server: RedisProcess) -> None:
    gate = RedisGate(redis_server.url, api_key=API_KEY)
    assert isinstance(gate, RateGate)
    assert API_KEY not in repr(gate)


def test_windows_hold_across_four_processes(redis_server: RedisProcess) -> None:
    ctx = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue[object] = ctx.Queue()
    workers = [
        ctx.Process(target=_worker, args=(redis_server.url, 12, seed, queue)) for seed in range(4)
    ]
    started = time.monotonic()
    for worker in workers:
        worker.start()
    spans: list[tuple[float, float]] = []
    for _ in workers:
        result = queue.get(timeout=120)
        assert isinstance(result, list)
        spans.extend(result)
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    elapsed = time.monotonic() - started
    assert len(spans) == 48
    # 0.01 s of slack for the gap between the gate's Redis clock and the local stamps.
    assert max_server_window_count(spans, 0.5 - 0.01) <= 5
    assert max_server_window_count(spans, 2.0 - 0.01) <= 12
    # 48 requests at 12 per 2 s need at least 6 s; the whole fleet must not take forever.
    assert elapsed >= 5.5
    assert elapsed < 60


def test_cooldown_propagates_to_other_processes(redis_server: RedisProcess) -> None:
    ctx = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue[object] = ctx.Queue()
    ready, go = ctx.Event(), ctx.Event()
    probe = ctx.Process(target=_cooldown_probe, args=(redis_server.url, ready, go, queue))
    probe.start()
    assert ready.wait(60), "the probe process did not start"

    async def trip() -> None:
        gate = RedisGate(redis_server.url, api_key=API_KEY, limits=RateLimit(5, 0.5))
        await gate.acquire()
        await gate.on_response(429, {"Retry-After": "2"})
        await gate.aclose()

    asyncio.run(trip())
    go.set()
    waited = queue.get(timeout=60)
    probe.join(timeout=30)
    assert isinstance(waited, float)
    # The other process had to wait out (nearly all of) the 2 s pause set by this one.
    assert waited >= 1.5


async def test_header_pause_is_shared(redis_server: RedisProcess) -> None:
    first = RedisGate(redis_server.url, api_key=API_KEY, limits=RateLimit(50, 0.5))
    second = RedisGate(redis_server.url, api_key=API_KEY, limits=RateLimit(50, 0.5))
    await first.acquire()
    await first.on_response(200, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1"})
    started = time.monotonic()
    await second.acquire()
    assert time.monotonic() - started >= 0.8
    await second.on_response(200, {})
    await first.aclose()
    await second.aclose()


async def test_api_key_never_stored_in_clear(gate: RedisGate, redis_server: RedisProcess) -> None:
    for _ in range(3):
        await gate.acquire()
        await gate.on_response(429, {"Retry-After": "0"})
    client = aioredis.from_url(redis_server.url)
    keys = await client.keys("*")
    assert keys, "the gate wrote nothing to Redis"
    for key in keys:
        assert API_KEY.encode() not in key
        kind = await client.type(key)
        if kind == b"zset":
            members = await client.zrange(key, 0, -1)
            assert all(API_KEY.encode() not in member for member in members)
        elif kind == b"string":
            value = await client.get(key)
            assert value is not None and API_KEY.encode() not in value
    await client.aclose()


async def test_fails_closed_when_redis_is_down(redis_server: RedisProcess) -> None:
    gate = RedisGate(
        redis_server.url, api_key=API_KEY, limits=RateLimit(5, 0.5), reconnect_timeout=0.5
    )
    redis_server.stop()
    with pytest.raises(GateUnavailableError) as info:
        await gate.acquire()
    assert API_KEY not in str(info.value)
    await gate.aclose()


async def test_falls_back_to_local_gate(
    redis_server: RedisProcess, caplog: pytest.LogCaptureFixture
) -> None:
    gate = RedisGate(
        redis_server.url,
        api_key=API_KEY,
        limits=RateLimit(3, 0.3),
        reconnect_timeout=0.3,
        on_unavailable="local",
    )
    redis_server.stop()
    started = time.monotonic()
    for _ in range(6):
        await gate.acquire()
        await gate.on_response(200, {})
    assert gate.using_fallback
    # The local fallback still enforces 3 per 0.3 s: 6 requests need one full window.
    assert time.monotonic() - started >= 0.3
    assert any("falling back" in record.getMessage() for record in caplog.records)
    await gate.aclose()


async def test_survives_a_redis_restart(redis_server: RedisProcess) -> None:
    gate = RedisGate(
        redis_server.url, api_key=API_KEY, limits=RateLimit(5, 0.5), reconnect_timeout=15
    )
    await gate.acquire()
    await gate.on_response(200, {})
    redis_server.stop()

    async def restart_later() -> None:
        await asyncio.sleep(1.0)
        await asyncio.to_thread(redis_server.start)

    restarter = asyncio.create_task(restart_later())
    started = time.monotonic()
    await gate.acquire()
    waited = time.monotonic() - started
    await gate.on_response(200, {})
    await restarter
    # Admitted only after Redis came back, plus one drained window.
    assert waited >= 1.0 + 0.5
    for _ in range(5):
        await gate.acquire()
        await gate.on_response(200, {})
    await gate.aclose()


async def test_client_uses_redis_gate(redis_server: RedisProcess) -> None:
    from aiohttp import web

    from smartlead_async import SmartleadClient

    async def campaigns(request: web.Request) -> web.Response:
        return web.json_response([{"id": 1, "name": "a"}])

    app = web.Application()
    app.router.add_get("/api/v1/campaigns/", campaigns)
    gate = RedisGate(redis_server.url, api_key=API_KEY, limits=RateLimit(4, 0.4))
    try:
        async with (
            serve_app(app) as root,
            SmartleadClient(API_KEY, base_url=f"{root}/api/v1", gate=gate) as client,
        ):
            assert client.gate is gate
            started = time.monotonic()
            results = await asyncio.gather(*(client.campaigns.list() for _ in range(9)))
            assert all(r[0].id == 1 for r in results)
            # 9 requests at 4 per 0.4 s need at least two full windows.
            assert time.monotonic() - started >= 0.75
    finally:
        await gate.aclose()


def test_client_refuses_a_gate_built_for_another_key(redis_server: RedisProcess) -> None:
    from smartlead_async import ConfigurationError, SmartleadClient

    gate = RedisGate(redis_server.url, api_key=API_KEY)
    with pytest.raises(ConfigurationError, match="another API key"):
        SmartleadClient("a-different-key-000000", gate=gate)
    assert SmartleadClient(API_KEY, gate=gate).gate is gate
