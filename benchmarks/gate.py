"""Gate benchmark: the SDK's strict gate against a naive aiolimiter, on a strict local server.

The server (aiohttp.web on 127.0.0.1) allows 10 requests in any 1 s window, counting a
request when it *arrives*, i.e. once its body has been read, and answers 429 with
``Retry-After`` beyond that. Each contender sends 200 requests with ``asyncio.gather``:

* ``sdk``: ``SmartleadClient(..., rate_limit=RateLimit(10, 1.0))`` (completion-keyed window);
* ``naive``: ``aiolimiter.AsyncLimiter(10, 1)`` in front of a plain ``aiohttp`` client
  (a leaky bucket: a burst of 10, then one every 0.1 s; after a 429 the request sleeps
  ``Retry-After`` and goes through the limiter again).

Two workloads: GETs, and POSTs with ~100 KB JSON bodies (like 400-row lead imports) whose
upload time varies per request (the server reads each body at a random 1-8 MB/s), which is
what makes send-keyed limiters overrun a server that counts arrivals.

For each run the script prints the elapsed time, the bound ``per * (ceil(n / N) - 1)``, the
bound/elapsed ratio, the 429s and the most arrivals the server saw in any 1 s window. Run:
``.venv/bin/python benchmarks/gate.py``; figures also go to ``benchmarks/results/gate.txt``.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import platform
import random
import sys
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import orjson
from aiohttp import web
from aiolimiter import AsyncLimiter

from smartlead_async import RateLimit, SmartleadClient

RESULTS = Path(__file__).resolve().parent / "results" / "gate.txt"
API_KEY = "bench-gate-key"
LIMIT = RateLimit(10, 1.0)


@dataclass
class StrictServer:
    """A sliding window of ``limit`` counted at arrival (after the body is read)."""

    limit: RateLimit
    upload_rate: tuple[float, float] | None = None  # bytes/s range for reading bodies
    rng: random.Random = field(default_factory=lambda: random.Random(1234))
    window: deque[float] = field(default_factory=deque)
    arrivals: list[float] = field(default_factory=list)
    rejected: int = 0

    def reset(self) -> None:
        self.window.clear()
        self.arrivals.clear()
        self.rejected = 0
        self.rng.seed(1234)

    async def _read_body(self, request: web.Request) -> None:
        if self.upload_rate is None:
            await request.read()
            return
        rate = self.rng.uniform(*self.upload_rate)
        async for chunk in request.content.iter_chunked(16 * 1024):
            await asyncio.sleep(len(chunk) / rate)  # a slow, uneven uplink

    async def handle(self, request: web.Request) -> web.Response:
        await self._read_body(request)
        now = time.monotonic()
        while self.window and self.window[0] <= now - self.limit.per_seconds:
            self.window.popleft()
        if len(self.window) >= self.limit.requests:
            self.rejected += 1
            retry_after = self.window[0] + self.limit.per_seconds - now
            return web.json_response(
                {"message": "rate limited"},
                status=429,
                headers={"Retry-After": f"{max(retry_after, 0.0):.3f}"},
            )
        self.window.append(now)
        self.arrivals.append(now)
        return web.json_response({"ok": True, "upload_count": 1})


@dataclass
class Outcome:
    name: str
    workload: str
    requests: int
    elapsed: float
    rejected: int
    peak_window: int

    @property
    def bound(self) -> float:
        return LIMIT.per_seconds * (math.ceil(self.requests / LIMIT.requests) - 1)

    def line(self) -> str:
        ratio = self.bound / self.elapsed if self.elapsed else 0.0
        return (
            f"{self.workload:<14} {self.name:<6} n={self.requests:<4} "
            f"elapsed={self.elapsed:7.2f}s  bound={self.bound:6.2f}s  "
            f"bound/actual={ratio:5.3f}  429s={self.rejected:<4} "
            f"max arrivals in any {LIMIT.per_seconds:g}s window={self.peak_window}"
        )


def peak_in_window(arrivals: list[float], per: float) -> int:
    ordered = sorted(arrivals)
    best, low = 0, 0
    for high, at in enumerate(ordered):
        while at - ordered[low] >= per:
            low += 1
        best = max(best, high - low + 1)
    return best


def lead_rows(count: int = 400) -> list[dict[str, Any]]:
    """About 100 KB of JSON: 400 lead rows with a few custom fields."""
    return [
        {
            "email": f"lead{n}@bench.example",
            "first_name": f"First{n}",
            "last_name": f"Last{n}",
            "company_name": f"Company {n % 97}",
            "website": f"https://company{n % 97}.example.com",
            "custom_fields": {"segment": f"s{n % 7}", "note": "x" * 80},
        }
        for n in range(count)
    ]


Sender = Callable[[str, int, bytes | None], Awaitable[float]]


async def run_sdk(base_url: str, n: int, body: bytes | None) -> float:
    """The SDK as a user would write it (default retry policy)."""
    payload = orjson.loads(body) if body is not None else None
    async with SmartleadClient(API_KEY, base_url=base_url, rate_limit=LIMIT) as client:
        began = time.monotonic()
        if payload is None:
            await asyncio.gather(*(client.request("GET", "/ping") for _ in range(n)))
        else:
            await asyncio.gather(
                *(client.request("POST", "/import", json=payload) for _ in range(n))
            )
        return time.monotonic() - began


async def run_naive(base_url: str, n: int, body: bytes | None) -> float:
    """aiolimiter before aiohttp; a 429 sleeps Retry-After and goes through the limiter again."""
    limiter = AsyncLimiter(LIMIT.requests, LIMIT.per_seconds)
    method = "GET" if body is None else "POST"
    headers = {"Content-Type": "application/json"}

    async with aiohttp.ClientSession() as session:

        async def one() -> None:
            while True:
                async with (
                    limiter,
                    session.request(
                        method,
                        f"{base_url}/ping",
                        params={"api_key": API_KEY},
                        data=body,
                        headers=headers,
                    ) as response,
                ):
                    await response.read()
                if response.status != 429:
                    return
                await asyncio.sleep(float(response.headers.get("Retry-After", "1")))

        began = time.monotonic()
        await asyncio.gather(*(one() for _ in range(n)))
        return time.monotonic() - began


async def measure(
    server: StrictServer,
    base_url: str,
    name: str,
    sender: Sender,
    n: int,
    workload: str,
    body: bytes | None,
) -> Outcome:
    server.reset()
    await asyncio.sleep(LIMIT.per_seconds * 1.1)  # let the previous run's window expire
    elapsed = await sender(base_url, n, body)
    return Outcome(
        name=name,
        workload=workload,
        requests=n,
        elapsed=elapsed,
        rejected=server.rejected,
        peak_window=peak_in_window(server.arrivals, LIMIT.per_seconds),
    )


async def main(n: int) -> list[Outcome]:
    server = StrictServer(LIMIT)
    app = web.Application(client_max_size=8 * 1024 * 1024)
    app.router.add_route("*", "/{tail:.*}", server.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    base_url = f"http://{host}:{port}"
    body = orjson.dumps(lead_rows())
    outcomes: list[Outcome] = []
    try:
        for workload, payload, upload in (
            ("GET", None, None),
            (f"POST {len(body) // 1024}KB", body, (1e6, 8e6)),
        ):
            server.upload_rate = upload
            for name, sender in (("sdk", run_sdk), ("naive", run_naive)):
                outcome = await measure(server, base_url, name, sender, n, workload, payload)
                print(outcome.line(), flush=True)
                outcomes.append(outcome)
    finally:
        await runner.cleanup()
    return outcomes


def report(outcomes: list[Outcome], n: int) -> str:
    header = [
        "gate benchmark: strict server, 10 requests per any 1 s window counted at arrival",
        f"date={time.strftime('%Y-%m-%d %H:%M:%S')} python={platform.python_version()} "
        f"cpus={os.cpu_count()} requests per run={n}",
        "sdk   = SmartleadClient(rate_limit=RateLimit(10, 1.0)) + asyncio.gather",
        "naive = aiolimiter.AsyncLimiter(10, 1) + asyncio.gather + aiohttp "
        "(a 429 sleeps Retry-After, then retries)",
        "POST bodies are read by the server at a random 1-8 MB/s per request (upload lag)",
        "",
    ]
    return "\n".join(header + [outcome.line() for outcome in outcomes]) + "\n"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=200, help="requests per run")
    args = parser.parse_args()
    results = asyncio.run(main(args.requests))
    text = report(results, args.requests)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text)
    sys.stdout.write(f"\nwritten to {RESULTS}\n")
