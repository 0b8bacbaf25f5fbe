"""The README's quick tour passes ``mypy --strict`` as written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers.paths import ROOT
from tests.test_readme import block_containing


def test_the_quick_tour_type_checks_strictly(tmp_path: Path) -> None:
    tour = tmp_path / "quick_tour.py"
    tour.write_text(block_containing("Q1 outreach"))
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(ROOT / ".mypy_cache"),
         "--no-error-summary", str(tour)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
