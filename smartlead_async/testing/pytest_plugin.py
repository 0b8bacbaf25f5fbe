"""pytest plugin (registered through the ``pytest11`` entry point): the sandbox fixture.

Use it in an async test (pytest-asyncio)::

    async def test_import(smartlead_sandbox):
        async with SmartleadClient(smartlead_sandbox.api_key,
                                   base_url=smartlead_sandbox.base_url) as sl:
            ...

Mark a test with ``@pytest.mark.smartlead_sandbox(rate_limits=None, seed=7, ...)`` to pass
:class:`~smartlead_async.testing.SandboxServer` keyword arguments.
"""

from __future__ import annotations

import importlib.util
from collections.abc import AsyncIterator
from typing import Any

import pytest

from smartlead_async.testing.sandbox import SandboxServer


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``smartlead_sandbox`` marker."""
    config.addinivalue_line(
        "markers",
        "smartlead_sandbox(**kwargs): SandboxServer arguments for the smartlead_sandbox fixture",
    )


async def _sandbox(request: pytest.FixtureRequest) -> AsyncIterator[SandboxServer]:
    marker = request.node.get_closest_marker("smartlead_sandbox")
    kwargs: dict[str, Any] = dict(marker.kwargs) if marker is not None else {}
    async with SandboxServer(**kwargs) as server:
        yield server


if importlib.util.find_spec("pytest_asyncio") is not None:
    import pytest_asyncio

    smartlead_sandbox = pytest_asyncio.fixture(_sandbox, name="smartlead_sandbox")
    """A started :class:`SandboxServer` for one test (function scope)."""
