"""Strict sliding-window rate limiting per API key, as the sandbox server enforces it.

A request is admitted only if, for every window ``(requests, per)``, fewer than ``requests``
admitted requests arrived in the last ``per`` seconds. Rejected requests are not recorded, so
they do not consume budget.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

__all__ = ["DEFAULT_WINDOWS", "RateDecision", "RateWindow", "SlidingWindowLimiter", "parse_window"]


@dataclass(frozen=True, slots=True)
class RateWindow:
    """At most ``requests`` requests in any ``per`` seconds."""

    requests: int
    per: float

    def __post_init__(self) -> None:
        if self.requests < 1:
            raise ValueError(f"RateWindow.requests must be >= 1, got {self.requests}")
        if not self.per > 0:
            raise ValueError(f"RateWindow.per must be > 0 seconds, got {self.per}")


DEFAULT_WINDOWS: tuple[RateWindow, ...] = (RateWindow(10, 2.0),)


def parse_window(text: str) -> RateWindow:
    """Parse ``"10/2s"``, ``"60/60"``, ``"60/1m"`` or ``"1000/1h"`` into a :class:`RateWindow`."""
    units = {"s": 1.0, "m": 60.0, "h": 3600.0}
    count, sep, span = text.strip().partition("/")
    if not sep:
        raise ValueError(f"rate limit {text!r} must look like REQUESTS/SECONDS, e.g. 10/2s")
    span = span.strip().lower()
    factor = 1.0
    if span and span[-1] in units:
        factor = units[span[-1]]
        span = span[:-1]
    try:
        return RateWindow(int(count), float(span or "1") * factor)
    except ValueError as exc:
        raise ValueError(f"rate limit {text!r} is not valid (e.g. 10/2s): {exc}") from None


def coerce_windows(
    windows: Iterable[RateWindow | tuple[int, float] | str] | RateWindow | None,
) -> tuple[RateWindow, ...]:
    """Normalise the ``rate_limits`` argument: None disables limiting."""
    if windows is None:
        return ()
    if isinstance(windows, RateWindow):
        return (windows,)
    result: list[RateWindow] = []
    for item in windows:
        if isinstance(item, RateWindow):
            result.append(item)
        elif isinstance(item, str):
            result.append(parse_window(item))
        else:
            requests, per = item
            result.append(RateWindow(int(requests), float(per)))
    return tuple(result)


@dataclass(frozen=True, slots=True)
class RateDecision:
    """Outcome of :meth:`SlidingWindowLimiter.hit`.

    ``retry_after`` is the integer seconds to announce on a rejection (at least 1);
    ``limit``/``remaining``/``reset`` describe the tightest window for the optional headers.
    """

    allowed: bool
    retry_after: int
    limit: int
    remaining: int
    reset: int
    admitted_at: float


class SlidingWindowLimiter:
    """Sliding-log limiter keyed by API key; O(requests) memory per key and window."""

    def __init__(
        self, windows: Sequence[RateWindow], clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.windows = tuple(windows)
        self._clock = clock
        self._logs: dict[str, list[deque[float]]] = {}

    def _log_for(self, key: str) -> list[deque[float]]:
        logs = self._logs.get(key)
        if logs is None:
            logs = [deque() for _ in self.windows]
            self._logs[key] = logs
        return logs

    def hit(self, key: str) -> RateDecision:
        """Admit (and record) or reject one request arriving now for ``key``."""
        now = self._clock()
        if not self.windows:
            return RateDecision(True, 0, 0, 0, 0, now)
        logs = self._log_for(key)
        wait = 0.0
        for window, log in zip(self.windows, logs, strict=True):
            while log and log[0] <= now - window.per:
                log.popleft()
            if len(log) >= window.requests:
                wait = max(wait, log[0] + window.per - now)
        if wait > 0:
            tight = self._tightest(logs, now)
            return RateDecision(False, max(1, math.ceil(wait)), *tight, now)
        for log in logs:
            log.append(now)
        return RateDecision(True, 0, *self._tightest(logs, now), now)

    def refund(self, key: str, admitted_at: float) -> None:
        """Forget an admitted request (used when the server answers it with a 429 anyway)."""
        for log in self._logs.get(key, ()):
            try:
                log.remove(admitted_at)
            except ValueError:
                continue

    def _tightest(self, logs: list[deque[float]], now: float) -> tuple[int, int, int]:
        """``(limit, remaining, reset)`` of the window with the fewest remaining slots."""
        rows = []
        for window, log in zip(self.windows, logs, strict=True):
            remaining = max(0, window.requests - len(log))
            reset = max(0, math.ceil(log[0] + window.per - now)) if log else 0
            rows.append((remaining, window.requests, reset))
        remaining, limit, reset = min(rows, key=lambda row: row[0])
        return limit, remaining, reset

    def reset(self) -> None:
        """Forget all recorded requests."""
        self._logs.clear()
