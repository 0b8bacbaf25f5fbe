"""Hostile rate-limit headers never stall a key: no call waits longer than ``max_pause``
plus its own retry budget, the key recovers, and a new client of the key is not frozen."""

from __future__ import annotations

import asyncio
import time
from email.utils import formatdate

import pytest
from aiohttp import web

from smartlead_async import RateLimit, RateLimitError, RetryPolicy, SmartleadClient
from tests.helpers.server import serve_app

pytestmark = pytest.mark.slow

MAX_PAUSE = 0.3
BUDGET = 1.0
# A hang guard, not a timing assert: a frozen key would block for 1e9 s.
GUARD = MAX_PAUSE + BUDGET + 5.0

HUGE_DATE = formatdate(time.time() + 1e6, usegmt=True)

# (status, headers) of the first, hostile answer; the server is healthy afterwards.
HOSTILE = {
    "retry-after-huge": (429, {"Retry-After": "1000000000"}),
    "retry-after-inf": (429, {"Retry-After": "inf"}),
    "retry-after-negative": (429, {"Retry-After": "-30"}),
    "retry-after-nan": (429, {"Retry-After": "NaN"}),
    "retry-after-http-date": (429, {"Retry-After": HUGE_DATE}),
    "retry-after-garbage": (429, {"Retry-After": "\x00soon\u2603"}),
    "reset-huge": (200, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1000000000000"}),
}
# Hints that fit no budget: the call raises at once, with the hint.
TOO_LONG = {"retry-after-huge": 1e9, "retry-after-http-date": 1e5}  # the date is ~11 days out


async def serve(
    status: int, headers: dict[str, str], hostile: int
) -> tuple[web.Application, list[int]]:
    served: list[int] = []

    async def handler(request: web.Request) -> web.Response:
        served.append(len(served))
        if len(served) <= hostile:
            return web.json_response({"error": "slow down"}, status=status, headers=headers)
        return web.json_response([{"id": 1, "name": "ok"}])

    app = web.Application()
    app.router.add_get("/campaigns", handler)
    return app, served


@pytest.mark.parametrize("case", list(HOSTILE))
async def test_hostile_hint_never_freezes_the_key(case: str) -> None:
    status, headers = HOSTILE[case]
    app, served = await serve(status, headers, hostile=1)
    key = f"hostile-{case}"
    policy = RetryPolicy(max_attempts=4, max_elapsed=BUDGET, base_delay=0.01, max_delay=0.05)
    async with serve_app(app) as base_url:
        async with SmartleadClient(
            key, base_url=base_url, retry=policy, max_pause=MAX_PAUSE, rate_limit=RateLimit(50, 1)
        ) as client:
            started = time.monotonic()
            first = client.request("GET", "/campaigns")
            if case in TOO_LONG:
                with pytest.raises(RateLimitError) as caught:
                    await asyncio.wait_for(first, timeout=GUARD)
                assert caught.value.retry_after is not None
                assert caught.value.retry_after >= TOO_LONG[case]
                assert len(served) == 1  # raised at once, no retry slept past the budget
            else:
                response = await asyncio.wait_for(first, timeout=GUARD)
                assert response.status == 200
            # The key recovers: the next call passes (after at most one capped pause).
            again = await asyncio.wait_for(client.request("GET", "/campaigns"), timeout=GUARD)
            assert again.status == 200
            # the figure the closing note quotes (the guard above is what fails a hang)
            print(f"hostile {case}: both calls took {time.monotonic() - started:.2f}s")
        # A new client of the same key is not frozen.
        async with SmartleadClient(
            key, base_url=base_url, retry=policy, max_pause=MAX_PAUSE, rate_limit=RateLimit(50, 1)
        ) as fresh:
            later = await asyncio.wait_for(fresh.request("GET", "/campaigns"), timeout=GUARD)
            assert later.status == 200


async def test_unbounded_budget_still_waits_at_most_max_pause() -> None:
    app, served = await serve(429, {"Retry-After": "1000000000"}, hostile=2)
    policy = RetryPolicy(max_attempts=5, max_elapsed=None, base_delay=0.01, max_delay=0.05)
    async with (
        serve_app(app) as base_url,
        SmartleadClient(
            "hostile-unbounded", base_url=base_url, retry=policy, max_pause=MAX_PAUSE
        ) as client,
    ):
        response = await asyncio.wait_for(
            client.request("GET", "/campaigns"), timeout=3 * MAX_PAUSE + 5.0
        )
        assert response.status == 200
        assert len(served) == 3
