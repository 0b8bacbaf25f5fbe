"""Resource test fixtures: a client on mocked wire (``wire``/``sl``), a sandbox and a client.

A module picks the sandbox's arguments with ``pytestmark = pytest.mark.sandbox_args(seed=7)``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from smartlead_async import SmartleadClient
from smartlead_async.testing.sandbox import SandboxServer
from tests.helpers.clients import open_sandbox, wire_client


@pytest.fixture
async def wire() -> AsyncIterator[SmartleadClient]:
    """A client on mocked wire (pair it with ``m``): no retries, no rate limit wait."""
    async with wire_client() as client:
        yield client


@pytest.fixture
def sl(wire: SmartleadClient) -> SmartleadClient:
    """The client under test: ``wire`` unless a module points it elsewhere."""
    return wire


@pytest.fixture
async def sandbox(
    request: pytest.FixtureRequest,
) -> AsyncIterator[tuple[SandboxServer, SmartleadClient]]:
    """A started sandbox without rate limiting and a client bound to it."""
    marker = request.node.get_closest_marker("sandbox_args")
    kwargs: dict[str, Any] = dict(marker.kwargs) if marker is not None else {}
    async with open_sandbox(**kwargs) as pair:
        yield pair
