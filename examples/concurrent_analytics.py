"""Fetch the analytics of every campaign at once, inside the rate limit.

    python examples/concurrent_analytics.py

``sl.bulk.map`` runs one call per campaign concurrently; every request still passes the
client's rate gate (10 per 2 s by default), so a fan-out over hundreds of campaigns never
draws a 429. Failures are captured per item instead of aborting the batch.
"""

from __future__ import annotations

import time

from _connect import connect, run


async def main() -> None:
    async with connect(seed=lambda sb: sb.seed_workspace(campaigns=25)) as sl:
        campaigns = await sl.campaigns.list()
        started = time.monotonic()
        results = await sl.bulk.map(sl.campaigns.get_analytics, [c.id for c in campaigns])
        elapsed = time.monotonic() - started
        print(
            f"{len(results.succeeded)} campaigns in {elapsed:.1f}s "
            f"({sl.requests_sent} requests, {sl.rate_limited} answered 429)\n"
        )

    # Rank by reply rate, computed from the counts (they arrive as strings, decoded to ints).
    ranked = sorted(
        (r.value for r in results if r.value is not None and r.value.sent_count),
        key=lambda stats: (stats.reply_count or 0) / (stats.sent_count or 1),
        reverse=True,
    )
    print(f"{'campaign':<32}{'sent':>7}{'replies':>9}{'rate':>8}")
    for stats in ranked[:10]:
        rate = (stats.reply_count or 0) / (stats.sent_count or 1)
        print(
            f"{(stats.name or '')[:30]:<32}{stats.sent_count:>7}{stats.reply_count:>9}{rate:>8.1%}"
        )
    for failure in results.failed:
        print(f"campaign {failure.item}: {failure.error}")


if __name__ == "__main__":
    run(main)
