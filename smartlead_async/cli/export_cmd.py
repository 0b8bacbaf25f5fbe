"""``smartlead-async export``: stream campaign leads, statistics, the Master Inbox, global leads
or Lead Lists to CSV or JSONL, item by item as pages arrive."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import AsyncIterable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, get_args

import orjson

from smartlead_async._convert import parse_datetime
from smartlead_async._validate import utc_text
from smartlead_async.cli._common import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    PROG,
    CliError,
    Context,
    add_command,
    make_client,
    positive_int,
)
from smartlead_async.cli._console import Meter
from smartlead_async.cli._output import make_writer, open_output, output_format
from smartlead_async.client import SmartleadClient
from smartlead_async.models.analytics import StatisticsEmailStatus
from smartlead_async.models.campaigns import CAMPAIGN_LEAD_STATUSES
from smartlead_async.models.common import Model
from smartlead_async.models.inbox import INBOX_VIEWS
from smartlead_async.models.leads import Lead

#: Opens the item stream for parsed arguments on a client.
Source = Callable[[SmartleadClient, argparse.Namespace], AsyncIterable[Any]]


def _timestamp(text: str) -> str:
    """argparse type: an ISO 8601 date or datetime, kept as given."""
    try:
        parse_datetime(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO 8601 date or datetime, e.g. 2026-01-01T00:00:00Z"
        ) from None
    return text


def _output_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("output")
    group.add_argument(
        "--format",
        choices=("csv", "jsonl"),
        help="csv or jsonl (default: from --output's suffix; jsonl with --json; else csv)",
    )
    group.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    group.add_argument("--max-items", type=positive_int, metavar="N", help="stop after N items")


# --------------------------------------------------------------------------- sources


def _campaign_leads(client: SmartleadClient, args: argparse.Namespace) -> AsyncIterable[Any]:
    return client.campaigns.iter_leads(
        args.campaign,
        status=args.status,
        created_at_gt=args.since,
        max_items=args.max_items,
    )


def _statistics(client: SmartleadClient, args: argparse.Namespace) -> AsyncIterable[Any]:
    return client.campaigns.iter_statistics(
        args.campaign, email_status=args.email_status, max_items=args.max_items
    )


def _inbox(client: SmartleadClient, args: argparse.Namespace) -> AsyncIterable[Any]:
    return client.inbox.iter_replies(
        args.view,
        campaign_ids=args.campaign or None,
        fetch_message_history=True if args.with_history else None,
        max_items=args.max_items,
    )


def _global_leads(client: SmartleadClient, args: argparse.Namespace) -> AsyncIterable[Any]:
    return client.leads.iter_all(created_at_gt=args.since, max_items=args.max_items)


def _lead_lists(client: SmartleadClient, args: argparse.Namespace) -> AsyncIterable[Any]:
    return client.lead_lists.iter_all(name=args.name, max_items=args.max_items)


# --------------------------------------------------------------------------- incremental state


@dataclass
class SinceState:
    """The ``--state`` file of an incremental global-leads export."""

    path: Path

    def load(self) -> str | None:
        """The ``created_at_gt`` saved by the last run (None before the first)."""
        try:
            data = orjson.loads(self.path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, orjson.JSONDecodeError) as exc:
            raise CliError(
                f"--state {self.path} is not readable ({exc}); delete it to start over"
            ) from None
        since = data.get("created_at_gt") if isinstance(data, dict) else None
        if not isinstance(since, str):
            raise CliError(f"--state {self.path} has no created_at_gt; delete it to start over")
        return since

    def save(self, since: str, exported: int) -> None:
        """Record the newest ``created_at`` exported (atomically)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "created_at_gt": since,
            "exported": exported,
            "updated_at": utc_text(datetime.now(UTC)),
        }
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
        os.replace(temporary, self.path)


# --------------------------------------------------------------------------- running


@dataclass
class _Written:
    """How far an export got (read after an interrupt)."""

    count: int = 0


async def _export(
    ctx: Context, args: argparse.Namespace, source: Source, written: _Written
) -> tuple[int, str | None]:
    fmt = output_format(args.format, args.output, json_flag=ctx.options.json)
    newest: datetime | None = None
    async with make_client(ctx.options) as client:
        stream = source(client, args)
        meter = Meter(f"export {args.what}", unit="items", disable=ctx.options.quiet)
        with open_output(args.output) as out, meter:
            writer = make_writer(fmt, out)
            known_total = False
            async for item in stream:
                assert isinstance(item, Model)
                writer.write(item)
                if isinstance(item, Lead) and item.created_at is not None:
                    newest = item.created_at if newest is None else max(newest, item.created_at)
                if not known_total:
                    known_total = _show_total(meter, stream, args.max_items)
                meter.update(writer.count)
                written.count = writer.count
                if writer.count % 100 == 0:
                    out.flush()
            meter.finish(writer.count, writer.count)
    return writer.count, utc_text(newest) if newest is not None else None


def _show_total(meter: Meter, stream: object, max_items: int | None) -> bool:
    """Give the meter the walk's total once the API has reported one; True when it has."""
    total = getattr(stream, "total", None)
    if not isinstance(total, int):
        return False
    meter.set_total(total if max_items is None else min(total, max_items))
    return True


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Run ``export <what>``."""
    source: Source = args.source
    state = SinceState(Path(args.state)) if getattr(args, "state", None) else None
    if state is not None:
        saved = state.load()
        if saved is not None:
            args.since = saved
    written = _Written()
    where = args.output or "stdout"
    try:
        count, newest = asyncio.run(_export(ctx, args, source, written))
    except KeyboardInterrupt:
        partial = (
            f"{args.output} is partial (its last line may be cut short); run the export "
            "again to write it whole"
            if args.output
            else "the output above is partial"
        )
        if state is not None:
            partial += f"; {state.path} was not moved forward"
        sys.stderr.write(f"interrupted after {written.count:,} {args.what}: {partial}\n")
        return EXIT_INTERRUPTED
    if not ctx.options.quiet:
        sys.stderr.write(f"exported {count:,} {args.what} to {where}\n")
    if state is not None:
        state.save(newest or args.since or "1970-01-01T00:00:00Z", count)
        if not ctx.options.quiet:
            sys.stderr.write(
                f"next run exports global leads created after {newest or args.since} "
                f"(saved in {state.path})\n"
            )
    return EXIT_OK


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``export`` command and its targets."""
    parser = add_command(
        subparsers,
        common,
        "export",
        help="stream leads, statistics, inbox replies or Lead Lists to CSV/JSONL",
        description="Stream API data to CSV or JSONL (stdout or --output), as pages arrive.",
    )
    targets = parser.add_subparsers(dest="what", metavar="WHAT", required=True)

    def target(name: str, source: Source, help_text: str, example: str) -> argparse.ArgumentParser:
        sub = add_command(
            targets,
            common,
            name,
            help=help_text,
            description=help_text,
            epilog=f"example: {PROG} export {example}",
        )
        _output_options(sub)
        sub.set_defaults(handler=run, source=source)
        return sub

    leads = target(
        "leads",
        _campaign_leads,
        "the leads of a campaign",
        "leads --campaign 42 -o leads.csv",
    )
    leads.add_argument("--campaign", type=positive_int, required=True, metavar="ID")
    leads.add_argument("--status", choices=CAMPAIGN_LEAD_STATUSES, help="only this lead status")
    leads.add_argument(
        "--since", type=_timestamp, metavar="TIME", help="only leads created after TIME"
    )

    stats = target(
        "statistics",
        _statistics,
        "per-message statistics of a campaign",
        "statistics --campaign 42 --email-status replied --format jsonl",
    )
    stats.add_argument("--campaign", type=positive_int, required=True, metavar="ID")
    stats.add_argument(
        "--email-status", choices=get_args(StatisticsEmailStatus), help="only this status"
    )

    inbox = target(
        "inbox",
        _inbox,
        "Master Inbox conversations of one view",
        "inbox --view unread -o unread.jsonl",
    )
    inbox.add_argument("--view", choices=INBOX_VIEWS, default="all", help="inbox view (all)")
    inbox.add_argument(
        "--campaign",
        type=positive_int,
        action="append",
        metavar="ID",
        help="only these campaigns (repeatable, at most 5)",
    )
    inbox.add_argument(
        "--with-history", action="store_true", help="include each conversation's messages"
    )

    global_leads = target(
        "global-leads",
        _global_leads,
        "every lead of the account, optionally only those created after a time",
        "global-leads --since 2026-01-01T00:00:00Z --state leads.state -o new.jsonl",
    )
    global_leads.add_argument(
        "--since", type=_timestamp, metavar="TIME", help="only leads created after TIME"
    )
    global_leads.add_argument(
        "--state",
        metavar="FILE",
        help="incremental export: read the start time from FILE (when it exists, instead of "
        "--since) and save the newest created_at exported into it",
    )

    lists = target("lead-lists", _lead_lists, "every Lead List", "lead-lists --format jsonl")
    lists.add_argument("--name", help="only lists whose name contains NAME")
