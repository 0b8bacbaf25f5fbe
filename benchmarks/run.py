"""``make bench``: every performance figure in one run, written to ``benchmarks/results/``.

Each section runs the SDK against a server in another process (the sandbox, or the gate
benchmark's strict server) and records ratios measured in the same run: achieved / rate
bound, SDK CPU / raw aiohttp CPU, SDK decode speed / msgspec. ``--quick`` runs every section
on tiny sizes (the CI smoke test); the figures it writes are not the ones to quote.

Run: ``.venv/bin/python benchmarks/run.py [--quick] [--out DIR]``. Writes ``latest.json`` and
``latest.md`` (the README's Performance table) to DIR (default ``benchmarks/results``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bulk
import cpu
import decode
import fanout
import fleet
import gate
import import_memory
import learn
import sync

RESULTS = Path(__file__).resolve().parent / "results"

#: Sizes per section: the full run and the CI smoke run.
SIZES: dict[str, dict[str, Any]] = {
    "full": {
        "gate_requests": 200,
        # P2 imports 100k rows at 10/2 s and 10/0.1 s; P3 walks 100k at 10/0.5 s and 20k at
        # 10/2 s (each run imports its rows, then walks them back)
        "bulk": [
            (100_000, (10, 2.0)),
            (100_000, (10, 0.1)),
            (100_000, (10, 0.5)),
            (20_000, (10, 2.0)),
        ],
        "cpu_leads": 20_000,
        # P1 fan-out: bulk.map over 60 campaigns at 10/1 s; 20/200/2,000 GETs at 10/1 s + 40/6 s
        "fanout": (60, [20, 200, 2000]),
        "decode_seconds": 1.5,
        "fleet": (4, 8_000),
        "memory_rows": [100_000, 1_000_000, 10_000_000],
        "plan": ("60/60s", 150.0),
        "sync": (10, 10_000, (10, 2.0), 1_000),
    },
    "quick": {
        "gate_requests": 20,
        "bulk": [(1_000, (10, 0.1))],
        "cpu_leads": 500,
        "fanout": (10, [20]),
        "decode_seconds": 0.3,
        "fleet": (2, 400),
        "memory_rows": [2_000, 20_000],
        "plan": ("5/2s", 6.0),
        "sync": (2, 200, (10, 0.2), 50),
    },
}


def _gate(sizes: dict[str, Any]) -> list[dict[str, Any]]:
    outcomes = asyncio.run(gate.main(sizes["gate_requests"]))
    return [
        {
            "workload": o.workload,
            "client": o.name,
            "requests": o.requests,
            "elapsed_s": round(o.elapsed, 3),
            "bound_s": round(o.bound, 3),
            "ratio": round(o.bound / o.elapsed, 3) if o.elapsed else 0.0,
            "rate_limited": o.rejected,
            "peak_in_window": o.peak_window,
        }
        for o in outcomes
    ]


def _bulk(sizes: dict[str, Any]) -> list[dict[str, Any]]:
    phases: list[dict[str, Any]] = []
    for rows, window in sizes["bulk"]:
        phases += bulk.measure(rows, window)
    return phases


def _fleet(sizes: dict[str, Any]) -> list[dict[str, Any]]:
    workers, rows = sizes["fleet"]
    redis_url, proc = fleet._start_redis()
    try:
        results = []
        for label, url in (("RedisGate", redis_url), ("in-process gates", None)):
            figures = asyncio.run(fleet._run_fleet(url, workers, rows, (10, 1.0)))
            results.append({"gates": label, "workers": workers, "rows_each": rows, **figures})
        return results
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait()


def _decode(sizes: dict[str, Any]) -> dict[str, Any]:
    return decode.main(seconds=sizes["decode_seconds"], write=False)


def _memory(sizes: dict[str, Any]) -> list[dict[str, Any]]:
    return [import_memory.measure(rows) for rows in sizes["memory_rows"]]


SECTIONS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "P1 gate": _gate,
    "P1 fan-out and two windows": lambda sizes: fanout.measure(*sizes["fanout"]),
    "P2/P3 import and walk": _bulk,
    "P4 CPU against raw aiohttp": lambda sizes: cpu.measure(sizes["cpu_leads"]),
    "P5 decode": _decode,
    "P6 fleet": _fleet,
    "P2 import memory": _memory,
    "P7 unannounced plan": lambda sizes: learn.measure(
        learn.RateLimit.parse(sizes["plan"][0]), sizes["plan"][1]
    ),
    "Warehouse sync": lambda sizes: sync.measure(*sizes["sync"]),
}


def _markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    later = "".join(
        f"; {name} measured {date}" for name, date in results.get("section_dates", {}).items()
    )
    out = [
        f"Measured {results['date']}{later} on {m['cpus']} CPUs, Python {m['python']} "
        f"({m['platform']}){' — quick sizes, not for quoting' if results['quick'] else ''}.",
        "",
        "| figure | measured |",
        "| --- | --- |",
    ]
    for row in results["P1 gate"]:
        out.append(
            f"| P1 gate 10/1 s, {row['requests']} x {row['workload']}, {row['client']} | "
            f"{row['ratio']:.3f} of the bound, {row['rate_limited']} x 429 |"
        )
    for row in results.get("P1 fan-out and two windows", []):
        out.append(
            f"| P1 {row['workload']}, {row['requests']} requests at {row['windows']}, "
            f"{row['client']} | {row['ratio']:.3f} of the bound ({row['wall_s']:.1f} s against "
            f"{row['bound_s']:.1f} s), {row['rate_limited']} x 429 |"
        )
    for row in results["P2/P3 import and walk"]:
        out.append(
            f"| P2/P3 {row['phase']} {row['rows']:,} rows at {row['window']} | "
            f"{row['ratio']:.3f} of the bound, {row['rate_limited']} x 429, "
            f"client CPU {row['cpu_ms_per_1k_rows']:.1f} ms per 1k rows"
            + (
                f" ({row['sdk_cpu_ms_per_1k_rows']:.1f} of them the SDK's, "
                f"{row['input_cpu_ms_per_1k_rows']:.1f} generating the input) |"
                if row.get("input_cpu_ms_per_1k_rows")
                else " |"
            )
        )
    p4 = results["P4 CPU against raw aiohttp"]
    out.append(
        f"| P4 client CPU vs raw aiohttp + orjson | pages of 100 leads "
        f"{p4['sdk_vs_raw_cpu_pages']:.2f}x, single GETs {p4['sdk_vs_raw_cpu_gets']:.2f}x"
        + (
            f", imports {p4['sdk_vs_raw_cpu_import']:.2f}x "
            f"({p4['sdk_import_cpu_ms_per_1k_rows']:.1f} vs "
            f"{p4['raw_import_cpu_ms_per_1k_rows']:.1f} ms per 1k rows) |"
            if "sdk_vs_raw_cpu_import" in p4
            else " |"
        )
    )
    if "cli_import_cpu_ms_per_1k_rows" in p4:
        out.append(
            f"| P2 CLI import of a CSV file: client CPU | "
            f"{p4['cli_import_cpu_ms_per_1k_rows']:.1f} ms per 1k rows (raw aiohttp + "
            f"csv.DictReader: {p4['raw_csv_import_cpu_ms_per_1k_rows']:.1f}, "
            f"{p4['cli_vs_raw_cpu_csv_import']:.2f}x), plus {p4['cli_start_cpu_ms']:.0f} ms "
            "to start |"
        )
    p5 = results["P5 decode"]
    vs = f", {p5['sdk_vs_msgspec']:.3f} of msgspec" if "sdk_vs_msgspec" in p5 else ""
    out.append(
        f"| P5 decode of a 100-row campaign-leads page | {p5['sdk_models_rows_per_s']:,} "
        f"rows/s (orjson dicts {p5['orjson_dicts_rows_per_s']:,}){vs} |"
    )
    for row in results["P6 fleet"]:
        out.append(
            f"| P6 {row['workers']} processes, one key, 10/1 s, {row['gates']} | "
            f"{row['ratio']:.3f} of the bound, {row['server_429']:.0f} x 429 |"
        )
    for row in results["P2 import memory"]:
        out.append(
            f"| import of {row['rows']:,} rows with dedupe: peak RSS | "
            f"{row['peak_rss_mib']:.0f} MiB (engine CPU {row['engine_cpu_ms_per_1k_rows']:.1f}"
            " ms per 1k rows) |"
        )
    for row in results["P7 unannounced plan"]:
        mode = "learning gate" if row["learn"] else "learn=False"
        out.append(
            f"| P7 plan {row['plan']} without headers, {mode} | 429s per window "
            f"{row['rate_limited_per_window']}, {row['ratio_first_two_windows']:.2f} of the "
            f"plan's bound in its first two windows, learned {row['learned']} |"
        )
    out += _sync_rows(results["Warehouse sync"])
    return "\n".join(out) + "\n"


def _sync_rows(figures: dict[str, Any]) -> list[str]:
    full = figures["full"]
    steps = full.get("steps_s", {})
    rows = [
        f"| sync: full, {figures['campaign_leads']:,} campaign leads, {full['window']} | "
        f"{full['requests']:,} requests in {full['wall_s']:.0f} s, {full['wall_vs_bound']:.3f}x "
        f"the rate bound ({full['bound_s']:.0f} s), {full['rate_limited']} x 429, "
        f"{full['rows_loaded']:,} rows; reads {steps.get('extract', 0):.0f} s "
        f"({full.get('extract_vs_bound', 0):.3f}x the bound), then dlt's normalize "
        f"{steps.get('normalize', 0):.0f} s and load {steps.get('load', 0):.0f} s |"
    ]
    for name, row in figures["incremental"].items():
        rows.append(
            f"| sync: {name} alone, unchanged / after {figures['new_leads']:,} new leads "
            f"(filter: {row['filter']}) | {row['requests_unchanged']} / "
            f"{row['requests_after_new_leads']} requests, "
            f"{row['rows_loaded_after_new_leads']:,} rows loaded |"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="tiny sizes (the CI smoke run)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where results go")
    parser.add_argument(
        "--only",
        action="append",
        choices=list(SECTIONS),
        metavar="SECTION",
        help="run only these sections (repeatable) and keep the others' figures from the "
        f"existing latest.json; one of: {', '.join(SECTIONS)}",
    )
    args = parser.parse_args()
    sizes = SIZES["quick" if args.quick else "full"]
    machine = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    results: dict[str, Any] = {}
    if args.only:
        previous = json.loads((args.out / "latest.json").read_text())
        if previous.get("quick") != args.quick:
            raise SystemExit("--only must use the sizes of the existing latest.json (--quick)")
        results.update(previous)
        results.setdefault("section_dates", {})
    date = time.strftime("%Y-%m-%d %H:%M:%S")
    results.update({"quick": args.quick, "machine": machine})
    results.setdefault("date", date)
    chosen = args.only or list(SECTIONS)
    for name in chosen:
        section = SECTIONS[name]
        started = time.monotonic()
        print(f"== {name}", flush=True)
        results[name] = section(sizes)
        if args.only:
            results["section_dates"][name] = date
        print(f"   done in {time.monotonic() - started:.1f}s", flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    table = _markdown(results)
    (args.out / "latest.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
