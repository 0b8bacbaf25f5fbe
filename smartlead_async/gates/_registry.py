"""The per-key gate registry: one gate per API key and event loop, shared by every client."""

from __future__ import annotations

import asyncio
import threading
import weakref

from smartlead_async.gates._headers import DEFAULT_MAX_PAUSE, check_max_pause
from smartlead_async.gates._limits import (
    DEFAULT_RATE_LIMIT,
    RateGate,
    RateLimitSpec,
    key_fingerprint,
    normalize_limits,
)
from smartlead_async.gates.local import LocalGate

_registry: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, RateGate]] = (
    weakref.WeakKeyDictionary()
)
_registry_lock = threading.Lock()


def shared_gate(
    api_key: str, limits: RateLimitSpec = DEFAULT_RATE_LIMIT, *, max_pause: float | None = None
) -> RateGate:
    """The gate for ``api_key`` in the running event loop, created on first use.

    Every client and coroutine of the process that uses the same key gets the same gate. When
    two clients ask for different windows, the gate enforces all of them (the stricter union);
    when they ask for different ``max_pause`` caps, the shorter one holds.
    """
    cap = DEFAULT_MAX_PAUSE if max_pause is None else check_max_pause(max_pause)

    windows = normalize_limits(limits)
    loop = asyncio.get_running_loop()
    fingerprint = key_fingerprint(api_key)
    with _registry_lock:
        gates = _registry.setdefault(loop, {})
        gate = gates.get(fingerprint)
        if gate is None:
            gate = LocalGate(windows, max_pause=cap)
            gates[fingerprint] = gate
        elif isinstance(gate, LocalGate):
            gate.add_windows(windows)
            gate.max_pause = min(gate.max_pause, cap)
        return gate
