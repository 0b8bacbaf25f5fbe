"""Smoke test of retries with whichever ``backoff`` distribution is importable.

``python -m tests.smoke_backoff`` retries through 503s and a 429 with ``Retry-After`` against
a local server and prints the module it used. CI runs it once more with the original
``backoff`` 2.2 placed in front of python-backoff (both install the same ``backoff/``).
"""

from __future__ import annotations

import asyncio
import time

import backoff
from aiohttp import web

from smartlead_async import RetryPolicy, SmartleadClient
from tests.helpers.server import serve_app


async def main() -> str:
    calls = 0

    async def flaky(request: web.Request) -> web.Response:
        nonlocal calls
        calls += 1
        if calls <= 2:
            return web.json_response({"error": "busy"}, status=503)
        if calls == 3:
            return web.json_response({"error": "slow"}, status=429, headers={"Retry-After": "1"})
        return web.json_response([{"id": 1, "name": "ok"}])

    app = web.Application()
    app.router.add_get("/api/v1/campaigns/", flaky)
    async with serve_app(app) as url:
        policy = RetryPolicy(max_attempts=6, base_delay=0.01, max_delay=0.02)
        async with SmartleadClient("smoke-key", base_url=url + "/api/v1", retry=policy) as sl:
            started = time.monotonic()
            campaigns = await sl.campaigns.list()
            waited = time.monotonic() - started
    assert [c.id for c in campaigns] == [1], campaigns
    assert calls == 4, calls
    assert waited >= 0.9, f"Retry-After was not honoured ({waited:.2f}s)"
    return f"ok: 4 attempts, Retry-After honoured, backoff from {backoff.__file__}"


if __name__ == "__main__":
    print(asyncio.run(main()))
