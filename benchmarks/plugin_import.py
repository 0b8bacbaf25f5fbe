"""What loading the pytest plugin costs a project that merely has the SDK installed.

    python benchmarks/plugin_import.py

Runs ``python -X importtime`` a few times with pytest and pytest-asyncio already imported (as
they are when pytest loads plugins) and reports the plugin's cumulative import time: the
median and the worst, in milliseconds. Written to ``benchmarks/results/plugin_import.json``.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

RUNS = 9
RESULTS = Path(__file__).parent / "results" / "plugin_import.json"


def once() -> float:
    code = "import pytest, pytest_asyncio, smartlead_async_pytest"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, check=True
    )
    for line in done.stderr.splitlines():
        if line.rstrip().endswith("| smartlead_async_pytest"):
            return int(line.split("|")[1]) / 1000  # cumulative, in ms
    raise RuntimeError("the plugin was not imported")


def main() -> None:
    times = [once() for _ in range(RUNS)]
    result = {
        "runs": RUNS,
        "median_ms": round(statistics.median(times), 2),
        "max_ms": round(max(times), 2),
        "target_ms": 30,
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
