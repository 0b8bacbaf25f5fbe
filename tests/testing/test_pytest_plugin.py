"""The pytest11 plugin: ``smartlead_sandbox``, ``smartlead_sandbox_client`` and their marks."""

from __future__ import annotations

import subprocess
import sys

import aiohttp
import pytest

from smartlead_async.testing import SandboxServer
from smartlead_async.testing.pytest_plugin import SandboxClient

pytest_plugins = ["pytester"]


async def test_fixture_yields_a_started_default_server(smartlead_sandbox: SandboxServer) -> None:
    assert smartlead_sandbox.config.rate_limits[0].requests == 10
    url = smartlead_sandbox.url("/leads/fetch-categories")
    params = {"api_key": smartlead_sandbox.api_key}
    async with aiohttp.ClientSession() as session, session.get(url, params=params) as resp:
        assert resp.status == 200
        assert len(await resp.json()) == 9


@pytest.mark.smartlead_sandbox(rate_limits=None, import_cap=50, api_key="marker-key")
async def test_marker_passes_server_arguments(smartlead_sandbox: SandboxServer) -> None:
    assert smartlead_sandbox.api_key == "marker-key"
    assert smartlead_sandbox.config.rate_limits == ()
    assert smartlead_sandbox.state.import_cap == 50


def test_plugin_works_in_a_fresh_project(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nasyncio_mode = auto\n")
    pytester.makepyfile(
        """
        import aiohttp

        async def test_uses_fixture(smartlead_sandbox):
            url = smartlead_sandbox.url("/campaigns/")
            async with aiohttp.ClientSession() as session:
                async with session.get(url, params={"api_key": smartlead_sandbox.api_key}) as r:
                    assert r.status == 200 and await r.json() == []
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


# --- the (server, client) fixture ----------------------------------------------------------


async def test_client_fixture_is_bound_to_its_sandbox(
    smartlead_sandbox_client: SandboxClient,
) -> None:
    server, client = smartlead_sandbox_client
    assert client.base_url == server.base_url
    # the client paces itself to the sandbox's own window (10 per 2 s by default)
    assert [(r.requests, r.per_seconds) for r in client.rate_limits] == [(10, 2.0)]
    created = await client.campaigns.create(name="from the fixture")
    assert created.id in server.state.campaigns


@pytest.mark.smartlead_sandbox(rate_limits=None, seed=4)
@pytest.mark.smartlead_client(retry=None, timeout=7)
async def test_client_marker_and_an_unlimited_sandbox(
    smartlead_sandbox_client: SandboxClient,
) -> None:
    server, client = smartlead_sandbox_client
    assert server.seed == 4
    assert (client.retry, client.timeout) == (None, 7.0)
    assert [(r.requests, r.per_seconds) for r in client.rate_limits] == [(1000, 1.0)]


pytestmark = pytest.mark.smartlead_client(timeout=9, retry=None)


@pytest.mark.smartlead_client(timeout=3)
async def test_marks_merge_and_the_closest_wins(smartlead_sandbox_client: SandboxClient) -> None:
    _, client = smartlead_sandbox_client
    assert (client.timeout, client.retry) == (3.0, None)  # timeout: the test's; retry: the module's


def test_loading_the_plugin_imports_nothing_of_the_sdk() -> None:
    code = (
        "import sys, smartlead_async_pytest; "
        "print(sorted(m for m in sys.modules if m.startswith(('smartlead_async.', 'aiohttp'))"
        " or m == 'smartlead_async'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_entry_point_names_the_top_level_plugin() -> None:
    from importlib.metadata import entry_points

    plugins = {ep.name: ep.value for ep in entry_points(group="pytest11")}
    assert plugins.get("smartlead_async") == "smartlead_async_pytest"


def test_client_fixture_in_a_fresh_project(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nasyncio_mode = auto\n")
    pytester.makepyfile(
        """
        async def test_uses_fixture(smartlead_sandbox_client):
            sandbox, sl = smartlead_sandbox_client
            assert await sl.campaigns.list() == []
            await sl.campaigns.create(name="one")
            assert len(sandbox.state.campaigns) == 1
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_every_public_testing_name_resolves() -> None:
    import smartlead_async.testing as testing

    assert all(getattr(testing, name) is not None for name in testing.__all__)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = testing.nope  # type: ignore[attr-defined]
