"""Resource test fixtures: a client on mocked wire (``wire``/``sl``).

Sandbox tests use the shipped plugin's ``smartlead_sandbox_client`` fixture; a module picks its
arguments with ``pytest.mark.smartlead_sandbox(seed=7)`` and ``pytest.mark.smartlead_client``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from smartlead_async import SmartleadClient
from tests.helpers.clients import wire_client


@pytest.fixture
async def wire() -> AsyncIterator[SmartleadClient]:
    """A client on mocked wire (pair it with ``m``): no retries, no rate limit wait."""
    async with wire_client() as client:
        yield client


@pytest.fixture
def sl(wire: SmartleadClient) -> SmartleadClient:
    """The client under test: ``wire`` unless a module points it elsewhere."""
    return wire
