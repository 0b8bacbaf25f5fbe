"""Bulk benchmark: import 100k generated leads, then walk them back with ``iter_leads``.

The sandbox runs in its own process (so its CPU does not slow the client's event loop) with a
fast strict window (10 requests per 0.1 s by default). For each phase the script prints the
wall time, the rate bound for the requests it made (n requests need at least
``per * (ceil(n / requests) - 1)`` seconds), their ratio, the 429s the client received, and
the client's CPU time and peak RSS (client and sandbox share the machine's cores, so a
CPU-bound phase cannot reach the bound). Run: ``.venv/bin/python benchmarks/bulk.py``
(``--rows`` to change the size). Figures go to ``benchmarks/results/bulk.txt``.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import resource
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from smartlead_async import RateLimit, SmartleadClient

RESULTS = Path(__file__).resolve().parent / "results" / "bulk.txt"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    """User + system CPU seconds of this process (or of its ended children)."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _bound(requests: int, window: tuple[int, float]) -> float:
    return window[1] * max(0, math.ceil(requests / window[0]) - 1)


def _leads(count: int, prefix: str = "lead") -> Iterator[dict[str, Any]]:
    """Generated rows, produced lazily (the import must not need them all in memory)."""
    for n in range(count):
        yield {
            "email": f"{prefix}{n}@bench.example",
            "first_name": f"First{n}",
            "last_name": f"Last{n}",
            "company_name": f"Company {n % 997}",
            "custom_fields": {"segment": f"s{n % 7}", "score": n % 100},
        }


def _start_sandbox(window: str, api_key: str, *extra: str) -> tuple[subprocess.Popen[str], str]:
    """The sandbox in its own process (``extra``: more ``serve`` options); it and its URL."""
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "smartlead_async.testing.serve",
            "--port",
            str(port),
            "--rate-limit",
            window,
            "--api-key",
            api_key,
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if "listening" not in line:
        proc.terminate()
        raise SystemExit(f"the sandbox did not start: {line!r}")
    return proc, f"http://127.0.0.1:{port}/api/v1"


def _phase(
    label: str,
    wall: float,
    cpu: float,
    requests: int,
    limited: int,
    window: tuple[int, float],
    rows: int,
    input_cpu: float = 0.0,
) -> dict[str, Any]:
    """One phase's figures; ``input_cpu`` is the CPU the input's own generation took (part of
    ``cpu``), so ``sdk_cpu_ms_per_1k_rows`` is the SDK's share alone."""
    bound = _bound(requests, window)
    return {
        "phase": label,
        "window": f"{window[0]}/{window[1]:g}s",
        "wall_s": round(wall, 3),
        "bound_s": round(bound, 3),
        "ratio": round(bound / wall, 3) if wall else 0.0,
        "client_cpu_s": round(cpu, 3),
        "cpu_ms_per_1k_rows": round(cpu * 1e6 / rows, 2) if rows else 0.0,
        "input_cpu_ms_per_1k_rows": round(input_cpu * 1e6 / rows, 2) if rows else 0.0,
        "sdk_cpu_ms_per_1k_rows": round((cpu - input_cpu) * 1e6 / rows, 2) if rows else 0.0,
        "requests": requests,
        "rate_limited": limited,
        "peak_rss_mib": round(_peak_rss_mib()),
        "rows": rows,
    }


def line(phase: dict[str, Any]) -> str:
    """One phase as a text line."""
    return (
        f"{phase['phase']:8s} wall {phase['wall_s']:6.2f}s  bound {phase['bound_s']:6.2f}s  "
        f"bound/wall {phase['ratio']:.2f}  client CPU {phase['client_cpu_s']:5.2f}s "
        f"({phase['cpu_ms_per_1k_rows']:.1f} ms per 1k rows)  requests {phase['requests']}  "
        f"429s {phase['rate_limited']}  peak RSS {phase['peak_rss_mib']} MiB  rows {phase['rows']}"
    )


async def _run(
    base_url: str, api_key: str, rows: int, window: tuple[int, float], concurrency: int | None
) -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = []
    async with SmartleadClient(api_key, base_url=base_url, rate_limit=RateLimit(*window)) as client:
        campaign = await client.campaigns.create(name="bulk benchmark")
        # each phase starts with an empty window, as its bound assumes: let the completions
        # of the requests before it expire first
        await asyncio.sleep(window[1])

        cpu = _cpu_seconds()
        for _row in _leads(rows):  # what generating the input costs on its own
            pass
        input_cpu = _cpu_seconds() - cpu
        sent, limited = client.requests_sent, client.rate_limited
        started, cpu = time.monotonic(), _cpu_seconds()
        report = await client.campaigns.import_leads(
            campaign.id, _leads(rows), concurrency=concurrency
        )
        wall = time.monotonic() - started
        report.check()
        lines.append(
            _phase(
                "import",
                wall,
                _cpu_seconds() - cpu,
                client.requests_sent - sent,
                client.rate_limited - limited,
                window,
                report.uploaded,
                input_cpu,
            )
        )

        await asyncio.sleep(window[1])
        sent, limited = client.requests_sent, client.rate_limited
        started, cpu = time.monotonic(), _cpu_seconds()
        walked = 0
        async for _lead in client.campaigns.iter_leads(campaign.id):
            walked += 1
        wall = time.monotonic() - started
        lines.append(
            _phase(
                "iterate",
                wall,
                _cpu_seconds() - cpu,
                client.requests_sent - sent,
                client.rate_limited - limited,
                window,
                walked,
            )
        )
    return lines


def measure(
    rows: int, window: tuple[int, float], concurrency: int | None = None
) -> list[dict[str, Any]]:
    """Import ``rows`` generated leads, then walk them back; the figures of both phases."""
    api_key = "sl_bench_" + secrets.token_hex(8)
    proc, base_url = _start_sandbox(f"{window[0]}/{window[1]}s", api_key)
    try:
        return asyncio.run(_run(base_url, api_key, rows, window, concurrency))
    finally:
        proc.terminate()
        proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--window", default="10/0.1", help="strict window REQUESTS/SECONDS")
    parser.add_argument(
        "--concurrency", type=int, default=None, help="import batches in flight (default 8)"
    )
    parser.add_argument(
        "--no-reference", action="store_true", help="skip the run without a rate limit"
    )
    args = parser.parse_args()
    count, per = args.window.split("/")
    window = (int(count), float(per))
    lines = [
        f"bulk benchmark: {args.rows} rows, sandbox in its own process, strict window "
        f"{window[0]} per {window[1]:g}s; client peak RSS before the run "
        f"{_peak_rss_mib():.0f} MiB; {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.2f} at start"
    ]
    lines += map(line, measure(args.rows, window, args.concurrency))
    if not args.no_reference:
        lines.append("reference: the same work with no effective rate limit (the CPU floor)")
        lines += map(line, measure(args.rows, (1_000_000, window[1]), args.concurrency))
    text = "\n".join(lines)
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text + "\n")


if __name__ == "__main__":
    main()
