"""``smartlead-async analytics``: the analytics of many campaigns at once (one fan-out)."""

from __future__ import annotations

import argparse
import asyncio
import csv
import sys
from typing import Any

from smartlead_async.bulk import BulkResults
from smartlead_async.cli._common import (
    EXIT_OK,
    PROG,
    Context,
    add_command,
    error_line,
    exit_code_for,
    make_client,
    positive_int,
)
from smartlead_async.cli._console import stdout_console, write_json
from smartlead_async.cli._output import cell, flatten
from smartlead_async.models.analytics import CampaignAnalytics

#: Table columns: header -> field of CampaignAnalytics.
TABLE_COLUMNS: dict[str, str] = {
    "id": "id",
    "name": "name",
    "sent": "sent_count",
    "opened": "unique_open_count",
    "clicked": "unique_click_count",
    "replied": "reply_count",
    "positive": "positive_reply_count",
    "bounced": "bounce_count",
    "unsubscribed": "unsubscribed_count",
}


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``analytics`` command."""
    parser = add_command(
        subparsers,
        common,
        "analytics",
        help="analytics of many campaigns, fetched concurrently",
        description="Top-level analytics (A2) of many campaigns, fetched concurrently inside\n"
        "the rate limit.",
        epilog=f"examples:\n  {PROG} analytics --all\n  {PROG} analytics --campaign 1 "
        "--campaign 2 --format csv > analytics.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--campaign", type=positive_int, action="append", metavar="ID", help="(repeatable)"
    )
    which.add_argument("--all", action="store_true", help="every campaign of the account")
    parser.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        help="output format (default: table; json with --json)",
    )
    parser.add_argument(
        "--concurrency", type=positive_int, metavar="N", help="requests in flight (default 16)"
    )
    parser.set_defaults(handler=run)


async def _fetch(ctx: Context, args: argparse.Namespace) -> BulkResults[int, CampaignAnalytics]:
    async with make_client(ctx.options) as client:
        if args.all:
            ids = [campaign.id for campaign in await client.campaigns.list()]
        else:
            ids = list(dict.fromkeys(args.campaign))
        if not ids:
            return BulkResults()
        return await client.bulk.map(
            client.campaigns.get_analytics, ids, concurrency=args.concurrency
        )


def _rate(part: int | None, whole: int | None) -> str:
    if not whole or part is None:
        return "-"
    return f"{100 * part / whole:.1f}%"


def _table(results: BulkResults[int, CampaignAnalytics]) -> Any:
    from rich.table import Table

    table = Table(title=f"Analytics of {len(results)} campaigns", title_justify="left")
    for header in TABLE_COLUMNS:
        if header == "name":
            table.add_column(header, overflow="ellipsis", no_wrap=True, max_width=32)
        else:
            table.add_column(header, justify="right", no_wrap=True)
    table.add_column("reply rate", justify="right", no_wrap=True)
    for result in results:
        value = result.value
        if value is None:
            continue
        cells = [str(cell(getattr(value, name))) for name in TABLE_COLUMNS.values()]
        cells.append(_rate(value.reply_count, value.sent_count))
        table.add_row(*cells)
    return table


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Run ``analytics``."""
    fmt = args.format or ("json" if ctx.options.json else "table")
    results = asyncio.run(_fetch(ctx, args))
    if fmt == "json":
        write_json(
            [
                {"campaign_id": r.item, **(r.value.to_dict() if r.value is not None else {})}
                | ({"error": str(r.error)} if r.error is not None else {})
                for r in results
            ]
        )
    elif fmt == "csv":
        rows = [flatten(r.value) for r in results if r.value is not None]
        if rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
    else:
        stdout_console().print(_table(results))
    status = EXIT_OK
    for result in results.failed:
        assert result.error is not None
        line = error_line(result.error, ctx.options.api_key)
        sys.stderr.write(f"{line.replace('error: ', f'error: campaign {result.item}: ', 1)}\n")
        if status == EXIT_OK:
            status = exit_code_for(result.error)
    return status
