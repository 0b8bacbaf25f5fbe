"""Fleet benchmark: 4 processes importing into one sandbox API key.

Compares the aggregate request rate and the 429s the server sent when the workers share one
budget through :class:`~smartlead_async.gates.redis.RedisGate` with the same workers using
their own in-process gates (each believing it owns the whole budget).

Run: ``.venv/bin/python benchmarks/fleet.py`` (needs ``redis-server`` on PATH, or
``REDIS_URL`` pointing at a server). Figures go to ``benchmarks/results/fleet.txt``.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import multiprocessing
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from smartlead_async import RateLimit, SmartleadClient
from smartlead_async.testing import SandboxServer

RESULTS = Path(__file__).resolve().parent / "results" / "fleet.txt"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_redis() -> tuple[str, subprocess.Popen[bytes] | None]:
    if os.environ.get("REDIS_URL"):
        return os.environ["REDIS_URL"], None
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server not found: install it or set REDIS_URL")
    port = _free_port()
    proc = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            tempfile.gettempdir(),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    return f"redis://127.0.0.1:{port}/0", proc


def _worker(
    base_url: str,
    api_key: str,
    redis_url: str | None,
    rows: int,
    window: tuple[int, float],
    index: int,
) -> dict[str, float]:
    async def run() -> dict[str, float]:
        limit = RateLimit(*window)
        gate = None
        if redis_url is not None:
            from smartlead_async.gates.redis import RedisGate

            gate = RedisGate(redis_url, api_key=api_key, limits=limit)
        async with SmartleadClient(
            api_key, base_url=base_url, rate_limit=limit, gate=gate
        ) as client:
            campaign = await client.campaigns.create(name=f"fleet worker {index}")
            leads = ({"email": f"w{index}-lead{n}@fleet.example"} for n in range(rows))
            report = await client.campaigns.import_leads(campaign.id, leads)
            report.check()
            result = {
                "uploaded": float(report.uploaded),
                "failed": float(report.failed_rows),
                "requests": float(client.requests_sent),
                "client_429": float(client.rate_limited),
            }
        if gate is not None:
            await gate.aclose()
        return result

    return asyncio.run(run())


async def _run_fleet(
    redis_url: str | None, workers: int, rows: int, window: tuple[int, float]
) -> dict[str, float]:
    async with SandboxServer(rate_limits=[window]) as sandbox:
        loop = asyncio.get_running_loop()
        ctx = multiprocessing.get_context("spawn")
        started = time.monotonic()
        with ctx.Pool(workers) as pool:
            pending = [
                pool.apply_async(
                    _worker, (sandbox.base_url, sandbox.api_key, redis_url, rows, window, index)
                )
                for index in range(workers)
            ]
            results = [await loop.run_in_executor(None, item.get) for item in pending]
        wall = time.monotonic() - started
        records = sandbox.log.records
        # Time the traffic as the server saw it (process start-up is not the gate's doing).
        elapsed = records[-1].time - records[0].time if records else wall
        accepted = sandbox.counters.total - sandbox.counters.rate_limited
        bound = window[1] * (math.ceil(accepted / window[0]) - 1)
        return {
            "wall": wall,
            "elapsed": elapsed,
            "bound": bound,
            "ratio": bound / elapsed if elapsed else 0.0,
            "server_requests": float(sandbox.counters.total),
            "server_429": float(sandbox.counters.rate_limited),
            "accepted": float(accepted),
            "uploaded": sum(r["uploaded"] for r in results),
            "failed": sum(r["failed"] for r in results),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rows", type=int, default=8000, help="rows each worker imports")
    parser.add_argument("--window", default="10/1", help="server window REQUESTS/SECONDS")
    args = parser.parse_args()
    count, per = args.window.split("/")
    window = (int(count), float(per))
    redis_url, proc = _start_redis()
    lines = [
        f"fleet benchmark: {args.workers} processes x {args.rows} rows, one key, "
        f"server window {window[0]} per {window[1]:g}s"
    ]
    try:
        for label, url in (("RedisGate (shared)", redis_url), ("in-process gates", None)):
            r = asyncio.run(_run_fleet(url, args.workers, args.rows, window))
            lines.append(
                f"{label:20s} traffic {r['elapsed']:6.2f}s  bound {r['bound']:6.2f}s  "
                f"bound/actual {r['ratio']:.2f}  server requests {r['server_requests']:.0f}  "
                f"429s {r['server_429']:.0f}  uploaded {r['uploaded']:.0f}  "
                f"failed {r['failed']:.0f}"
            )
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait()
    text = "\n".join(lines)
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text + "\n")


if __name__ == "__main__":
    main()
