"""The ``smartlead_sandbox`` fixture from the pytest11 plugin (and its marker)."""

from __future__ import annotations

import aiohttp
import pytest

from smartlead_async.testing import SandboxServer

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
