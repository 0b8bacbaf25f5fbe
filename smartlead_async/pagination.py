"""One pagination engine for every paginated endpoint, with one strategy per wire style.

Styles:

* ``"total"``: offset/limit where the first page reports the total (campaign leads,
  statistics). After page one the remaining pages are fetched concurrently, a bounded number
  in flight, and yielded in order.
* ``"short"``: offset/limit with no total (bare arrays, ``{ok, data}``, Master Inbox bodies):
  walk until a short page.
* ``"has_more"``: offset in, ``hasMore`` out (global leads): walk until ``has_more`` is false.
* ``"cursor"``: a cursor taken from the last page (``/leads/all`` ``lastSeenLeadId``).

Breaking out of ``async for`` closes the iterator, which cancels page requests in flight.

A page that contradicts itself (it reports a total above its own offset but carries no rows)
is fetched again as the retry policy allows, then raises :class:`InconsistentPageError`. A
walk that ends with a count other than the first page's total (rows deleted or added while it
ran) logs a WARNING; the iterator keeps both numbers as ``total`` and ``yielded``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import AsyncGenerator, Awaitable, Callable, Iterable, Sequence
from typing import Any, Generic, Literal, Self, TypeVar

import attrs

from smartlead_async._validate import check_int
from smartlead_async.errors import InconsistentPageError, ValidationError
from smartlead_async.retry import RetryPolicy

logger = logging.getLogger("smartlead_async.pagination")

T = TypeVar("T")

Style = Literal["total", "short", "has_more", "cursor"]


@attrs.frozen
class Page(Generic[T]):
    """One page: its items and what the server said about the rest."""

    items: Sequence[T]
    offset: int | None = None
    limit: int | None = None
    total: int | None = None
    has_more: bool | None = None
    next_cursor: Any = None

    @property
    def contradicts_itself(self) -> bool:
        """No rows, although the page's own total says rows exist at its offset."""
        return (
            not self.items
            and self.total is not None
            and self.offset is not None
            and self.total > self.offset
        )


#: ``fetch(position, limit)``: position is an offset, or the cursor for the ``"cursor"`` style.
PageFetch = Callable[[Any, int], Awaitable[Page[T]]]


def check_page_size(limit: int | None, *, default: int, maximum: int, name: str = "limit") -> int:
    """The page size to use: ``default`` when None, else an int in ``1..maximum``."""
    if limit is None:
        return default
    return check_int(name, limit, 1, maximum, hint=" for this endpoint")


class Paginator(Generic[T]):
    """An async iterator over every item of a paginated endpoint.

    >>> async for lead in client.campaigns.iter_leads(42): ...
    >>> async for page in client.campaigns.iter_leads(42).pages(): ...
    >>> leads = await client.campaigns.iter_leads(42, max_items=500).to_list()
    """

    def __init__(
        self,
        fetch: PageFetch[T],
        *,
        style: Style,
        limit: int,
        start: Any = 0,
        max_items: int | None = None,
        concurrency: int = 4,
        retry: RetryPolicy | None = None,
        label: str = "",
    ) -> None:
        if max_items is not None and (
            isinstance(max_items, bool) or not isinstance(max_items, int) or max_items < 0
        ):
            raise ValidationError(f"max_items must be a non-negative int, got {max_items!r}")
        if style != "cursor" and (
            isinstance(start, bool) or not isinstance(start, int) or start < 0
        ):
            raise ValidationError(f"offset must be a non-negative int, got {start!r}")
        if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
            raise ValidationError(f"concurrency must be a positive int, got {concurrency!r}")
        self._fetch_page = fetch
        self._retry = retry
        self._label = label
        self._style = style
        self._limit = limit
        self._start = start
        self._max_items = max_items
        self._concurrency = concurrency
        self._total: int | None = None
        self._yielded = 0
        self._read_ahead = 1

    @property
    def total(self) -> int | None:
        """The total the first page of the latest walk reported (None: it reported none)."""
        return self._total

    @property
    def yielded(self) -> int:
        """How many items the latest walk has yielded so far."""
        return self._yielded

    def __repr__(self) -> str:
        return f"Paginator(style={self._style!r}, limit={self._limit}, max_items={self._max_items})"

    def read_ahead(self, pages: int) -> Self:
        """Fetch up to ``pages`` pages at once on an offset walk that reports no total.

        Such a walk learns it is done only from its last page, so it is a chain of one
        request after another; reading ahead keeps ``pages`` of them in flight, for when a
        walk's latency and not the rate limit sets its pace. The first page goes alone; on a
        longer walk the pages planned beyond the last one cost up to ``pages - 1`` extra
        requests. Walks with a total (which fetch ``concurrency`` pages at once anyway),
        cursor walks and walks with ``max_items`` are not affected. Returns the paginator.
        """
        self._read_ahead = check_int("read_ahead pages", pages, 1, 64)
        return self

    def __aiter__(self) -> AsyncGenerator[T, None]:
        return self._items()

    async def _items(self) -> AsyncGenerator[T, None]:
        # aclosing: closing this iterator closes the page walk at once (cancelling fetches).
        async with contextlib.aclosing(self.pages()) as pages:
            async for page in pages:
                for item in page.items:
                    yield item

    async def to_list(self) -> list[T]:
        """Collect every item (mind memory on large collections)."""
        return [item async for item in self]

    async def pages(self) -> AsyncGenerator[Page[T], None]:
        """Page by page, each trimmed so no more than ``max_items`` items come out in all."""
        self._total, self._yielded, first = None, 0, True
        remaining = self._max_items
        if remaining == 0:
            return
        walk = self._pages()
        try:
            async for page in walk:
                if first:
                    self._total, first = page.total, False
                if remaining is not None and len(page.items) >= remaining:
                    self._yielded += remaining
                    yield attrs.evolve(page, items=list(page.items)[:remaining])
                    return
                if remaining is not None:
                    remaining -= len(page.items)
                self._yielded += len(page.items)
                yield page
        finally:
            await walk.aclose()
        self._check_count()

    def _check_count(self) -> None:
        """Warn when a walk that ran to its end yielded other than its first page's total."""
        if self._total is None or self._style == "cursor":
            return
        expected = max(0, self._total - self._start)
        if self._max_items is not None:
            expected = min(expected, self._max_items)
        if self._yielded != expected:
            logger.warning(
                "%swalk ended after %d items, but its first page reported %d (total %d from "
                "offset %d): rows changed while it ran",
                f"{self._label} " if self._label else "",
                self._yielded,
                expected,
                self._total,
                self._start,
            )

    async def _fetch(self, position: Any, limit: int) -> Page[T]:
        """One page; a page that contradicts itself is fetched again, then raised."""
        attempts = self._retry.max_attempts if self._retry is not None else 1
        for attempt in range(1, attempts + 1):
            page = await self._fetch_page(position, limit)
            if not page.contradicts_itself:
                return page
            if attempt < attempts and self._retry is not None:
                await asyncio.sleep(self._retry.delay_for(attempt, None))
        raise InconsistentPageError(
            f"the page at offset {page.offset} reports a total of {page.total} but carries no "
            f"rows ({attempts} attempt(s)); the server's answer contradicts itself",
            offset=page.offset or 0,
            total=page.total or 0,
            attempts=attempts,
            endpoint=self._label or None,
        )

    def _page_limit(self, fetched: int) -> int:
        if self._max_items is None:
            return self._limit
        return max(1, min(self._limit, self._max_items - fetched))

    async def _sequential_pages(self) -> AsyncGenerator[Page[T], None]:
        position = self._start
        fetched = 0
        while True:
            limit = self._page_limit(fetched)
            page = await self._fetch(position, limit)
            fetched += len(page.items)
            if page.items:
                yield page
            if self._is_last(page, limit):
                return
            if self._style == "cursor":
                position = page.next_cursor
            else:
                position += len(page.items)

    def _pages(self) -> AsyncGenerator[Page[T], None]:
        """The walk's pages: concurrent with a total, read ahead if asked, else one by one."""
        if self._style == "total":
            return self._concurrent_pages()
        if self._read_ahead > 1 and self._style != "cursor" and self._max_items is None:
            return self._ahead_pages()
        return self._sequential_pages()

    async def _ahead_pages(self) -> AsyncGenerator[Page[T], None]:
        """An offset walk with up to ``read_ahead`` pages in flight, planned as full pages.

        The first page goes alone: a walk that ends there costs no extra request."""
        limit, position = self._limit, self._start
        in_flight: deque[tuple[int, asyncio.Task[Page[T]]]] = deque()
        width = 1
        try:
            while True:
                while len(in_flight) < width:
                    offset = in_flight[-1][0] + limit if in_flight else position
                    in_flight.append((offset, asyncio.ensure_future(self._fetch(offset, limit))))
                offset, task = in_flight.popleft()
                page = await task
                if page.items:
                    yield page
                if self._is_last(page, limit):
                    return
                position, width = offset + len(page.items), self._read_ahead
                if len(page.items) < limit:  # a short page that is not the last one:
                    await _cancel(task for _, task in in_flight)  # the plan is off
                    in_flight.clear()
        finally:
            await _cancel(task for _, task in in_flight)

    def _is_last(self, page: Page[T], limit: int) -> bool:
        if not page.items:
            return True
        if self._style == "has_more" and page.has_more is not None:
            return not page.has_more
        if self._style == "cursor" and page.next_cursor is None:
            return True
        if (
            page.total is not None
            and page.offset is not None
            and page.offset + len(page.items) >= page.total
        ):
            return True
        return len(page.items) < limit

    async def _concurrent_pages(self) -> AsyncGenerator[Page[T], None]:
        limit = self._limit
        first = await self._fetch(self._start, self._page_limit(0))
        if first.items:
            yield first
        if first.total is None:
            # No total after all: fall back to walking until a short page.
            if first.items and len(first.items) >= self._page_limit(0):
                rest = Paginator(
                    self._fetch_page,
                    style="short",
                    limit=limit,
                    start=self._start + len(first.items),
                    max_items=None
                    if self._max_items is None
                    else self._max_items - len(first.items),
                    retry=self._retry,
                    label=self._label,
                )
                async with contextlib.aclosing(rest.pages()) as rest_pages:
                    async for page in rest_pages:
                        yield page
            return
        end = first.total
        if self._max_items is not None:
            end = min(end, self._start + self._max_items)
        offsets = deque(range(self._start + len(first.items), end, limit))
        if not first.items:
            return
        in_flight: deque[asyncio.Task[Page[T]]] = deque()
        try:
            while offsets or in_flight:
                while offsets and len(in_flight) < self._concurrency:
                    in_flight.append(asyncio.ensure_future(self._fetch(offsets.popleft(), limit)))
                page = await in_flight.popleft()
                if page.items:
                    yield page
                if len(page.items) < limit and not offsets:
                    continue
        finally:
            await _cancel(in_flight)


async def _cancel(tasks: Iterable[asyncio.Task[Any]]) -> None:
    """Cancel ``tasks`` and wait until they are done."""
    pending = list(tasks)
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.gather(*pending, return_exceptions=True)
