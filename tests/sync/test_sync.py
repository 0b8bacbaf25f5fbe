"""End-to-end warehouse sync against the sandbox, into a real DuckDB file (no mocks)."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from smartlead_async import SmartleadClient, ValidationError
from smartlead_async.sync import TABLES, Workspace
from smartlead_async.sync._tables import READ_AHEAD
from smartlead_async.testing import SandboxServer
from tests.sync.helpers import (
    FAST,
    all_files,
    count,
    loaded_keys,
    query,
    run_sync,
    wire_rows,
    workspace,
)

pytestmark = pytest.mark.smartlead_sandbox(rate_limits=None)


async def test_full_sync_matches_the_sandbox_then_a_second_sync_loads_nothing(
    smartlead_sandbox: SandboxServer, tmp_path: Path
) -> None:
    sb = smartlead_sandbox
    sb.seed_workspace()
    state = sb.state
    oracle = await wire_rows(sb)
    oracle_requests = len(sb.log)

    first = await run_sync(tmp_path, workspace(sb))

    assert first.ok, first.failures
    live = [c for c in state.campaigns.values() if not c.deleted]
    expected = {
        "campaigns": len(live),
        "campaign_sequences": sum(len(c.sequences) for c in live),
        "campaign_leads": sum(len(c.lead_map_ids) for c in live),
        "campaign_analytics": len(live),
        "lead_lists": len(state.lead_lists),
        "global_leads": len(state.leads),
        "email_accounts": len(state.email_accounts),
        "campaign_statistics": len(oracle["campaign_statistics"]),
        "inbox_replies": len(oracle["inbox_replies"]),
    }
    assert all(expected.values())
    for table, n in expected.items():
        assert count(tmp_path, table) == n, table
        assert first.rows_loaded(table) == n, table
    for table in TABLES:  # every row's key is the wire's
        assert loaded_keys(tmp_path, table, first.load_ids[0]) == set(oracle[table]), table

    # a percentage is declared as text (the wire sends "50%" or a number), data or not
    [(rate_type,)] = query(
        tmp_path,
        "select data_type from information_schema.columns"
        " where table_schema = 'smartlead_data' and table_name = 'campaign_analytics'"
        " and column_name = 'open_rate'",
    )
    assert rate_type == "VARCHAR"
    # free-form fields and lists of numbers are JSON columns, not a column per key
    json_columns = {
        (table, column)
        for table, column in query(
            tmp_path,
            "select table_name, column_name from information_schema.columns"
            " where table_schema = 'smartlead_data' and data_type = 'JSON'",
        )
    }
    assert {("global_leads", "custom_fields"), ("campaigns", "scheduler_cron_value__days")} <= (
        json_columns
    )
    tables = {t for (t,) in query(tmp_path, "select table_name from information_schema.tables")}
    assert "campaigns__scheduler_cron_value__days" not in tables

    requests_before = len(sb.log)
    second = await run_sync(tmp_path, workspace(sb))

    assert second.ok
    assert sum(second.loaded.values()) == 0, second.loaded
    for table, n in expected.items():
        assert count(tmp_path, table) == n, table
    assert sum(second.unchanged.values()) > 0
    # the unchanged sync read: 1 campaign list, 4 workspace tables, per campaign 1 sequence,
    # 1 analytics for the snapshot and 1 for the lead statuses, 2 lead walks, 1 statistics page
    assert len(sb.log) - requests_before == 1 + 4 + 6 * len(live)
    # The walks that read ahead (global leads, inbox) end with up to READ_AHEAD - 1 pages in
    # flight each; one cancelled before the sandbox logged it still counts: it was sent and
    # took a slot of the rate limit.
    served = requests_before - oracle_requests
    assert list(first.requests) == ["acme"]
    assert served <= first.requests["acme"] <= served + 2 * (READ_AHEAD - 1)
    assert set(first.steps) == {"extract", "normalize", "load"}
    assert sum(first.steps.values()) <= first.elapsed
    assert second.requests == {"acme": len(sb.log) - requests_before}


async def test_only_changes_land(smartlead_sandbox: SandboxServer, tmp_path: Path) -> None:
    sb = smartlead_sandbox
    sb.seed_workspace()
    await run_sync(tmp_path, workspace(sb))
    before = await wire_rows(sb)

    camp = next(c for c in sb.state.campaigns.values() if not c.deleted)
    sb.seed_leads(camp, 5)  # new enrolments (and new global leads)
    row = sb.state.campaign_leads[camp.lead_map_ids.as_list()[0]]
    lead = sb.state.leads[row.lead_id]
    account = next(iter(sb.state.email_accounts.values()))
    now = datetime.now(UTC)
    sb.state.add_message(  # a reply: the inbox row changes
        row, "REPLY", time=now, subject="Re: hi", body="Sounds good", seq_number=1,
        from_email=lead.email, to_email=account.from_email,
    )  # fmt: skip
    other = sb.state.campaign_leads[camp.lead_map_ids.as_list()[1]]
    sb.state.add_message(  # a new message sent: a new statistics row
        other, "SENT", time=now, subject="Follow-up", body="Any news?", seq_number=2,
        from_email=account.from_email, to_email=sb.state.leads[other.lead_id].email,
    )  # fmt: skip
    async with SmartleadClient(sb.api_key, base_url=sb.base_url, **FAST) as sl:
        paused = sb.state.campaign_leads[camp.lead_map_ids.as_list()[2]]
        await sl.leads.pause(camp.id, paused.lead_id)  # a status change with no event time
        await sl.campaigns.set_status(camp.id, "PAUSED")
    after = await wire_rows(sb)

    report = await run_sync(tmp_path, workspace(sb))

    assert report.ok, report.failures
    [load_id] = report.load_ids
    for table in TABLES:
        changed = {key for key, value in after[table].items() if before[table].get(key) != value}
        if table == "global_leads":  # created_at_gt is its only filter: new leads land
            changed = set(after[table]) - set(before[table])
        if table == "inbox_replies":  # filtered by reply time: conversations with new replies
            changed = {
                key
                for key in changed
                if after[table][key]["last_reply_time"] >= now.isoformat()[:19]
            }
        assert loaded_keys(tmp_path, table, load_id) == changed, table
    assert len(after["campaign_leads"]) - len(before["campaign_leads"]) == 5
    assert str(paused.id) in loaded_keys(tmp_path, "campaign_leads", load_id)
    [(status,)] = query(
        tmp_path,
        "select status from smartlead_data.campaign_leads"
        f" where campaign_lead_map_id = {paused.id}",
    )
    assert status == "PAUSED"
    [(camp_status,)] = query(
        tmp_path, f"select status from smartlead_data.campaigns where id = {camp.id}"
    )
    assert camp_status == "PAUSED"
    for table in TABLES:
        assert count(tmp_path, table) == len(after[table]), table
    # what no filter shows (a global lead's campaign status) lands with a full refresh
    full = await run_sync(tmp_path, workspace(sb), resources="global_leads", full_refresh=True)
    [(campaigns,)] = query(
        tmp_path,
        "select count(*) from smartlead_data.global_leads__campaigns c"
        " join smartlead_data.global_leads g"
        f" on c._dlt_parent_id = g._dlt_id where g.id = {paused.lead_id}",
    )
    assert full.rows_loaded("global_leads") == len(after["global_leads"])
    assert campaigns >= 1


async def test_workspaces_sync_concurrently_into_the_same_tables_and_a_failure_stays_local(
    tmp_path: Path,
) -> None:
    async with (
        SandboxServer(rate_limits=None, seed=1) as one,
        SandboxServer(rate_limits=None, seed=2) as two,
    ):
        one.seed_workspace(campaigns=2)
        two.seed_workspace(campaigns=3)
        broken = Workspace("broken", "sl_wrong_key_0000", base_url=one.base_url)

        report = await run_sync(tmp_path, workspace(one, "one"), workspace(two, "two"), broken)

        assert not report.ok
        assert report.failed_workspaces == ("broken",)
        assert {f.resource for f in report.failures} == set(TABLES)
        assert all(f.workspace == "broken" for f in report.failures)
        assert "AuthenticationError" in str(report.failures[0])
        assert count(tmp_path, "campaigns", "one") == 2
        assert count(tmp_path, "campaigns", "two") == 3
        assert count(tmp_path, "campaigns", "broken") == 0
        leads_two = sum(len(c.lead_map_ids) for c in two.state.campaigns.values())
        assert count(tmp_path, "campaign_leads", "two") == leads_two
        # both keys were used at once: their requests interleave in time
        first_two = min(r.time for r in two.log.records)
        last_one = max(r.time for r in one.log.records)
        assert first_two < last_one

        fixed = Workspace("broken", two.api_key, base_url=two.base_url)
        with pytest.raises(Exception, match="same API key"):
            await run_sync(tmp_path, workspace(two, "two"), fixed)


async def test_the_key_reaches_neither_destination_nor_state_nor_logs(
    smartlead_sandbox: SandboxServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    sb = smartlead_sandbox
    sb.seed_workspace()
    caplog.set_level("DEBUG")
    await run_sync(tmp_path, workspace(sb))
    await run_sync(tmp_path, workspace(sb))

    needle = sb.api_key.encode()
    files = all_files(tmp_path)
    assert any(p.suffix == ".duckdb" for p in files)
    assert len(files) > 5
    for path in files:
        assert needle not in path.read_bytes(), path
    assert sb.api_key not in caplog.text
    columns = {c for (c,) in query(tmp_path, "select column_name from information_schema.columns")}
    assert not {c for c in columns if "password" in c or "token" in c or "api_key" in c}


async def test_since_starts_a_first_sync_later_and_full_refresh_reloads(
    smartlead_sandbox: SandboxServer, tmp_path: Path
) -> None:
    sb = smartlead_sandbox
    sb.seed_workspace()
    since = datetime.now(UTC) - timedelta(seconds=1)
    camp = next(iter(sb.state.campaigns.values()))
    sb.seed_leads(camp, 4)

    report = await run_sync(
        tmp_path, workspace(sb), resources=["campaign_leads", "campaigns"], since=since
    )

    assert report.resources == ("campaigns", "campaign_leads")
    assert report.rows_loaded("campaign_leads") == 4
    assert report.rows_loaded("campaigns") == len(sb.state.campaigns)
    full = await run_sync(tmp_path, workspace(sb), resources="campaign_leads", full_refresh=True)
    total = sum(len(c.lead_map_ids) for c in sb.state.campaigns.values())
    assert full.rows_loaded("campaign_leads") == total
    assert count(tmp_path, "campaign_leads") == total


async def test_campaign_leads_walk_a_status_only_for_unexplained_changes_and_keep_digests(
    smartlead_sandbox: SandboxServer, tmp_path: Path
) -> None:
    sb = smartlead_sandbox
    sb.seed_workspace()
    await run_sync(tmp_path, workspace(sb), resources="campaign_leads")
    live = [c for c in sb.state.campaigns.values() if not c.deleted]
    camp = live[0]

    sb.seed_leads(camp, 5)
    before = len(sb.log)
    added = await run_sync(tmp_path, workspace(sb), resources="campaign_leads")

    assert added.rows_loaded("campaign_leads") == 5
    # the campaign list, then per campaign its lead counts and one page each of new and of
    # active enrolments: the counts the new leads raised need no walk of their status
    assert len(sb.log) - before == 1 + 3 * len(live)

    row = next(
        sb.state.campaign_leads[m]
        for m in camp.lead_map_ids.as_list()
        if sb.state.campaign_leads[m].status == "INPROGRESS"
    )
    async with SmartleadClient(sb.api_key, base_url=sb.base_url, **FAST) as sl:
        await sl.leads.pause(camp.id, row.lead_id)  # no event time: found by its status count
    paused = await run_sync(tmp_path, workspace(sb), resources="campaign_leads")
    assert loaded_keys(tmp_path, "campaign_leads", paused.load_ids[0]) == {str(row.id)}

    async with SmartleadClient(sb.api_key, base_url=sb.base_url, **FAST) as sl:
        await sl.leads.resume(camp.id, row.lead_id)
    resumed = await run_sync(tmp_path, workspace(sb), resources="campaign_leads")
    # the walk of its new status reads leads the last walk did not: their digests were kept
    assert loaded_keys(tmp_path, "campaign_leads", resumed.load_ids[0]) == {str(row.id)}
    assert sum(resumed.unchanged.values()) > 0
    assert count(tmp_path, "campaign_leads") == sum(len(c.lead_map_ids) for c in live)


async def test_normalize_workers_load_the_same_rows_and_leave_the_environment_as_it_was(
    smartlead_sandbox: SandboxServer, tmp_path: Path
) -> None:
    sb = smartlead_sandbox
    sb.seed_workspace()
    with pytest.raises(ValidationError, match="normalize_workers"):
        await run_sync(tmp_path, workspace(sb), normalize_workers=0)

    report = await run_sync(tmp_path, workspace(sb), normalize_workers=2)

    assert report.ok, report.failures
    live = [c for c in sb.state.campaigns.values() if not c.deleted]
    assert count(tmp_path, "campaign_leads") == sum(len(c.lead_map_ids) for c in live)
    assert "NORMALIZE__WORKERS" not in os.environ
    assert "EXTRACT__DATA_WRITER__FILE_MAX_ITEMS" not in os.environ


def _loaded_job_files(tmp_path: Path) -> list[Path]:
    loaded = tmp_path / "dlt" / "smartlead" / "load" / "loaded"
    return [p for p in all_files(loaded) if "completed_jobs" in p.parts]


async def test_loaded_files_are_deleted_and_written_uncompressed_unless_the_environment_says(
    smartlead_sandbox: SandboxServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sb = smartlead_sandbox
    sb.seed_workspace()

    report = await run_sync(tmp_path, workspace(sb), resources="campaign_leads")

    assert report.ok and report.rows_loaded("campaign_leads") > 0
    assert (tmp_path / "dlt" / "smartlead" / "load" / "loaded").is_dir()
    assert _loaded_job_files(tmp_path) == []  # the destination holds the rows
    assert "DATA_WRITER__DISABLE_COMPRESSION" not in os.environ
    assert "LOAD__DELETE_COMPLETED_JOBS" not in os.environ

    # a setting of the user's own wins: here, keep the loaded files
    monkeypatch.setenv("LOAD__DELETE_COMPLETED_JOBS", "false")
    sb.seed_workspace(campaigns=1)
    again = await run_sync(tmp_path, workspace(sb), resources="campaign_leads")

    assert again.rows_loaded("campaign_leads") > 0
    kept = [
        p
        for p in _loaded_job_files(tmp_path)
        if p.name.startswith("campaign_leads.") and p.suffix == ".jsonl"
    ]
    assert kept, "the user's LOAD__DELETE_COMPLETED_JOBS=false was overridden"
    for job in kept:
        assert job.read_bytes()[:1] == b"{"  # plain JSON lines, not gzip
    assert os.environ["LOAD__DELETE_COMPLETED_JOBS"] == "false"
