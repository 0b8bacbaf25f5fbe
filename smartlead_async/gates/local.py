"""The default in-process gate: strict windows keyed on completions, plus shared cooldown."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Iterable, Mapping

from aiolimiter import AsyncLimiter

from smartlead_async.errors import ConfigurationError
from smartlead_async.gates._headers import (
    DEFAULT_MAX_PAUSE,
    check_margin,
    check_max_pause,
    header,
    header_int,
    parse_reset,
    pause_from_headers,
    window_span,
)
from smartlead_async.gates._learn import LimitLearner
from smartlead_async.gates._limits import (
    DEFAULT_RATE_LIMIT,
    RateLimit,
    RateLimitSpec,
    normalize_limits,
)

logger = logging.getLogger("smartlead_async.gate")


class _Window:
    """One ``requests`` per ``per_seconds`` window: completion times of recent requests."""

    __slots__ = ("completions", "limit", "span")

    def __init__(
        self, limit: RateLimit, margin: float | None, completions: Iterable[float] = ()
    ) -> None:
        self.limit = limit
        self.span = window_span(limit.per_seconds, margin)
        self.completions: deque[float] = deque(completions)

    def delay(self, now: float, in_flight: int) -> float | None:
        """Seconds until one more request may start; None when only a completion can free a slot."""
        horizon = now - self.span
        while self.completions and self.completions[0] <= horizon:
            self.completions.popleft()
        used = in_flight + len(self.completions)
        if used < self.limit.requests:
            return 0.0
        if in_flight >= self.limit.requests:
            return None
        # The oldest completion whose expiry brings `used` below the limit.
        index = used - self.limit.requests
        return self.completions[index] + self.span - now


class LocalGate:
    """Strict multi-window gate for one API key inside one process.

    ``acquire()`` admits a request only if, for every window, the requests still in flight
    plus the requests completed within the last ``per_seconds`` stay below the limit. Since a
    server counts a request when it arrives (after our send, before our response), keying the
    window on completions guarantees no server window ever sees more than ``requests``.
    aiolimiter paces the starts in front of the strict check so bursts are spread evenly.

    ``margin`` (seconds) is added to every window; the default (None) is 0.25% of each window.

    A server hint (``Retry-After``, ``x-ratelimit-reset``) pauses every caller, for at most
    ``max_pause`` seconds. After a pause that had to be capped the gate is half-open: one probe
    request goes first, alone, and full rate returns once it succeeds.

    With ``learn`` (the default) the gate also finds a stricter plan by itself: from the
    server's 429s, or its ``x-ratelimit-limit`` header, it learns one more window (see
    :attr:`learned_limit`) that decays back one request at a time. It never admits more than
    the configured windows allow.
    """

    def __init__(
        self,
        limits: RateLimitSpec = DEFAULT_RATE_LIMIT,
        *,
        margin: float | None = None,
        max_pause: float = DEFAULT_MAX_PAUSE,
        learn: bool = True,
    ) -> None:
        if not isinstance(learn, bool):
            raise ConfigurationError(f"learn must be True or False, got {learn!r}")
        self._margin = check_margin(margin)
        self._max_pause = check_max_pause(max_pause)
        self._half_open = False
        self._probing = False
        self._windows: list[_Window] = []
        self._pacers: list[AsyncLimiter] = []
        self._in_flight = 0
        self._cooldown_until = 0.0
        self._lock = asyncio.Lock()
        self._changed = asyncio.Event()
        self.requests_started = 0
        self.rate_limited = 0
        self._learner: LimitLearner | None = None
        self._learned: _Window | None = None
        self._active: list[_Window] = self._windows
        self._stale = 0  # responses still due to requests admitted before the last lesson
        self.add_windows(normalize_limits(limits))
        if learn:
            self._learner = LimitLearner(self.limits)

    @property
    def limits(self) -> tuple[RateLimit, ...]:
        """The windows this gate enforces."""
        return tuple(window.limit for window in self._windows)

    @property
    def in_flight(self) -> int:
        """Requests admitted whose outcome has not been reported yet."""
        return self._in_flight

    def add_windows(self, limits: Iterable[RateLimit]) -> None:
        """Enforce these windows too (already enforced ones are ignored)."""
        for limit in limits:
            if limit not in self.limits:
                self._windows.append(_Window(limit, self._margin))
                self._pacers.append(AsyncLimiter(limit.requests, limit.per_seconds))
        if self._learner is not None:
            self._learner.configure(self.limits)
            self._follow_learner(time.monotonic())

    @property
    def learned_limit(self) -> RateLimit | None:
        """The stricter window learned from the server (None: the configured ones hold)."""
        return None if self._learned is None else self._learned.limit

    @property
    def max_pause(self) -> float:
        """The longest shared pause any server hint can cause, in seconds."""
        return self._max_pause

    @max_pause.setter
    def max_pause(self, value: float) -> None:
        self._max_pause = check_max_pause(value)

    @property
    def half_open(self) -> bool:
        """True after a capped pause until a probe request succeeds."""
        return self._half_open

    def cooldown_remaining(self) -> float:
        """Seconds left of the current shared pause (0 when none)."""
        return max(0.0, self._cooldown_until - time.monotonic())

    def pause(self, seconds: float, *, capped: bool = False) -> None:
        """Hold every caller of this gate for ``seconds`` from now (at most ``max_pause``).

        ``capped`` (or a pause cut to ``max_pause`` here) makes the gate half-open afterwards.
        """
        if seconds > self._max_pause:
            seconds, capped = self._max_pause, True
        if capped:
            self._half_open = True
        until = time.monotonic() + seconds
        if until > self._cooldown_until:
            self._cooldown_until = until
            logger.debug("rate gate paused for %.2fs", seconds)
            self._changed.set()

    async def acquire(self) -> None:
        """Wait until one more request may start, then count it as in flight."""
        for pacer in self._pacers:
            await pacer.acquire()
        async with self._lock:  # FIFO: the oldest waiter is admitted first
            while True:
                now = time.monotonic()
                delay: float | None = self._cooldown_until - now
                if (
                    delay is not None
                    and delay <= 0
                    and self._half_open
                    and (self._probing or self._in_flight > 0)
                ):
                    delay = None  # half-open: the probe goes alone, once nothing is in flight
                if self._learner is not None:
                    self._learner.tick(now)
                    self._follow_learner(now)
                if delay is not None and delay <= 0:
                    delay = 0.0
                    for window in self._active:
                        wait = window.delay(now, self._in_flight)
                        if wait is None:
                            delay = None
                            break
                        delay = max(delay, wait)
                if delay is not None and delay <= 0:
                    self._probing = self._half_open
                    self._in_flight += 1
                    self.requests_started += 1
                    return
                self._changed.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), timeout=delay)

    async def on_response(self, status: int | None, headers: Mapping[str, str]) -> None:
        """Record that an admitted request ended; pause everyone after a 429 or an empty budget."""
        now = time.monotonic()
        self._in_flight = max(0, self._in_flight - 1)
        for window in self._active:
            window.completions.append(now)
        if status == 429:
            self.rate_limited += 1
        pause, capped = pause_from_headers(
            status, headers, self._shortest_window(), self._max_pause
        )
        if self._learner is not None:
            self._learn(status, headers, now)
        if self._probing:
            # The only request in flight while half-open was the probe: this is its outcome.
            self._probing = False
            if status is not None and status != 429 and status < 500 and not pause:
                self._half_open = False
                logger.debug("rate gate: probe succeeded, full rate restored")
        if pause:
            self.pause(pause, capped=capped)
        self._changed.set()

    def _learn(self, status: int | None, headers: Mapping[str, str], now: float) -> None:
        learner = self._learner
        assert learner is not None
        stale, self._stale = self._stale > 0, max(0, self._stale - 1)
        if status == 429:
            if not stale:  # a 429 for a request admitted under the limits now in force
                learner.rejected(now, pending=self._in_flight)
        elif status is not None:
            learner.accepted(now)
        announced = header_int(headers, "x-ratelimit-limit")
        if announced is not None:
            learner.observed(announced, parse_reset(header(headers, "x-ratelimit-reset")), now)
        self._follow_learner(now)

    def _follow_learner(self, now: float) -> None:
        """Enforce the learner's current window (rebuilt from its history when it changes)."""
        learner = self._learner
        if learner is None or learner.limit == self.learned_limit:
            return
        limit = learner.limit
        if limit is None:
            self._learned = None
            logger.info("rate gate: learned limit dropped, the configured windows hold")
        else:
            span = window_span(limit.per_seconds, self._margin)
            self._learned = _Window(limit, self._margin, learner.recent(span, now))
            logger.info("rate gate: learned limit %s from the server's answers", limit)
        self._active = [*self._windows, *([self._learned] if self._learned else [])]
        self._stale = self._in_flight
        self._changed.set()

    def _shortest_window(self) -> float:
        # The floor of a pause when the server gives no hint. The shortest window, not the
        # longest: with an hourly window a bare 429 must not stall the key for an hour (the
        # retry policy backs off further and the strict windows still hold).
        return min(window.limit.per_seconds for window in self._windows)

    def __repr__(self) -> str:
        windows = ", ".join(str(limit) for limit in self.limits)
        state = ", half_open" if self._half_open else ""
        if self._learned is not None:
            state += f", learned={self._learned.limit}"
        return f"LocalGate([{windows}], in_flight={self._in_flight}{state})"
