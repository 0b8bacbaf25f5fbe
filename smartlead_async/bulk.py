"""The one fan-out engine: run many SDK calls inside the rate gate, results in input order.

:class:`Bulk` (``client.bulk``) adds helpers for the common many-item jobs on top of
:meth:`Bulk.map`: campaign-lead actions over ``(campaign_id, lead_id)`` pairs, Master Inbox
updates over lead map ids, tag assignment over Lead Lists, block-list additions and the
analytics of many campaigns. Each returns a :class:`BulkResults` list in input order, one
:class:`ItemResult` per item, with per-item errors captured rather than raised. Arguments are
checked before the first request, so a malformed item fails the call without sending anything.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
from collections.abc import (
    AsyncGenerator,
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
)
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

import attrs

from smartlead_async._validate import check_flag, check_int, check_range
from smartlead_async.errors import InvalidTypeError, ValidationError

if TYPE_CHECKING:
    from smartlead_async.client import SmartleadClient
    from smartlead_async.models.analytics import CampaignAnalytics
    from smartlead_async.models.common import OkResponse
    from smartlead_async.models.leads import BlockListAddResult, LeadCategoryUpdate

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_CONCURRENCY = 16
#: LL9 accepts at most 10 list ids and 10 tag ids per request.
MAX_LISTS_PER_TAG_REQUEST = 10
MAX_TAGS_PER_REQUEST = 10
#: B2 accepts at most 1000 entries per request.
MAX_BLOCK_ENTRIES_PER_REQUEST = 1000


@attrs.frozen
class ItemResult(Generic[T, R]):
    """The outcome of one input of :meth:`Bulk.map`: a value or the error it raised."""

    item: T
    value: R | None = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class BulkResults(list[ItemResult[T, R]]):
    """The results of a bulk call, in input order, with summaries of what failed."""

    @property
    def ok(self) -> bool:
        """True when every item succeeded."""
        return all(result.ok for result in self)

    @property
    def values(self) -> list[R | None]:
        """Each item's value (None for failed items), in input order."""
        return [result.value for result in self]

    @property
    def succeeded(self) -> list[ItemResult[T, R]]:
        """The items that succeeded."""
        return [result for result in self if result.ok]

    @property
    def failed(self) -> list[ItemResult[T, R]]:
        """The items whose call raised (the error is in :attr:`ItemResult.error`)."""
        return [result for result in self if not result.ok]

    def raise_first(self) -> None:
        """Raise the first captured error, if any."""
        for result in self:
            if result.error is not None:
                raise result.error


def check_concurrency(concurrency: int | None) -> int:
    if concurrency is None:
        return DEFAULT_CONCURRENCY
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise ValidationError(f"concurrency must be a positive int, got {concurrency!r}")
    return concurrency


def _start(fn: Callable[[T], Awaitable[R]], item: T) -> asyncio.Future[R]:
    """Call ``fn(item)`` and schedule the awaitable it returns."""
    awaitable = fn(item)
    if not inspect.isawaitable(awaitable):
        raise InvalidTypeError(
            f"fn must be an async function such as sl.campaigns.get; {fn!r} returned "
            f"{type(awaitable).__name__}, not an awaitable"
        )
    return asyncio.ensure_future(awaitable)


async def fan_out(
    fn: Callable[[T], Awaitable[R]],
    items: Iterable[T] | AsyncIterable[T],
    *,
    concurrency: int | None = None,
) -> AsyncGenerator[tuple[int, T, R | None, BaseException | None], None]:
    """Run ``fn`` over ``items`` with at most ``concurrency`` calls in flight.

    Yields ``(index, item, value, error)`` as calls finish (not in input order). Inputs are
    pulled lazily, so memory stays bounded by ``concurrency`` whatever the input size. Closing
    the iterator cancels the calls in flight.
    """
    limit = check_concurrency(concurrency)
    if not callable(fn):
        raise InvalidTypeError(
            f"fn must be an async function such as sl.campaigns.get, got {type(fn).__name__}"
        )
    source = iterate_any(items)
    running: dict[asyncio.Future[R], tuple[int, T]] = {}
    exhausted = False
    index = 0
    try:
        while True:
            while not exhausted and len(running) < limit:
                try:
                    item = await anext(source)
                except StopAsyncIteration:
                    exhausted = True
                    break
                running[_start(fn, item)] = (index, item)
                index += 1
            if not running:
                return
            done, _ = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
            for task in sorted(done, key=lambda finished: running[finished][0]):
                position, item = running.pop(task)
                error = asyncio.CancelledError() if task.cancelled() else task.exception()
                value = None if error is not None else task.result()
                yield position, item, value, error
    finally:
        for task in running:
            task.cancel()
        if running:
            await asyncio.gather(*running, return_exceptions=True)


async def iterate_any(items: Iterable[T] | AsyncIterable[T]) -> AsyncIterator[T]:
    """Iterate a plain or async iterable asynchronously (pulled lazily, one item at a time)."""
    if isinstance(items, AsyncIterable):
        async for item in items:
            yield item
    else:
        for item in items:
            yield item


class Bulk:
    """``client.bulk``: fan-out helpers that keep every call inside the client's rate gate."""

    def __init__(self, client: SmartleadClient) -> None:
        self._client = client

    def __repr__(self) -> str:
        return "<Bulk>"

    async def map(
        self,
        fn: Callable[[T], Awaitable[R]],
        items: Iterable[T] | AsyncIterable[T],
        *,
        concurrency: int | None = None,
        return_exceptions: bool = True,
    ) -> BulkResults[T, R]:
        """Call ``fn(item)`` for every item, concurrently inside the gate; results in input order.

        With ``return_exceptions=True`` (the default) a failing item is captured in its
        :class:`ItemResult`; with False the first error cancels the rest and is raised.
        """
        results: dict[int, ItemResult[T, R]] = {}
        # aclosing: raising out of the loop cancels the calls still in flight before returning.
        async with contextlib.aclosing(fan_out(fn, items, concurrency=concurrency)) as outcomes:
            async for index, item, value, error in outcomes:
                if error is not None and not return_exceptions:
                    raise error
                results[index] = ItemResult(item=item, value=value, error=error)
        return BulkResults(results[index] for index in range(len(results)))

    # --- campaign leads: (campaign_id, lead_id) pairs ---------------------------------------

    async def _per_pair(
        self,
        action: Callable[[int, int], Awaitable[OkResponse]],
        pairs: Iterable[tuple[int, int]],
        concurrency: int | None,
    ) -> BulkResults[tuple[int, int], OkResponse]:
        """``action(campaign_id, lead_id)`` for every checked pair."""
        checked = check_pairs("pairs", pairs)

        async def call(pair: tuple[int, int]) -> OkResponse:
            return await action(*pair)

        return await self.map(call, checked, concurrency=concurrency)

    async def pause_leads(
        self, pairs: Iterable[tuple[int, int]], *, concurrency: int | None = None
    ) -> BulkResults[tuple[int, int], OkResponse]:
        """Pause many leads in their campaigns (L4), one request per ``(campaign_id, lead_id)``."""
        return await self._per_pair(self._client.leads.pause, pairs, concurrency)

    async def resume_leads(
        self,
        pairs: Iterable[tuple[int, int]],
        delay_days: int | None = None,
        *,
        concurrency: int | None = None,
    ) -> BulkResults[tuple[int, int], OkResponse]:
        """Resume many paused leads (L5), optionally after ``delay_days`` days."""
        check_range("delay_days", delay_days, 0)
        leads = self._client.leads

        async def resume(campaign_id: int, lead_id: int) -> OkResponse:
            return await leads.resume(campaign_id, lead_id, delay_days=delay_days)

        return await self._per_pair(resume, pairs, concurrency)

    async def unsubscribe_leads(
        self, pairs: Iterable[tuple[int, int]], *, concurrency: int | None = None
    ) -> BulkResults[tuple[int, int], OkResponse]:
        """Unsubscribe many leads from their campaign (L7; the workspace lead is kept)."""
        return await self._per_pair(
            self._client.leads.unsubscribe_from_campaign, pairs, concurrency
        )

    async def delete_leads(
        self, pairs: Iterable[tuple[int, int]], *, concurrency: int | None = None
    ) -> BulkResults[tuple[int, int], OkResponse]:
        """Remove many leads from their campaign (L6; the workspace lead is kept)."""
        return await self._per_pair(self._client.leads.delete_from_campaign, pairs, concurrency)

    async def set_lead_categories(
        self,
        items: Iterable[tuple[int, int, int | None]],
        *,
        pause_lead: bool = False,
        concurrency: int | None = None,
    ) -> BulkResults[tuple[int, int, int | None], LeadCategoryUpdate]:
        """Set many leads' categories (L8) from ``(campaign_id, lead_id, category_id)`` triples.

        ``category_id=None`` clears the category; ``pause_lead=True`` also pauses each lead.
        """
        checked = check_category_triples("items", items)
        check_flag("pause_lead", pause_lead, required=True)
        leads = self._client.leads

        async def call(item: tuple[int, int, int | None]) -> LeadCategoryUpdate:
            campaign_id, lead_id, category_id = item
            return await leads.set_category(
                campaign_id, lead_id, category_id, pause_lead=pause_lead
            )

        return await self.map(call, checked, concurrency=concurrency)

    # --- Master Inbox: lead map ids ------------------------------------------------------------

    async def mark_read(
        self, map_ids: Iterable[int], read: bool = True, *, concurrency: int | None = None
    ) -> BulkResults[int, OkResponse]:
        """Mark many Master Inbox conversations read (or unread with ``read=False``) (M13)."""
        checked = check_int_ids("map_ids", map_ids)
        check_flag("read", read, required=True)
        inbox = self._client.inbox

        async def call(map_id: int) -> OkResponse:
            return await inbox.set_read_status(map_id, read)

        return await self.map(call, checked, concurrency=concurrency)

    async def set_inbox_categories(
        self, items: Iterable[tuple[int, int | None]], *, concurrency: int | None = None
    ) -> BulkResults[tuple[int, int | None], OkResponse]:
        """Set the category of many conversations (M14) from ``(lead_map_id, category_id)``.

        ``category_id=None`` clears it.
        """
        checked = check_category_pairs("items", items)
        inbox = self._client.inbox

        async def call(item: tuple[int, int | None]) -> OkResponse:
            return await inbox.set_category(*item)

        return await self.map(call, checked, concurrency=concurrency)

    # --- Lead Lists, block list, analytics ---------------------------------------------------

    async def assign_list_tags(
        self,
        list_ids: Iterable[int],
        tag_ids: Iterable[int] | None = None,
        remove_tag_ids: Iterable[int] | None = None,
        *,
        concurrency: int | None = None,
    ) -> BulkResults[list[int], OkResponse]:
        """Attach ``tag_ids`` and/or detach ``remove_tag_ids`` on any number of Lead Lists (LL9).

        The endpoint takes at most 10 lists per request, so ``list_ids`` is sent in chunks of
        10; each result's ``item`` is one chunk. ``tag_ids`` and ``remove_tag_ids`` hold at most
        10 ids each, and at least one of them must be given.
        """
        lists = check_int_ids("list_ids", list_ids)
        tags = _optional_ids("tag_ids", tag_ids)
        removed = _optional_ids("remove_tag_ids", remove_tag_ids)
        if not tags and not removed:
            raise ValidationError("give tag_ids to attach and/or remove_tag_ids to detach")
        lead_lists = self._client.lead_lists

        async def call(chunk: list[int]) -> OkResponse:
            return await lead_lists.assign_tags(chunk, tags or None, remove_tag_ids=removed or None)

        return await self.map(
            call, chunked(lists, MAX_LISTS_PER_TAG_REQUEST), concurrency=concurrency
        )

    async def block(
        self,
        entries: Iterable[str],
        *,
        chunk_size: int = MAX_BLOCK_ENTRIES_PER_REQUEST,
        client_id: int | None = None,
        concurrency: int | None = None,
    ) -> BulkResults[list[str], BlockListAddResult]:
        """Add any number of domains/emails to the block list (B2), ``chunk_size`` per request.

        ``chunk_size`` is 1..1000 (the endpoint's cap); each result's ``item`` is one chunk.
        """
        if isinstance(entries, (str, bytes)):
            raise InvalidTypeError("entries must be a list of domains or emails, not one string")
        values = list(entries)
        if not values:
            raise ValidationError("entries needs at least 1 domain or email")
        for index, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                raise InvalidTypeError(
                    f"entries[{index}] must be a non-empty domain or email string, got {value!r}"
                )
        size = check_chunk_size(chunk_size, MAX_BLOCK_ENTRIES_PER_REQUEST)
        leads = self._client.leads

        async def call(chunk: list[str]) -> BlockListAddResult:
            return await leads.add_to_block_list(chunk, client_id=client_id)

        return await self.map(call, chunked(values, size), concurrency=concurrency)

    async def campaign_analytics(
        self, campaign_ids: Iterable[int], *, concurrency: int | None = None
    ) -> BulkResults[int, CampaignAnalytics]:
        """Top-level analytics (A2) of many campaigns, one request each, in input order."""
        checked = check_int_ids("campaign_ids", campaign_ids)
        return await self.map(
            self._client.campaigns.get_analytics, checked, concurrency=concurrency
        )


# --- argument checks (all run before the first request) ------------------------------------


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _materialize(name: str, items: Any) -> list[Any]:
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise InvalidTypeError(f"{name} must be a list, got {type(items).__name__}")
    values = list(items)
    if not values:
        raise ValidationError(f"{name} needs at least 1 item")
    return values


def check_int_ids(name: str, items: Iterable[int], *, max_items: int | None = None) -> list[int]:
    """A non-empty list of int ids (at most ``max_items``)."""
    values = _materialize(name, items)
    for index, value in enumerate(values):
        if not _is_id(value):
            raise InvalidTypeError(f"{name}[{index}] must be an int id >= 0, got {value!r}")
    if max_items is not None and len(values) > max_items:
        raise ValidationError(f"{name} takes at most {max_items} ids, got {len(values)}")
    return values


def _optional_ids(name: str, items: Iterable[int] | None) -> list[int]:
    if items is None:
        return []
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise InvalidTypeError(f"{name} must be a list of int ids, got {type(items).__name__}")
    values = list(items)
    if not values:
        return []
    return check_int_ids(name, values, max_items=MAX_TAGS_PER_REQUEST)


def _check_tuples(
    name: str, items: Iterable[Any], optional: tuple[bool, ...], what: str
) -> list[tuple[Any, ...]]:
    """A non-empty list of id tuples; ``optional[i]`` lets position ``i`` be None."""
    values = _materialize(name, items)
    for index, value in enumerate(values):
        if not (
            isinstance(value, (tuple, list))
            and len(value) == len(optional)
            and all(
                (part is None and may_be_none) or _is_id(part)
                for part, may_be_none in zip(value, optional, strict=True)
            )
        ):
            raise InvalidTypeError(f"{name}[{index}] must be {what}, got {value!r}")
    return [tuple(value) for value in values]


def check_pairs(name: str, items: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """A non-empty list of ``(campaign_id, lead_id)`` int pairs."""
    checked = _check_tuples(name, items, (False, False), "a (campaign_id, lead_id) pair of int ids")
    return cast("list[tuple[int, int]]", checked)


def check_category_pairs(
    name: str, items: Iterable[tuple[int, int | None]]
) -> list[tuple[int, int | None]]:
    """A non-empty list of ``(lead_map_id, category_id_or_None)`` pairs."""
    checked = _check_tuples(name, items, (False, True), "a (lead_map_id, category_id or None) pair")
    return cast("list[tuple[int, int | None]]", checked)


def check_category_triples(
    name: str, items: Iterable[tuple[int, int, int | None]]
) -> list[tuple[int, int, int | None]]:
    """A non-empty list of ``(campaign_id, lead_id, category_id_or_None)`` triples."""
    checked = _check_tuples(
        name,
        items,
        (False, False, True),
        "a (campaign_id, lead_id, category_id or None) triple",
    )
    return cast("list[tuple[int, int, int | None]]", checked)


def check_chunk_size(chunk_size: int, maximum: int) -> int:
    """An int in ``1..maximum``."""
    return check_int("chunk_size", chunk_size, 1, maximum)


def chunked(values: list[T], size: int) -> list[list[T]]:
    """``values`` cut into consecutive lists of at most ``size`` items."""
    return [values[start : start + size] for start in range(0, len(values), size)]
