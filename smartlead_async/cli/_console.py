"""Terminal output through rich, imported lazily: ``import smartlead_async`` never needs it."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import orjson

from smartlead_async.cli._common import EXIT_USAGE, CliError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress


def require_rich() -> None:
    """Fail with install advice when the ``cli`` extra is missing."""
    try:
        import rich  # noqa: F401
    except ImportError:
        raise CliError(
            "the command line needs the 'rich' package: pip install 'smartlead-async[cli]'",
            EXIT_USAGE,
        ) from None


def stdout_console() -> Console:
    """A console on stdout (resolved at write time, so redirection works)."""
    from rich.console import Console

    return Console(highlight=False)


def stderr_console() -> Console:
    """A console on stderr, for progress bars and notices."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def progress_bar(console: Console, *, unit: str, disable: bool = False) -> Progress:
    """A progress display: bar, done/total, ``unit``/s, ETA and elapsed time."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        SpinnerColumn,
        Task,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Items per second, e.g. ``1,234 rows/s``."""

        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            shown = "-" if speed is None else f"{speed:,.0f}"
            return Text(f"{shown} {unit}/s", style="progress.data.speed")

    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeRemainingColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=disable,
        speed_estimate_period=10.0,
    )


def write_json(data: Any) -> None:
    """Pretty JSON on stdout (one document)."""
    text = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS, default=str)
    sys.stdout.write(text.decode() + "\n")
    sys.stdout.flush()
