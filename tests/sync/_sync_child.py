"""``smartlead-async sync`` in a child process that kills itself with SIGKILL at a dlt step.

Run: ``python -m tests.sync._sync_child POINT -- SYNC-ARGS...``. POINT is one of
:data:`KILL_AT` (or ``none`` to run the sync unchanged, for a kill from outside):

* ``normalize``: the rows and their state are extracted, nothing normalized or loaded;
* ``load``: normalized, nothing loaded;
* ``complete``: every row is in the destination, but the load is not marked done.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

KILL_AT = ("normalize", "load", "complete")


def _kill(*_args: Any, **_kwargs: Any) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def main(argv: list[str]) -> int:
    point, separator, *args = argv
    assert separator == "--", "usage: _sync_child POINT -- SYNC-ARGS..."
    if point == "normalize":
        from dlt.pipeline.pipeline import Pipeline

        Pipeline.normalize = _kill  # type: ignore[method-assign]
    elif point == "load":
        from dlt.pipeline.pipeline import Pipeline

        Pipeline.load = _kill  # type: ignore[method-assign]
    elif point == "complete":
        from dlt.load.load import Load

        Load.complete_package = _kill  # type: ignore[method-assign]
    elif point != "none":
        raise SystemExit(f"unknown kill point {point!r}; choose from {KILL_AT} or none")
    from smartlead_async.cli import main as cli_main

    return cli_main(["sync", *args])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
