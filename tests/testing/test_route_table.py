"""The sandbox serves exactly the endpoint table, each route registered once by catalog id."""

from __future__ import annotations

import pytest
from aiohttp import web

from smartlead_async.catalog import ENDPOINTS
from smartlead_async.testing import SandboxConfig, create_app, sandbox
from smartlead_async.testing._http import Routes, route_path
from smartlead_async.testing.routes import ROUTE_TABLES
from smartlead_async.testing.sandbox import API_PREFIX


async def _handler(request: web.Request) -> web.Response:
    return web.Response()


def test_the_sandbox_serves_every_endpoint_and_nothing_else() -> None:
    served = [route for table in ROUTE_TABLES for route in table]
    assert sorted({route.endpoint_id for route in served}) == sorted(ENDPOINTS)
    for route in served:
        row = ENDPOINTS[route.endpoint_id]
        assert route.method == row.method
    aliases = [r for r in served if r.path != route_path(ENDPOINTS[r.endpoint_id].path)]
    assert [(r.endpoint_id, r.method, r.path) for r in aliases] == [  # the rows' fallbacks
        ("W3", "DELETE", r"/campaigns/{campaign_id:\d+}/webhooks/{webhook_id:\d+}")
    ]


def test_every_route_is_mounted_with_and_without_a_trailing_slash() -> None:
    app = create_app(SandboxConfig(api_key="k"))
    mounted = {
        (route.method, route.resource.canonical)
        for route in app.router.routes()
        if route.resource is not None
    }
    for table in ROUTE_TABLES:
        for route in table:
            base = API_PREFIX + route.path.replace(r":\d+", "")
            assert (route.method, base) in mounted
            assert (route.method, base + "/") in mounted


def test_serving_a_route_twice_is_an_error() -> None:
    routes = Routes()
    routes.serve("C2")(_handler)
    with pytest.raises(ValueError, match=r"GET /campaigns/\{campaign_id:\\d\+\} is served twice"):
        routes.serve("C2")(_handler)


def test_two_tables_serving_the_same_route_is_an_error() -> None:
    first, second = Routes(), Routes()
    first.serve("K1")(_handler)
    second.serve("K1")(_handler)
    app = web.Application()
    with pytest.raises(ValueError, match=r"served twice \(K1 and K1\)"):
        sandbox._add_routes(app, [first, second])


def test_an_unknown_catalog_id_is_an_error() -> None:
    with pytest.raises(ValueError, match="'Z9' is not a catalog id"):
        Routes().serve("Z9")
