"""The in-process gate: strict completion-keyed windows, shared cooldown, header obedience,
the per-key registry and RateLimit parsing.

Timing assertions are one-sided where the gate guarantees them (a wait is never shorter than
asked) and generous where they depend on the machine (throughput).
"""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections import deque
from collections.abc import AsyncIterator, Mapping, Sequence
from email.utils import formatdate

import attrs
import pytest
from aiohttp import web
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartlead_async import (
    PLAN_PRESETS,
    ConfigurationError,
    LocalGate,
    RateGate,
    RateLimit,
    SmartleadClient,
)
from smartlead_async.gates import key_fingerprint, normalize_limits, shared_gate
from tests.helpers.server import serve_app

EPS = 1e-6  # float noise when comparing monotonic timestamps


# --- helpers -----------------------------------------------------------------------------------


@attrs.define
class Run:
    """Start (acquire returned) and completion (response arrived) time of every request."""

    starts: list[float] = attrs.Factory(list)
    ends: list[float] = attrs.Factory(list)
    elapsed: float = 0.0


async def drive(gate: LocalGate, service_times: Sequence[float]) -> Run:
    """Run one acquirer per service time, all at once, each holding its slot that long."""
    run = Run(starts=[0.0] * len(service_times), ends=[0.0] * len(service_times))

    async def one(index: int, service: float) -> None:
        await gate.acquire()
        run.starts[index] = time.monotonic()
        await asyncio.sleep(service)
        run.ends[index] = time.monotonic()
        await gate.on_response(200, {})

    began = time.monotonic()
    await asyncio.gather(*(one(i, s) for i, s in enumerate(service_times)))
    run.elapsed = time.monotonic() - began
    return run


def assert_completion_keyed(run: Run, limit: RateLimit) -> None:
    """The (k+N)-th start is at least ``per`` after the k-th completion, for every k."""
    starts, ends = sorted(run.starts), sorted(run.ends)
    n = limit.requests
    for k in range(len(starts) - n):
        gap = starts[k + n] - ends[k]
        assert gap >= limit.per_seconds - EPS, (
            f"{limit}: start #{k + n} came {gap:.4f}s after completion #{k}"
        )


def max_in_window(arrivals: Sequence[float], per: float) -> int:
    """The most arrivals any closed window of ``per`` seconds contains."""
    ordered = sorted(arrivals)
    best = 0
    low = 0
    for high, at in enumerate(ordered):
        while at - ordered[low] > per:
            low += 1
        best = max(best, high - low + 1)
    return best


def arrivals_of(run: Run, fractions: Sequence[float]) -> list[float]:
    """A server's arrival times: anywhere between a request's start and its completion."""
    return [s + f * (e - s) for s, e, f in zip(run.starts, run.ends, fractions, strict=True)]


def bound(limits: Sequence[RateLimit], n: int) -> float:
    """The least time n requests can take under these windows."""
    return max(limit.per_seconds * (math.ceil(n / limit.requests) - 1) for limit in limits)


# --- the strict window property -------------------------------------------------------------

WINDOW_CASES = [
    pytest.param([RateLimit(10, 0.2)], 150, id="10/0.2s x150"),
    pytest.param([RateLimit(5, 0.15), RateLimit(8, 0.5)], 40, id="5/0.15s+8/0.5s x40"),
    pytest.param([RateLimit(3, 0.1)], 60, id="3/0.1s x60"),
]


@pytest.mark.parametrize(("limits", "n"), WINDOW_CASES)
async def test_no_window_ever_admits_more_than_allowed(limits: list[RateLimit], n: int) -> None:
    rng = random.Random(f"{limits}-{n}")
    gate = LocalGate(limits)
    run = await drive(gate, [rng.uniform(0.0, 0.03) for _ in range(n)])

    for limit in limits:
        assert_completion_keyed(run, limit)
        for _ in range(5):  # several random placements of each arrival inside its request
            arrivals = arrivals_of(run, [rng.random() for _ in range(n)])
            assert max_in_window(arrivals, limit.per_seconds) <= limit.requests
        # Extreme placements: every request arrives at its start, or at its completion.
        assert max_in_window(run.starts, limit.per_seconds) <= limit.requests
        assert max_in_window(run.ends, limit.per_seconds) <= limit.requests

    least = bound(limits, n)
    assert run.elapsed >= 0.9 * least
    assert run.elapsed <= 1.5 * least + 1.0, f"{n} requests took {run.elapsed:.2f}s"
    assert gate.in_flight == 0
    assert gate.requests_started == n


@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    data=st.data(),
    requests=st.integers(min_value=1, max_value=6),
    per=st.sampled_from([0.05, 0.08, 0.12]),
)
def test_arrival_windows_hold_for_any_service_times(
    data: st.DataObject, requests: int, per: float
) -> None:
    n = data.draw(st.integers(min_value=requests, max_value=3 * requests + 2), label="n")
    services = data.draw(
        st.lists(st.floats(0.0, 0.04), min_size=n, max_size=n), label="service times"
    )
    fractions = data.draw(
        st.lists(st.floats(0.0, 1.0), min_size=n, max_size=n), label="arrival fractions"
    )
    limit = RateLimit(requests, per)
    run = asyncio.run(drive(LocalGate(limit), services))
    assert_completion_keyed(run, limit)
    assert max_in_window(arrivals_of(run, fractions), per) <= requests


async def test_waiting_acquirer_can_be_cancelled_without_leaking_a_slot() -> None:
    gate = LocalGate(RateLimit(1, 0.2))
    await gate.acquire()
    waiter = asyncio.create_task(gate.acquire())
    await asyncio.sleep(0.05)
    waiter.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiter
    await gate.on_response(200, {})
    assert gate.in_flight == 0
    await asyncio.wait_for(gate.acquire(), timeout=5)
    assert gate.in_flight == 1


class WatchedGate(LocalGate):
    """A LocalGate that signals when it has been told about a 429."""

    def __init__(self, limits: RateLimit) -> None:
        super().__init__(limits)
        self.saw_429 = asyncio.Event()

    async def on_response(self, status: int | None, headers: Mapping[str, str]) -> None:
        await super().on_response(status, headers)
        if status == 429:
            self.saw_429.set()


# --- the local strict server (counts arrivals after reading the body) -------------------------


@attrs.define
class StrictServer:
    limit: RateLimit
    arrivals: list[float] = attrs.Factory(list)
    rejections: list[float] = attrs.Factory(list)
    force_429: int = 0  # answer this many next requests with 429 whatever the window says
    window: deque[float] = attrs.Factory(deque)
    base_url: str = ""

    @property
    def rejected(self) -> int:
        return len(self.rejections)

    async def handle(self, request: web.Request) -> web.Response:
        await request.read()
        now = time.monotonic()
        while self.window and self.window[0] < now - self.limit.per_seconds:
            self.window.popleft()
        if self.force_429 or len(self.window) >= self.limit.requests:
            self.force_429 = max(0, self.force_429 - 1)
            self.rejections.append(now)
            return web.json_response(
                {"error": "rate limited"}, status=429, headers={"Retry-After": "1"}
            )
        self.window.append(now)
        self.arrivals.append(now)
        return web.json_response({"ok": True})


@pytest.fixture
async def strict_server() -> AsyncIterator[StrictServer]:
    server = StrictServer(RateLimit(5, 0.3))
    app = web.Application(client_max_size=4 * 1024 * 1024)
    app.router.add_route("*", "/{tail:.*}", server.handle)
    async with serve_app(app) as base_url:
        server.base_url = base_url
        yield server


async def test_client_fan_out_never_draws_429_and_reaches_the_bound(
    strict_server: StrictServer,
) -> None:
    n = 40
    async with SmartleadClient(
        "gate-bound-key", base_url=strict_server.base_url, rate_limit=strict_server.limit
    ) as client:
        began = time.monotonic()
        await asyncio.gather(*(client.request("GET", "/ping") for _ in range(n)))
        elapsed = time.monotonic() - began
        assert client.rate_limited == 0
        assert client.requests_sent == n
    assert strict_server.rejected == 0
    assert max_in_window(strict_server.arrivals, 0.3) <= 5
    least = bound([strict_server.limit], n)
    assert 0.9 * least <= elapsed <= 1.5 * least + 1.0


async def test_large_bodies_never_draw_429(strict_server: StrictServer) -> None:
    body = {"lead_list": [{"email": f"lead{i}@example.com", "note": "x" * 200} for i in range(300)]}
    async with SmartleadClient(
        "gate-upload-key", base_url=strict_server.base_url, rate_limit=strict_server.limit
    ) as client:
        await asyncio.gather(
            *(client.request("POST", "/campaigns/1/leads", json=body) for _ in range(15))
        )
    assert strict_server.rejected == 0
    assert len(strict_server.arrivals) == 15


# --- shared cooldown --------------------------------------------------------------------------


async def _acquire_times(gate: LocalGate, count: int) -> list[float]:
    async def one() -> float:
        await gate.acquire()
        return time.monotonic()

    return list(await asyncio.gather(*(one() for _ in range(count))))


@pytest.mark.parametrize(
    ("retry_after", "per", "expected"),
    [
        pytest.param({"Retry-After": "1"}, 0.3, 1.0, id="retry-after above the window"),
        pytest.param({"retry-after": "0.1"}, 0.6, 0.6, id="window above retry-after"),
        pytest.param({}, 0.5, 0.5, id="no retry-after: one window"),
    ],
)
async def test_429_pauses_every_waiter(
    retry_after: dict[str, str], per: float, expected: float
) -> None:
    gate = LocalGate(RateLimit(10, per))
    await gate.acquire()
    hit = time.monotonic()
    await gate.on_response(429, retry_after)
    assert gate.rate_limited == 1
    assert gate.cooldown_remaining() > 0
    times = await _acquire_times(gate, 5)
    for at in times:
        assert at - hit >= expected - EPS


async def test_retry_after_http_date_pauses() -> None:
    gate = LocalGate(RateLimit(10, 0.1))
    await gate.acquire()
    hit = time.monotonic()
    await gate.on_response(429, {"Retry-After": formatdate(time.time() + 2, usegmt=True)})
    # An HTTP date has whole-second resolution: at least one second remains.
    assert gate.cooldown_remaining() >= 0.9
    assert gate.cooldown_remaining() <= 2.1
    gate.pause(0.0)  # a shorter pause never shortens the current one
    assert gate.cooldown_remaining() >= 0.8
    assert time.monotonic() - hit < 1.0


async def test_a_429_through_the_client_holds_requests_started_later(
    strict_server: StrictServer,
) -> None:
    strict_server.limit = RateLimit(100, 1.0)
    strict_server.force_429 = 1
    gate = WatchedGate(RateLimit(10, 0.2))
    async with SmartleadClient(
        "gate-cooldown-key", base_url=strict_server.base_url, gate=gate
    ) as client:
        first = asyncio.create_task(client.request("GET", "/first"))
        await asyncio.wait_for(gate.saw_429.wait(), timeout=10)  # the 429 (Retry-After: 1)
        await asyncio.gather(*(client.request("GET", "/later") for _ in range(3)), first)
        assert client.rate_limited == 1
        assert client.requests_sent == 5
    (rejected_at,) = strict_server.rejections
    assert len(strict_server.arrivals) == 4
    for at in strict_server.arrivals:
        assert at - rejected_at >= 1.0 - EPS


# --- rate-limit headers -----------------------------------------------------------------------


async def _wait_after(headers: dict[str, str], per: float = 0.1) -> float:
    gate = LocalGate(RateLimit(10, per))
    await gate.acquire()
    hit = time.monotonic()
    await gate.on_response(200, headers)
    await gate.acquire()
    return time.monotonic() - hit


async def test_remaining_zero_with_reset_seconds_pauses_until_reset() -> None:
    waited = await _wait_after({"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "0.6"})
    assert waited >= 0.6 - EPS


async def test_remaining_zero_with_epoch_reset_pauses_until_then() -> None:
    waited = await _wait_after(
        {"x-ratelimit-remaining": "0", "x-ratelimit-reset": f"{time.time() + 0.8:.3f}"}
    )
    assert waited >= 0.75


async def test_remaining_zero_with_epoch_milliseconds_reset() -> None:
    reset = str(int((time.time() + 0.8) * 1000))
    waited = await _wait_after({"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset})
    assert waited >= 0.75


async def test_remaining_zero_without_reset_pauses_one_window() -> None:
    waited = await _wait_after({"x-ratelimit-remaining": "0"}, per=0.5)
    assert waited >= 0.5 - EPS


@pytest.mark.parametrize(
    "headers",
    [
        {"x-ratelimit-remaining": "4", "x-ratelimit-reset": "30"},
        {"x-ratelimit-remaining": "garbage"},
        {"x-ratelimit-reset": "30"},
        {},
    ],
)
async def test_headers_with_budget_left_do_not_pause(headers: dict[str, str]) -> None:
    waited = await _wait_after(headers)
    assert waited < 0.5  # immediate; generous for a loaded machine


async def test_a_bare_429_pauses_for_the_shortest_window_not_the_hour() -> None:
    gate = LocalGate(PLAN_PRESETS["standard"])
    await gate.acquire()
    await gate.on_response(429, {})
    assert 0.5 < gate.cooldown_remaining() <= 1.0


# --- the per-key registry ----------------------------------------------------------------------


async def test_clients_with_the_same_key_share_one_gate() -> None:
    a = SmartleadClient("registry-key", base_url="https://api.test")
    b = SmartleadClient("registry-key", base_url="https://api.test")
    c = SmartleadClient("registry-other", base_url="https://api.test")
    try:
        assert a.gate is b.gate
        assert a.gate is not c.gate
        assert a.with_options(timeout=5).gate is a.gate
        assert shared_gate("registry-key") is a.gate
    finally:
        for client in (a, b, c):
            await client.aclose()


async def test_different_windows_for_one_key_are_unioned() -> None:
    a = SmartleadClient("union-key", base_url="https://api.test", rate_limit=RateLimit(10, 2))
    b = SmartleadClient("union-key", base_url="https://api.test", rate_limit=RateLimit(60, 60))
    gate = b.gate
    assert gate is a.gate
    assert isinstance(gate, LocalGate)
    assert set(gate.limits) == {RateLimit(10, 2), RateLimit(60, 60)}
    await a.aclose()
    await b.aclose()


async def test_explicit_gate_is_used_as_given() -> None:
    gate = LocalGate(RateLimit(3, 1))
    client = SmartleadClient("explicit-gate-key", base_url="https://api.test", gate=gate)
    assert client.gate is gate
    assert isinstance(gate, RateGate)
    await client.aclose()


def test_registry_keys_by_fingerprint_not_by_key() -> None:
    fingerprint = key_fingerprint("sk-secret-value")
    assert "sk-secret-value" not in fingerprint
    assert fingerprint == key_fingerprint("sk-secret-value")
    assert fingerprint != key_fingerprint("sk-secret-valuf")


def test_gate_repr_names_windows_only() -> None:
    assert repr(LocalGate([RateLimit(10, 2), RateLimit(60, 60)])) == (
        "LocalGate([10/2s, 60/60s], in_flight=0)"
    )


# --- RateLimit parsing, validation, presets ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10/2s", RateLimit(10, 2.0)),
        ("10/s", RateLimit(10, 1.0)),
        ("60/60s", RateLimit(60, 60.0)),
        ("60/min", RateLimit(60, 60.0)),
        ("1000/h", RateLimit(1000, 3600.0)),
        ("5/1.5s", RateLimit(5, 1.5)),
        (" 10 / 2 sec ", RateLimit(10, 2.0)),
        ("3/2min", RateLimit(3, 120.0)),
        ("20/1hour", RateLimit(20, 3600.0)),
        ("10/2", RateLimit(10, 2.0)),  # a bare number is seconds
        ("60/MIN", RateLimit(60, 60.0)),
    ],
)
def test_rate_limit_parse(text: str, expected: RateLimit) -> None:
    assert RateLimit.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("10", "REQUESTS/PERIOD"),
        ("ten/2s", "REQUESTS/PERIOD"),
        ("10/2x", "unknown unit 'x'"),
        ("0/1s", "positive int"),
        ("10/0s", "positive number of seconds"),
        ("-1/s", "REQUESTS/PERIOD"),
    ],
)
def test_rate_limit_parse_rejects(text: str, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        RateLimit.parse(text)


@pytest.mark.parametrize(
    ("requests", "per"),
    [
        (0, 1.0),
        (-3, 1.0),
        (True, 1.0),
        (2.5, 1.0),
        ("10", 1.0),
        (10, 0),
        (10, -1.0),
        (10, True),
        (10, "2"),
    ],
)
def test_rate_limit_validation(requests: object, per: object) -> None:
    with pytest.raises(ConfigurationError, match="RateLimit"):
        RateLimit(requests, per)  # type: ignore[arg-type]


def test_rate_limit_str_and_float_period() -> None:
    limit = RateLimit(10, 2)
    assert limit.per_seconds == 2.0 and isinstance(limit.per_seconds, float)
    assert str(limit) == "10/2s"


def test_presets_and_normalisation() -> None:
    assert PLAN_PRESETS["classic"] == (RateLimit(10, 2.0),)
    assert RateLimit(60, 60.0) in PLAN_PRESETS["sustained"]
    assert set(PLAN_PRESETS["standard"]) == {
        RateLimit(10, 1.0),
        RateLimit(60, 60.0),
        RateLimit(1000, 3600.0),
    }
    assert normalize_limits("standard") == PLAN_PRESETS["standard"]
    assert normalize_limits("Classic") == PLAN_PRESETS["classic"]
    assert normalize_limits("10/2s, 60/min") == (RateLimit(10, 2.0), RateLimit(60, 60.0))
    assert normalize_limits(RateLimit(1, 1)) == (RateLimit(1, 1),)
    assert normalize_limits([RateLimit(1, 1), RateLimit(5, 10)]) == (
        RateLimit(1, 1),
        RateLimit(5, 10),
    )
    assert normalize_limits(["10/2s", RateLimit(60, 60), "standard"]) == (
        RateLimit(10, 2.0),
        RateLimit(60, 60.0),
        *PLAN_PRESETS["standard"],
    )


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("turbo", "neither a preset"),
        ("", "neither a preset"),
        ([], "at least one"),
        ([RateLimit(1, 1), 10], "RateLimit instances or strings"),
        (10, "got int"),
    ],
)
def test_normalize_rejects(spec: object, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        normalize_limits(spec)  # type: ignore[arg-type]
