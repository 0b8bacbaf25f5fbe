"""A fake Smartlead API server for offline tests, demos and benchmarks.

``async with SandboxServer() as sb:`` serves ``/api/v1`` on a local port; point a client at
``sb.base_url`` with ``sb.api_key``. The pytest plugin adds the ``smartlead_sandbox`` fixture;
``python -m smartlead_async.testing.serve`` runs it standalone.
"""

from smartlead_async.testing.faults import FaultInjector, Faults
from smartlead_async.testing.observe import Counters, RequestLog, RequestRecord
from smartlead_async.testing.ratelimit import RateWindow, SlidingWindowLimiter
from smartlead_async.testing.sandbox import API_PREFIX, SandboxConfig, SandboxServer, create_app
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
