"""The sandbox server's infrastructure: auth, unknown routes, slashes, log, counters, lifecycle."""

from __future__ import annotations

import aiohttp
import pytest

from smartlead_async.testing import SandboxServer, SandboxState
from smartlead_async.testing.sandbox import API_PREFIX, SandboxConfig, create_app, ok, paginate
from tests.helpers.sandbox_api import Api
from tests.helpers.server import serve_app


async def test_base_url_and_random_key() -> None:
    async with SandboxServer() as sb:
        assert sb.base_url == f"http://127.0.0.1:{sb.port}{API_PREFIX}"
        assert sb.api_key.startswith("sl_") and len(sb.api_key) > 20
        assert sb.api_key not in repr(sb)
    async with SandboxServer() as other:
        assert other.api_key != sb.api_key


async def test_port_before_start_is_a_clear_error() -> None:
    sb = SandboxServer()
    with pytest.raises(RuntimeError, match="not started"):
        _ = sb.base_url


async def test_close_is_idempotent_and_frees_the_port() -> None:
    sb = SandboxServer()
    await sb.start()
    url = sb.url("/campaigns/")
    await sb.close()
    await sb.close()
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.ClientConnectionError):
            await session.get(url)


@pytest.mark.parametrize("key", [None, "", "wrong-key"])
async def test_missing_or_wrong_key_is_401(api: Api, key: str | None) -> None:
    query = {} if key is None else {"api_key": key}
    async with api.session.get(api.server.url("/campaigns/"), params=query) as resp:
        assert resp.status == 401
        assert await resp.json() == {"message": "Invalid API Key"}


async def test_unknown_route_is_express_404_with_real_method(api: Api) -> None:
    status, text = await api.call("PATCH", "/campaigns/5/status")
    assert (status, text) == (404, "Cannot PATCH /api/v1/campaigns/5/status")
    status, text = await api.get("/analytics/overview")
    assert (status, text) == (404, "Cannot GET /api/v1/analytics/overview")
    status, text = await api.get("/webhooks")
    assert status == 404 and text == "Cannot GET /api/v1/webhooks"


async def test_unknown_route_needs_no_key(api: Api) -> None:
    status, text = await api.call("GET", "/verify-emails", key="nope")
    assert (status, text) == (404, "Cannot GET /api/v1/verify-emails")


async def test_both_trailing_slash_forms_are_served(api: Api) -> None:
    with_slash = await api.ok("GET", "/campaigns/")
    without = await api.ok("GET", "/campaigns")
    assert with_slash == without == []
    assert await api.ok("GET", "/leads/fetch-categories/")


async def test_request_log_has_no_key_and_counts_everything(api: Api) -> None:
    sb = api.server
    await api.get("/campaigns/")
    await api.call("GET", "/campaigns/", key="bad")
    await api.get("/nope")
    records = sb.log.records
    assert [(r.method, r.path, r.status) for r in records] == [
        ("GET", "/api/v1/campaigns/", 200),
        ("GET", "/api/v1/campaigns/", 401),
        ("GET", "/api/v1/nope", 404),
    ]
    assert all(sb.api_key not in repr(r) for r in records)
    assert records[0].time <= records[1].time <= records[2].time
    assert records[0].route == "GET /api/v1/campaigns/"
    assert sb.counters.total == 3
    assert sb.counters.by_status == {200: 1, 401: 1, 404: 1}
    assert sb.counters.by_route["GET /api/v1/campaigns/"] == 2
    assert len(sb.log.filter(status=200)) == 1
    assert len(sb.log.filter(path="/api/v1/campaigns")) == 2
    sb.log.clear()
    sb.counters.clear()
    assert len(sb.log) == 0 and sb.counters.total == 0


async def test_invalid_json_and_non_object_bodies_are_400(api: Api) -> None:
    status, body = await api.call("POST", "/campaigns/create", raw_body=b"{not json")
    assert status == 400 and "not valid JSON" in body["message"]
    status, body = await api.post("/leads/add-domain-block-list", ["a.com"])
    assert status == 400 and body["message"].startswith('"value" must be of type object')


async def test_bad_query_values_name_the_parameter(api: Api) -> None:
    status, body = await api.get("/email-accounts/", limit="abc")
    assert status == 400 and body["message"] == "limit must be an integer, got 'abc'"
    status, body = await api.get("/email-accounts/", limit=101)
    assert status == 400 and body["message"] == "limit must be between 1 and 100, got 101"
    status, body = await api.get("/email-accounts/", isInUse="maybe")
    assert status == 400 and "isInUse must be true or false" in body["message"]


async def test_handler_crash_is_a_500_json(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(SandboxState, "live_campaign", explode)
    status, body = await api.get("/campaigns/1/sequences")
    assert (status, body) == (500, {"message": "Internal Server Error"})


async def test_client_api_keys_authenticate(api: Api) -> None:
    client = await api.ok("POST", "/client/save", {"name": "Agency", "email": "a@agency.io"})
    created = await api.ok("POST", "/client/api-key", {"clientId": client["id"], "keyName": "ci"})
    secret = created["data"]["apiKey"]
    status, _ = await api.call("GET", "/campaigns/", key=secret)
    assert status == 200
    await api.ok("DELETE", f"/client/api-key/{created['data']['id']}")
    status, _ = await api.call("GET", "/campaigns/", key=secret)
    assert status == 401


async def test_create_app_is_usable_with_any_runner() -> None:
    app = create_app(SandboxConfig(api_key="abc", rate_limits=()))
    async with serve_app(app) as root:
        url = f"{root}/api/v1/leads/fetch-categories?api_key=abc"
        async with aiohttp.ClientSession() as session, session.get(url) as resp:
            assert resp.status == 200
            assert await resp.json() == []


def test_response_helpers() -> None:
    assert paginate([1, 2, 3, 4], 1, 2) == [2, 3]
    assert paginate([1, 2], 5, 2) == []
    assert ok({"a": 1}, extra=True).body == b'{"ok":true,"data":{"a":1},"extra":true}'
    assert ok().body == b'{"ok":true}'


async def test_secrets_stay_out_of_reprs(api: Api) -> None:
    sb = api.server
    assert sb.api_key not in repr(sb.config) and sb.api_key not in repr(sb)
    account = sb.seed_email_accounts(1)[0]
    assert account.password and account.password not in repr(account)
    client = await api.ok(
        "POST", "/client/save", {"name": "C", "email": "c@c.io", "password": "pw-123"}
    )
    key = (await api.ok("POST", "/client/api-key", {"clientId": client["id"], "keyName": "k"}))[
        "data"
    ]
    assert key["apiKey"] not in repr(sb.state.client_api_keys[key["id"]])
    assert "pw-123" not in repr(sb.state.clients[client["id"]])
