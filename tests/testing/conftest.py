"""Shared fixtures for the sandbox tests: a server without rate limiting and a JSON client."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest_asyncio

from smartlead_async.testing import SandboxServer
from tests.helpers.sandbox_api import Api


@pytest_asyncio.fixture
async def sandbox() -> AsyncIterator[SandboxServer]:
    """A started sandbox with no rate limit, seeded with 11, holding only the defaults."""
    async with SandboxServer(rate_limits=None, seed=11, api_key="test-key") as server:
        yield server


@pytest_asyncio.fixture
async def api(sandbox: SandboxServer) -> AsyncIterator[Api]:
    """An :class:`Api` bound to the ``sandbox`` fixture."""
    async with aiohttp.ClientSession() as session:
        yield Api(session, sandbox)
