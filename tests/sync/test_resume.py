"""A sync killed with SIGKILL at any step resumes without duplicate or missing rows.

The sync runs as ``smartlead-async sync`` in a child process against the sandbox in this
process. It is killed from outside while it reads (``extract``), or kills itself at a dlt
step (:mod:`tests.sync._sync_child`): before normalizing, before loading, and after every
row reached the destination but before the load was marked done. Between the kill and the
resume the sandbox changes (new leads, a reply). The resumed sync must end with every
table's keys equal to the SDK's own reading of the sandbox, each key exactly once, and a
further sync must load nothing.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from smartlead_async.sync import TABLES
from smartlead_async.testing import SandboxServer
from tests.helpers.paths import ROOT
from tests.sync.helpers import KEYS, query, wire_rows

pytestmark = [pytest.mark.slow, pytest.mark.smartlead_sandbox(rate_limits=None)]

#: A hang guard for reaching a kill point, not a timing assert.
REACH_WITHIN = 60.0
#: Campaign-lead pages the sandbox serves before an ``extract`` kill.
PAGES_BEFORE_KILL = 4
LEAD_PAGES = "GET /api/v1/campaigns/{campaign_id}/leads"


def lead_pages(sb: SandboxServer) -> int:
    return sum(record.route == LEAD_PAGES for record in sb.log)


async def run_child(sb: SandboxServer, tmp_path: Path, point: str) -> tuple[int, dict[str, object]]:
    """Run the sync in a child; kill it from outside at ``extract``. (exit code, its JSON)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.sync._sync_child",
        "none" if point in ("extract", "none") else point,
        "--",
        "--to",
        f"duckdb:///{tmp_path / 'sl.duckdb'}",
        "--pipelines-dir",
        str(tmp_path / "dlt"),
        "--rate-limit",
        "20/1s" if point == "extract" else "500/1s",
        "--json",
        cwd=ROOT,
        env={**os.environ, "SMARTLEAD_API_KEY": sb.api_key, "SMARTLEAD_BASE_URL": sb.base_url},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    if point == "extract":
        pages_before = lead_pages(sb)
        deadline = time.monotonic() + REACH_WITHIN
        while lead_pages(sb) - pages_before < PAGES_BEFORE_KILL:
            assert process.returncode is None, "the sync finished before the kill point"
            assert time.monotonic() < deadline, "the kill point was never reached"
            await asyncio.sleep(0.005)
        process.send_signal(signal.SIGKILL)
    out, err = await process.communicate()
    if point == "none":
        assert process.returncode == 0, err.decode(errors="replace")
        return 0, orjson.loads(out)
    assert process.returncode == -signal.SIGKILL, err.decode(errors="replace")
    return process.returncode, {}


def change(sb: SandboxServer) -> None:
    """New enrolments (and global leads) and a reply, made while no sync runs."""
    camp = next(c for c in sb.state.campaigns.values() if not c.deleted)
    sb.seed_leads(camp, 7)
    row = sb.state.campaign_leads[camp.lead_map_ids.as_list()[0]]
    lead = sb.state.leads[row.lead_id]
    account = next(iter(sb.state.email_accounts.values()))
    sb.state.add_message(
        row, "REPLY", time=datetime.now(UTC), subject="Re: hi", body="Later", seq_number=1,
        from_email=lead.email, to_email=account.from_email,
    )  # fmt: skip


def duplicates(tmp_path: Path, table: str) -> int:
    [(rows, keys)] = query(
        tmp_path,
        f"select count(*), count(distinct (workspace, {KEYS[table]})) from smartlead_data.{table}",
    )
    return int(rows) - int(keys)


def keys(tmp_path: Path, table: str) -> set[str]:
    return {str(k) for (k,) in query(tmp_path, f"select {KEYS[table]} from smartlead_data.{table}")}


CASES = [
    # (a complete sync before the killed one?, where the kills happen)
    (False, ("extract",)),
    (False, ("load",)),
    (False, ("complete",)),
    (True, ("extract",)),
    (True, ("normalize",)),
    (True, ("load",)),
    (True, ("complete",)),
    (True, ("extract", "load")),
]


@pytest.mark.parametrize(
    ("after_a_sync", "kills"),
    CASES,
    ids=[f"{'later' if a else 'first'}-sync-killed-at-{'-then-'.join(k)}" for a, k in CASES],
)
async def test_a_killed_sync_resumes_without_duplicates_or_gaps(
    smartlead_sandbox: SandboxServer, tmp_path: Path, after_a_sync: bool, kills: tuple[str, ...]
) -> None:
    sb = smartlead_sandbox
    sb.seed_workspace(campaigns=3, leads_per_campaign=300)
    if after_a_sync:
        await run_child(sb, tmp_path, "none")
        change(sb)
    for point in kills:
        await run_child(sb, tmp_path, point)
    change(sb)
    oracle = await wire_rows(sb)

    _, resumed = await run_child(sb, tmp_path, "none")

    assert resumed["ok"], resumed["failures"]
    if after_a_sync and kills[-1] != "extract":
        # the killed sync's package (its rows and state) is loaded first; a first sync
        # killed before any load leaves an empty destination, and dlt starts over instead
        assert resumed["resumed_load_ids"], resumed
    for table in TABLES:
        assert duplicates(tmp_path, table) == 0, table
        assert keys(tmp_path, table) == set(oracle[table]), table
    _, again = await run_child(sb, tmp_path, "none")
    assert again["loaded"] == {table: 0 for table in again["loaded"]}, again["loaded"]
    assert not again["resumed_load_ids"]
