"""Seeded fault injection: reproducibility, each fault kind over HTTP, after-store import faults."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import orjson
import pytest

from smartlead_async.testing import Faults, SandboxServer
from smartlead_async.testing.faults import FaultInjector
from smartlead_async.testing.observe import DROPPED


def _plans(faults: Faults, n: int, path: str = "/api/v1/campaigns/") -> list[object]:
    injector = FaultInjector(faults)
    return [injector.plan("GET", path) for _ in range(n)]


def test_same_seed_same_faults_other_seed_differs() -> None:
    faults = Faults.uniform(0.5, seed=7)
    assert _plans(faults, 200) == _plans(faults, 200)
    assert _plans(faults, 200) != _plans(Faults.uniform(0.5, seed=8), 200)


def test_rates_are_roughly_honoured() -> None:
    injector = FaultInjector(Faults(seed=1, server_error=0.2, drop=0.1))
    for _ in range(5000):
        injector.plan("GET", "/api/v1/campaigns/")
    assert 800 < injector.injected["server_error"] < 1200
    assert 350 < injector.injected["drop"] < 650
    assert set(injector.injected) == {"server_error", "drop"}


def test_path_filter_limits_faults() -> None:
    injector = FaultInjector(Faults(seed=1, server_error=1.0, path=r"/leads$"))
    assert injector.plan("GET", "/api/v1/campaigns/") is None
    plan = injector.plan("POST", "/api/v1/campaigns/5/leads")
    assert plan is not None and plan.kind == "server_error" and plan.status in (500, 502, 503)


def test_no_faults_when_all_rates_are_zero() -> None:
    assert _plans(Faults(seed=3), 50) == [None] * 50


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"server_error": 1.5}, "probability"),
        ({"drop": -0.1}, "probability"),
        ({"drop": 0.6, "malformed": 0.6}, "sum to <= 1"),
        ({"slow_delay": -1}, "slow_delay"),
        ({"path": "("}, "regular expression"),
        ({"retry_after": 0}, "retry_after"),
    ],
)
def test_invalid_configuration_is_rejected(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Faults(**kwargs)  # type: ignore[arg-type]


def test_after_store_applies_only_to_imports() -> None:
    injector = FaultInjector(Faults(seed=2, server_error=1.0, after_store_share=1.0))
    imported = injector.plan("POST", "/api/v1/campaigns/5/leads")
    listed = injector.plan("POST", "/api/v1/lead-list/9/import")
    other = injector.plan("POST", "/api/v1/campaigns/create")
    assert imported is not None and imported.after_handler
    assert listed is not None and listed.after_handler
    assert other is not None and not other.after_handler


async def _get(sb: SandboxServer, path: str = "/campaigns/") -> tuple[int, bytes, str]:
    async with aiohttp.ClientSession() as session:
        url = sb.url(f"{path}?api_key={sb.api_key}")
        async with session.get(url) as resp:
            return resp.status, await resp.read(), resp.content_type


async def test_server_error_is_json_5xx() -> None:
    async with SandboxServer(rate_limits=None, faults=Faults(server_error=1.0)) as sb:
        status, body, kind = await _get(sb)
        assert status in (500, 502, 503) and kind == "application/json"
        assert "message" in orjson.loads(body)


async def test_spurious_429_has_retry_after_and_does_not_use_budget() -> None:
    faults = Faults(rate_limit=1.0, retry_after=3)
    async with SandboxServer(rate_limits=[(1, 60.0)], faults=faults) as sb:
        for _ in range(3):
            status, body, _ = await _get(sb)
            assert status == 429
            assert orjson.loads(body)["error"]["retry_after"] == 3
        assert sb.limiter.hit(sb.api_key).allowed


async def test_html_502_page() -> None:
    async with SandboxServer(rate_limits=None, faults=Faults(html_502=1.0)) as sb:
        status, body, kind = await _get(sb)
        assert (status, kind) == (502, "text/html")
        assert b"<h1>502 Bad Gateway</h1>" in body


@pytest.mark.parametrize("kind", ["malformed", "truncated"])
async def test_broken_json_bodies(kind: str) -> None:
    async with SandboxServer(rate_limits=None, faults=Faults(**{kind: 1.0})) as sb:  # type: ignore[arg-type]
        sb.seed_campaign(leads=2)
        status, body, content_type = await _get(sb)
        assert status == 200 and content_type == "application/json"
        with pytest.raises(orjson.JSONDecodeError):
            orjson.loads(body)


async def test_dropped_connection_is_logged() -> None:
    async with SandboxServer(rate_limits=None, faults=Faults(drop=1.0)) as sb:
        with pytest.raises(aiohttp.ServerDisconnectedError):
            await _get(sb)
        assert sb.counters.dropped >= 1
        assert all(r.status == DROPPED for r in sb.log.records)


async def test_slow_responses_are_delayed() -> None:
    async with SandboxServer(rate_limits=None, faults=Faults(slow=1.0, slow_delay=0.3)) as sb:
        started = time.monotonic()
        status, _, _ = await _get(sb)
        assert status == 200
        assert time.monotonic() - started >= 0.29


async def test_same_seed_same_statuses_over_http() -> None:
    async def run() -> list[int]:
        faults = Faults(seed=5, server_error=0.3, rate_limit=0.2, html_502=0.1)
        async with SandboxServer(rate_limits=None, faults=faults) as sb:
            return [(await _get(sb))[0] for _ in range(30)]

    first = await run()
    assert first == await run()
    assert len(set(first)) > 2


async def test_import_fault_after_store_makes_retry_see_duplicates() -> None:
    faults = Faults(server_error=1.0, after_store_share=1.0, path=r"/leads$")
    async with SandboxServer(rate_limits=None, faults=faults) as sb:
        camp = sb.state.add_campaign("Faulty")
        rows = [{"email": f"lead{i}@example.com"} for i in range(5)]
        async with aiohttp.ClientSession() as session:
            url = sb.url(f"/campaigns/{camp.id}/leads?api_key={sb.api_key}")
            async with session.post(url, json={"lead_list": rows}) as resp:
                assert resp.status >= 500
            assert len(camp.lead_map_ids) == 5
            sb.set_faults(None)
            async with session.post(url, json={"lead_list": rows}) as resp:
                report = await resp.json()
        assert report["upload_count"] == 0
        assert report["already_added_to_campaign"] == 5
        assert sb.faults.injected == {"server_error": 1}


async def test_import_fault_before_store_keeps_nothing() -> None:
    faults = Faults(drop=1.0, after_store_share=0.0, path=r"/leads$")
    async with SandboxServer(rate_limits=None, faults=faults) as sb:
        camp = sb.state.add_campaign("Faulty")
        async with aiohttp.ClientSession() as session:
            url = sb.url(f"/campaigns/{camp.id}/leads?api_key={sb.api_key}")
            with pytest.raises(aiohttp.ServerDisconnectedError):
                async with session.post(url, json={"lead_list": [{"email": "a@b.com"}]}):
                    pass
        assert len(camp.lead_map_ids) == 0


@pytest.mark.parametrize(("after", "stored_while_held"), [(True, 3), (False, 0)])
async def test_a_slow_import_answer_is_held_after_or_before_the_store(
    after: bool, stored_while_held: int
) -> None:
    faults = Faults(slow=1.0, slow_delay=0.5, slow_after_store=after, path=r"/leads$")
    async with SandboxServer(rate_limits=None, faults=faults) as sb:
        camp = sb.state.add_campaign("Held")
        rows = [{"email": f"held{i}@example.com"} for i in range(3)]
        async with aiohttp.ClientSession() as session:
            url = sb.url(f"/campaigns/{camp.id}/leads?api_key={sb.api_key}")
            post = asyncio.ensure_future(session.post(url, json={"lead_list": rows}))
            await asyncio.sleep(0.25)  # the answer is held for 0.5 s
            assert len(camp.lead_map_ids) == stored_while_held
            async with await post as resp:
                assert resp.status == 200
        assert len(camp.lead_map_ids) == 3
