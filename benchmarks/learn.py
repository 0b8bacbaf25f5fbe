"""A plan the client was not told about (P7): 60 per 60 s, 429s without any header.

A bare server runs in its own process: a sliding window of ``--plan`` (60 per 60 s), and a
429 with no ``Retry-After`` and no ``x-ratelimit-*`` header beyond it. The default client
(10 per 2 s configured, nothing said about the plan) keeps 8 callers busy for ``--seconds``.
The run is made twice, with the gate learning (the default) and with ``learn=False`` (the old
behaviour). Reported per run: 429s in each plan window, and the requests the server
accepted in the first two windows against the most the plan allows there.
Run: ``.venv/bin/python benchmarks/learn.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
from collections import deque
from typing import Any

from aiohttp import web
from bulk import _free_port

from smartlead_async import RateLimit, RetryPolicy, SmartleadClient
from smartlead_async.gates import LocalGate

WORKERS = 8
PLAN = RateLimit(60, 60.0)


def _serve(port: int, requests: int, per: float) -> None:
    accepted: deque[float] = deque()

    async def handle(request: web.Request) -> web.Response:
        now = time.monotonic()
        while accepted and accepted[0] <= now - per:
            accepted.popleft()
        if len(accepted) >= requests:
            return web.Response(status=429, text='{"error": "Too Many Requests"}')
        accepted.append(now)
        return web.json_response({"ok": True})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    print("listening", flush=True)
    web.run_app(app, host="127.0.0.1", port=port, print=None)


async def _run(base_url: str, plan: RateLimit, seconds: float, learn: bool) -> dict[str, Any]:
    gate = LocalGate(RateLimit(10, 2.0), learn=learn)
    events: list[tuple[float, int]] = []
    started = time.monotonic()

    async with SmartleadClient(
        "sl_bench_plan_key",
        base_url=base_url,
        gate=gate,
        retry=RetryPolicy(max_attempts=1),
        allow_insecure=True,
    ) as client:

        async def worker() -> None:
            while time.monotonic() - started < seconds:
                try:
                    await client.request("GET", "/campaigns")
                    events.append((time.monotonic() - started, 200))
                except Exception:  # a 429: counted, and the caller goes on
                    events.append((time.monotonic() - started, 429))

        await asyncio.gather(*(worker() for _ in range(WORKERS)))
    windows = max(1, int(seconds // plan.per_seconds))
    per_window = [0] * windows
    for at, status in events:
        index = int(at // plan.per_seconds)
        if status == 429 and index < windows:
            per_window[index] += 1
    first_two = sum(1 for at, s in events if s == 200 and at < 2 * plan.per_seconds)
    return {
        "learn": learn,
        "plan": str(plan),
        "seconds": seconds,
        "rate_limited_per_window": per_window,
        "accepted_first_two_windows": first_two,
        "ratio_first_two_windows": round(first_two / (2 * plan.requests), 3),
        "learned": str(gate.learned_limit) if gate.learned_limit else None,
    }


def measure(plan: RateLimit = PLAN, seconds: float = 150.0) -> list[dict[str, Any]]:
    """Both runs (learning, not learning) against a fresh bare server each."""
    results = []
    for learn in (True, False):
        port = _free_port()
        argv = [sys.executable, __file__, "--serve", str(port), str(plan.requests)]
        proc = subprocess.Popen([*argv, str(plan.per_seconds)], stdout=subprocess.PIPE, text=True)
        try:
            assert proc.stdout is not None and "listening" in proc.stdout.readline()
            time.sleep(0.3)
            results.append(asyncio.run(_run(f"http://127.0.0.1:{port}", plan, seconds, learn)))
        finally:
            proc.terminate()
            proc.wait()
    return results


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        _serve(int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))
    else:
        parser = argparse.ArgumentParser(description=__doc__)
        parser.add_argument("--plan", default="60/60s")
        parser.add_argument("--seconds", type=float, default=150.0)
        args = parser.parse_args()
        print(json.dumps(measure(RateLimit.parse(args.plan), args.seconds), indent=2))
