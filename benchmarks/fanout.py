"""Fan-out under the gate (P1): real endpoints, concurrent callers, one or two windows.

The sandbox runs in its own process, seeded with campaigns, and enforces the same windows as
the client (it answers 429 above them). Two workloads, each beside a naive client (one
``aiolimiter.AsyncLimiter`` per window before ``aiohttp``, ``asyncio.gather``, a 429 slept
for its ``Retry-After`` and sent again):

* ``bulk.map(client.campaigns.get_analytics, ids)`` over the seeded campaigns at 10/1 s, and
  the same calls one at a time at 1 request/s (what a cautious script does);
* ``bulk.map(client.campaigns.get, ...)`` of 20, 200 and 2,000 GETs under two windows at
  once, 10/1 s and 40/6 s (the cost against size).

Each phase starts with empty windows; its bound is the least time every window allows for
its requests. Run: ``.venv/bin/python benchmarks/fanout.py [--quick]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import time
from collections.abc import Sequence
from typing import Any

import aiohttp
from aiolimiter import AsyncLimiter
from bulk import _start_sandbox

from smartlead_async import RateLimit, SmartleadClient

ONE_WINDOW = (RateLimit(10, 1.0),)
TWO_WINDOWS = (RateLimit(10, 1.0), RateLimit(40, 6.0))


def bound(requests: int, windows: Sequence[RateLimit]) -> float:
    """The least time ``windows`` allow for ``requests`` sent from empty windows: each request
    starts as early as every window lets it (request ``i`` no sooner than ``per_seconds`` after
    request ``i - requests`` of each window), which no schedule beats."""
    starts: list[float] = []
    for i in range(requests):
        starts.append(
            max(
                (starts[i - w.requests] + w.per_seconds for w in windows if i >= w.requests),
                default=0.0,
            )
        )
    return starts[-1] if starts else 0.0


def _figures(
    workload: str,
    client: str,
    windows: Sequence[RateLimit],
    requests: int,
    wall: float,
    limited: int,
) -> dict[str, Any]:
    need = bound(requests, windows)
    return {
        "workload": workload,
        "client": client,
        "windows": " + ".join(f"{w.requests}/{w.per_seconds:g}s" for w in windows),
        "requests": requests,
        "wall_s": round(wall, 3),
        "bound_s": round(need, 3),
        "ratio": round(need / wall, 3) if wall else 0.0,
        "rate_limited": limited,
    }


async def _naive(
    base_url: str, api_key: str, paths: list[str], windows: Sequence[RateLimit]
) -> int:
    """The naive client's run of ``paths``: the 429s it received."""
    limiters = [AsyncLimiter(w.requests, w.per_seconds) for w in windows]
    limited = 0

    async with aiohttp.ClientSession() as session:

        async def one(path: str) -> None:
            nonlocal limited
            while True:
                for limiter in limiters:
                    await limiter.acquire()
                async with session.get(base_url + path, params={"api_key": api_key}) as response:
                    await response.read()
                if response.status != 429:
                    return
                limited += 1
                await asyncio.sleep(float(response.headers.get("Retry-After", "1")))

        await asyncio.gather(*(one(path) for path in paths))
    return limited


async def _sdk(client: SmartleadClient, work: Any, items: list[int]) -> int:
    """The SDK's ``bulk.map`` run: the 429s it received (every call must succeed)."""
    limited = client.rate_limited
    results = await client.bulk.map(work, items)
    failed = [item for item in results if item.error is not None]
    if failed:
        raise SystemExit(f"{len(failed)} calls failed, the first: {failed[0].error!r}")
    return client.rate_limited - limited


async def _timed(phase: Any) -> tuple[float, int]:
    began = time.monotonic()
    limited = await phase
    return time.monotonic() - began, limited


async def _campaign_ids(base_url: str, api_key: str, windows: Sequence[RateLimit]) -> list[int]:
    async with SmartleadClient(api_key, base_url=base_url, rate_limit=list(windows)) as sl:
        ids = [campaign.id for campaign in await sl.campaigns.list()]
    await asyncio.sleep(max(w.per_seconds for w in windows))  # the phases start from empty
    return ids


async def _fan_out(base_url: str, api_key: str) -> list[dict[str, Any]]:
    """Analytics of every campaign at 10/1 s: the SDK, the naive client, 1 request/s."""
    ids = await _campaign_ids(base_url, api_key, ONE_WINDOW)
    rest = ONE_WINDOW[0].per_seconds
    out = []
    async with SmartleadClient(api_key, base_url=base_url, rate_limit=list(ONE_WINDOW)) as sl:
        wall, limited = await _timed(_sdk(sl, sl.campaigns.get_analytics, ids))
        out.append(_figures("analytics fan-out", "sdk", ONE_WINDOW, len(ids), wall, limited))
        await asyncio.sleep(rest)
        paths = [f"/campaigns/{cid}/analytics" for cid in ids]
        wall, limited = await _timed(_naive(base_url, api_key, paths, ONE_WINDOW))
        out.append(_figures("analytics fan-out", "naive", ONE_WINDOW, len(ids), wall, limited))
        await asyncio.sleep(rest)
        began, limited = time.monotonic(), sl.rate_limited
        for cid in ids:  # one request per second, as a cautious script paces itself
            started = time.monotonic()
            await sl.campaigns.get_analytics(cid)
            await asyncio.sleep(max(0.0, 1.0 - (time.monotonic() - started)))
        wall = time.monotonic() - began
        limited = sl.rate_limited - limited
        out.append(_figures("analytics fan-out", "1 req/s", ONE_WINDOW, len(ids), wall, limited))
    return out


async def _sizes(base_url: str, api_key: str, sizes: list[int]) -> list[dict[str, Any]]:
    """``sizes`` GETs under 10/1 s + 40/6 s: the SDK and the naive client."""
    ids = await _campaign_ids(base_url, api_key, TWO_WINDOWS)
    rest = max(w.per_seconds for w in TWO_WINDOWS)
    out = []
    async with SmartleadClient(api_key, base_url=base_url, rate_limit=list(TWO_WINDOWS)) as sl:
        for size in sizes:
            items = [ids[n % len(ids)] for n in range(size)]
            wall, limited = await _timed(_sdk(sl, sl.campaigns.get, items))
            out.append(_figures("GET", "sdk", TWO_WINDOWS, size, wall, limited))
            await asyncio.sleep(rest)
            paths = [f"/campaigns/{cid}" for cid in items]
            wall, limited = await _timed(_naive(base_url, api_key, paths, TWO_WINDOWS))
            out.append(_figures("GET", "naive", TWO_WINDOWS, size, wall, limited))
            await asyncio.sleep(rest)
    return out


def _windows(windows: Sequence[RateLimit]) -> list[str]:
    return [f"{w.requests}/{w.per_seconds:g}s" for w in windows]


def measure(campaigns: int = 60, sizes: Sequence[int] = (20, 200, 2000)) -> list[dict[str, Any]]:
    """Run every phase, each workload against a sandbox of its own enforcing its windows; one
    figures row per client and phase."""
    api_key = "sl_bench_" + secrets.token_hex(8)
    seed = ["--seed-campaigns", str(campaigns), "--seed-leads", "5"]
    rows: list[dict[str, Any]] = []
    for windows, phases in (
        (ONE_WINDOW, lambda url: _fan_out(url, api_key)),
        (TWO_WINDOWS, lambda url: _sizes(url, api_key, list(sizes))),
    ):
        first, *more = _windows(windows)
        extra = [arg for window in more for arg in ("--rate-limit", window)]
        proc, base_url = _start_sandbox(first, api_key, *extra, *seed)
        try:
            rows += asyncio.run(phases(base_url))
        finally:
            proc.terminate()
            proc.wait()
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="10 campaigns; 20 GETs")
    args = parser.parse_args()
    rows = measure(10, [20]) if args.quick else measure()
    print(json.dumps(rows, indent=2))
