"""pytest plugin of smartlead_async (registered through the ``pytest11`` entry point).

A top-level module on purpose: loading it imports neither ``smartlead_async`` nor aiohttp, so
every pytest run of a project that merely has the SDK installed pays nothing for it. The
fixtures import the SDK when a test asks for them.

Two fixtures, for async tests (pytest-asyncio):

* ``smartlead_sandbox``: a started :class:`~smartlead_async.testing.SandboxServer`;
* ``smartlead_sandbox_client``: ``(server, client)``, the sandbox and a
  :class:`~smartlead_async.SmartleadClient` bound to it (its key and URL, and the sandbox's
  own rate limits, so the client paces itself as it would against the real API)::

    async def test_import(smartlead_sandbox_client):
        sandbox, sl = smartlead_sandbox_client
        campaign = await sl.campaigns.create(name="Q3")
        ...

``@pytest.mark.smartlead_sandbox(rate_limits=None, seed=7, ...)`` passes
:class:`SandboxServer` keyword arguments, ``@pytest.mark.smartlead_client(retry=None, ...)``
:class:`SmartleadClient` keyword arguments. Marks on a module, a class and a test merge; the
closest wins. ``SandboxClient`` is also importable from
``smartlead_async.testing.pytest_plugin``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest

if TYPE_CHECKING:
    from smartlead_async.client import SmartleadClient
    from smartlead_async.testing.sandbox import SandboxServer

#: The client's window against a sandbox that does not rate-limit: generous, never waited on.
UNLIMITED_CLIENT_WINDOW = (1000, 1.0)


class SandboxClient(NamedTuple):
    """What ``smartlead_sandbox_client`` yields: unpack it as ``server, client``."""

    server: SandboxServer
    client: SmartleadClient


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``smartlead_sandbox`` and ``smartlead_client`` markers."""
    config.addinivalue_line(
        "markers",
        "smartlead_sandbox(**kwargs): SandboxServer arguments for the sandbox fixtures",
    )
    config.addinivalue_line(
        "markers",
        "smartlead_client(**kwargs): SmartleadClient arguments for smartlead_sandbox_client",
    )


def _marked(request: pytest.FixtureRequest, name: str) -> dict[str, Any]:
    """The keyword arguments of every ``name`` mark on the test, the closest winning."""
    kwargs: dict[str, Any] = {}
    for marker in reversed(list(request.node.iter_markers(name))):
        kwargs.update(marker.kwargs)
    return kwargs


async def _sandbox(request: pytest.FixtureRequest) -> AsyncIterator[SandboxServer]:
    from smartlead_async.testing.sandbox import SandboxServer

    async with SandboxServer(**_marked(request, "smartlead_sandbox")) as server:
        yield server


async def _sandbox_client(
    request: pytest.FixtureRequest, smartlead_sandbox: SandboxServer
) -> AsyncIterator[SandboxClient]:
    from smartlead_async.client import SmartleadClient
    from smartlead_async.gates import RateLimit

    windows = smartlead_sandbox.config.rate_limits
    limits = [RateLimit(window.requests, window.per) for window in windows] or [
        RateLimit(*UNLIMITED_CLIENT_WINDOW)
    ]
    options: dict[str, Any] = {
        "base_url": smartlead_sandbox.base_url,
        "rate_limit": limits,
        **_marked(request, "smartlead_client"),
    }
    async with SmartleadClient(
        options.pop("api_key", smartlead_sandbox.api_key), **options
    ) as client:
        yield SandboxClient(smartlead_sandbox, client)


if importlib.util.find_spec("pytest_asyncio") is not None:
    import pytest_asyncio

    smartlead_sandbox = pytest_asyncio.fixture(_sandbox, name="smartlead_sandbox")
    """A started :class:`SandboxServer` for one test (function scope)."""
    smartlead_sandbox_client = pytest_asyncio.fixture(
        _sandbox_client, name="smartlead_sandbox_client"
    )
    """``(server, client)``: a started sandbox and a client bound to it (function scope)."""
