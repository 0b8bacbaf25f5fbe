"""The gate protocol, the window type, plan presets and key fingerprints.

A gate is asked before every HTTP attempt (:meth:`RateGate.acquire`) and told about every
attempt's outcome (:meth:`RateGate.on_response`), exactly once per acquire. Windows are keyed
on *completions*: the (k+N)-th request of a window may start only ``per`` seconds after the
k-th request's response arrived, so no server-side window ever counts more than N.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol, runtime_checkable

import attrs

from smartlead_async.errors import ConfigurationError


def _positive_int(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError(
            f"RateLimit.{attribute.name} must be a positive int, got {value!r}"
        )


def _to_seconds(value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ConfigurationError(
            f"RateLimit.per_seconds must be a positive number of seconds, got {value!r}"
        )
    return float(value)


_UNITS = {
    "s": 1.0, "sec": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0, "hour": 3600.0,
}  # fmt: skip
_LIMIT_TEXT = re.compile(
    r"^\s*(?P<count>\d+)\s*/\s*(?P<number>\d+(?:\.\d*)?|\.\d+)?\s*(?P<unit>[a-z]*)\s*$",
    re.IGNORECASE,
)


@attrs.frozen
class RateLimit:
    """At most ``requests`` requests in any ``per_seconds`` window."""

    requests: int = attrs.field(validator=_positive_int)
    per_seconds: float = attrs.field(converter=_to_seconds)

    @classmethod
    def parse(cls, text: str) -> RateLimit:
        """Parse ``"10/2s"``, ``"60/60s"``, ``"60/min"``, ``"1000/h"`` or ``"10/s"``."""
        match = _LIMIT_TEXT.match(text) if isinstance(text, str) else None
        if match is None:
            raise ConfigurationError(
                f"rate limit {text!r} is not of the form REQUESTS/PERIOD, e.g. '10/2s', "
                "'60/min' or '1000/h'"
            )
        count, number, unit = match.group("count", "number", "unit")
        if not unit and number:
            unit = "s"  # "10/2": a bare number of seconds
        if unit.lower() in _UNITS:
            unit = unit.lower()
        if unit not in _UNITS:
            raise ConfigurationError(
                f"rate limit {text!r}: unknown unit {unit!r} (use s, min or h)"
            )
        return cls(int(count), float(number or 1) * _UNITS[unit])

    def __str__(self) -> str:
        return f"{self.requests}/{self.per_seconds:g}s"


#: The published plans (catalog R7). The default is the classic 10 requests per 2 seconds.
PLAN_PRESETS: Mapping[str, tuple[RateLimit, ...]] = {
    "classic": (RateLimit(10, 2.0),),
    "sustained": (RateLimit(60, 60.0),),
    "standard": (RateLimit(10, 1.0), RateLimit(60, 60.0), RateLimit(1000, 3600.0)),
    "pro": (RateLimit(20, 1.0), RateLimit(120, 60.0), RateLimit(3000, 3600.0)),
    "conservative": (RateLimit(10, 2.0), RateLimit(60, 60.0)),
}

DEFAULT_RATE_LIMIT = RateLimit(10, 2.0)

RateLimitSpec = RateLimit | Sequence[RateLimit | str] | str


def normalize_limits(spec: RateLimitSpec) -> tuple[RateLimit, ...]:
    """Turn a limit, a preset name, ``"10/2s"`` text or a list of those into a tuple of windows."""
    if isinstance(spec, RateLimit):
        return (spec,)
    if isinstance(spec, str):
        if spec.strip().lower() in PLAN_PRESETS:
            return PLAN_PRESETS[spec.strip().lower()]
        if "/" not in spec:
            raise ConfigurationError(
                f"rate_limit {spec!r} is neither a preset ({', '.join(PLAN_PRESETS)}) "
                "nor a limit such as '10/2s'"
            )
        limits = tuple(RateLimit.parse(part) for part in spec.split(",") if part.strip())
    elif isinstance(spec, Iterable):
        limits = tuple(
            item
            for entry in spec
            for item in (normalize_limits(entry) if isinstance(entry, str) else (entry,))
        )
    else:
        raise ConfigurationError(
            "rate_limit must be a RateLimit, a list of RateLimit, a preset name or a string "
            f"such as '10/2s', got {type(spec).__name__}"
        )
    if not limits:
        raise ConfigurationError("rate_limit needs at least one RateLimit")
    for limit in limits:
        if not isinstance(limit, RateLimit):
            raise ConfigurationError(
                "rate_limit entries must be RateLimit instances or strings such as '10/2s', "
                f"got {type(limit).__name__}"
            )
    return limits


@attrs.frozen
class RateLimits:
    """What a gate enforces: the configured windows and the one it learned from the server."""

    configured: tuple[RateLimit, ...]
    #: A stricter window found from the server's 429s or headers (None: none needed).
    learned: RateLimit | None = None

    def __str__(self) -> str:
        text = ", ".join(str(limit) for limit in self.configured) or "none"
        return f"{text} (learned: {self.learned})" if self.learned else text


@runtime_checkable
class RateGate(Protocol):
    """What the transport needs from a gate."""

    async def acquire(self) -> None:
        """Wait until one more request may start."""

    async def on_response(self, status: int | None, headers: Mapping[str, str]) -> None:
        """Record the end of an attempt (``status`` is None when no response arrived)."""


def key_fingerprint(api_key: str) -> str:
    """A stable, non-reversible id for an API key (used to key gates; never the key itself)."""
    return hashlib.sha256(api_key.encode()).hexdigest()[:24]
