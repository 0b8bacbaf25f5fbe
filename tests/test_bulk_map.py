"""``client.bulk.map`` and the ``fan_out`` engine under it."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import random
import re
from collections.abc import AsyncIterator, Iterator

import pytest
from aioresponses import aioresponses

from smartlead_async import (
    InvalidTypeError,
    ItemResult,
    NotFoundError,
    SmartleadClient,
    ValidationError,
)
from smartlead_async.bulk import fan_out
from tests.helpers.gates import RecordingGate


class Tracker:
    """An async function that records concurrency, pulls and cancellations."""

    def __init__(
        self, *, fail: set[int] | None = None, delay: float | None = None, seed: int = 0
    ) -> None:
        self.fail = fail or set()
        self.delay = delay
        self.rng = random.Random(seed)
        self.running = 0
        self.max_running = 0
        self.started: list[int] = []
        self.finished = 0
        self.cancelled: list[int] = []

    async def __call__(self, item: int) -> int:
        self.started.append(item)
        self.running += 1
        self.max_running = max(self.max_running, self.running)
        try:
            delay = self.rng.uniform(0.0, 0.005) if self.delay is None else self.delay
            await asyncio.sleep(delay)
        except asyncio.CancelledError:
            self.cancelled.append(item)
            raise
        finally:
            self.running -= 1
        self.finished += 1
        if item in self.fail:
            raise ValueError(f"item {item} is bad")
        return item * 10


class CountingSource:
    """A lazily consumed input that counts how far ahead of completions it was pulled."""

    def __init__(self, tracker: Tracker, size: int | None) -> None:
        self.tracker = tracker
        self.size = size
        self.pulled = 0
        self.max_ahead = 0

    def __iter__(self) -> Iterator[int]:
        numbers = itertools.count() if self.size is None else range(self.size)
        for number in numbers:
            self.pulled += 1
            self.max_ahead = max(self.max_ahead, self.pulled - self.tracker.finished)
            yield number


@pytest.fixture
async def client() -> AsyncIterator[SmartleadClient]:
    async with SmartleadClient("bulk-key", base_url="https://api.test", gate=RecordingGate()) as sl:
        yield sl


async def test_results_come_in_input_order(client: SmartleadClient) -> None:
    tracker = Tracker(seed=7)
    results = await client.bulk.map(tracker, range(200), concurrency=16)
    assert [result.item for result in results] == list(range(200))
    assert [result.value for result in results] == [i * 10 for i in range(200)]
    assert all(isinstance(result, ItemResult) and result.ok for result in results)
    assert tracker.max_running == 16


async def test_errors_are_captured_per_item(client: SmartleadClient) -> None:
    tracker = Tracker(fail={3, 17})
    results = await client.bulk.map(tracker, range(20), concurrency=4)
    assert len(results) == 20
    failed = [result for result in results if not result.ok]
    assert [result.item for result in failed] == [3, 17]
    for result in failed:
        assert isinstance(result.error, ValueError)
        assert result.value is None
    assert results[4].value == 40 and results[4].error is None


async def test_return_exceptions_false_raises_and_cancels_the_rest(
    client: SmartleadClient,
) -> None:
    async def fn(item: int) -> int:
        if item == 0:
            await asyncio.sleep(0.01)
            raise ValueError("first item is bad")
        return await slow(item)

    slow = Tracker(delay=30.0)
    with pytest.raises(ValueError, match="first item is bad"):
        await client.bulk.map(fn, range(10), concurrency=5, return_exceptions=False)
    assert sorted(slow.cancelled) == [1, 2, 3, 4]  # cancelled before map returned
    assert slow.running == 0


async def test_concurrency_is_bounded(client: SmartleadClient) -> None:
    tracker = Tracker(delay=0.005)
    await client.bulk.map(tracker, range(60), concurrency=6)
    assert tracker.max_running == 6


async def test_default_concurrency(client: SmartleadClient) -> None:
    tracker = Tracker(delay=0.005)
    await client.bulk.map(tracker, range(40))
    assert tracker.max_running == 16


async def test_a_huge_input_is_consumed_lazily(client: SmartleadClient) -> None:
    tracker = Tracker(delay=0.0)
    source = CountingSource(tracker, 5000)
    results = await client.bulk.map(tracker, iter(source), concurrency=8)
    assert len(results) == 5000
    assert source.max_ahead <= 8 + 1


async def test_fan_out_over_an_endless_input_stops_when_closed() -> None:
    tracker = Tracker(delay=0.001)
    source = CountingSource(tracker, None)
    received = 0
    async with contextlib.aclosing(fan_out(tracker, iter(source), concurrency=4)) as outcomes:
        async for _index, _item, _value, error in outcomes:
            assert error is None
            received += 1
            if received == 100:
                break
    assert source.pulled <= received + 4 + 1
    assert source.max_ahead <= 4 + 1
    assert tracker.running == 0


async def test_async_iterables_are_accepted(client: SmartleadClient) -> None:
    async def numbers() -> AsyncIterator[int]:
        for number in range(30):
            await asyncio.sleep(0)
            yield number

    results = await client.bulk.map(Tracker(), numbers(), concurrency=5)
    assert [result.value for result in results] == [n * 10 for n in range(30)]


async def test_empty_input(client: SmartleadClient) -> None:
    assert list(await client.bulk.map(Tracker(), [])) == []


async def test_fan_out_yields_as_calls_finish() -> None:
    async def fn(item: int) -> int:
        await asyncio.sleep(0.05 if item == 0 else 0.0)
        return item

    order = [index async for index, _, _, _ in fan_out(fn, range(4), concurrency=4)]
    assert sorted(order) == [0, 1, 2, 3]
    assert order[-1] == 0  # the slow first item finishes last


@pytest.mark.parametrize(
    ("concurrency", "error"),
    [
        (0, ValidationError),
        (-1, ValidationError),
        (True, InvalidTypeError),
        (1.5, InvalidTypeError),
        ("4", InvalidTypeError),
    ],
)
async def test_concurrency_validation(
    client: SmartleadClient, concurrency: object, error: type[Exception]
) -> None:
    with pytest.raises(error, match="concurrency must be"):
        await client.bulk.map(Tracker(), range(3), concurrency=concurrency)  # type: ignore[arg-type]


async def test_a_plain_function_is_a_clear_type_error(client: SmartleadClient) -> None:
    with pytest.raises(InvalidTypeError, match=r"fn must be an async function .* returned int"):
        await client.bulk.map(lambda item: item * 2, [1, 2])
    with pytest.raises(InvalidTypeError, match=r"fn must be an async function .* got list"):
        await client.bulk.map([1, 2], [1, 2])  # type: ignore[arg-type]


async def test_sdk_calls_fan_out_through_the_gate(m: aioresponses) -> None:
    pattern = re.compile(r"^https://api\.test/campaigns/(\d+)(\?.*)?$")
    for campaign_id in range(1, 6):
        if campaign_id == 4:
            m.get(pattern, status=404, payload={"message": "Campaign not found"})
        else:
            m.get(pattern, payload={"id": campaign_id, "name": f"c{campaign_id}"})
    gate = RecordingGate()
    async with SmartleadClient("bulk-gate-key", base_url="https://api.test", gate=gate) as sl:
        results = await sl.bulk.map(sl.campaigns.get, [1, 2, 3, 4, 5], concurrency=1)
    assert len(gate.acquired) == 5
    assert [result.ok for result in results] == [True, True, True, False, True]
    assert isinstance(results[3].error, NotFoundError)
    assert results[0].value is not None and results[0].value.name == "c1"


def test_unwrap_returns_the_value_or_raises_the_error() -> None:
    from smartlead_async.fanout import ItemResult

    good: ItemResult[int, str] = ItemResult(1, "one")
    assert good.unwrap() == "one"
    empty: ItemResult[int, None] = ItemResult(2, None)
    assert empty.unwrap() is None  # a call that returns None succeeded with None
    failed: ItemResult[int, str] = ItemResult(3, error=KeyError("nope"))
    with pytest.raises(KeyError, match="nope"):
        failed.unwrap()
