"""The retry policy: what is retried for which request, waits, limits, and the gate per attempt."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from functools import partial
from types import SimpleNamespace
from typing import Any

import aiohttp
import pytest
from aioresponses import aioresponses

from smartlead_async import (
    APIError,
    ConfigurationError,
    ConnectError,
    MalformedResponseError,
    RateLimitError,
    RequestTimeoutError,
    RetryPolicy,
    ServerError,
    SmartleadClient,
    TransportError,
)
from smartlead_async.retry import is_retryable
from tests.helpers.gates import RecordingGate
from tests.helpers.wire import route

BASE = "https://api.test"
FAST = RetryPolicy(max_attempts=3, base_delay=0.001, max_delay=0.005)
url = partial(route, base=BASE)


@pytest.fixture
async def gate() -> RecordingGate:
    return RecordingGate()


@pytest.fixture
async def client(gate: RecordingGate) -> AsyncIterator[SmartleadClient]:
    async with SmartleadClient("retry-key", base_url=BASE, gate=gate, retry=FAST) as sl:
        yield sl


# --- the matrix -------------------------------------------------------------------------------

CONNECT_ERROR = aiohttp.ClientConnectorError(
    SimpleNamespace(host="api.test", port=443, ssl=True),  # type: ignore[arg-type]
    OSError(111, "Connection refused"),
)

# kind -> (aioresponses arguments, error class, retried for a plain POST)
FAILURES: dict[str, tuple[dict[str, Any], type[Exception], bool]] = {
    "429": ({"status": 429, "payload": {"message": "slow down"}}, RateLimitError, True),
    "500": ({"status": 500, "payload": {"message": "boom"}}, ServerError, False),
    "503 json": ({"status": 503, "payload": {"message": "busy"}}, ServerError, False),
    "503 html": (
        {"status": 503, "body": "<html><h1>503</h1></html>", "content_type": "text/html"},
        ServerError,
        True,
    ),
    "timeout": ({"exception": TimeoutError()}, RequestTimeoutError, False),
    "connect error": ({"exception": CONNECT_ERROR}, ConnectError, True),
    "server disconnect": (
        {"exception": aiohttp.ServerDisconnectedError()},
        TransportError,
        False,
    ),
    "malformed json": ({"status": 200, "body": "{not json"}, MalformedResponseError, False),
}

# request kind -> (method, path, idempotent flag passed to client.request)
REQUESTS: dict[str, tuple[str, str, bool | None]] = {
    "GET": ("GET", "/campaigns/", None),
    "DELETE": ("DELETE", "/campaigns/7", None),
    "idempotent POST": ("POST", "/campaigns/7/leads", True),
    "plain POST": ("POST", "/campaigns/create", None),
}


@pytest.mark.parametrize("failure", list(FAILURES))
@pytest.mark.parametrize("request_kind", list(REQUESTS))
async def test_retry_matrix_gives_up_with_the_typed_error(
    client: SmartleadClient,
    gate: RecordingGate,
    m: aioresponses,
    request_kind: str,
    failure: str,
) -> None:
    method, path, idempotent = REQUESTS[request_kind]
    response, error_cls, retried_for_plain_post = FAILURES[failure]
    m.add(url(path), method=method, repeat=True, **response)
    retried = request_kind != "plain POST" or retried_for_plain_post

    with pytest.raises(error_cls) as caught:
        await client.request(method, path, json={"x": 1}, idempotent=idempotent)

    expected = FAST.max_attempts if retried else 1
    assert caught.value.attempts == expected  # type: ignore[attr-defined]
    assert len(gate.acquired) == expected  # every attempt passed the gate
    assert len(gate.outcomes) == expected  # ... and reported its outcome
    assert client.requests_sent == expected
    if expected > 1:
        assert f"after {expected} attempts" in str(caught.value)


@pytest.mark.parametrize("failure", list(FAILURES))
@pytest.mark.parametrize("request_kind", ["GET", "idempotent POST"])
async def test_retryable_failure_then_success(
    client: SmartleadClient,
    gate: RecordingGate,
    m: aioresponses,
    request_kind: str,
    failure: str,
) -> None:
    method, path, idempotent = REQUESTS[request_kind]
    m.add(url(path), method=method, **FAILURES[failure][0])
    m.add(url(path), method=method, payload={"ok": True})
    response = await client.request(method, path, json={"x": 1}, idempotent=idempotent)
    assert response.body == {"ok": True}
    assert len(gate.acquired) == 2


async def test_non_retryable_statuses_are_raised_at_once(
    client: SmartleadClient, gate: RecordingGate, m: aioresponses
) -> None:
    for status in (400, 401, 403, 404, 422):
        m.get(url("/campaigns/"), status=status, payload={"message": "no"})
        with pytest.raises(APIError) as caught:
            await client.request("GET", "/campaigns/")
        assert caught.value.status == status
        assert caught.value.attempts == 1
    assert len(gate.acquired) == 5


# --- waits and limits -------------------------------------------------------------------------


async def test_retry_after_is_a_floor_of_the_wait(gate: RecordingGate, m: aioresponses) -> None:
    m.get(url("/x"), status=429, headers={"Retry-After": "0.4"}, payload={})
    m.get(url("/x"), status=429, headers={"Retry-After": "0.4"}, payload={})
    m.get(url("/x"), payload={"ok": True})
    policy = RetryPolicy(max_attempts=5, base_delay=0.001, max_delay=0.001)
    async with SmartleadClient("ra-key", base_url=BASE, gate=gate, retry=policy) as sl:
        await sl.request("GET", "/x")
    first, second, third = gate.acquired
    assert second - first >= 0.4
    assert third - second >= 0.4


async def test_retry_after_beyond_the_time_budget_gives_up_at_once(
    gate: RecordingGate, m: aioresponses
) -> None:
    m.get(url("/x"), status=429, headers={"Retry-After": "30"}, payload={}, repeat=True)
    policy = RetryPolicy(max_attempts=5, max_elapsed=2.0, base_delay=0.001)
    async with SmartleadClient("budget-key", base_url=BASE, gate=gate, retry=policy) as sl:
        began = time.monotonic()
        with pytest.raises(RateLimitError) as caught:
            await sl.request("GET", "/x")
    assert time.monotonic() - began < 1.5
    assert caught.value.retry_after == 30.0
    assert caught.value.attempts == 1


async def test_max_attempts_bounds_attempts(gate: RecordingGate, m: aioresponses) -> None:
    m.get(url("/x"), status=500, payload={}, repeat=True)
    policy = RetryPolicy(max_attempts=5, base_delay=0.001, max_delay=0.001)
    async with SmartleadClient("attempts-key", base_url=BASE, gate=gate, retry=policy) as sl:
        with pytest.raises(ServerError) as caught:
            await sl.request("GET", "/x")
    assert caught.value.attempts == 5
    assert len(gate.acquired) == 5


async def test_max_elapsed_bounds_total_time(gate: RecordingGate, m: aioresponses) -> None:
    m.get(url("/x"), status=500, payload={}, repeat=True)
    policy = RetryPolicy(
        max_attempts=1000, max_elapsed=0.5, base_delay=0.1, max_delay=0.1, jitter=False
    )
    async with SmartleadClient("elapsed-key", base_url=BASE, gate=gate, retry=policy) as sl:
        began = time.monotonic()
        with pytest.raises(ServerError) as caught:
            await sl.request("GET", "/x")
    elapsed = time.monotonic() - began
    assert 0.45 <= elapsed < 3.0
    assert 2 <= caught.value.attempts <= 8


async def test_retry_none_disables_retries(gate: RecordingGate, m: aioresponses) -> None:
    m.get(url("/x"), status=503, payload={}, repeat=True)
    async with SmartleadClient("none-key", base_url=BASE, gate=gate, retry=None) as sl:
        assert sl.retry is None
        with pytest.raises(ServerError) as caught:
            await sl.request("GET", "/x")
    assert caught.value.attempts == 1
    assert len(gate.acquired) == 1


async def test_with_options_changes_the_policy_only_for_the_copy(
    client: SmartleadClient, gate: RecordingGate, m: aioresponses
) -> None:
    m.get(url("/x"), status=500, payload={}, repeat=True)
    single = client.with_options(retry=None)
    with pytest.raises(ServerError):
        await single.request("GET", "/x")
    assert len(gate.acquired) == 1
    with pytest.raises(ServerError):
        await client.request("GET", "/x")
    assert len(gate.acquired) == 1 + FAST.max_attempts


async def test_the_default_policy_retries(gate: RecordingGate, m: aioresponses) -> None:
    m.get(url("/x"), status=502, payload={})
    m.get(url("/x"), payload=[1, 2])
    async with SmartleadClient("default-key", base_url=BASE, gate=gate) as sl:
        assert sl.retry == RetryPolicy()
        assert (await sl.request("GET", "/x")).body == [1, 2]


# --- the policy object ------------------------------------------------------------------------


def test_delays_grow_exponentially_up_to_the_cap_without_jitter() -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=3.0, jitter=False)
    assert [policy.delay_for(attempt, None) for attempt in range(1, 6)] == [
        0.5,
        1.0,
        2.0,
        3.0,
        3.0,
    ]


def test_full_jitter_stays_within_the_ceiling_and_respects_retry_after() -> None:
    policy = RetryPolicy(base_delay=1.0, max_delay=4.0)
    for attempt in range(1, 8):
        ceiling = min(4.0, 2 ** (attempt - 1))
        for _ in range(50):
            assert 0.0 <= policy.delay_for(attempt, None) <= ceiling
            assert policy.delay_for(attempt, 7.5) >= 7.5


def _api_error(cls: type[APIError], status: int, data: Any = None) -> APIError:
    return cls(status, "x", data=data)


@pytest.mark.parametrize(
    ("make", "idempotent", "expected"),
    [
        (lambda: _api_error(RateLimitError, 429), False, True),
        (lambda: _api_error(ServerError, 500, {"m": 1}), True, True),
        (lambda: _api_error(ServerError, 500, {"m": 1}), False, False),
        (lambda: _api_error(ServerError, 503, {"m": 1}), False, False),
        (lambda: _api_error(ServerError, 503), False, True),
        (lambda: _api_error(APIError, 404), True, False),
        (lambda: ConnectError("refused"), False, True),
        (lambda: RequestTimeoutError("slow"), False, False),
        (lambda: RequestTimeoutError("no connection", sent=False), False, True),
        (lambda: TransportError("reset"), True, True),
        (lambda: ValueError("not ours"), True, False),
    ],
)
def test_is_retryable(make: Callable[[], Exception], idempotent: bool, expected: bool) -> None:
    assert is_retryable(make(), idempotent=idempotent) is expected


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"max_attempts": 0}, "max_attempts"),
        ({"max_attempts": -2}, "max_attempts"),
        ({"max_attempts": 2.5}, "max_attempts"),
        ({"max_attempts": True}, "max_attempts"),
        ({"max_elapsed": -1}, "max_elapsed"),
        ({"base_delay": "1"}, "base_delay"),
        ({"max_delay": -0.5}, "max_delay"),
    ],
)
def test_policy_validation(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        RetryPolicy(**kwargs)


def test_policy_allows_no_time_limit() -> None:
    assert RetryPolicy(max_elapsed=None).max_elapsed is None
