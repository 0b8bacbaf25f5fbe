"""Rate gates: the gate protocol, the window type, plan presets and the per-key registry.

A gate is asked before every HTTP attempt (:meth:`RateGate.acquire`) and told about every
attempt's outcome (:meth:`RateGate.on_response`), exactly once per acquire. Windows are keyed
on *completions*: the (k+N)-th request of a window may start only ``per`` seconds after the
k-th request's response arrived, so no server-side window ever counts more than N.
"""

from __future__ import annotations

from smartlead_async.gates._limits import (
    DEFAULT_RATE_LIMIT,
    PLAN_PRESETS,
    RateGate,
    RateLimit,
    RateLimits,
    RateLimitSpec,
    key_fingerprint,
    normalize_limits,
)
from smartlead_async.gates._registry import shared_gate
from smartlead_async.gates.local import LocalGate


def __getattr__(name: str) -> object:
    # RedisGate lives in an optional module; import it lazily so `redis` stays optional.
    if name == "RedisGate":
        from smartlead_async.gates.redis import RedisGate

        return RedisGate
    raise AttributeError(name)


__all__ = [
    "DEFAULT_RATE_LIMIT",
    "PLAN_PRESETS",
    "LocalGate",
    "RateGate",
    "RateLimit",
    "RateLimitSpec",
    "RateLimits",
    "key_fingerprint",
    "normalize_limits",
    "shared_gate",
]
