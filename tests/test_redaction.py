"""The API key never shows: not in errors (str, repr, traceback, cause chain), logs or reprs."""

from __future__ import annotations

import logging
import socket
import traceback
from collections.abc import AsyncIterator
from functools import partial

import pytest
from aioresponses import aioresponses

from smartlead_async import (
    AuthenticationError,
    ConnectError,
    MalformedResponseError,
    RateLimitError,
    RequestTimeoutError,
    RetryPolicy,
    ServerError,
    SmartleadClient,
    SmartleadError,
    TransportError,
)
from smartlead_async._redact import REDACTED, mask_secret, redact_data, redact_text, redact_url
from tests.helpers.gates import RecordingGate
from tests.helpers.wire import route

KEY = "sk-live-SECRET-0123456789abcdef"
BASE = "https://api.test"
FAST = RetryPolicy(max_attempts=2, base_delay=0.001, max_delay=0.001)
url = partial(route, base=BASE)


def everything_about(error: BaseException) -> str:
    """All text a human or a tool could get from an error and its chain."""
    parts = [str(error), repr(error), "".join(traceback.format_exception(error))]
    for name in ("message", "body", "data", "path"):
        parts.append(repr(getattr(error, name, None)))
    seen: BaseException | None = error
    while seen is not None:
        parts.append(str(seen))
        parts.append(repr(getattr(seen, "__dict__", {})))
        seen = seen.__cause__ or seen.__context__
    return "\n".join(parts)


def log_text(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(
        f"{record.getMessage()} {record.args!r} {record.exc_text or ''}"
        for record in caplog.records
    )


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)
    return caplog


@pytest.fixture
async def client() -> AsyncIterator[SmartleadClient]:
    async with SmartleadClient(KEY, base_url=BASE, gate=RecordingGate(), retry=FAST) as sl:
        yield sl


def assert_clean(error: BaseException, caplog: pytest.LogCaptureFixture) -> None:
    text = everything_about(error)
    assert KEY not in text
    assert KEY not in log_text(caplog)
    assert caplog.records, "expected DEBUG records of the attempts"


# --- the helpers ------------------------------------------------------------------------------


def test_redact_url() -> None:
    assert redact_url(f"https://x/a?api_key={KEY}&limit=5") == "https://x/a?api_key=***&limit=5"
    assert redact_url(f"https://x/a?limit=5&API_KEY={KEY}") == "https://x/a?limit=5&API_KEY=***"
    assert redact_url("https://x/a?limit=5") == "https://x/a?limit=5"


def test_redact_text_and_data() -> None:
    assert redact_text(f"key {KEY} and api_key={KEY}", KEY) == "key *** and api_key=***"
    assert redact_text("nothing here", None) == "nothing here"
    data = {"message": f"bad key {KEY}", "list": [KEY, 1, None], KEY: True}
    cleaned = redact_data(data, KEY)
    assert KEY not in repr(cleaned)
    assert cleaned["list"] == [REDACTED, 1, None]


def test_mask_secret_shows_nothing_of_the_key() -> None:
    assert mask_secret(KEY) == REDACTED
    assert mask_secret("") == ""


def test_client_repr_hides_the_key() -> None:
    client = SmartleadClient(KEY, base_url=BASE)
    text = repr(client) + repr(client._transport) + repr(client.campaigns) + repr(client.bulk)
    assert KEY not in text
    assert "api_key='***'" in repr(client)


# --- wire failures ----------------------------------------------------------------------------


async def test_connection_refused(debug_logs: pytest.LogCaptureFixture) -> None:
    with socket.socket() as probe:  # a port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with SmartleadClient(
        KEY, base_url=f"http://127.0.0.1:{port}", gate=RecordingGate(), retry=FAST
    ) as sl:
        with pytest.raises(ConnectError) as caught:
            await sl.request("GET", "/campaigns/")
    assert caught.value.attempts == 2
    assert_clean(caught.value, debug_logs)


async def test_unmatched_request_error_carrying_the_url(
    client: SmartleadClient, m: aioresponses, debug_logs: pytest.LogCaptureFixture
) -> None:
    # aioresponses raises ClientConnectionError("Connection refused: GET <url with key>").
    with pytest.raises(TransportError) as caught:
        await client.request("GET", "/nowhere")
    assert "api_key=***" in str(caught.value)
    assert_clean(caught.value, debug_logs)


async def test_timeout(slow_server: str, debug_logs: pytest.LogCaptureFixture) -> None:
    async with SmartleadClient(KEY, base_url=slow_server, gate=RecordingGate(), retry=FAST) as sl:
        with pytest.raises(RequestTimeoutError) as caught:
            await sl.request("GET", "/slow", timeout=0.1)
    assert_clean(caught.value, debug_logs)


async def test_401_with_the_key_echoed(
    client: SmartleadClient, m: aioresponses, debug_logs: pytest.LogCaptureFixture
) -> None:
    m.get(url("/x"), status=401, payload={"message": f"Invalid API Key {KEY}", "key": KEY})
    with pytest.raises(AuthenticationError) as caught:
        await client.request("GET", "/x")
    assert caught.value.message == f"Invalid API Key {REDACTED}"
    assert_clean(caught.value, debug_logs)


@pytest.mark.parametrize("content_type", ["application/json", "text/plain", "text/html"])
async def test_500_with_the_key_in_the_body(
    client: SmartleadClient,
    m: aioresponses,
    debug_logs: pytest.LogCaptureFixture,
    content_type: str,
) -> None:
    body = (
        f'{{"message": "failed for https://server/api?api_key={KEY}", "echo": "{KEY}"}}'
        if content_type == "application/json"
        else f"Internal error; request was GET /x?api_key={KEY} (key {KEY})"
    )
    m.get(url("/x"), status=500, body=body, content_type=content_type, repeat=True)
    with pytest.raises(ServerError) as caught:
        await client.request("GET", "/x")
    assert caught.value.attempts == 2  # retried, and both attempts logged
    assert_clean(caught.value, debug_logs)


async def test_malformed_body(
    client: SmartleadClient, m: aioresponses, debug_logs: pytest.LogCaptureFixture
) -> None:
    m.get(url("/x"), status=200, body=f"{{oops {KEY}", repeat=True)
    with pytest.raises(MalformedResponseError) as caught:
        await client.request("GET", "/x")
    assert_clean(caught.value, debug_logs)


async def test_retries_after_429_log_without_the_key(
    client: SmartleadClient, m: aioresponses, debug_logs: pytest.LogCaptureFixture
) -> None:
    m.get(url("/x"), status=429, payload={"message": KEY}, repeat=True)
    with pytest.raises(RateLimitError) as caught:
        await client.request("GET", "/x", params={"q": "v"})
    assert any("retrying GET /x" in record.getMessage() for record in debug_logs.records)
    assert_clean(caught.value, debug_logs)


async def test_success_response_text_is_redacted(client: SmartleadClient, m: aioresponses) -> None:
    m.get(url("/x"), body=f"echo api_key={KEY}", content_type="text/plain")
    response = await client.request("GET", "/x")
    assert KEY not in response.text
    assert KEY not in repr(response)


async def test_response_headers_that_echo_the_key_are_masked(
    client: SmartleadClient, m: aioresponses
) -> None:
    echoed = {"X-Request-Url": f"/x?api_key={KEY}&offset=0", "X-Echo": KEY, "X-Other": "plain"}
    m.get(url("/x"), payload={"ok": True}, headers=echoed)
    response = await client.request("GET", "/x")
    assert KEY not in repr(dict(response.headers))
    assert response.headers["X-Request-Url"] == f"/x?api_key={REDACTED}&offset=0"
    assert response.headers["X-Echo"] == REDACTED
    assert response.headers["X-Other"] == "plain"


async def test_response_headers_without_the_key_are_kept_as_sent(
    client: SmartleadClient, m: aioresponses
) -> None:
    m.get(url("/x"), payload={"ok": True}, headers={"X-Api-Keyed": "yes", "X-Count": "3"})
    response = await client.request("GET", "/x")
    assert response.headers["X-Api-Keyed"] == "yes" and response.headers["X-Count"] == "3"


def test_configuration_errors_do_not_echo_the_key() -> None:
    for kwargs in (
        {"base_url": "ftp://x"},
        {"base_url": "http://example.com"},
        {"timeout": -1},
        {"rate_limit": "nope"},
    ):
        with pytest.raises(SmartleadError) as caught:
            SmartleadClient(KEY, **kwargs)
        assert KEY not in everything_about(caught.value)


# --- credentials in responses (R20) ------------------------------------------------------------

ACCOUNT = {
    "id": 7,
    "from_email": "a@x.com",
    "password": "smtp-Hunter2-pass",
    "imap_password": "imap-Hunter2-pass",
    "smtp_port": 587,
}


async def test_raw_response_repr_hides_mailbox_passwords(
    client: SmartleadClient, m: aioresponses
) -> None:
    m.get(url("/email-accounts/7/"), payload=ACCOUNT)
    response = await client.request("GET", "/email-accounts/7/")
    shown = repr(response)
    assert "Hunter2" not in shown
    assert "'from_email': 'a@x.com'" in shown and "'password': '***'" in shown
    assert response.body["password"] == "smtp-Hunter2-pass"  # the data itself is intact


async def test_raw_response_repr_hides_client_keys_in_lists(
    client: SmartleadClient, m: aioresponses
) -> None:
    m.get(
        url("/client/api-key"), payload={"ok": True, "data": [{"id": 1, "apiKey": "ck-XYZ98765"}]}
    )
    response = await client.request("GET", "/client/api-key")
    assert "ck-XYZ98765" not in repr(response)
