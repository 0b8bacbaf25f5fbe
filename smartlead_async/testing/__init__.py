"""A fake Smartlead API server for offline tests, demos and benchmarks.

``async with SandboxServer() as sb:`` serves ``/api/v1`` on a local port; point a client at
``sb.base_url`` with ``sb.api_key``. The pytest plugin adds the ``smartlead_sandbox`` fixture;
``python -m smartlead_async.testing.serve`` runs it standalone.

Names are imported on first use: the pytest plugin lives in this package, and loading it
(which pytest does in every project that installs the SDK) must not import the sandbox.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from smartlead_async.testing.faults import FaultInjector, Faults
    from smartlead_async.testing.observe import Counters, RequestLog, RequestRecord
    from smartlead_async.testing.ratelimit import RateWindow, SlidingWindowLimiter
    from smartlead_async.testing.sandbox import (
        API_PREFIX,
        SandboxConfig,
        SandboxServer,
        create_app,
    )
    from smartlead_async.testing.seed import (
        seed_block_list,
        seed_campaign,
        seed_categories,
        seed_clients,
        seed_defaults,
        seed_email_accounts,
        seed_global_leads,
        seed_lead_list,
        seed_leads,
        seed_untracked_replies,
        seed_workspace,
    )
    from smartlead_async.testing.state import SandboxState

#: Where each public name is defined.
_HOMES = {
    **dict.fromkeys(("FaultInjector", "Faults"), "faults"),
    **dict.fromkeys(("Counters", "RequestLog", "RequestRecord"), "observe"),
    **dict.fromkeys(("RateWindow", "SlidingWindowLimiter"), "ratelimit"),
    **dict.fromkeys(("API_PREFIX", "SandboxConfig", "SandboxServer", "create_app"), "sandbox"),
    **dict.fromkeys(
        (
            "seed_block_list",
            "seed_campaign",
            "seed_categories",
            "seed_clients",
            "seed_defaults",
            "seed_email_accounts",
            "seed_global_leads",
            "seed_lead_list",
            "seed_leads",
            "seed_untracked_replies",
            "seed_workspace",
        ),
        "seed",
    ),
    "SandboxState": "state",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


__all__ = [
    "API_PREFIX",
    "Counters",
    "FaultInjector",
    "Faults",
    "RateWindow",
    "RequestLog",
    "RequestRecord",
    "SandboxConfig",
    "SandboxServer",
    "SandboxState",
    "SlidingWindowLimiter",
    "create_app",
    "seed_block_list",
    "seed_campaign",
    "seed_categories",
    "seed_clients",
    "seed_defaults",
    "seed_email_accounts",
    "seed_global_leads",
    "seed_lead_list",
    "seed_leads",
    "seed_untracked_replies",
    "seed_workspace",
]
