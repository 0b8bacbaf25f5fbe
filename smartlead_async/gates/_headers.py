"""How long a response tells every caller of a key to pause (shared by all gates)."""

from __future__ import annotations

import email.utils
import time
from collections.abc import Mapping

# A reset value above this is an absolute Unix time, below it a number of seconds.
_EPOCH_THRESHOLD = 1_000_000_000.0


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


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
        except (TypeError, ValueError):
            return None
        seconds = when.timestamp() - time.time()
    return max(0.0, seconds)


def parse_reset(value: str | None) -> float | None:
    """Seconds until an ``x-ratelimit-reset`` value (delta seconds or Unix time)."""
    if value is None:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    if number > _EPOCH_THRESHOLD * 1000:  # milliseconds since the epoch
        number = number / 1000.0 - time.time()
    elif number > _EPOCH_THRESHOLD:
        number -= time.time()
    return max(0.0, number)


def retry_after_from(headers: Mapping[str, str]) -> float | None:
    """The ``Retry-After`` hint of a response, in seconds."""
    return parse_retry_after(_header(headers, "retry-after"))


def pause_from_headers(status: int | None, headers: Mapping[str, str], window: float) -> float:
    """Seconds every caller must wait after this response (0 for none).

    A 429 pauses for ``max(Retry-After, window)``; ``x-ratelimit-remaining: 0`` pauses until
    ``x-ratelimit-reset`` (or one window when no reset is given).
    """
    pause = 0.0
    if status == 429:
        pause = max(retry_after_from(headers) or 0.0, window)
    remaining = _header(headers, "x-ratelimit-remaining")
    if remaining is not None:
        try:
            exhausted = float(remaining) <= 0
        except ValueError:
            exhausted = False
        if exhausted:
            reset = parse_reset(_header(headers, "x-ratelimit-reset"))
            pause = max(pause, reset if reset is not None else window)
    return pause
