"""``smartlead-async sync``: load Smartlead into DuckDB (default) or any dlt destination."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from smartlead_async._redact import redact_secrets
from smartlead_async.cli._common import (
    EXIT_OK,
    PROG,
    CliError,
    Context,
    GlobalOptions,
    add_command,
    client_options,
    exit_code_for,
    positive_float,
    positive_int,
)
from smartlead_async.cli._console import progress_bar, stderr_console, stdout_console, write_json
from smartlead_async.errors import SmartleadError

#: The names ``--resources`` takes: ``smartlead_async.sync.TABLES`` (a test keeps them equal),
#: written here so that ``--help`` imports no dlt.
RESOURCE_NAMES = (
    "campaigns",
    "campaign_sequences",
    "campaign_leads",
    "campaign_statistics",
    "campaign_analytics",
    "lead_lists",
    "global_leads",
    "inbox_replies",
    "email_accounts",
)


def _resources(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in RESOURCE_NAMES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown resource(s) {', '.join(unknown) or '(none)'}; "
            f"choose from {', '.join(RESOURCE_NAMES)}"
        )
    return names


def _pipelines_dir() -> Path:
    from smartlead_async.cli.import_cmd import state_dir

    return state_dir() / "dlt"


def _workspaces(args: argparse.Namespace, options: GlobalOptions) -> list[Any]:
    from smartlead_async.sync import DEFAULT_WORKSPACE, Workspace, parse_workspace, read_keys_file

    spaces: list[Workspace] = []
    if args.keys:
        spaces.extend(read_keys_file(args.keys))
    spaces.extend(parse_workspace(text, where="--workspace") for text in args.workspace or ())
    base_url = options.base_url or os.environ.get("SMARTLEAD_BASE_URL") or None
    if base_url:
        spaces = [Workspace(s.name, s.api_key, base_url=base_url) for s in spaces]
    if not spaces:
        if not options.api_key:
            raise CliError(
                "no workspace: pass --workspace NAME=KEY or --keys FILE, or set SMARTLEAD_API_KEY"
            )
        spaces = [Workspace(DEFAULT_WORKSPACE, options.api_key, base_url=base_url)]
    return spaces


def _summary(report: Any) -> list[dict[str, Any]]:
    tables = sorted({*report.resources, *report.loaded})
    return [{"table": table, "rows_loaded": report.loaded.get(table, 0)} for table in tables]


def _report_json(report: Any) -> dict[str, Any]:
    def per_resource(counts: dict[tuple[str, str], int]) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for (resource, workspace), n in sorted(counts.items()):
            out.setdefault(resource, {})[workspace] = n
        return out

    return {
        "ok": report.ok,
        "destination": report.destination,
        "dataset": report.dataset_name,
        "pipeline": report.pipeline_name,
        "workspaces": list(report.workspaces),
        "resources": list(report.resources),
        "loaded": {row["table"]: row["rows_loaded"] for row in _summary(report)},
        "read": per_resource(report.read),
        "unchanged": per_resource(report.unchanged),
        "failures": [
            {
                "workspace": f.workspace,
                "resource": f.resource,
                "campaign_id": f.campaign_id,
                "error": f"{type(f.error).__name__}: {f.error}",
            }
            for f in report.failures
        ],
        "requests": dict(report.requests),
        "rate_limited": dict(report.rate_limited),
        "elapsed": round(report.elapsed, 3),
        "load_ids": list(report.load_ids),
        "resumed_load_ids": list(report.resumed_load_ids),
    }


def _render(report: Any) -> None:
    from rich.table import Table

    console = stdout_console()
    table = Table(title=f"sync into {report.destination} (dataset {report.dataset_name})")
    table.add_column("table")
    table.add_column("rows loaded", justify="right")
    for row in _summary(report):
        table.add_row(row["table"], f"{row['rows_loaded']:,}")
    unchanged = sum(report.unchanged.values())
    table.caption = (
        f"{len(report.workspaces)} workspace(s), {sum(report.loaded.values()):,} rows loaded, "
        f"{unchanged:,} read unchanged, {report.elapsed:.1f} s"
    )
    if report.resumed_load_ids:
        console.print(
            f"first finished loading {len(report.resumed_load_ids)} package(s) of an "
            "interrupted sync"
        )
    console.print(table)
    if not report.loaded:
        console.print("nothing changed since the last sync: 0 rows loaded")


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Run ``sync``."""
    try:
        from smartlead_async.sync import sync
    except ImportError as exc:
        raise CliError(str(exc)) from None
    os.environ.setdefault("RUNTIME__LOG_LEVEL", "DEBUG" if ctx.options.verbose else "ERROR")
    spaces = _workspaces(args, ctx.options)
    secrets = [space.api_key for space in spaces]
    err = stderr_console()
    bar = progress_bar(err, unit="rows", disable=ctx.options.quiet or ctx.options.json)
    tasks: dict[str, Any] = {}

    def on_rows(resource: str, workspace: str, rows: int) -> None:
        if resource not in tasks:
            tasks[resource] = bar.add_task(resource, total=None)
        bar.advance(tasks[resource], rows)

    try:
        with bar:
            report = sync(
                spaces,
                destination=args.to,
                dataset_name=args.dataset,
                pipeline_name=args.pipeline_name,
                pipelines_dir=args.pipelines_dir or _pipelines_dir(),
                resources=args.resources,
                since=args.since,
                full_refresh=args.full,
                lookback=timedelta(seconds=args.lookback),
                client_options={
                    k: v for k, v in client_options(ctx.options).items() if k != "base_url"
                },
                on_rows=on_rows,
                normalize_workers=args.normalize_workers,
            )
    except (SmartleadError, ValueError, TypeError) as exc:
        raise CliError(redact_secrets(str(exc), secrets), exit_code_for(exc)) from None
    if ctx.options.json:
        write_json(_report_json(report))
    elif not ctx.options.quiet:
        _render(report)
    for failure in report.failures:
        text = redact_secrets(f"error: workspace {failure}", secrets)
        sys.stderr.write(" ".join(text.split()) + "\n")
    if report.failures:
        failed = ", ".join(report.failed_workspaces)
        sys.stderr.write(
            f"{len(report.failures)} part(s) failed (workspaces: {failed}); the rest was loaded. "
            "Their state did not move: the next sync reads them again.\n"
        )
        return exit_code_for(report.failures[0].error)
    return EXIT_OK


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``sync`` command."""
    parser = add_command(
        subparsers,
        common,
        "sync",
        help="load campaigns, leads, statistics, inbox... into DuckDB or any dlt destination",
        description=(
            "Sync Smartlead into a warehouse, incrementally: a local DuckDB file by default, "
            "or any dlt destination (postgres, bigquery, snowflake...; credentials through "
            "dlt's config). A second run loads only what changed. Needs the 'sync' extra."
        ),
        epilog=(
            f"examples: {PROG} sync\n"
            f"  {PROG} sync --keys workspaces.txt --to duckdb:///agency.duckdb\n"
            f"  {PROG} sync --resources campaigns,campaign_leads --since 2026-01-01\n"
            f"  {PROG} sync --to postgres"
        ),
    )
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument(
        "--to",
        default="duckdb:///smartlead.duckdb",
        metavar="DEST",
        help="duckdb:///FILE (default duckdb:///smartlead.duckdb), a dlt destination name, "
        "or NAME://credentials",
    )
    parser.add_argument(
        "--resources",
        type=_resources,
        metavar="A,B",
        help=f"what to sync (default all): {', '.join(RESOURCE_NAMES)}",
    )
    parser.add_argument(
        "--since",
        metavar="TIME",
        help="start a first sync of the incremental tables at TIME (ISO 8601)",
    )
    parser.add_argument(
        "--full", action="store_true", help="read and load everything again, ignoring the state"
    )
    parser.add_argument(
        "--workspace",
        action="append",
        metavar="NAME=KEY",
        help="a workspace to sync (repeatable); default: SMARTLEAD_API_KEY as 'default'",
    )
    parser.add_argument(
        "--keys", metavar="FILE", help="a file of NAME=KEY lines, one workspace each"
    )
    parser.add_argument(
        "--dataset", default="smartlead_data", help="dataset/schema name (smartlead_data)"
    )
    parser.add_argument(
        "--pipeline-name", default="smartlead", help="dlt pipeline name (smartlead)"
    )
    parser.add_argument(
        "--pipelines-dir",
        metavar="DIR",
        help="dlt's working folder (default: $SMARTLEAD_STATE_DIR/dlt)",
    )
    parser.add_argument(
        "--lookback",
        type=positive_float,
        default=600.0,
        metavar="SECONDS",
        help="how far before the last sync incremental reads start again (600)",
    )
    parser.add_argument(
        "--normalize-workers",
        type=positive_int,
        default=None,
        metavar="N",
        help="processes dlt normalizes the rows in after reading them (default 1; the "
        "machine's cores shorten a large first sync)",
    )
    parser.set_defaults(handler=run)
