"""Shared by the examples: the real API when SMARTLEAD_API_KEY is set, else a local sandbox.

Every example does ``async with connect(seed=...) as sl:``. With a key in the environment
(and optionally SMARTLEAD_BASE_URL) that is a plain ``SmartleadClient()``. Without one, an
in-process sandbox (a fake Smartlead from ``smartlead_async.testing``) is started and seeded
so the example has data to show; it runs 10x faster than the real rate limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

from smartlead_async import RateLimit, SmartleadClient, SmartleadError
from smartlead_async.testing import SandboxServer

#: The sandbox's window: the real 10 requests per 2 s, ten times faster.
SANDBOX_RATE = RateLimit(10, 0.2)


def using_sandbox() -> bool:
    """True when no API key is configured (the examples then use the sandbox)."""
    return not os.environ.get("SMARTLEAD_API_KEY")


@contextlib.asynccontextmanager
async def connect(
    seed: Callable[[SandboxServer], object] | None = None,
) -> AsyncIterator[SmartleadClient]:
    """A connected client: the real API with a key, else a seeded in-process sandbox."""
    if not using_sandbox():
        async with SmartleadClient() as client:  # key and base URL from the environment
            yield client
        return
    async with SandboxServer(rate_limits=[(SANDBOX_RATE.requests, SANDBOX_RATE.per_seconds)]) as sb:
        if seed is not None:
            seed(sb)
        print(f"(no SMARTLEAD_API_KEY set: using a local sandbox at {sb.base_url})\n")
        async with SmartleadClient(
            sb.api_key, base_url=sb.base_url, rate_limit=SANDBOX_RATE
        ) as client:
            yield client


def run(main: Callable[[], Coroutine[Any, Any, int | None]]) -> None:
    """Run an example's ``main``; a failure is one ``error:`` line and a non-zero exit.

    ``main`` may return an exit status (None is 0). SDK errors carry no API key, so their text
    is safe to print.
    """
    try:
        status = asyncio.run(main())
    except SmartleadError as exc:
        sys.stderr.write(f"error: {exc}\n")
        sys.exit(1)
    except OSError as exc:
        sys.stderr.write(f"error: {exc.strerror or exc}: {exc.filename or ''}\n")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    sys.exit(status or 0)
