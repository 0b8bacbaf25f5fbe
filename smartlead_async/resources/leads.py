"""``client.leads``: campaign-lead actions, workspace leads, categories, block list, CRM records."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import get_args

from smartlead_async._validate import (
    TimeArg,
    check_block_entries,
    check_choice,
    check_email,
    check_flag,
    check_id,
    check_ids,
    check_optional_id,
    check_range,
    check_text,
    check_timestamp,
    drop_none,
)
from smartlead_async.catalog import (
    B1,
    B2,
    B3,
    G1,
    G2,
    G3,
    G4,
    G5,
    G6,
    G7,
    G8,
    G9,
    L3,
    L4,
    L5,
    L6,
    L7,
    L8,
    L9,
    L10,
    N1,
    N2,
    N3,
    N4,
    N5,
)
from smartlead_async.errors import InvalidTypeError
from smartlead_async.models.common import OkResponse
from smartlead_async.models.lead_input import to_lead_input
from smartlead_async.models.leads import (
    BlockListAddResult,
    BlockListEntry,
    Lead,
    LeadCampaign,
    LeadCampaignOverview,
    LeadCategory,
    LeadCategoryUpdate,
    LeadEmailStatus,
    LeadNote,
    LeadSequenceDetails,
    LeadStatus,
    LeadTag,
    LeadTask,
    LeadType,
    MessageHistory,
)
from smartlead_async.pagination import Paginator
from smartlead_async.resources._base import Resource

#: The most entries one block-list request may carry (bulk helpers chunk longer lists).
MAX_BLOCK_LIST_ENTRIES = 1000

_LEAD_STATUSES: tuple[str, ...] = get_args(LeadStatus)
_EMAIL_STATUSES: tuple[str, ...] = get_args(LeadEmailStatus)
_LEAD_TYPES: tuple[str, ...] = get_args(LeadType)


#: The longest resume delay accepted (one year); longer waits are almost surely a typo.
MAX_RESUME_DELAY_DAYS = 365


class LeadsResource(Resource):
    """Leads: campaign-lead actions (L3-L10), workspace leads (G1-G9), block list (B1-B3), CRM
    notes/tasks/tags (N1-N5)."""

    # --- campaign leads ------------------------------------------------------------------

    async def update(
        self,
        campaign_id: int,
        lead_id: int,
        *,
        email: str,
        first_name: str | None = None,
        last_name: str | None = None,
        company_name: str | None = None,
        phone_number: str | None = None,
        website: str | None = None,
        location: str | None = None,
        linkedin_profile: str | None = None,
        company_url: str | None = None,
        custom_fields: Mapping[str, str | int | float | bool | None] | None = None,
    ) -> OkResponse:
        """Update a lead in a campaign. ``POST /campaigns/{campaign_id}/leads/{lead_id}`` (L3).

        ``email`` is required even when unchanged; ``custom_fields`` (at most 200) are merged
        into the lead's existing ones by the API. Fields left as None are not sent.
        """
        lead = to_lead_input(
            {
                "email": email,
                "first_name": first_name,
                "last_name": last_name,
                "company_name": company_name,
                "phone_number": phone_number,
                "website": website,
                "location": location,
                "linkedin_profile": linkedin_profile,
                "company_url": company_url,
                "custom_fields": custom_fields,
            }
        )
        return await self._send(L3, json=lead.to_wire(), campaign_id=campaign_id, lead_id=lead_id)

    async def pause(self, campaign_id: int, lead_id: int) -> OkResponse:
        """Pause a lead in a campaign. ``POST /campaigns/{campaign_id}/leads/{lead_id}/pause`` (L4).

        The lead's status becomes PAUSED and its drafted emails STOPPED.
        """
        return await self._send(L4, campaign_id=campaign_id, lead_id=lead_id)

    async def resume(
        self, campaign_id: int, lead_id: int, *, delay_days: int | None = None
    ) -> OkResponse:
        """Resume a paused lead. ``POST /campaigns/{campaign_id}/leads/{lead_id}/resume`` (L5).

        ``delay_days`` (0 to ``MAX_RESUME_DELAY_DAYS``, one year) waits that many days before
        the next step is sent.
        """
        check_id("campaign_id", campaign_id)
        check_id("lead_id", lead_id)
        check_range("delay_days", delay_days, 0, MAX_RESUME_DELAY_DAYS)
        body = drop_none({"resume_lead_with_delay_days": delay_days})
        return await self._send(L5, json=body, campaign_id=campaign_id, lead_id=lead_id)

    async def delete_from_campaign(self, campaign_id: int, lead_id: int) -> OkResponse:
        """Remove a lead from a campaign. ``DELETE /campaigns/{campaign_id}/leads/{lead_id}`` (L6).

        The API answers with the plain text ``success`` (``{ok: true}`` is accepted too); any
        other answer raises. The workspace lead itself is kept.
        """
        return await self._send(L6, campaign_id=campaign_id, lead_id=lead_id)

    async def unsubscribe_from_campaign(self, campaign_id: int, lead_id: int) -> OkResponse:
        """Unsubscribe a lead from one campaign. ``POST /campaigns/{campaign_id}/leads/{lead_id}/unsubscribe`` (L7)."""  # noqa: E501
        return await self._send(L7, campaign_id=campaign_id, lead_id=lead_id)

    async def set_category(
        self,
        campaign_id: int,
        lead_id: int,
        category_id: int | None,
        *,
        pause_lead: bool = False,
    ) -> LeadCategoryUpdate:
        """Set (or clear with None) a lead's category. ``POST /campaigns/{campaign_id}/leads/{lead_id}/category`` (L8).

        Category ids differ per workspace: read them with :meth:`list_categories`.
        ``pause_lead=True`` also pauses the lead.
        """  # noqa: E501
        check_id("campaign_id", campaign_id)
        check_id("lead_id", lead_id)
        body = {
            "category_id": check_optional_id("category_id", category_id),
            "pause_lead": check_flag("pause_lead", pause_lead),
        }
        return await self._send(L8, json=body, campaign_id=campaign_id, lead_id=lead_id)

    async def mark_complete(self, campaign_id: int, lead_map_id: int) -> OkResponse:
        """Mark a lead's sequence complete. ``POST /campaigns/{campaign_id}/leads/{lead_map_id}/manual-complete`` (L9).

        Takes the ``campaign_lead_map_id`` (not the lead id).
        """  # noqa: E501
        return await self._send(L9, campaign_id=campaign_id, lead_map_id=lead_map_id)

    async def get_message_history(
        self,
        campaign_id: int,
        lead_id: int,
        *,
        event_time_gt: TimeArg | None = None,
        show_plain_text_response: bool | None = None,
    ) -> MessageHistory:
        """A lead's email thread in a campaign. ``GET /campaigns/{campaign_id}/leads/{lead_id}/message-history`` (L10).

        ``event_time_gt`` (ISO 8601) keeps only later messages. Each row's ``stats_id`` is
        what a reply needs.
        """  # noqa: E501
        check_id("campaign_id", campaign_id)
        check_id("lead_id", lead_id)
        params = {
            "event_time_gt": check_timestamp("event_time_gt", event_time_gt, zulu=True),
            "show_plain_text_response": check_flag(
                "show_plain_text_response", show_plain_text_response
            ),
        }
        return await self._send(L10, params=params, campaign_id=campaign_id, lead_id=lead_id)

    # --- workspace leads -----------------------------------------------------------------

    async def get_by_email(self, email: str) -> Lead | None:
        """Find a workspace lead by email address. ``GET /leads/`` (G1).

        Returns None when no lead has that address (the API answers ``{}``).
        """
        if email is None:
            raise InvalidTypeError("email must be an email address (str), got None")
        found = await self._send_list(G1, params={"email": check_email("email", email)})
        return found[0] if found else None

    async def get(self, lead_id: int) -> Lead:
        """A workspace lead by id. ``GET /leads/{lead_id}`` (G2).

        An empty answer raises :class:`~smartlead_async.errors.NotFoundError`.
        """
        return await self._send(G2, lead_id=lead_id)

    async def list_campaigns(self, lead_id: int) -> list[LeadCampaign]:
        """The campaigns a lead is enrolled in. ``GET /leads/{lead_id}/campaigns`` (G3)."""
        return await self._send_list(G3, lead_id=lead_id)

    def iter_all(
        self,
        *,
        created_at_gt: TimeArg | None = None,
        email: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        max_items: int | None = None,
    ) -> Paginator[Lead]:
        """Every lead of the account. ``GET /leads/global-leads`` (G4).

        Pages of up to 100 (``limit``); walks on the response's ``hasMore``. ``created_at_gt``
        is a lower bound on the creation date, ``email`` an address filter.
        """
        filters = {
            "created_at_gt": check_timestamp("created_at_gt", created_at_gt, zulu=True),
            "email": check_email("email", email),
        }
        return self._pages(G4, filters, limit=limit, start=offset, max_items=max_items)

    def iter_by_cursor(
        self,
        *,
        campaign_id: int | None = None,
        status: LeadStatus | None = None,
        email_status: LeadEmailStatus | None = None,
        lead_type: LeadType | None = None,
        list_id: int | None = None,
        client_id: int | None = None,
        lead_email: str | None = None,
        last_seen_lead_id: int | None = None,
        limit: int | None = None,
        max_items: int | None = None,
    ) -> Paginator[Lead]:
        """Every lead of the account by cursor. ``GET /leads/all`` (G5).

        Pages of 1-1000 (``limit``, default 1000); the cursor ``lastSeenLeadId`` is the id of
        the last lead of the previous page (pass ``last_seen_lead_id`` to resume a walk).

        Unverified: only the official CLI sends this cursor walk; no live answer is recorded.
        """
        filters = {
            "campaignId": check_optional_id("campaign_id", campaign_id),
            "status": check_choice("status", status, _LEAD_STATUSES),
            "emailStatus": check_choice("email_status", email_status, _EMAIL_STATUSES),
            "leadType": check_choice("lead_type", lead_type, _LEAD_TYPES),
            "listId": check_optional_id("list_id", list_id),
            "clientId": check_optional_id("client_id", client_id),
            "leadEmail": check_text("lead_email", lead_email),
        }
        return self._cursor_pages(
            G5,
            filters,
            "lastSeenLeadId",
            lambda lead: lead.id,
            limit=limit,
            start=check_optional_id("last_seen_lead_id", last_seen_lead_id),
            max_items=max_items,
        )

    async def unsubscribe(self, lead_id: int) -> OkResponse:
        """Unsubscribe a lead from every campaign. ``POST /leads/{lead_id}/unsubscribe`` (G6).

        Also blocks the lead from being added to campaigns later.
        """
        return await self._send(G6, lead_id=lead_id)

    async def list_categories(self) -> list[LeadCategory]:
        """The workspace's lead categories. ``GET /leads/fetch-categories`` (G7)."""
        return await self._send_list(G7)

    async def get_campaign_overview(self, lead_id: int) -> list[LeadCampaignOverview]:
        """A lead's standing in each of its campaigns. ``GET /leads/{lead_id}/campaign-overview`` (G8).

        The answer's shape is not documented: an array (bare, under ``data`` or under
        ``campaigns``) of per-campaign rows, or one such row.
        """  # noqa: E501
        return await self._send_list(G8, lead_id=lead_id)

    async def get_sequence_details(
        self, lead_map_id: int, *, campaign_id: int | None = None
    ) -> LeadSequenceDetails:
        """A lead's progress through its campaign sequence. ``GET /leads/{lead_map_id}/sequence-details`` (G9).

        Takes the ``campaign_lead_map_id``; ``campaign_id`` (sent as ``campaignId``, as the
        official CLI does) names the campaign it belongs to. The answer's shape is not
        documented; a bare array of steps is read as :attr:`LeadSequenceDetails.steps`.
        """  # noqa: E501
        params = {"campaignId": check_optional_id("campaign_id", campaign_id)}
        return await self._send(G9, params=params, lead_map_id=lead_map_id)

    # --- block list ----------------------------------------------------------------------

    def iter_block_list(
        self,
        *,
        client_id: int | None = None,
        email_or_domain: str | None = None,
        email_with_domain: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        max_items: int | None = None,
    ) -> Paginator[BlockListEntry]:
        """The global block list. ``GET /leads/get-domain-block-list`` (B1).

        Pages of 1-1000 (``limit``, default 1000). Filters: ``client_id``, ``email_or_domain``
        (search), ``email_with_domain`` (search by email with domain).
        """
        filters = {
            "filter_client_id": check_optional_id("client_id", client_id),
            "filter_email_or_domain": check_text("email_or_domain", email_or_domain),
            "filter_email_with_domain": check_text("email_with_domain", email_with_domain),
        }
        return self._pages(B1, filters, limit=limit, start=offset, max_items=max_items)

    async def add_to_block_list(
        self, entries: Iterable[str], *, client_id: int | None = None
    ) -> BlockListAddResult:
        """Block domains and/or email addresses. ``POST /leads/add-domain-block-list`` (B2).

        One request of 1-1000 entries (``client.bulk`` chunks longer lists); ``client_id``
        scopes the entries to one agency client.
        """
        values = check_block_entries(
            "entries",
            entries,
            max_items=MAX_BLOCK_LIST_ENTRIES,
            hint="; split the list or use client.bulk to send it in chunks",
        )
        client = check_optional_id("client_id", client_id)
        return await self._send(
            B2, json=drop_none({"domain_block_list": values, "client_id": client})
        )

    async def remove_from_block_list(self, entry_id: int) -> OkResponse:
        """Remove one block-list entry by its id. ``DELETE /leads/delete-domain-block-list`` (B3).

        The id travels as the ``id`` query parameter (read it from :meth:`iter_block_list`).
        """
        return await self._send(B3, params={"id": check_id("entry_id", entry_id)})

    # --- CRM notes, tasks, tags ----------------------------------------------------------

    async def list_notes(self, lead_id: int) -> list[LeadNote]:
        """A lead's CRM notes. ``GET /crm/leads/notes/{lead_id}`` (N1).

        Unverified: the June 2026 docs list ``/crm/*``, but a live audit in April 2026
        found no such namespace.
        """
        return await self._send_list(N1, lead_id=lead_id)

    async def list_tasks(self, lead_id: int) -> list[LeadTask]:
        """A lead's CRM tasks. ``GET /crm/leads/tasks/{lead_id}`` (N2).

        Unverified: the June 2026 docs list ``/crm/*``, but a live audit in April 2026
        found no such namespace.
        """
        return await self._send_list(N2, lead_id=lead_id)

    async def list_tags(self, lead_id: int) -> list[LeadTag]:
        """The CRM tags attached to a lead. ``GET /crm/leads/tags`` (N3).

        Each row's ``id`` is the tag mapping id that :meth:`remove_tag` takes.

        Unverified: the June 2026 docs list ``/crm/*``, but a live audit in April 2026
        found no such namespace.
        """
        return await self._send_list(N3, params={"leadId": check_id("lead_id", lead_id)})

    async def add_tags(self, lead_id: int, tag_ids: Iterable[int]) -> OkResponse:
        """Attach CRM tags to a lead. ``POST /crm/leads/tags`` (N4).

        ``tag_ids`` needs at least one tag id.

        Unverified: the June 2026 docs list ``/crm/*``, but a live audit in April 2026
        found no such namespace.
        """
        lead = check_id("lead_id", lead_id)
        tags = check_ids("tag_ids", tag_ids, min_items=1)
        return await self._send(N4, json={"leadId": lead, "tagIds": tags})

    async def remove_tag(self, tag_mapping_id: int) -> OkResponse:
        """Detach one CRM tag from a lead. ``DELETE /crm/leads/tags/{tag_mapping_id}`` (N5).

        Takes the mapping id (``LeadTag.id`` from :meth:`list_tags`), not the tag id.

        Unverified: the June 2026 docs list ``/crm/*``, but a live audit in April 2026
        found no such namespace.
        """
        return await self._send(N5, tag_mapping_id=tag_mapping_id)
