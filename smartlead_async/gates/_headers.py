"""How long a response tells every caller of a key to pause (shared by all gates).

Hostile or broken hints are ignored rather than obeyed: a non-finite, negative or unparsable
value yields no hint. An HTTP-date ``Retry-After`` is read on the wall clock once, here, and
turned into a delta; gates then keep it on the monotonic clock.
"""

from __future__ import annotations

import email.utils
import math
import time
from collections.abc import Mapping

from smartlead_async.errors import ConfigurationError

# A reset value above this is an absolute Unix time, below it a number of seconds.
_EPOCH_THRESHOLD = 1_000_000_000.0

#: The default cap on any shared pause a server hint can cause, in seconds.
DEFAULT_MAX_PAUSE = 120.0


def check_max_pause(value: float) -> float:
    """``value`` as a float, or :class:`ConfigurationError` unless it is finite and > 0."""
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or not value > 0
    ):
        raise ConfigurationError(f"max_pause must be a finite number of seconds > 0, got {value!r}")
    return float(value)


#: The default safety margin as a share of each window (5 ms at 2 s, 0.25 ms at 0.1 s).
#: Completion keying alone keeps every server window strict (the server counts a request
#: before it answers it); the margin only absorbs timestamp granularity on the server side.
MARGIN_FRACTION = 0.0025


def check_margin(value: float | None) -> float | None:
    """``value`` as a float (None: proportional), or :class:`ConfigurationError` if not >= 0."""
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or value < 0
    ):
        raise ConfigurationError(
            f"margin must be a finite number of seconds >= 0 or None, got {value!r}"
        )
    return float(value)


def window_span(per_seconds: float, margin: float | None) -> float:
    """How long a completion counts against its window: ``per`` plus the safety margin.

    Never shorter than ``per`` (the strict completion-keyed guarantee); the default margin is
    proportional to the window so short windows keep their throughput.
    """
    return per_seconds + (per_seconds * MARGIN_FRACTION if margin is None else margin)


def header(headers: Mapping[str, str], name: str) -> str | None:
    """The value of header ``name`` (lower case), matched case-insensitively."""
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def header_int(headers: Mapping[str, str], name: str) -> int | None:
    """Header ``name`` as a whole number >= 1; None when absent or anything else."""
    value = header(headers, name)
    if value is None or not value.strip().isdigit():
        return None
    number = int(value)
    return number if 1 <= number < 2**31 else None


def _finite_non_negative(number: float) -> float | None:
    return number if math.isfinite(number) and number >= 0 else None


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` value (delta seconds or an HTTP date); None if absent/bad."""
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        try:
            seconds = when.timestamp() - time.time()
        except (OverflowError, OSError, ValueError):
            return None
        # A date in the past means "now": the hint is valid, the wait is over.
        return max(0.0, seconds) if math.isfinite(seconds) else None
    return _finite_non_negative(seconds)


def parse_reset(value: str | None) -> float | None:
    """Seconds until an ``x-ratelimit-reset`` value (delta seconds or Unix time); None if bad."""
    if value is None:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    if not math.isfinite(number) or number < 0:
        return None
    if number > _EPOCH_THRESHOLD * 1000:  # milliseconds since the epoch
        number = number / 1000.0 - time.time()
    elif number > _EPOCH_THRESHOLD:
        number -= time.time()
    return max(0.0, number)


def retry_after_from(headers: Mapping[str, str]) -> float | None:
    """The ``Retry-After`` hint of a response, in seconds."""
    return parse_retry_after(header(headers, "retry-after"))


def pause_from_headers(
    status: int | None,
    headers: Mapping[str, str],
    window: float,
    max_pause: float = DEFAULT_MAX_PAUSE,
) -> tuple[float, bool]:
    """``(seconds, capped)``: how long every caller must wait after this response (0 for none).

    A 429 pauses for ``max(Retry-After, window)``; ``x-ratelimit-remaining: 0`` pauses until
    ``x-ratelimit-reset`` (or one window when no reset is given). The pause never exceeds
    ``max_pause``; ``capped`` says it was cut, after which a gate goes half-open.
    """
    pause = 0.0
    if status == 429:
        pause = max(retry_after_from(headers) or 0.0, window)
    remaining = header(headers, "x-ratelimit-remaining")
    if remaining is not None:
        try:
            exhausted = float(remaining) <= 0
        except ValueError:
            exhausted = False
        if exhausted:
            reset = parse_reset(header(headers, "x-ratelimit-reset"))
            pause = max(pause, reset if reset is not None else window)
    if pause > max_pause:
        return max_pause, True
    return pause, False
