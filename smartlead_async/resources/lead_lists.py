"""``client.lead_lists``: Lead Lists (LL1-LL9) and pushes of leads into lists (G10, G11).

The wire uses camelCase (``listName``, ``leadList``, ``fileName``, ``csvSettings``,
``listIds``, ``tagIds``, ``removeTagIds``, R16); the Python API is snake_case.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from os import PathLike
from typing import Any

import orjson

from smartlead_async._transport import Transport
from smartlead_async._validate import (
    check_choice,
    check_flag,
    check_id,
    check_ids,
    check_mapping,
    check_name,
    check_optional_id,
    check_text,
    drop_none,
)
from smartlead_async.catalog import G10, G11, LL1, LL2, LL3, LL4, LL5, LL6, LL7, LL8, LL9
from smartlead_async.errors import ValidationError
from smartlead_async.models.common import OkResponse
from smartlead_async.models.imports import (
    MAX_BATCH_SIZE,
    BatchOutcome,
    Importer,
    ImportReport,
    LeadRows,
    ProgressCallback,
)
from smartlead_async.models.lead_input import LeadInput, check_lead_rows, wire_rows
from smartlead_async.models.lead_lists import (
    PUSH_ACTIONS,
    LeadList,
    LeadListImportResult,
    LeadPushResult,
    PushAction,
)
from smartlead_async.pagination import Paginator
from smartlead_async.resources._base import Resource
from smartlead_async.resources._lead_import import outcome_from_list_import

#: Rows per Lead List import call (S0; R1).
MAX_IMPORT_ROWS = MAX_BATCH_SIZE
MAX_PUSH_LEAD_IDS = 10_000
MAX_TAG_LISTS = 10
MAX_TAG_IDS = 10


def _list_name(name: str) -> str:
    text = check_text("name", name)
    if text is None or not text.strip():
        raise ValidationError("name must be a non-empty list name")
    return text.strip()


def csv_settings(
    *,
    ignore_global_block_list: bool | None = None,
    ignore_unsubscribe_list: bool | None = None,
    ignore_community_bounce_list: bool | None = None,
    ignore_duplicate_leads_in_other_campaign: bool | None = None,
) -> dict[str, bool] | None:
    """The ``csvSettings`` object (camelCase flags), or None when no flag is set."""
    settings = drop_none(
        {
            "ignoreGlobalBlockList": check_flag(
                "ignore_global_block_list", ignore_global_block_list
            ),
            "ignoreUnsubscribeList": check_flag("ignore_unsubscribe_list", ignore_unsubscribe_list),
            "ignoreCommunityBounceList": check_flag(
                "ignore_community_bounce_list", ignore_community_bounce_list
            ),
            "ignoreDuplicateLeadsInOtherCampaign": check_flag(
                "ignore_duplicate_leads_in_other_campaign",
                ignore_duplicate_leads_in_other_campaign,
            ),
        }
    )
    return settings or None


def import_rows(leads: Iterable[LeadInput | Mapping[str, Any]]) -> orjson.Fragment:
    """Validate 1-400 lead rows into wire objects; the error names the bad row's index."""
    return wire_rows(check_lead_rows("leads", leads, max_rows=MAX_IMPORT_ROWS))


def _lead_ids(name: str, value: Sequence[int] | None) -> list[int] | None:
    if value is None:
        return None
    return check_ids(name, value, min_items=1, max_items=MAX_PUSH_LEAD_IDS)


def _action(action: PushAction) -> str:
    checked = check_choice("action", action, PUSH_ACTIONS)
    if checked is None:
        raise ValidationError("action is required: 'copy' or 'move'")
    return checked


class LeadListsResource(Resource):
    """Lead Lists: workspace-level buckets of leads, independent of campaigns."""

    def __init__(self, transport: Transport, *, importer: Importer) -> None:
        super().__init__(transport)
        self._importer = importer

    def iter_all(
        self,
        *,
        name: str | None = None,
        tag_ids: Sequence[int] | None = None,
        limit: int | None = None,
        offset: int = 0,
        max_items: int | None = None,
    ) -> Paginator[LeadList]:
        """Every Lead List. ``GET /lead-list/`` (LL1).

        ``name`` filters by partial name (``listName``), ``tag_ids`` by tag (``tagIds``).
        ``limit`` is 1-1000 (default 1000 here, the maximum).
        """
        params: dict[str, Any] = {
            "listName": check_text("name", name),
            "tagIds": check_ids("tag_ids", tag_ids) if tag_ids is not None else None,
        }
        if params["tagIds"] == []:
            params["tagIds"] = None
        return self._pages(LL1, params, limit=limit, start=offset, max_items=max_items)

    async def get(self, list_id: int) -> LeadList:
        """One Lead List. ``GET /lead-list/{list_id}`` (LL2)."""
        return await self._send(LL2, list_id=list_id)

    async def create(self, name: str) -> LeadList:
        """Create a Lead List. ``POST /lead-list/`` (LL3)."""
        return await self._send(LL3, json={"listName": _list_name(name)})

    async def rename(self, list_id: int, name: str) -> OkResponse:
        """Rename a Lead List (its only mutable field). ``PUT /lead-list/{list_id}`` (LL4)."""
        return await self._send(LL4, json={"listName": _list_name(name)}, list_id=list_id)

    async def delete(self, list_id: int) -> OkResponse:
        """Delete a Lead List (hard delete). ``DELETE /lead-list/{list_id}`` (LL5).

        Leads already pushed into campaigns stay there.
        """
        return await self._send(LL5, list_id=list_id)

    async def add_leads(
        self,
        list_id: int,
        leads: Iterable[LeadInput | Mapping[str, Any]],
        *,
        file_name: str = "smartlead_async.csv",
        ignore_global_block_list: bool | None = None,
        ignore_unsubscribe_list: bool | None = None,
        ignore_community_bounce_list: bool | None = None,
        ignore_duplicate_leads_in_other_campaign: bool | None = None,
        email_fields_added: Mapping[str, Any] | None = None,
        custom_fields: Mapping[str, Any] | None = None,
    ) -> LeadListImportResult:
        """Import 1-400 leads into a list. ``POST /lead-list/{list_id}/import`` (LL6).

        Rows are :class:`~smartlead_async.models.lead_input.LeadInput` or dicts, validated
        client-side (``email`` required). ``file_name`` is only a label. One request: use
        ``import_leads`` for any number of rows. Safe to retry (duplicates are reported).
        """
        body = drop_none(
            {
                "leadList": import_rows(leads),
                "fileName": check_name("file_name", file_name, max_length=255),
                "csvSettings": csv_settings(
                    ignore_global_block_list=ignore_global_block_list,
                    ignore_unsubscribe_list=ignore_unsubscribe_list,
                    ignore_community_bounce_list=ignore_community_bounce_list,
                    ignore_duplicate_leads_in_other_campaign=ignore_duplicate_leads_in_other_campaign,
                ),
                "emailFieldsAdded": check_mapping("email_fields_added", email_fields_added),
                "customFields": check_mapping("custom_fields", custom_fields),
            }
        )
        return await self._send(LL6, json=body, list_id=list_id)

    async def push_to_campaign(
        self,
        *,
        action: PushAction,
        campaign_id: int | None = None,
        campaign_name: str | None = None,
        list_id: int | None = None,
        lead_ids: Sequence[int] | None = None,
        all_leads: bool | None = None,
        ignore_global_block_list: bool | None = None,
        ignore_unsubscribe_list: bool | None = None,
        ignore_community_bounce_list: bool | None = None,
        ignore_duplicate_leads_in_other_campaign: bool | None = None,
        filters: Mapping[str, Any] | None = None,
    ) -> LeadPushResult:
        """Push list leads to a campaign. ``POST /leads/push-to-campaign`` (LL7).

        Give ``campaign_id`` or ``campaign_name`` (creates the campaign), not both, and
        exactly one source: ``list_id``, ``lead_ids`` (1-10,000) or ``all_leads=True``.
        """
        if (campaign_id is None) == (campaign_name is None):
            raise ValidationError("give exactly one of campaign_id or campaign_name")
        if campaign_name is not None:
            check_name("campaign_name", campaign_name, max_length=255)
        check_flag("all_leads", all_leads)
        sources = [list_id is not None, lead_ids is not None, bool(all_leads)]
        if sum(sources) != 1:
            raise ValidationError("give exactly one of list_id, lead_ids or all_leads=True")
        lead_list = drop_none(
            {
                "listId": check_optional_id("list_id", list_id),
                "leadIds": _lead_ids("lead_ids", lead_ids),
                "allLeads": True if all_leads else None,
            }
        )
        body = drop_none(
            {
                "campaignId": check_optional_id("campaign_id", campaign_id),
                "campaignName": campaign_name,
                "action": _action(action),
                "leadList": lead_list,
                "csvSettings": csv_settings(
                    ignore_global_block_list=ignore_global_block_list,
                    ignore_unsubscribe_list=ignore_unsubscribe_list,
                    ignore_community_bounce_list=ignore_community_bounce_list,
                    ignore_duplicate_leads_in_other_campaign=ignore_duplicate_leads_in_other_campaign,
                ),
                "filters": check_mapping("filters", filters),
            }
        )
        return await self._send(LL7, json=body)

    async def push_between_lists(
        self,
        *,
        action: PushAction,
        to_list_id: int,
        lead_ids: Sequence[int] | None = None,
        from_list_id: int | None = None,
    ) -> LeadPushResult:
        """Copy or move leads into another list. ``POST /leads/leads/push-between-lists`` (LL8).

        Give exactly one source: ``lead_ids`` (1-10,000) or ``from_list_id``.
        """
        if (lead_ids is None) == (from_list_id is None):
            raise ValidationError("give exactly one of lead_ids or from_list_id")
        check_id("to_list_id", to_list_id)
        if from_list_id is not None and check_id("from_list_id", from_list_id) == to_list_id:
            raise ValidationError("from_list_id and to_list_id must differ")
        body = drop_none(
            {
                "action": _action(action),
                "leadIds": _lead_ids("lead_ids", lead_ids),
                "fromListId": from_list_id,
                "toListId": to_list_id,
            }
        )
        return await self._send(LL8, json=body)

    async def assign_tags(
        self,
        list_ids: Sequence[int],
        tag_ids: Sequence[int] | None = None,
        remove_tag_ids: Sequence[int] | None = None,
    ) -> OkResponse:
        """Attach and/or detach tags on Lead Lists. ``POST /lead-list/assign-tags`` (LL9).

        ``list_ids`` 1-10; ``tag_ids`` and ``remove_tag_ids`` up to 10 each, at least one of
        them non-empty.
        """
        lists = check_ids("list_ids", list_ids, min_items=1, max_items=MAX_TAG_LISTS)
        add = check_ids("tag_ids", tag_ids or [], max_items=MAX_TAG_IDS)
        remove = check_ids("remove_tag_ids", remove_tag_ids or [], max_items=MAX_TAG_IDS)
        if not add and not remove:
            raise ValidationError("give tag_ids to attach and/or remove_tag_ids to detach")
        body = drop_none({"listIds": lists, "tagIds": add or None, "removeTagIds": remove or None})
        return await self._send(LL9, json=body)

    async def push_leads(
        self,
        *,
        list_id: int,
        lead_ids: Sequence[int] | None = None,
        all_leads: bool | None = None,
        action: PushAction | None = None,
        filters: Mapping[str, Any] | None = None,
    ) -> LeadPushResult:
        """Push workspace leads into a Lead List. ``POST /leads/push-to-list`` (G10).

        Give exactly one of ``lead_ids`` (1-10,000) or ``all_leads=True`` (optionally
        narrowed by ``filters``); ``action`` is copy or move.
        """
        check_flag("all_leads", all_leads)
        if (lead_ids is not None) == bool(all_leads):
            raise ValidationError("give exactly one of lead_ids or all_leads=True")
        body = drop_none(
            {
                "listId": check_id("list_id", list_id),
                "leadIds": _lead_ids("lead_ids", lead_ids),
                "allLeads": True if all_leads else None,
                "filters": check_mapping("filters", filters),
                "action": None if action is None else _action(action),
            }
        )
        return await self._send(G10, json=body)

    async def push_campaign_leads(
        self,
        *,
        campaign_id: int,
        list_id: int,
        lead_map_ids: Sequence[int] | None = None,
        all_leads: bool | None = None,
    ) -> LeadPushResult:
        """Copy a campaign's leads into a Lead List. ``POST /leads/campaign/push-to-list`` (G11).

        Give exactly one of ``lead_map_ids`` (campaign lead-map ids, 1-10,000) or
        ``all_leads=True``.

        Unverified: only the official CLI sends it; not checked live.
        """
        check_flag("all_leads", all_leads)
        if (lead_map_ids is not None) == bool(all_leads):
            raise ValidationError("give exactly one of lead_map_ids or all_leads=True")
        body = drop_none(
            {
                "campaignId": check_id("campaign_id", campaign_id),
                "listId": check_id("list_id", list_id),
                "leadMapIds": _lead_ids("lead_map_ids", lead_map_ids),
                "allLeads": True if all_leads else None,
            }
        )
        return await self._send(G11, json=body)

    async def import_leads(
        self,
        list_id: int,
        rows: LeadRows,
        *,
        file_name: str = "smartlead_async.csv",
        ignore_global_block_list: bool | None = None,
        ignore_unsubscribe_list: bool | None = None,
        ignore_community_bounce_list: bool | None = None,
        ignore_duplicate_leads_in_other_campaign: bool | None = None,
        batch_size: int = MAX_IMPORT_ROWS,
        dedupe: bool = True,
        journal: str | PathLike[str] | None = None,
        on_progress: ProgressCallback | None = None,
        concurrency: int | None = None,
    ) -> ImportReport:
        """Import any number of leads in batches. ``POST /lead-list/{list_id}/import`` (LL6, batched).

        Same engine as ``client.campaigns.import_leads``: rows (dicts or
        :class:`~smartlead_async.models.lead_input.LeadInput`, any iterable or async iterable)
        are streamed, validated, deduplicated when ``dedupe`` and sent in batches of
        ``batch_size`` (1-400), ``concurrency`` at a time; too-large batches are halved, a lead
        limit stops the job cleanly, failed batches are kept with their rows, ``journal`` makes
        it resumable and ``on_progress(done, total_or_None)`` reports progress. The other
        arguments are passed to :meth:`add_leads` for every batch. Returns an
        :class:`~smartlead_async.models.imports.ImportReport` that counts every row once.
        """  # noqa: E501
        target = check_id("list_id", list_id)

        async def send(batch: Sequence[LeadInput]) -> BatchOutcome:
            result = await self.add_leads(
                target,
                batch,
                file_name=file_name,
                ignore_global_block_list=ignore_global_block_list,
                ignore_unsubscribe_list=ignore_unsubscribe_list,
                ignore_community_bounce_list=ignore_community_bounce_list,
                ignore_duplicate_leads_in_other_campaign=ignore_duplicate_leads_in_other_campaign,
            )
            return outcome_from_list_import(result)

        return await self._importer(
            send,
            rows,
            job=self._import_job("lead_list", target),
            batch_size=batch_size,
            dedupe=dedupe,
            journal=journal,
            on_progress=on_progress,
            concurrency=concurrency,
        )
