"""``smartlead-async sync`` against the threaded sandbox, into a DuckDB file."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.helpers.cli import API_KEY, Cli
from tests.helpers.threaded import ThreadedSandbox


def test_sync_loads_then_loads_nothing_and_reports_a_failing_workspace(
    cli: Cli, cli_env: ThreadedSandbox, tmp_path: Path
) -> None:
    cli_env.sync(lambda sb: sb.seed_workspace())
    target = f"duckdb:///{tmp_path / 'sl.duckdb'}"

    first = cli("sync", "--to", target, "--json")
    assert first.code == 0, first.err
    second = cli("sync", "--to", target)
    assert second.code == 0, second.err
    assert "0 rows loaded" in second.out

    with duckdb.connect(str(tmp_path / "sl.duckdb"), read_only=True) as db:
        [(n,)] = db.sql("select count(*) from smartlead_data.campaigns").fetchall()
    assert n == len(cli_env.server.state.campaigns)

    keys = tmp_path / "keys.txt"
    keys.write_text(f"# agency\ngood={API_KEY}\nbad=sl_not_the_key_42\n")
    mixed = cli("sync", "--to", f"duckdb:///{tmp_path / 'two.duckdb'}", "--keys", str(keys))
    assert mixed.code == 4  # authentication, as for import
    assert "workspaces: bad" in mixed.err
    assert "sl_not_the_key_42" not in mixed.out + mixed.err


def test_sync_refuses_an_unknown_resource(cli: Cli, cli_env: ThreadedSandbox) -> None:
    result = cli("sync", "--resources", "campaigns,nope")
    assert result.code == 2
    assert "nope" in result.err


def test_the_resource_names_and_defaults_match_the_sync_package() -> None:
    from smartlead_async.cli import build_parser, sync_cmd
    from smartlead_async.sync import DEFAULT_DATASET, DEFAULT_DESTINATION, DEFAULT_PIPELINE, TABLES

    assert tuple(TABLES) == sync_cmd.RESOURCE_NAMES
    args = build_parser().parse_args(["sync"])
    assert (args.to, args.dataset, args.pipeline_name) == (
        DEFAULT_DESTINATION,
        DEFAULT_DATASET,
        DEFAULT_PIPELINE,
    )
