"""Either ``backoff`` distribution works, and a missing or foreign module fails clearly.

python-backoff (the declared dependency) and the original backoff >= 2.2 both install the
``backoff/`` package; CI also runs :mod:`tests.smoke_backoff` with the original in front.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers.paths import ROOT


def run(code: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", **env},
    )


def test_the_smoke_test_passes_with_the_installed_backoff() -> None:
    done = run(["-m", "tests.smoke_backoff"])
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok: 4 attempts, Retry-After honoured")


def test_a_missing_backoff_module_names_the_fix() -> None:
    done = run(["-c", "import sys; sys.modules['backoff'] = None; import smartlead_async"])
    assert done.returncode != 0
    assert "needs the 'backoff' module" in done.stderr
    assert "pip install python-backoff" in done.stderr


def test_a_foreign_backoff_module_names_the_fix(tmp_path: Path) -> None:
    (tmp_path / "backoff").mkdir()
    (tmp_path / "backoff" / "__init__.py").write_text("# not the retry library\n")
    done = run(["-c", "import smartlead_async"], PYTHONPATH=str(tmp_path))
    assert done.returncode != 0
    assert "is not the retry library" in done.stderr
    assert "--force-reinstall python-backoff" in done.stderr
