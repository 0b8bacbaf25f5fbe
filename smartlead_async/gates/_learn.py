"""Learning a key's real limit from the server's 429s, for plans the SDK was not told about.

The configured windows (10 per 2 s by default) are an upper bound the gate always keeps. A
plan can be stricter, e.g. 60 per minute, and the server may say so only by answering 429,
without ``Retry-After`` or ``x-ratelimit-*`` headers. :class:`LimitLearner` turns those
answers into one extra window, in the spirit of the AWS SDKs' "adaptive" retry mode:

* A lone 429 may be a hiccup. It becomes a lesson only when the answers that follow confirm
  it: of the requests then in flight and the next one sent, at least half are refused too
  (a full window refuses them all; a hiccup passes them).
* The first lesson takes the requests the server accepted since the traffic began (at most
  an hour back) and learns "that many per the span they took", the span rounded up to a step
  of :data:`SPANS`: a server that says no after 60 requests in 12 s enforces a window of at
  least 12 s.
* A confirmed 429 although the learned window was kept means the server counts further
  back: the window doubles (to the next step), its count unchanged.
* ``x-ratelimit-limit`` is learned the same way when the server sends it, the longest
  ``x-ratelimit-reset`` seen with that limit giving the span.
* The learned limit decays: after every :data:`CALM_WINDOWS` window without a 429 it admits
  more, one request at first and twice as many after each probe that held, so a plan
  upgrade, or a lesson drawn from a hiccup, fades. A 429 during a probe takes the count back
  to the last one that held; the next probe adds one request again and waits twice as long.
  Once the learned window allows as much as the configured ones, it is dropped.
"""

from __future__ import annotations

import bisect
import math

from smartlead_async.gates._limits import RateLimit

#: The window lengths a learned limit may take, in seconds.
SPANS: tuple[float, ...] = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600)
#: Windows without a 429 before a learned limit admits more.
CALM_WINDOWS = 1
#: Accepted requests remembered for learning (an hour at 10 per 2 s is 18,000).
HISTORY = 50_000
_PRUNE_EVERY = 60.0


def span_at_least(seconds: float) -> float:
    """The shortest step of :data:`SPANS` of at least ``seconds`` (the longest one beyond)."""
    for span in SPANS:
        if span >= seconds:
            return span
    return SPANS[-1]


class LimitLearner:
    """The learned window of one key: fed every outcome, it says which extra window holds."""

    def __init__(self, configured: tuple[RateLimit, ...]) -> None:
        self._configured = configured
        self._accepted: list[float] = []  # completion times of accepted requests, ascending
        self.limit: RateLimit | None = None
        self._confirmed = 0  # the count that last held without a 429
        self._calm_since = 0.0
        self._patience = CALM_WINDOWS
        self._step = 1  # requests the next probe adds
        self._longest_reset: dict[int, float] = {}  # per announced limit
        # an unconfirmed 429: the lesson it would teach, the responses left to decide it and
        # the 429s among them that confirm it
        self._suspect: tuple[RateLimit, int, int] | None = None

    def configure(self, configured: tuple[RateLimit, ...]) -> None:
        """The configured windows changed (a learned window never allows more than they do)."""
        self._configured = configured

    def accepted(self, now: float) -> None:
        """A request completed without a 429."""
        self._accepted.append(now)
        if self._suspect is not None:  # an accepted answer counts against the suspicion
            lesson, left, needed = self._suspect
            self._suspect = (lesson, left - 1, needed) if left > 1 else None
        if len(self._accepted) > 2 * HISTORY:
            del self._accepted[:HISTORY]
        # Times older than the longest span teach nothing; they are dropped a minute's worth
        # at a time, as deleting from the front of the list moves all the rest.
        horizon = now - SPANS[-1]
        if self._accepted[0] < horizon - _PRUNE_EVERY:
            del self._accepted[: bisect.bisect_left(self._accepted, horizon)]

    def count_since(self, since: float) -> int:
        """Accepted requests that completed after ``since``."""
        return len(self._accepted) - bisect.bisect_right(self._accepted, since)

    def recent(self, seconds: float, now: float) -> list[float]:
        """Completion times of the requests accepted in the last ``seconds``."""
        return self._accepted[bisect.bisect_right(self._accepted, now - seconds) :]

    def rejected(self, now: float, pending: int) -> None:
        """A 429 arrived for a request sent under the current limits (``pending`` others are
        still in flight): learn from it once the next responses confirm it."""
        self._calm_since = now
        current = self.limit
        if current is not None and current.requests > self._confirmed > 0:
            # the probe of more requests was refused: back to the count that held
            self._patience *= 2
            self._step = 1
            self._set(RateLimit(self._confirmed, current.per_seconds))
            self._suspect = None
            return
        if self._suspect is not None:
            lesson, left, needed = self._suspect
            if needed <= 1:
                self._suspect = None
                self._confirmed = lesson.requests
                self._set(lesson)
            else:
                self._suspect = (lesson, left - 1, needed - 1) if left > 1 else None
            return
        taught = self._lesson(now)
        if taught is not None:
            # decided by the responses to the requests in flight and the next one sent
            self._suspect = (taught, pending + 1, max(1, (pending + 1) // 2))

    def _lesson(self, now: float) -> RateLimit | None:
        """What a confirmed 429 now would teach (None: nothing to learn)."""
        current = self.limit
        if current is None:
            if not self._accepted:
                return None
            span = span_at_least(now - self._accepted[0])
            return RateLimit(max(1, self.count_since(now - span)), span)
        if current.per_seconds >= SPANS[-1]:
            return None
        return RateLimit(current.requests, span_at_least(2 * current.per_seconds))

    def observed(self, limit: int, reset: float | None, now: float) -> None:
        """The server announced its limit (``x-ratelimit-limit``); learn it when it is tighter."""
        longest = max(self._longest_reset.get(limit, 1.0), reset or 0.0)
        if limit in self._longest_reset or len(self._longest_reset) < 16:
            self._longest_reset[limit] = longest
        span = span_at_least(longest)
        learned = RateLimit(max(1, limit), span)
        if self._allows_all(learned) or learned == self.limit:
            return
        self._calm_since = now
        self._confirmed = learned.requests
        self._set(learned)

    def tick(self, now: float) -> None:
        """Time passed: after enough calm windows, probe for more (the current step)."""
        current = self.limit
        if current is None or now - self._calm_since < self._patience * current.per_seconds:
            return
        self._calm_since = now
        if current.requests > self._confirmed:
            self._confirmed = current.requests  # the last probe held
            self._patience = CALM_WINDOWS
            self._step *= 2
        self._set(RateLimit(current.requests + self._step, current.per_seconds))

    def _allows_all(self, limit: RateLimit) -> bool:
        """Whether ``limit`` is no stricter than the configured windows over its span."""
        return any(
            c.requests * math.ceil(limit.per_seconds / c.per_seconds) <= limit.requests
            for c in self._configured
        )

    def _set(self, limit: RateLimit) -> None:
        if self._allows_all(limit):
            self.limit, self._confirmed = None, 0
        else:
            self.limit = limit
