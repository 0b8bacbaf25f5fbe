"""The pagination engine, driven by fake page fetchers (no HTTP)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
from typing import Any

import pytest

from smartlead_async import (
    InconsistentPageError,
    InvalidTypeError,
    Page,
    Paginator,
    RetryPolicy,
    ValidationError,
)
from smartlead_async.pagination import Style, check_page_size


class FakeEndpoint:
    """Items 1..total served page by page in one wire style, with bookkeeping."""

    def __init__(
        self,
        total: int,
        style: Style,
        *,
        report_total: bool = True,
        delays: dict[int, float] | None = None,
        seed: int | None = None,
        fail_at: int | None = None,
    ) -> None:
        self.items = list(range(1, total + 1))
        self.style = style
        self.report_total = report_total
        self.delays = delays or {}
        self.rng = random.Random(seed) if seed is not None else None
        self.fail_at = fail_at
        self.calls: list[tuple[Any, int]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.cancelled: list[Any] = []

    async def fetch(self, position: Any, limit: int) -> Page[int]:
        self.calls.append((position, limit))
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            delay = self.delays.get(position, 0.0)
            if self.rng is not None:
                delay = self.rng.uniform(0.0, 0.01)
            await asyncio.sleep(delay)
        except asyncio.CancelledError:
            self.cancelled.append(position)
            raise
        finally:
            self.in_flight -= 1
        if self.fail_at is not None and position == self.fail_at:
            raise RuntimeError(f"page at {position} failed")
        if self.style == "cursor":
            start = 0 if position is None else self.items.index(position) + 1
            chunk = self.items[start : start + limit]
            return Page(items=chunk, next_cursor=chunk[-1] if chunk else None)
        chunk = self.items[position : position + limit]
        total = len(self.items) if self.report_total and self.style == "total" else None
        has_more = position + len(chunk) < len(self.items) if self.style == "has_more" else None
        return Page(items=chunk, offset=position, limit=limit, total=total, has_more=has_more)


def paginator(endpoint: FakeEndpoint, limit: int, **kwargs: Any) -> Paginator[int]:
    start = None if endpoint.style == "cursor" else 0
    return Paginator(endpoint.fetch, style=endpoint.style, limit=limit, start=start, **kwargs)


def expected_requests(style: Style, total: int, limit: int) -> int:
    if style in ("total", "has_more"):
        return max(1, math.ceil(total / limit))
    return total // limit + 1  # short/cursor walks end on a short (possibly empty) page


SIZES = [(0, 10), (1, 10), (9, 10), (10, 10), (95, 10), (100, 10), (250, 100)]
STYLES: list[Style] = ["total", "short", "has_more", "cursor"]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("total", "limit"), SIZES)
async def test_every_item_once_in_order_with_the_least_requests(
    style: Style, total: int, limit: int
) -> None:
    endpoint = FakeEndpoint(total, style, seed=total * limit)
    items = await paginator(endpoint, limit).to_list()
    assert items == list(range(1, total + 1))
    assert len(endpoint.calls) == expected_requests(style, total, limit)
    assert all(call_limit == limit for _, call_limit in endpoint.calls)


@pytest.mark.parametrize("style", STYLES)
async def test_pages_come_in_order(style: Style) -> None:
    endpoint = FakeEndpoint(35, style, seed=1)
    pages = [page async for page in paginator(endpoint, 10).pages()]
    assert [list(page.items) for page in pages] == [
        list(range(1, 11)),
        list(range(11, 21)),
        list(range(21, 31)),
        list(range(31, 36)),
    ]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("max_items", "requests"), [(250, 3), (100, 1), (1, 1), (999, 10)])
async def test_max_items(style: Style, max_items: int, requests: int) -> None:
    endpoint = FakeEndpoint(1000, style)
    items = await paginator(endpoint, 100, max_items=max_items).to_list()
    assert items == list(range(1, max_items + 1))
    assert len(endpoint.calls) == requests


async def test_max_items_zero_sends_nothing() -> None:
    endpoint = FakeEndpoint(50, "total")
    assert await paginator(endpoint, 10, max_items=0).to_list() == []
    assert endpoint.calls == []


async def test_max_items_shrinks_sequential_pages() -> None:
    endpoint = FakeEndpoint(1000, "short")
    await paginator(endpoint, 100, max_items=250).to_list()
    assert endpoint.calls == [(0, 100), (100, 100), (200, 50)]


async def test_concurrent_pages_are_bounded_in_flight() -> None:
    endpoint = FakeEndpoint(500, "total", delays={p: 0.02 for p in range(10, 500, 10)})
    items = await paginator(endpoint, 10, concurrency=3).to_list()
    assert items == list(range(1, 501))
    assert endpoint.max_in_flight == 3
    assert len(endpoint.calls) == 50


async def test_sequential_styles_keep_one_page_in_flight() -> None:
    endpoint = FakeEndpoint(100, "has_more", seed=3)
    await paginator(endpoint, 10, concurrency=8).to_list()
    assert endpoint.max_in_flight == 1


def _hanging_after_two_pages(total: int = 200) -> FakeEndpoint:
    return FakeEndpoint(total, "total", delays={p: 30.0 for p in range(20, total, 10)})


async def test_closing_the_iterator_cancels_page_fetches_in_flight() -> None:
    endpoint = _hanging_after_two_pages()
    seen = []
    async with contextlib.aclosing(aiter(paginator(endpoint, 10, concurrency=4))) as items:
        async for item in items:
            seen.append(item)
            if item == 15:
                break
    assert seen == list(range(1, 16))
    assert sorted(endpoint.cancelled) == [20, 30, 40]
    assert endpoint.in_flight == 0


async def test_plain_break_cancels_page_fetches_soon() -> None:
    endpoint = _hanging_after_two_pages()
    async for item in paginator(endpoint, 10, concurrency=4):
        if item == 15:
            break
    for _ in range(200):  # the event loop closes the abandoned iterator on its next turns
        if endpoint.in_flight == 0:
            break
        await asyncio.sleep(0.01)
    assert sorted(endpoint.cancelled) == [20, 30, 40]


async def test_break_out_of_pages_cancels_too() -> None:
    endpoint = _hanging_after_two_pages()
    pages = paginator(endpoint, 10, concurrency=2).pages()
    first = await anext(pages)
    assert list(first.items) == list(range(1, 11))
    second = await anext(pages)
    assert list(second.items) == list(range(11, 21))
    await pages.aclose()  # the page at 20 was in flight (30 starts only when 20 is consumed)
    assert endpoint.cancelled == [20]
    assert endpoint.in_flight == 0


async def test_a_failing_page_raises_and_cancels_the_rest() -> None:
    delays = {p: 30.0 for p in range(10, 200, 10) if p != 10}
    endpoint = FakeEndpoint(200, "total", delays=delays, fail_at=10)
    with pytest.raises(RuntimeError, match="page at 10 failed"):
        await paginator(endpoint, 10, concurrency=4).to_list()
    assert sorted(endpoint.cancelled) == [20, 30, 40]


@pytest.mark.parametrize(("total", "requests"), [(95, 10), (100, 11), (5, 1), (0, 1)])
async def test_total_style_falls_back_to_short_pages_without_a_total(
    total: int, requests: int
) -> None:
    endpoint = FakeEndpoint(total, "total", report_total=False)
    items = await paginator(endpoint, 10).to_list()
    assert items == list(range(1, total + 1))
    assert len(endpoint.calls) == requests
    assert endpoint.max_in_flight == 1


async def test_fallback_respects_max_items() -> None:
    endpoint = FakeEndpoint(100, "total", report_total=False)
    assert await paginator(endpoint, 10, max_items=25).to_list() == list(range(1, 26))
    assert len(endpoint.calls) == 3


async def test_start_offset() -> None:
    endpoint = FakeEndpoint(50, "total")
    items = await Paginator(endpoint.fetch, style="total", limit=10, start=20).to_list()
    assert items == list(range(21, 51))
    assert [position for position, _ in endpoint.calls] == [20, 30, 40]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_items": -1},
        {"max_items": "5"},
        {"max_items": True},
        {"start": -1},
        {"start": "0"},
        {"concurrency": 0},
        {"concurrency": 2.0},
    ],
)
def test_paginator_validation(kwargs: dict[str, Any]) -> None:
    endpoint = FakeEndpoint(1, "total")
    arguments: dict[str, Any] = {"style": "total", "limit": 10, **kwargs}
    with pytest.raises(ValidationError):
        Paginator(endpoint.fetch, **arguments)


def test_check_page_size() -> None:
    assert check_page_size(None, default=100, maximum=1000) == 100
    assert check_page_size(1000, default=100, maximum=1000) == 1000
    for bad in (0, 1001, -5):
        with pytest.raises(ValidationError, match="between 1 and 1000"):
            check_page_size(bad, default=100, maximum=1000)
    for wrong in ("10", 10.0, True):
        with pytest.raises(InvalidTypeError, match="limit must be an int"):
            check_page_size(wrong, default=100, maximum=1000)  # type: ignore[arg-type]


def test_repr() -> None:
    endpoint = FakeEndpoint(1, "short")
    assert repr(paginator(endpoint, 10, max_items=5)) == (
        "Paginator(style='short', limit=10, max_items=5)"
    )


async def test_a_walk_that_shrinks_ends_and_warns_with_both_counts(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Rows deleted mid-walk: a later page reports the smaller total and is empty."""
    pages = {
        0: Page([1, 2], offset=0, limit=2, total=6),
        2: Page([3, 4], offset=2, limit=2, total=6),
    }

    async def fetch(offset: int, limit: int) -> Page[int]:
        return pages.get(offset, Page([], offset=offset, limit=limit, total=4))

    walk = Paginator(fetch, style="total", limit=2, concurrency=1, label="L1")
    with caplog.at_level(logging.WARNING, logger="smartlead_async"):
        assert await walk.to_list() == [1, 2, 3, 4]
    assert (walk.total, walk.yielded) == (6, 4)
    (record,) = [r for r in caplog.records if "walk ended" in r.getMessage()]
    assert "L1" in record.getMessage() and "4 items" in record.getMessage()
    assert "reported 6" in record.getMessage()


async def test_a_complete_walk_does_not_warn(caplog: pytest.LogCaptureFixture) -> None:
    async def fetch(offset: int, limit: int) -> Page[int]:
        items = list(range(offset, min(offset + limit, 5)))
        return Page(items, offset=offset, limit=limit, total=5)

    walk = Paginator(fetch, style="total", limit=2)
    with caplog.at_level(logging.WARNING, logger="smartlead_async"):
        assert await walk.to_list() == [0, 1, 2, 3, 4]
    assert (walk.total, walk.yielded) == (5, 5)
    assert "walk ended" not in caplog.text
    trimmed = Paginator(fetch, style="total", limit=2, max_items=3)
    with caplog.at_level(logging.WARNING, logger="smartlead_async"):
        assert await trimmed.to_list() == [0, 1, 2]
    assert trimmed.yielded == 3 and "walk ended" not in caplog.text


async def test_a_self_contradicting_page_is_fetched_again_then_raised() -> None:
    calls: list[int] = []

    async def fetch(offset: int, limit: int) -> Page[int]:
        calls.append(offset)
        return Page([], offset=offset, limit=limit, total=10)

    policy = RetryPolicy(max_attempts=4, base_delay=0.0, jitter=False)
    walk = Paginator(fetch, style="total", limit=5, retry=policy, label="A1")
    with pytest.raises(InconsistentPageError) as caught:
        await walk.to_list()
    assert calls == [0, 0, 0, 0]
    assert (caught.value.attempts, caught.value.total, caught.value.endpoint) == (4, 10, "A1")


@pytest.mark.parametrize("style", ["short", "has_more"])
@pytest.mark.parametrize(("total", "limit"), SIZES)
async def test_read_ahead_yields_the_same_with_a_bounded_number_of_extra_requests(
    style: Style, total: int, limit: int
) -> None:
    endpoint = FakeEndpoint(total, style, seed=total + limit)
    items = await paginator(endpoint, limit).read_ahead(3).to_list()
    assert items == list(range(1, total + 1))
    needed = expected_requests(style, total, limit)
    assert needed <= len(endpoint.calls) <= (needed + 2 if needed > 1 else 1)
    assert endpoint.max_in_flight <= 3


async def test_read_ahead_keeps_pages_in_flight_and_cancels_what_it_does_not_need() -> None:
    delays = {p: 0.01 if p < 100 else 5.0 for p in range(0, 200, 10)}
    endpoint = FakeEndpoint(95, "short", delays=delays)
    pages = [list(page.items) async for page in paginator(endpoint, 10).read_ahead(4).pages()]
    assert [item for page in pages for item in page] == list(range(1, 96))
    assert endpoint.max_in_flight == 4
    assert endpoint.cancelled and min(endpoint.cancelled) >= 100  # planned beyond the end


async def test_read_ahead_replans_after_a_short_page_that_is_not_the_last() -> None:
    endpoint = FakeEndpoint(50, "has_more")
    original = endpoint.fetch

    async def short_at_20(position: Any, limit: int) -> Page[int]:
        page = await original(position, 5 if position == 20 else limit)
        return page

    walk = Paginator(short_at_20, style="has_more", limit=10, start=0).read_ahead(3)
    assert await walk.to_list() == list(range(1, 51))


def test_read_ahead_validation() -> None:
    endpoint = FakeEndpoint(5, "short")
    for bad in (0, -1, True, "2", 65):
        with pytest.raises((ValidationError, InvalidTypeError)):
            paginator(endpoint, 10).read_ahead(bad)  # type: ignore[arg-type]
    assert paginator(endpoint, 10).read_ahead(1).read_ahead(64) is not None
