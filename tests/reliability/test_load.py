"""Load: 2,000 concurrent coroutines through one client finish with 0 x 429, no deadlock,
and a bounded growth of resident memory."""

from __future__ import annotations

import asyncio
import resource
from pathlib import Path

import pytest

from smartlead_async import RateLimit
from smartlead_async.testing import SandboxServer
from tests.helpers.clients import sandbox_client

pytestmark = pytest.mark.slow

CALLERS = 2_000
WINDOW = (500, 1.0)
#: Resident memory the run may add (the calls' answers are small; a leak grows per call).
MAX_GROWTH_MB = 150


def rss_mb() -> float:
    """The process's current resident set size in MiB (``/proc``, or the peak elsewhere)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def test_2000_concurrent_callers_share_one_gate_without_429_or_deadlock() -> None:
    async with SandboxServer(rate_limits=[WINDOW]) as sb:
        ids = [sb.state.add_campaign(f"load {n}").id for n in range(20)]
        baseline = rss_mb()
        peak = baseline
        done = asyncio.Event()

        async def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, rss_mb())
                await asyncio.sleep(0.05)

        sampler = asyncio.ensure_future(sample())
        async with sandbox_client(sb, rate_limit=RateLimit(*WINDOW)) as sl:

            async def caller(n: int) -> int:
                if n % 2:
                    campaign = await sl.campaigns.get(ids[n % len(ids)])
                    return campaign.id
                return len(await sl.campaigns.list())

            async with asyncio.timeout(120):  # a deadlock guard, not a timing assert
                results = await asyncio.gather(*(caller(n) for n in range(CALLERS)))
            client_429 = sl.rate_limited
        done.set()
        await sampler
        served = sb.counters.total
        server_429 = sb.counters.rate_limited

    assert len(results) == CALLERS
    assert all(isinstance(result, int) for result in results)
    assert client_429 == server_429 == 0
    assert served == CALLERS, "one request per call: nothing retried, nothing lost"
    growth = peak - baseline
    assert growth < MAX_GROWTH_MB, f"resident memory grew by {growth:.0f} MiB"
    print(f"load: {CALLERS} callers, 0 x 429, peak RSS +{growth:.1f} MiB over {baseline:.0f}")
