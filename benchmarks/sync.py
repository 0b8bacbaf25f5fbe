"""Sync benchmark: a full warehouse sync against the rate bound, then incremental requests.

The sandbox runs in its own process, seeded with ``--campaigns`` x ``--leads`` campaign
leads (and their statistics, replies and global leads), behind a strict window (10 requests
per 2 s by default, the real plan). The client uses the same window.

* **Full sync** into a fresh DuckDB file: wall time against the rate bound of the requests it
  made (n requests need at least ``per * (ceil(n / count) - 1)`` seconds), 429s, rows per
  table, client CPU. The wall time includes dlt's normalize and load after the reads.
* **Incremental**: each resource synced alone (so its requests are its own), first with
  nothing changed, then after ``--new-leads`` new enrolments in one campaign. Resources with
  an API filter make requests in proportion to the changes; the others read everything.

Run: ``.venv/bin/python benchmarks/sync.py`` (``--campaigns``, ``--leads``, ``--window``).
Figures go to ``benchmarks/results/sync.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bulk import _bound, _cpu_seconds, _start_sandbox

from smartlead_async import RateLimit, SmartleadClient
from smartlead_async.sync import TABLES, SyncReport, Workspace, sync

RESULTS = Path(__file__).resolve().parent / "results" / "sync.json"
WORKSPACE = "bench"
#: dlt normalizes the rows read in this many processes (the machine's cores).
NORMALIZE_WORKERS = max(1, min(4, os.cpu_count() or 1))


def _new_leads(count: int) -> Iterator[dict[str, Any]]:
    for n in range(count):
        yield {"email": f"new{n}@sync-bench.example", "first_name": f"New{n}"}


class _Bench:
    def __init__(self, base_url: str, api_key: str, window: tuple[int, float], folder: Path):
        self.space = Workspace(WORKSPACE, api_key, base_url=base_url)
        self.window = window
        self.folder = folder

    def sync(self, resources: list[str] | None = None) -> SyncReport:
        return sync(
            self.space,
            destination=f"duckdb:///{self.folder / 'bench.duckdb'}",
            pipelines_dir=self.folder / "dlt",
            resources=resources,
            client_options={"rate_limit": RateLimit(*self.window)},
            normalize_workers=NORMALIZE_WORKERS,
        )

    def full(self) -> dict[str, Any]:
        started, cpu = time.monotonic(), _cpu_seconds()
        report = self.sync()
        wall, spent = time.monotonic() - started, _cpu_seconds() - cpu
        report.raise_for_failures()
        requests = report.requests[WORKSPACE]
        bound = _bound(requests, self.window)
        rows = sum(report.loaded.values())
        return {
            "window": f"{self.window[0]}/{self.window[1]:g}s",
            "normalize_workers": NORMALIZE_WORKERS,
            "requests": requests,
            "wall_s": round(wall, 3),
            "bound_s": round(bound, 3),
            "wall_vs_bound": round(wall / bound, 3) if bound else 0.0,
            "rate_limited": report.rate_limited.get(WORKSPACE, 0),
            "steps_s": {step: round(t, 3) for step, t in report.steps.items()},
            "extract_vs_bound": round(report.steps["extract"] / bound, 3) if bound else 0.0,
            "rows_loaded": rows,
            "rows_per_table": dict(sorted(report.loaded.items())),
            "client_cpu_s": round(spent, 3),
            "cpu_ms_per_1k_rows": round(spent * 1e6 / rows, 2) if rows else 0.0,
        }

    def per_resource(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for name in TABLES:
            # each sync runs on a new event loop, so with a new gate: let the server's window
            # of the last sync pass first, or its 429s and their retries would count here
            time.sleep(self.window[1])
            report = self.sync([name])
            report.raise_for_failures()
            out[name] = {
                "requests": report.requests[WORKSPACE],
                "rate_limited": report.rate_limited.get(WORKSPACE, 0),
                "rows_loaded": report.rows_loaded(name),
            }
        return out


async def _enrol(base_url: str, api_key: str, count: int) -> int:
    async with SmartleadClient(api_key, base_url=base_url, rate_limit=RateLimit(10, 2.0)) as sl:
        campaign = (await sl.campaigns.list())[0].id
        report = await sl.campaigns.import_leads(campaign, _new_leads(count))
        report.check()
        return report.added


def measure(
    campaigns: int, leads: int, window: tuple[int, float], new_leads: int
) -> dict[str, Any]:
    """The full sync's figures, then each resource's incremental requests before and after
    ``new_leads`` new enrolments."""
    api_key = "sl_bench_" + secrets.token_hex(8)
    proc, base_url = _start_sandbox(
        f"{window[0]}/{window[1]}s",
        api_key,
        "--seed-campaigns",
        str(campaigns),
        "--seed-leads",
        str(leads),
    )
    try:
        with tempfile.TemporaryDirectory(prefix="sync-bench-") as folder:
            bench = _Bench(base_url, api_key, window, Path(folder))
            full = bench.full()
            unchanged = bench.per_resource()
            added = asyncio.run(_enrol(base_url, api_key, new_leads))
            changed = bench.per_resource()
    finally:
        proc.terminate()
        proc.wait()
    incremental = {
        name: {
            "filter": TABLES[name].incremental or "none: reads everything",
            "requests_unchanged": unchanged[name]["requests"],
            "requests_after_new_leads": changed[name]["requests"],
            "rate_limited": unchanged[name]["rate_limited"] + changed[name]["rate_limited"],
            "rows_loaded_after_new_leads": changed[name]["rows_loaded"],
        }
        for name in TABLES
    }
    return {
        "campaigns": campaigns,
        "campaign_leads": campaigns * leads,
        "full": full,
        "new_leads": added,
        "incremental": incremental,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--campaigns", type=int, default=10)
    parser.add_argument("--leads", type=int, default=10_000, help="leads per campaign")
    parser.add_argument("--window", default="10/2", help="strict window REQUESTS/SECONDS")
    parser.add_argument("--new-leads", type=int, default=1_000)
    args = parser.parse_args()
    count, per = args.window.split("/")
    figures = measure(args.campaigns, args.leads, (int(count), float(per)), args.new_leads)
    text = json.dumps(figures, indent=2)
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text + "\n")


if __name__ == "__main__":
    main()
