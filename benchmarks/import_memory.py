"""Peak memory of the import engine with dedupe on, against the number of rows (P2 memory).

Each size runs in a fresh process: generated rows (a lazy iterator, as a CSV reader gives
them) go through ``run_import`` with dedupe on and a batch sender that answers at once, so
the figure is the engine's own (validation, dedupe digests, batches in flight), not a
server's. Run: ``.venv/bin/python benchmarks/import_memory.py 100000 1000000``.
"""

from __future__ import annotations

import asyncio
import json
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import Any

from smartlead_async.imports import run_import
from smartlead_async.models.imports import BatchOutcome
from smartlead_async.models.lead_input import LeadInput


async def _accept_all(batch: Sequence[LeadInput]) -> BatchOutcome:
    return BatchOutcome(uploaded=len(batch))


def _rows(count: int) -> Any:
    for n in range(count):
        yield {"email": f"lead{n}@memory.example", "first_name": f"F{n}", "company_name": "Acme"}


def _peak_rss_mib() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited at fork)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(count: int) -> dict[str, Any]:
    baseline = _peak_rss_mib()
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.monotonic()
    report = asyncio.run(run_import(_accept_all, _rows(count), dedupe=True))
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {
        "rows": count,
        "uploaded": report.uploaded,
        "peak_rss_mib": round(_peak_rss_mib(), 1),
        "baseline_rss_mib": round(baseline, 1),
        "engine_cpu_ms_per_1k_rows": round(cpu * 1e6 / count, 2),
        "wall_s": round(time.monotonic() - started, 2),
    }


def measure(count: int) -> dict[str, Any]:
    """Run one size in a fresh process; its figures."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(count)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(_child(int(sys.argv[2]))))
    else:
        for size in sys.argv[1:] or ["100000"]:
            print(json.dumps(measure(int(size))))
