"""A journaled import run as its own process, so that a test can ``kill -9`` it mid-job.

``python -m tests.reliability._import_child BASE_URL KEY CAMPAIGN JOURNAL ROWS`` imports
:func:`~tests.reliability._rows.mixed_rows` (``ROWS`` of them) and prints the report's buckets
as JSON. The API key comes from the environment (``SMARTLEAD_API_KEY``), never from argv.
"""

from __future__ import annotations

import asyncio
import os
import sys

import orjson

from smartlead_async import RateLimit, RetryPolicy, SmartleadClient
from tests.reliability._rows import mixed_rows

RETRY = RetryPolicy(max_attempts=10, max_elapsed=60, base_delay=0.01, max_delay=0.1)


async def main(base_url: str, campaign: int, journal: str, count: int) -> None:
    async with SmartleadClient(
        os.environ["SMARTLEAD_API_KEY"],
        base_url=base_url,
        rate_limit=RateLimit(200, 1.0),
        retry=RETRY,
    ) as sl:
        report = await sl.campaigns.import_leads(
            campaign, mixed_rows(count).rows, journal=journal, concurrency=4
        )
    sys.stdout.buffer.write(orjson.dumps(report.buckets()) + b"\n")


if __name__ == "__main__":
    base, campaign_id, journal_path, rows = sys.argv[1:5]
    asyncio.run(main(base, int(campaign_id), journal_path, int(rows)))
