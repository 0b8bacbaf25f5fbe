"""The HTTP path: URL building, query and body encoding, decoding, error mapping, sessions,
timeouts and the ``client.request()`` escape hatch."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from functools import partial
from typing import Any

import aiohttp
import orjson
import pytest
from aiohttp import web
from aioresponses import aioresponses

from smartlead_async import (
    APIError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    InvalidTypeError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RedirectError,
    RequestTimeoutError,
    Response,
    ResponseTooLargeError,
    RetryPolicy,
    ServerError,
    SmartleadClient,
    SmartleadError,
    TransportError,
    UnprocessableEntityError,
    ValidationError,
    track_requests,
)
from smartlead_async._transport import build_path, encode_query
from tests.helpers.gates import RecordingGate
from tests.helpers.server import serve_app
from tests.helpers.wire import requests_made, route

BASE = "https://api.test"
KEY = "transport-key-123"
url = partial(route, base=BASE)


@pytest.fixture
async def client() -> AsyncIterator[SmartleadClient]:
    async with SmartleadClient(KEY, base_url=BASE, gate=RecordingGate(), retry=None) as sl:
        yield sl


# --- URL building -----------------------------------------------------------------------------


def test_build_path_fills_integer_ids() -> None:
    assert build_path(
        "/campaigns/{campaign_id}/leads/{lead_id}", {"campaign_id": 5, "lead_id": 0}
    ) == ("/campaigns/5/leads/0")
    assert build_path("/campaigns/") == "/campaigns/"


@pytest.mark.parametrize("bad", ["5", "5/../admin", True, False, 5.0, None, [5]])
def test_build_path_rejects_non_int_ids(bad: Any) -> None:
    with pytest.raises(InvalidTypeError, match="campaign_id must be an int"):
        build_path("/campaigns/{campaign_id}", {"campaign_id": bad})


def test_build_path_rejects_negative_missing_and_unused_ids() -> None:
    with pytest.raises(ValidationError, match="non-negative"):
        build_path("/campaigns/{campaign_id}", {"campaign_id": -1})
    with pytest.raises(ValidationError, match="needs a value for"):
        build_path("/campaigns/{campaign_id}", {})
    with pytest.raises(ValidationError, match="unused path parameters"):
        build_path("/campaigns/", {"campaign_id": 1})
    for path in ("/campaigns/../admin", "campaigns", "/a b", "/x}"):
        with pytest.raises(ValidationError, match="plain API path"):
            build_path(path)


async def test_resource_ids_are_validated_before_sending(
    client: SmartleadClient, m: aioresponses
) -> None:
    for bad in ("12", True, -4, 1.0):
        with pytest.raises((InvalidTypeError, ValidationError)):
            await client.campaigns.get(bad)  # type: ignore[arg-type]
    assert requests_made(m) == []


# --- query encoding ---------------------------------------------------------------------------


def test_encode_query() -> None:
    assert encode_query(
        {
            "include_tags": True,
            "archived": False,
            "client_id": None,
            "ids": [1, 2, 3],
            "flags": (True, False),
            "offset": 0,
            "rate": 0.5,
            "email": "a@b.co",
        }
    ) == {
        "include_tags": "true",
        "archived": "false",
        "ids": "1,2,3",
        "flags": "true,false",
        "offset": "0",
        "rate": "0.5",
        "email": "a@b.co",
    }
    assert encode_query(None) == {}


@pytest.mark.parametrize("name", ["api_key", "API_KEY"])
def test_api_key_cannot_be_a_param(name: str) -> None:
    with pytest.raises(ValidationError, match="pass the API key to the client"):
        encode_query({name: "other"})


async def test_query_on_the_wire_has_the_key_and_encoded_values(
    client: SmartleadClient, m: aioresponses
) -> None:
    m.get(url("/campaigns/"), payload=[])
    await client.request(
        "GET", "/campaigns/", params={"include_tags": True, "client_id": None, "ids": [4, 5]}
    )
    ((method, request_url, _),) = requests_made(m)
    assert method == "GET"
    assert request_url.path == "/campaigns/"
    assert dict(request_url.query) == {"include_tags": "true", "ids": "4,5", "api_key": KEY}


async def test_api_key_param_is_refused_without_sending(
    client: SmartleadClient, m: aioresponses
) -> None:
    with pytest.raises(ValidationError):
        await client.request("GET", "/campaigns/", params={"api_key": "x"})
    assert requests_made(m) == []


# --- bodies -----------------------------------------------------------------------------------


async def test_json_bodies_are_orjson_bytes(client: SmartleadClient, m: aioresponses) -> None:
    m.post(url("/campaigns/create"), payload={"ok": True, "id": 1})
    body = {"name": "Q1 ✓", "client_id": None, "nested": [1, {"a": True}]}
    await client.request("POST", "/campaigns/create", json=body)
    ((_, _, kwargs),) = requests_made(m)
    assert kwargs["data"] == orjson.dumps(body)
    assert kwargs["headers"]["Content-Type"] == "application/json"


async def test_no_body_no_content_type(client: SmartleadClient, m: aioresponses) -> None:
    m.get(url("/campaigns/"), payload=[])
    await client.request("GET", "/campaigns/")
    ((_, _, kwargs),) = requests_made(m)
    assert kwargs["data"] is None
    assert "Content-Type" not in kwargs["headers"]


async def test_unserialisable_body_is_a_clear_error(
    client: SmartleadClient, m: aioresponses
) -> None:
    with pytest.raises(InvalidTypeError, match="not JSON-serialisable"):
        await client.request("POST", "/campaigns/create", json={"when": object()})
    assert requests_made(m) == []


# --- decoding ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mock", "body", "content_type"),
    [
        ({"payload": {"id": 1, "name": "x"}}, {"id": 1, "name": "x"}, "application/json"),
        (
            {"body": "[1, 2]", "content_type": "application/json; charset=utf-8"},
            [1, 2],
            "application/json",
        ),
        ({"body": "success", "content_type": "text/plain"}, "success", "text/plain"),
        (
            {"body": "email,name\na@b.co,A\n", "content_type": "text/csv"},
            "email,name\na@b.co,A\n",
            "text/csv",
        ),
        ({"body": ""}, None, "application/json"),
        ({"body": "  \n"}, None, "application/json"),
        ({"body": '{"sniffed": true}', "content_type": ""}, {"sniffed": True}, ""),
    ],
)
async def test_decoding(
    client: SmartleadClient,
    m: aioresponses,
    mock: dict[str, Any],
    body: Any,
    content_type: str,
) -> None:
    m.get(url("/x"), **mock)
    response = await client.request("GET", "/x")
    assert isinstance(response, Response)
    assert response.status == 200
    assert response.body == body
    assert response.content_type == content_type
    assert response.is_json == content_type.endswith("json")
    assert response.method == "GET" and response.path == "/x"


# --- error mapping ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "error_cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, APIError),
        (418, APIError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, ServerError),
        (502, ServerError),
        (503, ServerError),
        (504, ServerError),
    ],
)
async def test_status_maps_to_the_error_tree(
    client: SmartleadClient, m: aioresponses, status: int, error_cls: type[APIError]
) -> None:
    m.get(url("/x"), status=status, payload={"message": f"went wrong {status}"})
    with pytest.raises(APIError) as caught:
        await client.request("GET", "/x")
    error = caught.value
    assert type(error) is error_cls
    assert isinstance(error, SmartleadError)
    assert error.status == status
    assert error.message == f"went wrong {status}"
    assert error.data == {"message": f"went wrong {status}"}
    assert error.method == "GET" and error.path == "/x"
    assert str(error) == f"HTTP {status}: went wrong {status} (GET /x)"


@pytest.mark.parametrize(
    ("mock", "message"),
    [
        (
            {"payload": {"error": {"code": "RATE_LIMIT_EXCEEDED", "message": "Too many"}}},
            "Too many",
        ),
        ({"payload": {"error": "Invalid API Key"}}, "Invalid API Key"),
        (
            {"body": "Cannot PATCH /api/v1/campaigns/1/status", "content_type": "text/html"},
            "Cannot PATCH /api/v1/campaigns/1/status",
        ),
        ({"body": ""}, "HTTP 400"),
        ({"body": "{broken", "content_type": "application/json"}, "{broken"),
    ],
)
async def test_error_messages(
    client: SmartleadClient, m: aioresponses, mock: dict[str, Any], message: str
) -> None:
    m.get(url("/x"), status=400, **mock)
    with pytest.raises(BadRequestError) as caught:
        await client.request("GET", "/x")
    assert caught.value.message == message


async def test_non_json_error_body_is_text_not_data(
    client: SmartleadClient, m: aioresponses
) -> None:
    m.get(url("/x"), status=503, body="<html>busy</html>", content_type="text/html")
    with pytest.raises(ServerError) as caught:
        await client.request("GET", "/x")
    assert caught.value.data is None
    assert caught.value.body == "<html>busy</html>"


async def test_rate_limit_error_carries_retry_after(
    client: SmartleadClient, m: aioresponses
) -> None:
    m.get(url("/x"), status=429, headers={"Retry-After": "7"}, payload={})
    m.get(url("/x"), status=429, payload={"error": {"message": "slow", "retry_after": 30}})
    with pytest.raises(RateLimitError) as caught:
        await client.request("GET", "/x")
    assert caught.value.retry_after == 7.0
    with pytest.raises(RateLimitError) as caught:
        await client.request("GET", "/x")
    assert caught.value.retry_after == 30.0


async def test_http_200_with_success_false_is_an_error(
    client: SmartleadClient, m: aioresponses
) -> None:
    m.post(url("/x"), payload={"success": False, "message": "no credits"})
    with pytest.raises(APIError) as caught:
        await client.request("POST", "/x")
    assert type(caught.value) is APIError
    assert caught.value.status == 200
    assert caught.value.message == "no credits"


async def test_http_200_with_a_bare_ok_false_is_an_error(
    client: SmartleadClient, m: aioresponses
) -> None:
    """A failed acknowledgement is never returned as a result (set_status, create...)."""
    m.post(url("/campaigns/3/status"), payload={"ok": False, "error": "add an email account"})
    with pytest.raises(APIError, match="add an email account") as caught:
        await client.campaigns.set_status(3, "START")
    assert caught.value.status == 200
    m.post(url("/campaigns/create"), payload={"ok": False, "message": "name is taken"})
    with pytest.raises(APIError, match="name is taken"):
        await client.campaigns.create(name="Q1")


async def test_http_200_with_ok_false_and_a_result_is_decoded(
    client: SmartleadClient, m: aioresponses
) -> None:
    """``ok: false`` next to real counts (an exhausted lead limit) is the import's to read."""
    answer = {"ok": False, "upload_count": 0, "is_lead_limit_exhausted": True}
    m.post(url("/campaigns/3/leads"), payload=answer)
    result = await client.campaigns.add_leads(3, [{"email": "a@b.co"}])
    assert result.is_lead_limit_exhausted is True


async def test_http_200_with_success_true_is_fine(client: SmartleadClient, m: aioresponses) -> None:
    m.post(url("/x"), payload={"success": True})
    assert (await client.request("POST", "/x")).body == {"success": True}


async def test_long_error_bodies_are_truncated(client: SmartleadClient, m: aioresponses) -> None:
    m.get(url("/x"), status=500, body="x" * 5000, content_type="text/plain")
    with pytest.raises(ServerError) as caught:
        await client.request("GET", "/x")
    assert caught.value.body is not None
    assert len(caught.value.body) < 600
    assert "more characters" in caught.value.body


# --- sessions ---------------------------------------------------------------------------------


async def test_borrowed_session_stays_open(m: aioresponses) -> None:
    m.get(url("/x"), payload={})
    m.get(f"{BASE}/x", payload={})  # the owner's own request carries no api_key
    async with aiohttp.ClientSession() as session:
        async with SmartleadClient(KEY, base_url=BASE, gate=RecordingGate(), session=session) as sl:
            await sl.request("GET", "/x")
        assert not session.closed
        async with session.get(f"{BASE}/x") as resp:  # still usable by its owner
            assert resp.status == 200


async def test_closed_borrowed_session_is_a_clear_error() -> None:
    session = aiohttp.ClientSession()
    await session.close()
    async with SmartleadClient(KEY, base_url=BASE, gate=RecordingGate(), session=session) as sl:
        with pytest.raises(ConfigurationError, match="session passed to the client is closed"):
            await sl.request("GET", "/x")


async def test_owned_session_is_created_once_shared_and_closed(
    m: aioresponses, monkeypatch: pytest.MonkeyPatch
) -> None:
    created: list[aiohttp.ClientSession] = []
    original_init = aiohttp.ClientSession.__init__

    def spy_init(self: aiohttp.ClientSession, *args: Any, **kwargs: Any) -> None:
        created.append(self)
        original_init(self, *args, **kwargs)

    monkeypatch.setattr(aiohttp.ClientSession, "__init__", spy_init)
    m.get(url("/x"), payload={}, repeat=True)
    gate = RecordingGate()
    client = SmartleadClient(KEY, base_url=BASE, gate=gate)
    copy = client.with_options(timeout=3.0)
    assert copy.gate is client.gate
    assert copy.timeout == 3.0 and client.timeout == 30.0
    await client.request("GET", "/x")
    await copy.request("GET", "/x")
    assert len(created) == 1
    assert not created[0].closed
    await client.aclose()
    assert created[0].closed


async def test_a_closed_client_refuses_requests_instead_of_leaking_a_session(
    m: aioresponses,
) -> None:
    m.get(url("/campaigns/"), payload=[], repeat=True)
    async with SmartleadClient(KEY, base_url=BASE, gate=RecordingGate()) as sl:
        assert await sl.campaigns.list() == []
    with pytest.raises(
        ConfigurationError, match=r"SmartleadClient is closed .*create a new client"
    ):
        await sl.campaigns.list()
    assert sl._transport._sessions._session is None  # nothing was reopened
    assert sum(len(calls) for calls in m.requests.values()) == 1


async def test_closing_a_with_options_copy_leaves_the_original_open(m: aioresponses) -> None:
    m.get(url("/campaigns/"), payload=[], repeat=True)
    async with SmartleadClient(KEY, base_url=BASE, gate=RecordingGate()) as sl:
        async with sl.with_options(timeout=120) as slow:
            assert await slow.campaigns.list() == []
        assert await sl.campaigns.list() == []  # the original still works
    with pytest.raises(ConfigurationError, match="closed"):
        await slow.campaigns.list()  # the copy ends with its original


async def test_with_options_rejects_bad_values(client: SmartleadClient) -> None:
    with pytest.raises(ConfigurationError, match="timeout"):
        client.with_options(timeout=0)
    with pytest.raises(ConfigurationError, match="retry"):
        client.with_options(retry=3)  # type: ignore[arg-type]


# --- timeouts (a real local server) -------------------------------------------------------------


async def test_per_call_timeout(slow_server: str) -> None:
    async with SmartleadClient(KEY, base_url=slow_server, gate=RecordingGate(), retry=None) as sl:
        began = time.monotonic()
        with pytest.raises(RequestTimeoutError, match=r"within 0\.2s") as caught:
            await sl.request("GET", "/slow", timeout=0.2)
        assert time.monotonic() - began < 1.5
        assert caught.value.sent is True
        response = await sl.request("GET", "/slow", params={"delay": "0.05"}, timeout=5)
        assert response.body == {"ok": True}


async def test_client_and_copy_timeouts(slow_server: str) -> None:
    async with SmartleadClient(
        KEY, base_url=slow_server, gate=RecordingGate(), retry=None, timeout=0.2
    ) as sl:
        with pytest.raises(RequestTimeoutError):
            await sl.request("GET", "/slow")
        patient = sl.with_options(timeout=5)
        assert (await patient.request("GET", "/slow", params={"delay": "0.3"})).status == 200


@pytest.mark.parametrize("bad", [0, -1, "5", True, float("nan")])
async def test_per_call_timeout_validation(client: SmartleadClient, bad: Any) -> None:
    with pytest.raises(ValidationError, match="timeout must be a positive number"):
        await client.request("GET", "/x", timeout=bad)


# --- the escape hatch ---------------------------------------------------------------------------


async def test_request_escape_hatch(client: SmartleadClient, m: aioresponses) -> None:
    m.put(url("/campaigns/9/thing"), payload={"ok": True}, headers={"X-Trace": "abc"})
    response = await client.request(
        "put", "/campaigns/9/thing", params={"flag": True}, json={"a": 1}
    )
    assert response.status == 200
    assert response.body == {"ok": True}
    assert response.headers["X-Trace"] == "abc"
    assert response.method == "PUT"
    ((method, request_url, _),) = requests_made(m)
    assert method == "PUT" and request_url.query["flag"] == "true"


@pytest.mark.parametrize(
    "path", ["/campaigns/{campaign_id}", "/campaigns/?limit=5", "/x#frag", "/x}", 5]
)
async def test_request_escape_hatch_rejects_templated_or_query_paths(
    client: SmartleadClient, path: Any
) -> None:
    with pytest.raises(ConfigurationError, match="plain API path"):
        await client.request("GET", path)


@pytest.mark.parametrize("path", ["campaigns/", "https://api.test/campaigns/"])
async def test_request_escape_hatch_wants_a_path_below_the_base_url(
    client: SmartleadClient, path: str
) -> None:
    with pytest.raises(ConfigurationError, match="must start with '/' and be relative to the base"):
        await client.request("GET", path)


@pytest.mark.parametrize("method", ["FETCH", "", 3])
async def test_request_rejects_unknown_methods(client: SmartleadClient, method: Any) -> None:
    with pytest.raises(ValidationError, match="method must be one of"):
        await client.request(method, "/x")


async def test_default_idempotency_by_method(m: aioresponses) -> None:
    """PUT/DELETE are retried on a 500 by default; POST is not unless marked idempotent."""
    policy = RetryPolicy(max_attempts=2, base_delay=0.001, max_delay=0.001)
    async with SmartleadClient(KEY, base_url=BASE, gate=RecordingGate(), retry=policy) as sl:
        for method, idempotent, attempts in (
            ("PUT", None, 2),
            ("DELETE", None, 2),
            ("POST", None, 1),
            ("POST", True, 2),
            ("GET", False, 1),
        ):
            m.add(url("/x"), method=method, status=500, payload={}, repeat=True)
            with pytest.raises(ServerError) as caught:
                await sl.request(method, "/x", idempotent=idempotent)
            assert caught.value.attempts == attempts, (method, idempotent)
            m.clear()


async def test_track_requests_counts_attempts_in_its_scope(m: aioresponses) -> None:
    policy = RetryPolicy(max_attempts=3, base_delay=0.001, max_delay=0.001)
    m.get(url("/x"), status=429, payload={})
    m.get(url("/x"), payload={}, repeat=True)
    async with SmartleadClient(KEY, base_url=BASE, gate=RecordingGate(), retry=policy) as sl:
        await sl.request("GET", "/x")  # outside any scope
        with track_requests() as outer:
            await sl.request("GET", "/x")
            with track_requests() as inner:
                await asyncio.gather(sl.request("GET", "/x"), sl.request("GET", "/x"))
        assert (outer.attempts, outer.rate_limited) == (3, 0)
        assert (inner.attempts, inner.rate_limited) == (2, 0)
        assert sl.requests_sent == 5 and sl.rate_limited == 1


# --- credentials, redirects, configuration ----------------------------------------------------


async def test_error_bodies_mask_echoed_passwords(client: SmartleadClient, m: aioresponses) -> None:
    body = {"message": "bad account", "account": {"smtp_password": "pw-abc-123", "id": 3}}
    m.post(url("/email-accounts/save"), status=400, payload=body)
    with pytest.raises(BadRequestError) as info:
        await client.request("POST", "/email-accounts/save", json={"id": 3})
    assert "pw-abc-123" not in (info.value.body or "")
    assert info.value.data["account"] == {"smtp_password": "***", "id": 3}


@pytest.mark.parametrize("status", [301, 302, 307, 308])
async def test_redirects_raise_and_are_not_followed(
    client: SmartleadClient, m: aioresponses, status: int
) -> None:
    m.get(url("/campaigns/"), status=status, headers={"Location": "https://evil.test/x"})
    with pytest.raises(RedirectError) as info:
        await client.request("GET", "/campaigns/")
    assert info.value.status == status
    assert "evil.test" in str(info.value)
    assert [u.host for _, u, _ in requests_made(m)] == ["api.test"]
    assert all(kw["allow_redirects"] is False for _, _, kw in requests_made(m))


@pytest.mark.parametrize("timeout", [float("inf"), float("-inf"), float("nan")])
async def test_non_finite_timeouts_are_refused_when_configured(
    client: SmartleadClient, timeout: float
) -> None:
    with pytest.raises(ConfigurationError, match="timeout must be a positive"):
        client.with_options(timeout=timeout)
    with pytest.raises(ConfigurationError, match="timeout must be a positive"):
        SmartleadClient(KEY, timeout=timeout)
    with pytest.raises(ValidationError, match="timeout must be a positive"):
        await client.request("GET", "/campaigns/", timeout=timeout)


def test_gate_outside_a_running_loop_is_a_configuration_error() -> None:
    sl = SmartleadClient(KEY, base_url=BASE)
    with pytest.raises(ConfigurationError, match="running event loop"):
        _ = sl.gate
    explicit = RecordingGate()
    assert SmartleadClient(KEY, base_url=BASE, gate=explicit).gate is explicit


# --- response size cap ------------------------------------------------------------------------


async def test_a_body_over_the_cap_raises_response_too_large() -> None:
    async def big(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "application/json"})
        await resp.prepare(request)
        for _ in range(64):
            await resp.write(b" " * 1024)
        await resp.write(b"{}")
        return resp

    async def small(request: web.Request) -> web.Response:
        return web.json_response({"ok": True, "n": 1})

    app = web.Application()
    app.router.add_get("/big", big)
    app.router.add_get("/small", small)
    async with (
        serve_app(app) as base,
        SmartleadClient(KEY, base_url=base, retry=None, max_response_bytes=4096) as sl,
    ):
        with pytest.raises(ResponseTooLargeError) as info:
            await sl.request("GET", "/big")
        assert isinstance(info.value, TransportError)
        assert info.value.limit == 4096
        assert (await sl.request("GET", "/small")).body == {"ok": True, "n": 1}


async def test_an_oversized_body_is_not_retried() -> None:
    hits = 0

    async def big(request: web.Request) -> web.Response:
        nonlocal hits
        hits += 1
        return web.json_response({"data": "x" * 10_000})

    app = web.Application()
    app.router.add_get("/big", big)
    async with (
        serve_app(app) as base,
        SmartleadClient(KEY, base_url=base, max_response_bytes=4096) as sl,
    ):
        with pytest.raises(ResponseTooLargeError):
            await sl.request("GET", "/big")
    assert hits == 1


@pytest.mark.parametrize("bad", [0, -1, 1.5, "10", True, None])
def test_max_response_bytes_must_be_a_positive_int(bad: Any) -> None:
    with pytest.raises(ConfigurationError, match="max_response_bytes must be a positive int"):
        SmartleadClient(KEY, base_url=BASE, max_response_bytes=bad)


async def test_download_streams_the_body_to_a_file(tmp_path: Any) -> None:
    csv_rows = b"".join(b"lead%d@example.com,Name %d\n" % (i, i) for i in range(20_000))

    async def export(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "text/csv"})
        await resp.prepare(request)
        for start in range(0, len(csv_rows), 50_000):
            await resp.write(csv_rows[start : start + 50_000])
        return resp

    async def missing(request: web.Request) -> web.Response:
        return web.json_response({"message": "Campaign not found"}, status=404)

    app = web.Application()
    app.router.add_get("/campaigns/7/leads-export", export)
    app.router.add_get("/campaigns/8/leads-export", missing)
    target = tmp_path / "export.csv"
    async with (
        serve_app(app) as base,
        SmartleadClient(KEY, base_url=base, retry=None) as sl,
    ):
        transport = sl._transport
        written = await transport.download(
            "/campaigns/{campaign_id}/leads-export", target, path_params={"campaign_id": 7}
        )
        assert written == len(csv_rows)
        assert target.read_bytes() == csv_rows
        with pytest.raises(NotFoundError, match="Campaign not found"):
            await transport.download("/campaigns/8/leads-export", tmp_path / "missing.csv")
        small = SmartleadClient(KEY, base_url=base, retry=None, max_response_bytes=1000)
        async with small:
            with pytest.raises(ResponseTooLargeError):
                await small._transport.download("/campaigns/7/leads-export", target)
