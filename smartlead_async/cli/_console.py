"""Terminal output through rich, imported lazily: ``import smartlead_async`` never needs it."""

from __future__ import annotations

import math
import sys
import time
from collections import deque
from typing import IO, TYPE_CHECKING, Any

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
    require_rich()
    from rich.console import Console

    return Console(highlight=False)


def stderr_console() -> Console:
    """A console on stderr, for progress bars and notices."""
    require_rich()
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
        speed_estimate_period=RATE_WINDOW,
    )


#: Seconds of history the rate and the ETA are computed from.
RATE_WINDOW = 10.0
#: Seconds between bar updates on a terminal, and between plain lines elsewhere.
TTY_INTERVAL = 0.25
PLAIN_INTERVAL = 5.0


class Meter:
    """Progress of one job on ``stream`` (stderr): a rich bar on a terminal, else a plain line
    every few seconds (rich is needed only for the bar).

    Updates are throttled to time-spaced samples, so that the rate (over the last
    :data:`RATE_WINDOW` seconds) counts finished work, not bursts. ``baseline`` rows (resumed
    from a journal) are neither shown as done by this run nor counted in its rate.
    """

    def __init__(
        self,
        description: str,
        *,
        unit: str,
        total: int | None = None,
        disable: bool = False,
        baseline: int = 0,
        stream: IO[str] | None = None,
    ) -> None:
        self._stream = sys.stderr if stream is None else stream
        self._description = description
        self._unit = unit
        self._baseline = baseline
        self._total = None if total is None else max(0, total - baseline)
        self._disable = disable
        isatty = getattr(self._stream, "isatty", None)
        self._plain = not (callable(isatty) and isatty())
        self._progress: Progress | None = None
        self._task: Any = None
        self._done = 0
        self._last = -math.inf
        self._samples: deque[tuple[float, int]] = deque()

    def __enter__(self) -> Meter:
        if not self._disable and not self._plain:
            require_rich()
            from rich.console import Console

            console = Console(file=self._stream, highlight=False)
            self._progress = progress_bar(console, unit=self._unit)
            self._progress.__enter__()
            self._task = self._progress.add_task(self._description, total=self._total)
        self._sample(time.monotonic())
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(None, None, None)

    def set_total(self, total: int | None) -> None:
        """The job's total rows or items (None: unknown)."""
        self._total = None if total is None else max(0, total - self._baseline)

    def update(self, done: int, *, force: bool = False) -> None:
        """``done`` rows or items so far (the baseline included); shown at most so often."""
        self._done = max(0, done - self._baseline)
        now = time.monotonic()
        interval = PLAIN_INTERVAL if self._plain else TTY_INTERVAL
        if not force and now - self._last < interval:
            return
        self._sample(now)
        if self._disable:
            return
        if self._progress is not None:
            self._progress.update(self._task, completed=self._done, total=self._total)
        elif force or self._done:
            self._stream.write(self.line() + "\n")
            self._stream.flush()

    def finish(self, done: int, total: int | None = None) -> None:
        """The final figures (always shown)."""
        if total is not None:
            self.set_total(total)
        self.update(done, force=True)

    def _sample(self, now: float) -> None:
        self._last = now
        self._samples.append((now, self._done))
        while len(self._samples) > 2 and now - self._samples[0][0] > RATE_WINDOW:
            self._samples.popleft()

    def rate(self) -> float | None:
        """Rows or items per second over the last window; None before two samples."""
        if len(self._samples) < 2:
            return None
        (start, first), (end, last) = self._samples[0], self._samples[-1]
        return (last - first) / (end - start) if end > start else None

    def line(self) -> str:
        """The plain progress line: done/total, rate and ETA, on one line."""
        total = f"/{self._total:,}" if self._total is not None else ""
        rate = self.rate()
        parts = [f"{self._description}: {self._done:,}{total} {self._unit}"]
        if rate is not None:
            parts.append(f"{rate:,.0f} {self._unit}/s")
            if self._total is not None and rate > 0 and self._done < self._total:
                parts.append(f"ETA {_clock((self._total - self._done) / rate)}")
        if self._baseline:
            parts.append(f"{self._baseline:,} resumed")
        return ", ".join(parts)


def _clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def write_json(data: Any) -> None:
    """Pretty JSON on stdout (one document)."""
    text = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS, default=str)
    sys.stdout.write(text.decode() + "\n")
    sys.stdout.flush()
