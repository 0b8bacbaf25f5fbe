"""``smartlead-async analytics``: the analytics of many campaigns at once (one fan-out)."""

from __future__ import annotations

import argparse
import asyncio
import csv
import sys
from typing import Any

import attrs

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
from smartlead_async.cli._output import cell, flatten, model_json
from smartlead_async.models.analytics import CampaignAnalytics
from smartlead_async.models.common import Percent

#: Table columns, most important first: header -> field of CampaignAnalytics. Columns that
#: don't fit the terminal are left out from the end (``--format csv/json`` has them all).
TABLE_COLUMNS: dict[str, str] = {
    "id": "id",
    "name": "name",
    "sent": "sent_count",
    "replied": "reply_count",
    "reply %": "reply_rate",
    "opened": "unique_open_count",
    "positive": "positive_reply_count",
    "bounced": "bounce_count",
    "clicked": "unique_click_count",
    "unsub": "unsubscribed_count",
}
#: The name column shrinks to this many characters (with an ellipsis) before columns drop.
NAME_MIN = 12
#: Rates the API may leave out, computed from counts: rate -> (part, whole).
RATES: dict[str, tuple[str, str]] = {
    "reply_rate": ("reply_count", "sent_count"),
    "open_rate": ("unique_open_count", "sent_count"),
    "click_rate": ("unique_click_count", "sent_count"),
    "bounce_rate": ("bounce_count", "sent_count"),
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


def with_rates(value: CampaignAnalytics) -> CampaignAnalytics:
    """The analytics with the rates the API left out computed from the counts (``19.2%``)."""
    updates: dict[str, Any] = {}
    for rate, (part, whole) in RATES.items():
        count, base = getattr(value, part), getattr(value, whole)
        if getattr(value, rate) is None and count is not None and base:
            share = round(100 * count / base, 1)
            updates[rate] = Percent(share, f"{share:.1f}%")
    return attrs.evolve(value, **updates) if updates else value


def _shown(value: Any) -> str:
    return "-" if value is None else str(cell(value))


def fitting_columns(rows: list[list[str]], width: int) -> tuple[list[int], list[int]]:
    """Which :data:`TABLE_COLUMNS` fit ``width`` characters, and the width of each.

    Each column takes its widest cell (or header); the name column shrinks down to
    :data:`NAME_MIN` (with an ellipsis) before columns are dropped from the end. Borders and
    padding take 3 characters a column, plus 1.
    """
    headers = list(TABLE_COLUMNS)
    widest = [
        max([len(header), *(len(row[index]) for row in rows)])
        for index, header in enumerate(headers)
    ]
    name = headers.index("name")
    kept = list(range(len(headers)))

    def others() -> int:
        return sum(widest[i] + 3 for i in kept if i != name)

    while len(kept) > 2 and 1 + others() + 3 + min(widest[name], NAME_MIN) > width:
        kept.pop()
    widths = [widest[i] for i in kept]
    widths[kept.index(name)] = max(NAME_MIN, min(widest[name], width - 1 - others() - 3))
    return kept, widths


def _table(values: list[CampaignAnalytics], asked: int, width: int) -> Any:
    """The table of ``values`` (of the ``asked`` campaigns) that fits ``width`` characters."""
    from rich.table import Table

    rows = [[_shown(getattr(value, name)) for name in TABLE_COLUMNS.values()] for value in values]
    kept, widths = fitting_columns(rows, width)
    hidden = len(TABLE_COLUMNS) - len(kept)
    table = Table(
        title=f"Analytics of {asked} campaigns",
        title_justify="left",
        caption=f"{hidden} more columns with --format csv or json" if hidden else None,
        caption_justify="left",
    )
    headers = list(TABLE_COLUMNS)
    for index, size in zip(kept, widths, strict=True):
        table.add_column(
            headers[index],
            justify="left" if headers[index] == "name" else "right",
            no_wrap=True,
            overflow="ellipsis",
            min_width=size,
            max_width=size,
        )
    for row in rows:
        table.add_row(*(row[index] for index in kept))
    return table


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Run ``analytics``."""
    fmt = args.format or ("json" if ctx.options.json else "table")
    results = asyncio.run(_fetch(ctx, args))
    values = {r.item: with_rates(r.value) for r in results if r.value is not None}
    if fmt == "json":
        write_json(
            [
                {"campaign_id": r.item, **(model_json(values[r.item]) if r.item in values else {})}
                | ({"error": str(r.error)} if r.error is not None else {})
                for r in results
            ]
        )
    elif fmt == "csv":
        rows = [flatten(value) for value in values.values()]
        if rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
    else:
        console = stdout_console()
        console.print(_table(list(values.values()), len(results), console.width))
    status = EXIT_OK
    for result in results.failed:
        assert result.error is not None
        line = error_line(result.error, ctx.options.api_key)
        sys.stderr.write(f"{line.replace('error: ', f'error: campaign {result.item}: ', 1)}\n")
        if status == EXIT_OK:
            status = exit_code_for(result.error)
    return status
