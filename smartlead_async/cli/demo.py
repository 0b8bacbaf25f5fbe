"""``smartlead-async demo``: the whole SDK against an in-process sandbox, no key or network needed.

The demo seeds a fake workspace (campaigns with message history, a block list, unsubscribed
leads), imports a generated CSV with a progress bar, walks the campaign's leads, fetches the
analytics of every seeded campaign concurrently, reads the Master Inbox and syncs the whole
workspace into a DuckDB file (with the ``sync`` extra), then prints what each phase cost
against the rate bound and the rows of every warehouse table. The sandbox and the client
share a faster window than the real API (10/0.2s by default) so that the demo runs in
seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import importlib.util
import math
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smartlead_async.cli._common import EXIT_OK, PROG, Context, add_command, positive_int
from smartlead_async.cli._console import stderr_console, stdout_console, write_json
from smartlead_async.cli._report import bucket_table
from smartlead_async.cli._rows import RowSource
from smartlead_async.cli.import_cmd import ImportJob, run_job
from smartlead_async.client import SmartleadClient
from smartlead_async.gates import DEFAULT_RATE_LIMIT, RateLimit
from smartlead_async.models.imports import ImportReport

if TYPE_CHECKING:  # the sandbox is imported when the demo runs, not by every command
    from smartlead_async.testing import SandboxServer

#: The demo's default window: the real API's 10 requests, 10x faster.
DEMO_RATE_LIMIT = RateLimit(10, 0.2)
BLOCKED_DOMAIN = "blocked-demo.example"
#: The DuckDB file the demo's sync writes, in the working directory.
DEMO_WAREHOUSE = "smartlead_demo.duckdb"
CSV_COLUMNS = ("email", "first_name", "last_name", "company_name", "website", "Job Title")

_FIRST = ("Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tim")
_LAST = ("Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson")
_COMPANIES = ("acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "wonka")
_TITLES = ("CTO", "VP Sales", "Founder", "Head of Growth", "Engineer")


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``demo`` command."""
    parser = add_command(
        subparsers,
        common,
        "demo",
        help="run the SDK end to end against an in-process sandbox (no key needed)",
        description=(
            "Start a fake Smartlead in-process, import a generated CSV, walk the leads, fetch "
            "analytics of many campaigns concurrently, read the Master Inbox and print what it "
            f"cost. The sandbox and client use --rate-limit (default {DEMO_RATE_LIMIT}, 10x "
            "the real API's speed) so that the demo takes seconds."
        ),
        epilog=f"example: {PROG} demo --rows 5000 --rate-limit 10/2s",
    )
    parser.add_argument(
        "--rows", type=positive_int, default=20_000, help="rows in the generated CSV (20000)"
    )
    parser.add_argument(
        "--campaigns",
        type=positive_int,
        default=50,
        help="seeded campaigns whose analytics are fetched (50)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated data (0)")
    parser.add_argument("--keep-csv", metavar="PATH", help="write the CSV to PATH and keep it")
    parser.add_argument(
        "--warehouse",
        metavar="PATH",
        default=DEMO_WAREHOUSE,
        help=f"the DuckDB file the demo syncs into, replaced on each run ({DEMO_WAREHOUSE})",
    )
    parser.add_argument("--no-sync", action="store_true", help="skip the warehouse sync at the end")
    parser.set_defaults(handler=run)


# --------------------------------------------------------------------------- data


def _fresh(rng: random.Random, number: int) -> dict[str, str]:
    first, last, company = rng.choice(_FIRST), rng.choice(_LAST), rng.choice(_COMPANIES)
    return {
        "email": f"{first.lower()}.{last.lower()}.{number}@{company}.example",
        "first_name": first,
        "last_name": last,
        "company_name": company.title(),
        "website": f"https://{company}.example",
        "Job Title": rng.choice(_TITLES),
    }


def generate_rows(
    rows: int, seed: int, unsubscribed: Sequence[str]
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The CSV rows: ~1% invalid, ~2% duplicates, a few unsubscribed/blocked/already-added.

    Returns ``(rows, already_in_campaign)``; the second list is added to the campaign before
    the import so that the ``already_in_campaign`` bucket shows.
    """
    rng = random.Random(seed)
    share = max(1, rows // 200)  # 0.5% of the rows per special kind
    kinds = (
        ["client_invalid"] * share
        + ["server_invalid"] * share
        + ["duplicate"] * (2 * share * 2)
        + ["unsubscribed"] * min(share, len(unsubscribed))
        + ["blocked"] * share
    )
    kinds = kinds[: max(0, rows - 1)]
    kinds += ["fresh"] * (rows - len(kinds))
    rng.shuffle(kinds)
    if kinds and kinds[0] == "duplicate":
        kinds[0] = "fresh"
    out: list[dict[str, str]] = []
    fresh: list[dict[str, str]] = []
    spare_unsubscribed = list(unsubscribed)
    for number, kind in enumerate(kinds):
        row = _fresh(rng, number)
        if kind == "client_invalid":
            row["email"] = rng.choice(("", f"lead{number}.example.com", f"lead {number}@x"))
        elif kind == "server_invalid":
            row["email"] = f"lead{number}@{rng.choice(_COMPANIES)}.x"
        elif kind == "duplicate" and fresh:
            original = rng.choice(fresh)
            row = dict(original, email=original["email"].upper())
        elif kind == "unsubscribed" and spare_unsubscribed:
            row["email"] = spare_unsubscribed.pop()
        elif kind == "blocked":
            row["email"] = f"lead{number}@{BLOCKED_DOMAIN}"
        else:
            fresh.append(row)
        out.append(row)
    return out, fresh[: min(150, len(fresh) // 10)]


def write_csv(path: Path, rows: Sequence[dict[str, str]]) -> None:
    """Write the rows with :data:`CSV_COLUMNS`."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


# --------------------------------------------------------------------------- measuring


def rate_bound(requests: int, windows: Sequence[RateLimit]) -> float:
    """The least time ``requests`` can take under ``windows``: ``per * (ceil(n / N) - 1)``."""
    if requests <= 0:
        return 0.0
    return max(w.per_seconds * (math.ceil(requests / w.requests) - 1) for w in windows)


@dataclass
class Phase:
    """What one step of the demo cost."""

    name: str
    detail: str = ""
    requests: int = 0
    client_requests: int = 0
    server_429: int = 0
    client_429: int = 0
    elapsed: float = 0.0
    bound: float = 0.0

    @property
    def ratio(self) -> float | None:
        """bound / elapsed: 1.0 means the phase ran exactly at the rate bound."""
        return self.bound / self.elapsed if self.elapsed > 0 and self.bound > 0 else None


@dataclass
class Meter:
    """Measures phases from the sandbox's and the client's counters."""

    sandbox: SandboxServer
    client: SmartleadClient
    windows: Sequence[RateLimit]
    phases: list[Phase] = field(default_factory=list)
    quiet: bool = False

    def start(self, name: str) -> tuple[Phase, float, int, int, int, int]:
        counters = self.sandbox.counters
        return (
            Phase(name),
            time.monotonic(),
            counters.total,
            counters.rate_limited,
            self.client.requests_sent,
            self.client.rate_limited,
        )

    def stop(
        self,
        started: tuple[Phase, float, int, int, int, int],
        detail: str,
        *,
        other_client: tuple[int, int] = (0, 0),
    ) -> Phase:
        """End a phase; ``other_client``: (requests, 429s) of a client other than the demo's."""
        phase, began, total, limited, sent, client_limited = started
        counters = self.sandbox.counters
        phase.detail = detail
        phase.elapsed = time.monotonic() - began
        phase.requests = counters.total - total
        phase.server_429 = counters.rate_limited - limited
        phase.client_requests = self.client.requests_sent - sent + other_client[0]
        phase.client_429 = self.client.rate_limited - client_limited + other_client[1]
        phase.bound = rate_bound(phase.requests, self.windows)
        self.phases.append(phase)
        if not self.quiet:
            stderr_console().print(
                f"[green]done[/] {phase.name}: {detail} ({phase.requests} requests, "
                f"{phase.elapsed:.1f}s)"
            )
        return phase


@dataclass
class DemoResult:
    """Everything the summary shows."""

    base_url: str
    windows: list[str]
    speedup: float
    csv_path: str
    report: ImportReport
    phases: list[Phase]
    leads_walked: int
    analytics_ok: int
    analytics_failed: int
    replies: int
    #: The DuckDB file synced into (None: no sync) and the rows of each of its tables.
    warehouse: str | None
    warehouse_tables: dict[str, int]
    server_requests: int
    client_requests: int
    server_429: int
    client_429: int
    elapsed: float
    bound: float


# --------------------------------------------------------------------------- the demo


def _seed_workspace(sandbox: SandboxServer, campaigns: int, unsubscribed: int) -> list[str]:
    """Campaigns with history, plus workspace leads that unsubscribed; returns their emails."""
    for number in range(campaigns):
        sandbox.seed_campaign(name=f"Seeded campaign {number + 1}", leads=20)
    leads = sandbox.seed_global_leads(unsubscribed)
    for lead in leads:
        sandbox.state.unsubscribe_lead(lead)
    return [lead.email for lead in leads]


async def run_demo(
    *,
    rows: int,
    campaigns: int,
    seed: int,
    windows: Sequence[RateLimit],
    csv_dir: Path,
    keep_csv: Path | None = None,
    warehouse: Path | None = None,
    quiet: bool = False,
) -> DemoResult:
    """Run every phase of the demo and return the measurements."""
    from smartlead_async.testing import SandboxServer

    began = time.monotonic()
    sandbox_windows = [(w.requests, w.per_seconds) for w in windows]
    async with SandboxServer(rate_limits=sandbox_windows, seed=seed) as sandbox:
        unsubscribed = _seed_workspace(sandbox, campaigns, max(1, rows // 200))
        async with SmartleadClient(
            sandbox.api_key, base_url=sandbox.base_url, rate_limit=list(windows)
        ) as client:
            meter = Meter(sandbox, client, windows, quiet=quiet)

            started = meter.start("setup")
            campaign = await client.campaigns.create(name="Demo import")
            await client.leads.add_to_block_list([BLOCKED_DOMAIN])
            data, already = generate_rows(rows, seed, unsubscribed)
            path = keep_csv or csv_dir / "demo_leads.csv"
            await asyncio.to_thread(write_csv, path, data)
            if already:
                await client.campaigns.add_leads(campaign.id, already)
            meter.stop(started, f"campaign {campaign.id}, {len(data):,} rows written to {path}")

            started = meter.start("import")
            with RowSource(str(path)) as source:
                job = ImportJob(source=source, kind="campaign", target=campaign.id, settings={})
                report = await run_job(client, job, source, total=len(data), quiet=quiet)
            meter.stop(started, f"{report.total_rows:,} rows, {report.uploaded:,} uploaded")

            started = meter.start("walk leads")
            walked = 0
            async for _ in client.campaigns.iter_leads(campaign.id):
                walked += 1
            meter.stop(started, f"{walked:,} leads in campaign {campaign.id}")

            started = meter.start("analytics")
            ids = [c.id for c in await client.campaigns.list() if c.id != campaign.id]
            results = await client.bulk.map(client.campaigns.get_analytics, ids)
            sent = sum(r.value.sent_count or 0 for r in results if r.value is not None)
            meter.stop(started, f"{len(results.succeeded)} campaigns, {sent:,} emails sent")

            started = meter.start("master inbox")
            replies = 0
            async for _ in client.inbox.iter_replies(view="all"):
                replies += 1
            meter.stop(started, f"{replies:,} conversations with replies")

            tables: dict[str, int] = {}
            if warehouse is not None:
                started = meter.start("sync")
                tables, synced = await _sync(sandbox, windows, warehouse, csv_dir / "dlt")
                meter.stop(
                    started, f"{sum(tables.values()):,} rows into {warehouse}", other_client=synced
                )

            server_requests = sandbox.counters.total
            real_rate = DEFAULT_RATE_LIMIT.requests / DEFAULT_RATE_LIMIT.per_seconds
            demo_rate = min(w.requests / w.per_seconds for w in windows)
            return DemoResult(
                base_url=sandbox.base_url,
                windows=[str(w) for w in windows],
                speedup=demo_rate / real_rate,
                csv_path=str(path),
                report=report,
                phases=meter.phases,
                leads_walked=walked,
                analytics_ok=len(results.succeeded),
                analytics_failed=len(results.failed),
                replies=replies,
                warehouse=str(warehouse) if warehouse is not None else None,
                warehouse_tables=tables,
                server_requests=server_requests,
                client_requests=sum(phase.client_requests for phase in meter.phases),
                server_429=sandbox.counters.rate_limited,
                client_429=sum(phase.client_429 for phase in meter.phases),
                elapsed=time.monotonic() - began,
                bound=rate_bound(server_requests, windows),
            )


def sync_available() -> bool:
    """Whether the ``sync`` extra (dlt and duckdb) is installed."""
    return all(importlib.util.find_spec(name) is not None for name in ("dlt", "duckdb"))


async def _sync(
    sandbox: SandboxServer, windows: Sequence[RateLimit], path: Path, pipelines: Path
) -> tuple[dict[str, int], tuple[int, int]]:
    """Sync the sandbox's workspace into a fresh DuckDB file: the rows of each table, and the
    sync's (requests, 429s)."""
    from smartlead_async.sync import TABLES, Workspace, sync_async

    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)
    report = await sync_async(
        Workspace("demo", sandbox.api_key, base_url=sandbox.base_url),
        destination=f"duckdb:///{path}",
        pipelines_dir=pipelines,
        client_options={"rate_limit": list(windows)},
    )
    report.raise_for_failures()
    tables = await asyncio.to_thread(_table_rows, path, report.dataset_name, list(TABLES))
    return tables, (report.requests["demo"], report.rate_limited.get("demo", 0))


def _table_rows(path: Path, dataset: str, tables: list[str]) -> dict[str, int]:
    import duckdb

    counts: dict[str, int] = {}
    with duckdb.connect(str(path), read_only=True) as db:
        existing = db.execute(
            "select table_name from information_schema.tables where table_schema = ?", [dataset]
        ).fetchall()
        for table in tables:  # dlt creates a table with its first row
            row = None
            if (table,) in existing:
                row = db.execute(f"select count(*) from {dataset}.{table}").fetchone()
            counts[table] = int(row[0]) if row else 0
    return counts


# --------------------------------------------------------------------------- output


def _ratio(bound: float, elapsed: float) -> str:
    return f"{bound / elapsed:.2f}" if bound > 0 and elapsed > 0 else "-"


def render(result: DemoResult) -> None:
    """Print the summary tables on stdout."""
    from rich.table import Table

    console = stdout_console()
    console.print(
        f"Sandbox {result.base_url}, rate limit {' + '.join(result.windows)} on both sides "
        f"({result.speedup:g}x the real API's {DEFAULT_RATE_LIMIT}; pass --rate-limit 10/2s "
        "for real speed)"
    )
    console.print(bucket_table(result.report, "Import report (rows per bucket)"))
    phase_sum = sum(phase.bound for phase in result.phases)
    phases = Table(
        title="Requests and time per phase (429s: sandbox sent/client got)",
        title_justify="left",
        caption=(
            f"The total's bound is that of all {result.server_requests:,} requests as one run; "
            f"the phases' bounds add up to {phase_sum:.2f}s because each phase's first window "
            "costs nothing on its own. The sync's elapsed time includes dlt's normalize and "
            "load after its reads."
        ),
        caption_justify="left",
    )
    for header in ("phase", "requests", "429s", "elapsed", "rate bound"):
        phases.add_column(header, justify="left" if header == "phase" else "right")
    phases.add_column("bound/elapsed", justify="right")
    for phase in result.phases:
        phases.add_row(
            phase.name,
            f"{phase.requests:,}",
            f"{phase.server_429}/{phase.client_429}",
            f"{phase.elapsed:.2f}s",
            f"{phase.bound:.2f}s",
            _ratio(phase.bound, phase.elapsed),
        )
    phases.add_section()
    phases.add_row(
        "total",
        f"{result.server_requests:,}",
        f"{result.server_429}/{result.client_429}",
        f"{result.elapsed:.2f}s",
        f"{result.bound:.2f}s",
        _ratio(result.bound, result.elapsed),
        style="bold",
    )
    console.print(phases)
    summary = Table(title="Summary", title_justify="left", show_header=False)
    summary.add_column("what")
    summary.add_column("value", justify="right")
    summary.add_row("rows imported (uploaded)", f"{result.report.uploaded:,}")
    summary.add_row("leads walked (iter_leads)", f"{result.leads_walked:,}")
    summary.add_row("campaign analytics (bulk.map)", f"{result.analytics_ok}")
    summary.add_row("inbox conversations (iter_replies)", f"{result.replies:,}")
    summary.add_row(
        "requests made (client / sandbox)",
        f"{result.client_requests:,} / {result.server_requests:,}",
    )
    summary.add_row(
        "429s received (sandbox sent / client got)", f"{result.server_429} / {result.client_429}"
    )
    summary.add_row(
        "elapsed vs rate bound",
        f"{result.elapsed:.1f}s vs {result.bound:.1f}s "
        f"(ratio {_ratio(result.bound, result.elapsed)})",
    )
    console.print(summary)
    if result.warehouse is not None:
        _render_warehouse(result)


def _render_warehouse(result: DemoResult) -> None:
    from rich.table import Table

    console = stdout_console()
    console.print(f"Warehouse: {result.warehouse} (dataset smartlead_data)", soft_wrap=True)
    tables = Table()
    tables.add_column("table")
    tables.add_column("rows", justify="right")
    for name, rows in result.warehouse_tables.items():
        tables.add_row(name, f"{rows:,}")
    console.print(tables)
    console.print(
        f"Query it: python -c \"import duckdb; duckdb.connect('{result.warehouse}').sql("
        "'select status, count(*) from smartlead_data.campaign_leads group by 1').show()\"",
        soft_wrap=True,
    )


def to_json(result: DemoResult) -> dict[str, Any]:
    """The summary as JSON data."""
    from smartlead_async.cli._report import report_to_json

    data = {k: v for k, v in asdict(result).items() if k not in ("report", "phases")}
    data["import"] = report_to_json(result.report, {"kind": "campaign"})
    data["import"].pop("rejected")
    data["phases"] = [dict(asdict(p), ratio=p.ratio) for p in result.phases]
    data["ratio"] = result.bound / result.elapsed if result.elapsed else None
    return data


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Run ``demo``."""
    windows = list(ctx.options.rate_limits) or [DEMO_RATE_LIMIT]
    keep = Path(args.keep_csv) if args.keep_csv else None
    warehouse = None if args.no_sync else Path(args.warehouse)
    if warehouse is not None and not sync_available():
        warehouse = None
        stderr_console().print(
            "demo: the warehouse sync is skipped: it needs the 'sync' extra "
            "(pip install 'smartlead-async[sync]')"
        )
    if not ctx.options.quiet:
        stderr_console().print(
            f"demo: in-process sandbox with rate limit {' + '.join(map(str, windows))} "
            f"(the real API allows {DEFAULT_RATE_LIMIT}); no API key or network used"
        )
    with tempfile.TemporaryDirectory(prefix="smartlead-demo-") as scratch:
        result = asyncio.run(
            run_demo(
                rows=args.rows,
                campaigns=args.campaigns,
                seed=args.seed,
                windows=windows,
                csv_dir=Path(scratch),
                keep_csv=keep,
                warehouse=warehouse,
                quiet=ctx.options.quiet,
            )
        )
    if ctx.options.json:
        write_json(to_json(result))
    else:
        render(result)
    sys.stdout.flush()
    return EXIT_OK
