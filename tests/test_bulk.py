"""``client.bulk``: the fan-out engine, ``Bulk.map`` and the many-item helpers (on the sandbox)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from smartlead_async import (
    InvalidTypeError,
    NotFoundError,
    SmartleadClient,
    ValidationError,
)
from smartlead_async.bulk import BulkResults, ItemResult, chunked, fan_out, iterate_any
from smartlead_async.errors import BadRequestError
from smartlead_async.testing.pytest_plugin import SandboxClient
from smartlead_async.testing.sandbox import SandboxServer
from smartlead_async.testing.state import Tag
from tests.helpers.import_fakes import rows

# --- the engine ---------------------------------------------------------------------------------


async def test_map_keeps_input_order_and_captures_errors() -> None:
    async def work(n: int) -> int:
        await asyncio.sleep(0.001 * (10 - n))  # later items finish first
        if n == 3:
            raise ValueError("three")
        return n * n

    async with SmartleadClient("k", base_url="http://127.0.0.1:9/api/v1") as sl:
        results = await sl.bulk.map(work, range(10), concurrency=4)
    assert isinstance(results, BulkResults)
    assert [r.item for r in results] == list(range(10))
    assert results.values == [0, 1, 4, None, 16, 25, 36, 49, 64, 81]
    assert [r.item for r in results.failed] == [3]
    assert len(results.succeeded) == 9 and not results.ok
    assert isinstance(results[3].error, ValueError)
    with pytest.raises(ValueError, match="three"):
        results.raise_first()


async def test_map_without_return_exceptions_raises_first_error() -> None:
    started: list[int] = []

    async def work(n: int) -> int:
        started.append(n)
        if n == 1:
            raise KeyError("one")
        await asyncio.sleep(1)
        return n

    async with SmartleadClient("k", base_url="http://127.0.0.1:9/api/v1") as sl:
        with pytest.raises(KeyError):
            await sl.bulk.map(work, range(100), concurrency=3, return_exceptions=False)
    assert len(started) <= 4  # lazily pulled; the rest never started


async def test_fan_out_bounds_concurrency_and_accepts_async_iterables() -> None:
    running = peak = 0

    async def work(n: int) -> int:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.001)
        running -= 1
        return n

    async def source() -> AsyncIterator[int]:
        for n in range(50):
            yield n

    seen = sorted([(i, value) async for i, _, value, _ in fan_out(work, source(), concurrency=5)])
    assert seen == [(n, n) for n in range(50)]
    assert peak == 5


async def test_closing_fan_out_cancels_calls_in_flight() -> None:
    cancelled: list[int] = []

    async def work(n: int) -> int:
        try:
            await asyncio.sleep(0 if n == 0 else 10)
        except asyncio.CancelledError:
            cancelled.append(n)
            raise
        return n

    stream = fan_out(work, range(10), concurrency=3)
    async for _, _, value, _ in stream:
        assert value == 0
        break
    await stream.aclose()
    assert sorted(cancelled) == [1, 2]  # in flight when the consumer stopped


async def test_iterate_any_and_chunked() -> None:
    assert [x async for x in iterate_any([1, 2])] == [1, 2]
    assert chunked([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]
    assert BulkResults([ItemResult(1, 1)]).ok


# --- the helpers against the sandbox ------------------------------------------------------------


pytestmark = pytest.mark.smartlead_sandbox(rate_limits=[(50, 0.1)])


@pytest.fixture
def sb(smartlead_sandbox_client: SandboxClient) -> SandboxServer:
    """The sandbox (one window of 50 per 0.1 s, which the client keeps to)."""
    return smartlead_sandbox_client.server


@pytest.fixture
def sl(smartlead_sandbox_client: SandboxClient) -> SmartleadClient:
    return smartlead_sandbox_client.client


async def enrolled(sl: SmartleadClient, sb: SandboxServer, count: int) -> tuple[int, list[int]]:
    """A new campaign with ``count`` leads; returns its id and the lead ids."""
    campaign = await sl.campaigns.create(name="bulk")
    report = await sl.campaigns.import_leads(campaign.id, rows(count))
    assert report.uploaded == count
    return campaign.id, list(sb.state.campaigns[campaign.id].map_by_lead_id)


def posts(sb: SandboxServer, path: str) -> int:
    return len(sb.log.filter(path="/api/v1" + path))


async def test_pause_resume_unsubscribe_delete(sl: SmartleadClient, sb: SandboxServer) -> None:
    campaign_id, lead_ids = await enrolled(sl, sb, 6)
    pairs = [(campaign_id, lead_id) for lead_id in lead_ids[:5]] + [(999_999, lead_ids[5])]
    camp = sb.state.campaigns[campaign_id]

    def status(lead_id: int) -> str:
        return sb.state.campaign_leads[camp.map_by_lead_id[lead_id]].status

    paused = await sl.bulk.pause_leads(pairs)
    assert [r.item for r in paused] == pairs
    assert [r.ok for r in paused] == [True] * 5 + [False]
    assert isinstance(paused[5].error, NotFoundError)
    assert {status(lead_id) for lead_id in lead_ids[:5]} == {"PAUSED"}
    assert status(lead_ids[5]) == "STARTED"

    resumed = await sl.bulk.resume_leads(pairs[:2], delay_days=2)
    assert resumed.ok and [status(i) for i in lead_ids[:3]] == ["STARTED", "STARTED", "PAUSED"]

    unsubscribed = await sl.bulk.unsubscribe_leads(pairs[2:4])
    assert unsubscribed.ok
    assert sb.state.campaign_leads[camp.map_by_lead_id[lead_ids[2]]].is_unsubscribed

    deleted = await sl.bulk.delete_leads(pairs[:3], concurrency=1)
    assert deleted.ok
    assert sorted(camp.map_by_lead_id) == sorted(lead_ids[3:])


async def test_set_lead_categories(sl: SmartleadClient, sb: SandboxServer) -> None:
    campaign_id, lead_ids = await enrolled(sl, sb, 3)
    category = min(sb.state.categories)
    items: list[tuple[int, int, int | None]] = [
        (campaign_id, lead_ids[0], category),
        (campaign_id, lead_ids[1], None),
        (campaign_id, lead_ids[2], category),
    ]
    results = await sl.bulk.set_lead_categories(items, pause_lead=True)
    assert results.ok and [r.item for r in results] == items
    camp = sb.state.campaigns[campaign_id]
    rows_ = [sb.state.campaign_leads[camp.map_by_lead_id[i]] for i in lead_ids]
    assert [row.category_id for row in rows_] == [category, None, category]


async def test_inbox_read_status_and_categories(sl: SmartleadClient, sb: SandboxServer) -> None:
    campaign_id, _ = await enrolled(sl, sb, 4)
    map_ids = list(sb.state.campaigns[campaign_id].map_by_lead_id.values())
    for map_id in map_ids:
        sb.state.campaign_leads[map_id].has_new_unread_email = True

    read = await sl.bulk.mark_read([*map_ids[:3], 99_999_999])
    assert [r.ok for r in read] == [True, True, True, False]
    assert [sb.state.campaign_leads[m].has_new_unread_email for m in map_ids] == [
        False,
        False,
        False,
        True,
    ]
    unread = await sl.bulk.mark_read(map_ids[:1], read=False)
    assert unread.ok and sb.state.campaign_leads[map_ids[0]].has_new_unread_email

    category = max(sb.state.categories)
    categorised = await sl.bulk.set_inbox_categories(
        [(map_ids[0], category), (map_ids[1], None), (map_ids[2], 987_654)]
    )
    assert [r.ok for r in categorised] == [True, True, False]
    assert isinstance(categorised[2].error, BadRequestError)
    assert sb.state.campaign_leads[map_ids[0]].category_id == category


async def test_assign_list_tags_in_chunks_of_ten(sl: SmartleadClient, sb: SandboxServer) -> None:
    tags = []
    for name in ("hot", "cold"):
        tag = Tag(sb.state.next_id("tag"), name, "#000000", sb.state.now())
        sb.state.tags[tag.id] = tag
        tags.append(tag.id)
    list_ids = [(await sl.lead_lists.create(f"list {i}")).id for i in range(23)]
    results = await sl.bulk.assign_list_tags(list_ids, tags)
    assert results.ok
    assert [len(r.item) for r in results] == [10, 10, 3]
    assert [i for r in results for i in r.item] == list_ids
    assert posts(sb, "/lead-list/assign-tags") == 3
    assert all(sb.state.lead_lists[i].tag_ids == tags for i in list_ids)

    removed = await sl.bulk.assign_list_tags(list_ids[:4], remove_tag_ids=tags[:1])
    assert removed.ok and sb.state.lead_lists[list_ids[0]].tag_ids == tags[1:]


async def test_block_in_chunks(sl: SmartleadClient, sb: SandboxServer) -> None:
    entries = [f"spam{i}.example" for i in range(2500)]
    results = await sl.bulk.block(entries)
    assert [len(r.item) for r in results] == [1000, 1000, 500]
    assert sum(r.value.total_domain_added or 0 for r in results if r.value) == 2500
    small = await sl.bulk.block(["a@blocked.example", "b.example", "c.example"], chunk_size=2)
    assert [r.item for r in small] == [["a@blocked.example", "b.example"], ["c.example"]]
    assert posts(sb, "/leads/add-domain-block-list") == 5


async def test_campaign_analytics_of_many(sl: SmartleadClient, sb: SandboxServer) -> None:
    first, _ = await enrolled(sl, sb, 2)
    second = (await sl.campaigns.create(name="empty")).id
    results = await sl.bulk.campaign_analytics([first, 424_242, second])
    assert [r.item for r in results] == [first, 424_242, second]
    assert results[0].value is not None and results[0].value.id == first
    assert results[2].value is not None and results[2].value.name == "empty"
    assert isinstance(results[1].error, NotFoundError)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda b: b.pause_leads([(1, 2), (1, "3")]), InvalidTypeError, r"pairs\[1\]"),
        (lambda b: b.pause_leads([(1, 2, 3)]), InvalidTypeError, "campaign_id, lead_id"),
        (lambda b: b.delete_leads([]), ValidationError, "at least 1"),
        (lambda b: b.unsubscribe_leads("12"), InvalidTypeError, "must be a list"),
        (lambda b: b.resume_leads([(1, 2)], delay_days=-1), ValidationError, "delay_days"),
        (lambda b: b.set_lead_categories([(1, 2)]), InvalidTypeError, "triple"),
        (lambda b: b.set_lead_categories([(1, 2, 3)], pause_lead=1), InvalidTypeError, "pause"),
        (lambda b: b.mark_read([1, True]), InvalidTypeError, r"map_ids\[1\]"),
        (lambda b: b.mark_read([1], read="yes"), InvalidTypeError, "read must be"),
        (lambda b: b.set_inbox_categories([(1, "x")]), InvalidTypeError, "category_id or None"),
        (lambda b: b.assign_list_tags([1], list(range(1, 12))), ValidationError, "at most 10"),
        (lambda b: b.assign_list_tags([1]), ValidationError, "give tag_ids"),
        (lambda b: b.assign_list_tags([1], 5), InvalidTypeError, "tag_ids must be a list"),
        (lambda b: b.block("spam.example"), InvalidTypeError, "not one string"),
        (lambda b: b.block(["ok.example", ""]), ValidationError, r"entries\[1\] .* neither"),
        (lambda b: b.block(["ok.example", 3]), InvalidTypeError, r"entries\[1\] must be a str"),
        (lambda b: b.block([]), ValidationError, "at least one domain"),
        (lambda b: b.block(["a.example"], chunk_size=1001), ValidationError, "1 and 1000"),
        (lambda b: b.block(["a.example"], chunk_size=2.0), InvalidTypeError, "chunk_size"),
        (
            lambda b: b.campaign_analytics([-1]),
            ValidationError,
            r"campaign_ids\[0\] must be a positive id",
        ),
        (
            lambda b: b.campaign_analytics(["7"]),
            InvalidTypeError,
            r"campaign_ids\[0\] must be an int id",
        ),
        (
            lambda b: b.pause_leads([(0, 2)]),
            ValidationError,
            r"pairs\[0\]\.campaign_id must be a positive id",
        ),
        (lambda b: b.resume_leads([(1, 2)], delay_days=10**9), ValidationError, "delay_days"),
        (lambda b: b.block(["a.example"], client_id=0), ValidationError, "client_id"),
    ],
)
async def test_bad_arguments_fail_before_any_request(
    sl: SmartleadClient, sb: SandboxServer, call: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        await call(sl.bulk)
    assert len(sb.log) == 0
