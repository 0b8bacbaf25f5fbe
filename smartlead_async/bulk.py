"""``client.bulk``: the common many-item jobs, fanned out inside the client's rate gate.

:class:`Bulk` adds helpers on top of :meth:`Bulk.map`: campaign-lead actions over
``(campaign_id, lead_id)`` pairs, Master Inbox updates over lead map ids, tag assignment over
Lead Lists, block-list additions and the analytics of many campaigns. Each returns a
:class:`BulkResults` list in input order, one :class:`ItemResult` per item, with per-item
errors captured rather than raised. Arguments are checked before the first request, so a
malformed item fails the call without sending anything.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterable, Awaitable, Callable, Iterable
from typing import TypeVar, cast

from smartlead_async._validate import (
    check_block_entries,
    check_flag,
    check_id_tuples,
    check_ids,
    check_int,
    check_optional_id,
    check_range,
)
from smartlead_async.errors import ValidationError
from smartlead_async.fanout import (
    DEFAULT_CONCURRENCY,
    BulkResults,
    ItemResult,
    check_concurrency,
    fan_out,
    iterate_any,
)
from smartlead_async.models.analytics import CampaignAnalytics
from smartlead_async.models.common import OkResponse
from smartlead_async.models.leads import BlockListAddResult, LeadCategoryUpdate
from smartlead_async.resources.campaigns import CampaignsResource
from smartlead_async.resources.inbox import InboxResource
from smartlead_async.resources.lead_lists import LeadListsResource
from smartlead_async.resources.leads import MAX_RESUME_DELAY_DAYS, LeadsResource

T = TypeVar("T")
R = TypeVar("R")

#: LL9 accepts at most 10 list ids and 10 tag ids per request.
MAX_LISTS_PER_TAG_REQUEST = 10
MAX_TAGS_PER_REQUEST = 10
#: B2 accepts at most 1000 entries per request.
MAX_BLOCK_ENTRIES_PER_REQUEST = 1000

_PAIR = ("campaign_id", "lead_id")


def chunked(values: list[T], size: int) -> list[list[T]]:
    """``values`` cut into consecutive lists of at most ``size`` items."""
    return [values[start : start + size] for start in range(0, len(values), size)]


class Bulk:
    """``client.bulk``: fan-out helpers that keep every call inside the client's rate gate."""

    def __init__(
        self,
        *,
        campaigns: CampaignsResource,
        leads: LeadsResource,
        lead_lists: LeadListsResource,
        inbox: InboxResource,
    ) -> None:
        self._campaigns = campaigns
        self._leads = leads
        self._lead_lists = lead_lists
        self._inbox = inbox

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
        checked = cast("list[tuple[int, int]]", check_id_tuples("pairs", pairs, _PAIR))

        async def call(pair: tuple[int, int]) -> OkResponse:
            return await action(*pair)

        return await self.map(call, checked, concurrency=concurrency)

    async def pause_leads(
        self, pairs: Iterable[tuple[int, int]], *, concurrency: int | None = None
    ) -> BulkResults[tuple[int, int], OkResponse]:
        """Pause many leads in their campaigns (L4), one request per ``(campaign_id, lead_id)``."""
        return await self._per_pair(self._leads.pause, pairs, concurrency)

    async def resume_leads(
        self,
        pairs: Iterable[tuple[int, int]],
        delay_days: int | None = None,
        *,
        concurrency: int | None = None,
    ) -> BulkResults[tuple[int, int], OkResponse]:
        """Resume many paused leads (L5), optionally after ``delay_days`` days."""
        check_range("delay_days", delay_days, 0, MAX_RESUME_DELAY_DAYS)
        leads = self._leads

        async def resume(campaign_id: int, lead_id: int) -> OkResponse:
            return await leads.resume(campaign_id, lead_id, delay_days=delay_days)

        return await self._per_pair(resume, pairs, concurrency)

    async def unsubscribe_leads(
        self, pairs: Iterable[tuple[int, int]], *, concurrency: int | None = None
    ) -> BulkResults[tuple[int, int], OkResponse]:
        """Unsubscribe many leads from their campaign (L7; the workspace lead is kept)."""
        return await self._per_pair(self._leads.unsubscribe_from_campaign, pairs, concurrency)

    async def delete_leads(
        self, pairs: Iterable[tuple[int, int]], *, concurrency: int | None = None
    ) -> BulkResults[tuple[int, int], OkResponse]:
        """Remove many leads from their campaign (L6; the workspace lead is kept)."""
        return await self._per_pair(self._leads.delete_from_campaign, pairs, concurrency)

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
        checked = cast(
            "list[tuple[int, int, int | None]]",
            check_id_tuples("items", items, (*_PAIR, "category_id"), optional_last=True),
        )
        check_flag("pause_lead", pause_lead, required=True)
        leads = self._leads

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
        checked = check_ids("map_ids", map_ids, min_items=1)
        check_flag("read", read, required=True)
        inbox = self._inbox

        async def call(map_id: int) -> OkResponse:
            return await inbox.set_read_status(map_id, read)

        return await self.map(call, checked, concurrency=concurrency)

    async def set_inbox_categories(
        self, items: Iterable[tuple[int, int | None]], *, concurrency: int | None = None
    ) -> BulkResults[tuple[int, int | None], OkResponse]:
        """Set the category of many conversations (M14) from ``(lead_map_id, category_id)``.

        ``category_id=None`` clears it.
        """
        checked = cast(
            "list[tuple[int, int | None]]",
            check_id_tuples("items", items, ("lead_map_id", "category_id"), optional_last=True),
        )
        inbox = self._inbox

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
        lists = check_ids("list_ids", list_ids, min_items=1)
        tags = check_ids(
            "tag_ids", [] if tag_ids is None else tag_ids, max_items=MAX_TAGS_PER_REQUEST
        )
        removed = check_ids(
            "remove_tag_ids",
            [] if remove_tag_ids is None else remove_tag_ids,
            max_items=MAX_TAGS_PER_REQUEST,
        )
        if not tags and not removed:
            raise ValidationError("give tag_ids to attach and/or remove_tag_ids to detach")
        lead_lists = self._lead_lists

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
        values = check_block_entries("entries", entries)
        size = check_int("chunk_size", chunk_size, 1, MAX_BLOCK_ENTRIES_PER_REQUEST)
        check_optional_id("client_id", client_id)
        leads = self._leads

        async def call(chunk: list[str]) -> BlockListAddResult:
            return await leads.add_to_block_list(chunk, client_id=client_id)

        return await self.map(call, chunked(values, size), concurrency=concurrency)

    async def campaign_analytics(
        self, campaign_ids: Iterable[int], *, concurrency: int | None = None
    ) -> BulkResults[int, CampaignAnalytics]:
        """Top-level analytics (A2) of many campaigns, one request each, in input order."""
        checked = check_ids("campaign_ids", campaign_ids, min_items=1)
        return await self.map(self._campaigns.get_analytics, checked, concurrency=concurrency)


__all__ = [
    "DEFAULT_CONCURRENCY",
    "MAX_BLOCK_ENTRIES_PER_REQUEST",
    "MAX_LISTS_PER_TAG_REQUEST",
    "MAX_TAGS_PER_REQUEST",
    "Bulk",
    "BulkResults",
    "ItemResult",
    "check_concurrency",
    "chunked",
    "fan_out",
    "iterate_any",
]
