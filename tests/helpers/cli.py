"""What the in-process CLI runner gives back, and the key it must never print."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from tests.helpers.paths import ROOT

#: A recognisable key: tests assert that it never shows up in any output.
API_KEY = "sl_cli_test_key_5f3a9c"


@dataclass
class Result:
    """What one CLI run printed and returned."""

    code: int
    out: str
    err: str


#: The type of the ``cli`` fixture: ``cli("import", "x.csv")`` runs the CLI in-process.
Cli = Callable[..., Result]


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextmanager
def cli_process(*argv: str) -> Iterator[subprocess.Popen[str]]:
    """``python -m smartlead_async *argv`` from the repository root, with text pipes.

    A process still running when the block ends is killed; the pipes are closed either way.
    The child gets the default SIGINT action even when this run inherited an ignored one
    (a shell starting a job in the background ignores SIGINT for it).
    """
    command = [sys.executable, "-m", "smartlead_async", *argv]
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        preexec_fn=_default_sigint,
    ) as process:
        try:
            yield process
        finally:
            if process.poll() is None:
                process.kill()
