"""Clients for the tests: one against mocked wire, one against a sandbox, and both together."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from smartlead_async import RateLimit, SmartleadClient
from smartlead_async.testing.sandbox import SandboxServer
from tests.helpers.wire import BASE

#: A generous private window, so tests never wait on the default rate limit.
FAST = RateLimit(1000, 1.0)
#: The key the wire client sends.
WIRE_KEY = "wire-test-key-0001"


def wire_client(**options: Any) -> SmartleadClient:
    """A client for mocked wire tests: :data:`BASE`, no retries, :data:`FAST`; override any."""
    settings: dict[str, Any] = {
        "base_url": BASE,
        "retry": None,
        "allow_insecure": True,
        "rate_limit": FAST,
        **options,
    }
    return SmartleadClient(settings.pop("api_key", WIRE_KEY), **settings)


def sandbox_client(sb: SandboxServer, **options: Any) -> SmartleadClient:
    """A client bound to ``sb``: its key and URL, no retries, :data:`FAST`; override any."""
    settings: dict[str, Any] = {
        "base_url": sb.base_url,
        "retry": None,
        "rate_limit": FAST,
        **options,
    }
    return SmartleadClient(settings.pop("api_key", sb.api_key), **settings)


@asynccontextmanager
async def open_sandbox(**server: Any) -> AsyncIterator[tuple[SandboxServer, SmartleadClient]]:
    """A started sandbox (no rate limit unless ``server`` says otherwise) and a client for it."""
    async with (
        SandboxServer(**{"rate_limits": None, **server}) as sb,
        sandbox_client(sb) as client,
    ):
        yield sb, client
