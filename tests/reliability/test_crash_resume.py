"""Crash and resume: ``kill -9`` of a journaled import at several moments, then a resume.

The import runs in a child process (:mod:`tests.reliability._import_child`) against a sandbox
in this process. Each kill point is reached by watching the journal and the server's state:

* ``at start``: the journal header is written, nothing sent yet;
* ``sent, before the store``: a batch is marked sent and its request is held by the server
  before it stores anything;
* ``stored, before the answer``: the server stored the batch and holds its answer;
* ``mid-run``: some batches are confirmed and others are in flight;
* ``mid-run under faults``: the same with 10% mixed faults;
* ``twice``: killed mid-run, resumed in a child and killed again.

Resuming with the same journal must complete, store nothing twice and account for every row.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from smartlead_async import RateLimit, RetryPolicy
from smartlead_async.testing import SandboxServer
from smartlead_async.testing.faults import Faults
from tests.helpers.clients import sandbox_client
from tests.helpers.paths import ROOT
from tests.reliability._rows import campaign_emails, mixed_rows

pytestmark = pytest.mark.slow

ROWS = 6_000
IMPORT_PATH = r"/campaigns/\d+/leads/?$"
RETRY = RetryPolicy(max_attempts=15, max_elapsed=120, base_delay=0.01, max_delay=0.1)
#: A hang guard for reaching a kill point, not a timing assert.
REACH_WITHIN = 60.0

Ready = Callable[[SandboxServer, int, Path], bool]


def journal_kinds(journal: Path) -> list[str]:
    """The ``type`` of each complete journal line."""
    if not journal.exists():
        return []
    lines = journal.read_bytes().split(b"\n")[:-1]  # the last piece may be cut short
    kinds = []
    for line in lines:
        try:
            kinds.append(str(orjson.loads(line)["type"]))
        except (orjson.JSONDecodeError, KeyError, TypeError):
            break
    return kinds


def header_written(sb: SandboxServer, campaign: int, journal: Path) -> bool:
    return journal_kinds(journal)[:1] == ["header"]


def first_batch_sent(sb: SandboxServer, campaign: int, journal: Path) -> bool:
    return "sent" in journal_kinds(journal)


def first_batch_stored(sb: SandboxServer, campaign: int, journal: Path) -> bool:
    return len(sb.state.campaigns[campaign].lead_map_ids) >= 1


def confirmed(count: int) -> Ready:
    def ready(sb: SandboxServer, campaign: int, journal: Path) -> bool:
        return journal_kinds(journal).count("batch") >= count

    return ready


HELD = {"slow": 1.0, "slow_delay": 3.0, "path": IMPORT_PATH}
KILL_POINTS: dict[str, tuple[Ready, Faults | None, float]] = {
    # name: (when to kill, the server's faults meanwhile, extra wait after the condition)
    "at start": (header_written, None, 0.0),
    "sent, before the store": (first_batch_sent, Faults(**HELD), 0.3),  # type: ignore[arg-type]
    "stored, before the answer": (
        first_batch_stored,
        Faults(**HELD, slow_after_store=True),  # type: ignore[arg-type]
        0.0,
    ),
    "mid-run": (confirmed(4), None, 0.0),
    "mid-run under faults": (confirmed(3), Faults.uniform(0.10, seed=3, path=IMPORT_PATH), 0.0),
}


async def run_child_until(
    sb: SandboxServer, campaign: int, journal: Path, ready: Ready, extra: float
) -> bool:
    """Start the child import; ``kill -9`` it once ``ready`` holds. False if it finished first."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.reliability._import_child",
        sb.base_url,
        str(campaign),
        str(journal),
        str(ROWS),
        cwd=ROOT,
        env={**os.environ, "SMARTLEAD_API_KEY": sb.api_key},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    deadline = time.monotonic() + REACH_WITHIN
    try:
        while not ready(sb, campaign, journal):
            if process.returncode is not None:
                return False
            assert time.monotonic() < deadline, "the kill point was never reached"
            await asyncio.sleep(0.005)
        await asyncio.sleep(extra)
        process.send_signal(signal.SIGKILL)
    finally:
        _, err = await process.communicate()
    assert process.returncode == -signal.SIGKILL, err.decode(errors="replace")
    return True


async def resume_and_check(sb: SandboxServer, campaign: int, journal: Path) -> dict[str, int]:
    """Finish the job in this process with the same journal and check the accounting."""
    mix = mixed_rows(ROWS)
    sb.set_faults(None)
    async with sandbox_client(sb, retry=RETRY, rate_limit=RateLimit(200, 1.0)) as sl:
        report = await sl.campaigns.import_leads(campaign, mix.rows, journal=journal, concurrency=4)
    report.check()
    assert report.total_rows == ROWS
    assert report.ok, report.summary()
    stored = campaign_emails(sb, campaign)
    assert len(stored) == len(set(stored)) == len(mix.unique), "nothing stored twice or lost"
    assert set(stored) == mix.unique
    assert len(report.rejected_client_side) == mix.poison
    assert report.already_in_campaign == 0, "the campaign was empty before the job"
    assert report.added == len(stored), report.buckets()
    assert journal_kinds(journal)[-1] == "end"
    return report.buckets()


@pytest.mark.parametrize("point", list(KILL_POINTS))
async def test_kill_9_then_resume_completes_once_and_accounts_for_every_row(
    point: str, tmp_path: Path
) -> None:
    ready, faults, extra = KILL_POINTS[point]
    journal = tmp_path / "import.journal"
    async with SandboxServer(rate_limits=None, faults=faults) as sb:
        campaign = sb.state.add_campaign("crash").id
        killed = await run_child_until(sb, campaign, journal, ready, extra)
        assert killed, "the child finished before the kill point"
        stored_at_kill = len(campaign_emails(sb, campaign))
        buckets = await resume_and_check(sb, campaign, journal)
    if point == "stored, before the answer":
        assert stored_at_kill == 400
        assert buckets["recovered"] >= 400, "the stored batch whose answer was lost is recovered"
    if point == "sent, before the store":
        assert stored_at_kill == 0
    print(f"kill point {point!r}: {stored_at_kill} stored at the kill; resumed to {buckets}")


async def test_killed_twice_then_resumed(tmp_path: Path) -> None:
    journal = tmp_path / "import.journal"
    async with SandboxServer(rate_limits=None) as sb:
        campaign = sb.state.add_campaign("crash twice").id
        assert await run_child_until(sb, campaign, journal, confirmed(3), 0.0)
        first = journal_kinds(journal).count("batch")
        assert await run_child_until(sb, campaign, journal, confirmed(first + 3), 0.0)
        await resume_and_check(sb, campaign, journal)
