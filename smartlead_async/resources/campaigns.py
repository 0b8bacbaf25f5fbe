"""``client.campaigns``: campaigns, their sequences, schedule, settings, senders and leads."""

from __future__ import annotations

import builtins
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from os import PathLike
from typing import Any

from smartlead_async._transport import Transport
from smartlead_async._validate import (
    TimeArg,
    check_choice,
    check_count,
    check_datetime,
    check_flag,
    check_id,
    check_ids,
    check_int,
    check_list,
    check_mapping,
    check_optional_id,
    check_range,
    check_str,
    check_text,
    check_time_order,
    check_timestamp,
    check_timezone,
    drop_none,
    is_valid_email,
)
from smartlead_async.catalog import (
    C1,
    C2,
    C3,
    C4,
    C5,
    C6,
    C7,
    C8,
    C9,
    C10,
    C11,
    C12,
    C13,
    C14,
    C15,
    C16,
    C17,
    L1,
    L2,
    L13,
    L14,
)
from smartlead_async.errors import (
    InvalidTypeError,
    ValidationError,
)
from smartlead_async.models.campaigns import (
    CAMPAIGN_LEAD_STATUSES,
    CAMPAIGN_STATUS_INPUTS,
    LEAD_EMAIL_STATUSES,
    STOP_LEAD_SETTINGS,
    TRACK_SETTINGS,
    AddLeadsResult,
    Campaign,
    CampaignEmailAccountLink,
    CampaignLead,
    CampaignLeadStatus,
    CampaignStatusInput,
    CampaignStatusResult,
    CreatedCampaign,
    CreatedSubsequence,
    DuplicatedCampaign,
    ImportSettings,
    LeadActivity,
    LeadEmailStatus,
    SequenceStep,
    SequenceStepInput,
    StopLeadSetting,
    TrackSetting,
)
from smartlead_async.models.common import OkResponse
from smartlead_async.models.email_accounts import EmailAccount
from smartlead_async.models.imports import (
    MAX_BATCH_SIZE,
    BatchOutcome,
    Importer,
    ImportReport,
    LeadRows,
    ProgressCallback,
)
from smartlead_async.models.lead_input import LeadInput, check_lead_rows, wire_rows
from smartlead_async.pagination import Paginator
from smartlead_async.resources._lead_import import outcome_from_add_leads
from smartlead_async.resources.campaign_stats import CampaignStatsMixin

#: Rows per ``POST /campaigns/{id}/leads`` request (catalog L2, R1).
MAX_LEADS_PER_REQUEST = MAX_BATCH_SIZE

_HOUR = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$")


class CampaignsResource(CampaignStatsMixin):
    """Campaign endpoints (catalog C1-C17, L1, L2, L13, L14; statistics A1-A6 and C19)."""

    def __init__(self, transport: Transport, *, importer: Importer) -> None:
        super().__init__(transport)
        self._importer = importer

    # --- campaigns (C1-C4, C9, C13, C14) --------------------------------------------------

    async def list(
        self, *, client_id: int | None = None, include_tags: bool | None = None
    ) -> list[Campaign]:
        """All campaigns, newest first. ``GET /campaigns/`` (C1).

        Not paginated: one call returns every campaign.
        """
        params = {
            "client_id": check_optional_id("client_id", client_id),
            "include_tags": check_flag("include_tags", include_tags),
        }
        return await self._send_list(C1, params=params)

    async def get(self, campaign_id: int, *, include_tags: bool | None = None) -> Campaign:
        """One campaign. ``GET /campaigns/{campaign_id}`` (C2).

        A deleted campaign is answered with HTTP 200 and an empty body; that raises
        :class:`~smartlead_async.errors.NotFoundError`.
        """
        params = {"include_tags": check_flag("include_tags", include_tags)}
        return await self._send(C2, params=params, campaign_id=campaign_id)

    async def create(
        self, name: str | None = None, client_id: int | None = None
    ) -> CreatedCampaign:
        """Create a campaign (status DRAFTED). ``POST /campaigns/create`` (C3).

        ``name`` is 1-255 characters (omitted: "Untitled Campaign"). Settings, schedule and
        sequences are set with separate calls.
        """
        if name is not None:
            _check_name("name", name)
        body = drop_none({"name": name, "client_id": check_optional_id("client_id", client_id)})
        return await self._send(C3, json=body)

    async def set_status(
        self, campaign_id: int, status: CampaignStatusInput
    ) -> CampaignStatusResult:
        """Start, pause or stop a campaign. ``POST /campaigns/{campaign_id}/status`` (C4).

        ``status`` is ``START``, ``PAUSED`` or ``STOPPED`` (stopping cannot be undone). A
        campaign without sender accounts cannot be started.
        """
        check_id("campaign_id", campaign_id)
        if str(status).upper() == "ACTIVE":
            raise ValidationError("status 'ACTIVE' is not accepted by the API; use 'START'")
        check_choice("status", status, CAMPAIGN_STATUS_INPUTS)
        return await self._send(C4, json={"status": status}, campaign_id=campaign_id)

    async def delete(self, campaign_id: int, *, timeout: float | None = None) -> OkResponse:
        """Delete a campaign. ``DELETE /campaigns/{campaign_id}`` (C9).

        Slow on the live API (over 15 s seen), hence the row's 120 s ``timeout`` when none is
        given. Sequences and enrolments go with it; sender accounts are detached, not deleted.
        """
        return await self._send(C9, timeout=timeout, campaign_id=campaign_id)

    async def duplicate(
        self,
        campaign_id: int,
        *,
        duplicate_sub_sequence: bool | None = None,
        duplicate_client_label: bool | None = None,
    ) -> DuplicatedCampaign:
        """Copy a campaign. ``POST /campaigns/{campaign_id}/duplicate`` (C13).

        ``duplicate_sub_sequence`` (server default False) copies its subsequences too.
        """
        body = drop_none(
            {
                "duplicate_sub_sequence": check_flag(
                    "duplicate_sub_sequence", duplicate_sub_sequence
                ),
                "duplicate_client_label": check_flag(
                    "duplicate_client_label", duplicate_client_label
                ),
            }
        )
        return await self._send(C13, json=body, campaign_id=campaign_id)

    async def create_subsequence(
        self,
        parent_campaign_id: int,
        *,
        subsequence_name: str | None = None,
        condition_events: Sequence[str | Mapping[str, Any]] | None = None,
    ) -> CreatedSubsequence:
        """Create a subsequence of a campaign. ``POST /campaigns/create-subsequence`` (C14).

        ``condition_events`` are the events that move a lead into the subsequence, passed
        through as given (strings or objects).
        """
        check_id("parent_campaign_id", parent_campaign_id)
        if subsequence_name is not None:
            _check_name("subsequence_name", subsequence_name)
        events: list[Any] | None = None
        if condition_events is not None:
            events = []
            for index, event in enumerate(
                check_list("condition_events", condition_events, "strings or dicts")
            ):
                if isinstance(event, str):
                    if not event.strip():
                        raise ValidationError(f"condition_events[{index}] must not be empty")
                    events.append(event)
                elif isinstance(event, Mapping):
                    events.append(dict(event))
                else:
                    raise InvalidTypeError(
                        f"condition_events[{index}] must be a str or dict, "
                        f"got {type(event).__name__}"
                    )
        body = drop_none(
            {
                "parent_campaign_id": parent_campaign_id,
                "subsequence_name": subsequence_name,
                "condition_events": events,
            }
        )
        return await self._send(C14, json=body)

    # --- schedule, settings, sequences (C5-C8) --------------------------------------------

    async def update_schedule(
        self,
        campaign_id: int,
        *,
        timezone: str,
        days_of_the_week: Sequence[int],
        start_hour: str,
        end_hour: str,
        min_time_btw_emails: int,
        max_new_leads_per_day: int,
        schedule_start_time: datetime | str | None = None,
    ) -> OkResponse:
        """Set the sending window. ``POST /campaigns/{campaign_id}/schedule`` (C5).

        Flat body (R3). ``timezone`` is an IANA name such as ``America/New_York``;
        ``days_of_the_week`` are 0 (Sunday) to 6 (Saturday), each at most once;
        ``start_hour`` < ``end_hour``, both ``HH:MM`` (24 h); ``min_time_btw_emails`` (minutes) and
        ``max_new_leads_per_day`` are positive ints; ``schedule_start_time`` is ISO 8601.
        """
        check_id("campaign_id", campaign_id)
        if min_time_btw_emails is None or max_new_leads_per_day is None:
            raise ValidationError("min_time_btw_emails and max_new_leads_per_day are required")
        body: dict[str, Any] = {
            "timezone": check_timezone("timezone", timezone, required=True),
            "days_of_the_week": _check_days(days_of_the_week),
            "start_hour": _check_hour("start_hour", start_hour),
            "end_hour": _check_hour("end_hour", end_hour),
            "min_time_btw_emails": check_range("min_time_btw_emails", min_time_btw_emails, 1),
            "max_new_leads_per_day": check_range("max_new_leads_per_day", max_new_leads_per_day, 1),
        }
        if body["end_hour"] <= body["start_hour"]:
            raise ValidationError(
                f"end_hour ({body['end_hour']}) must be after start_hour ({body['start_hour']})"
            )
        if schedule_start_time is not None:
            body["schedule_start_time"] = check_timestamp(
                "schedule_start_time", schedule_start_time
            )
        return await self._send(C5, json=body, campaign_id=campaign_id)

    async def update_settings(
        self,
        campaign_id: int,
        *,
        name: str | None = None,
        track_settings: Sequence[TrackSetting] | None = None,
        stop_lead_settings: StopLeadSetting | None = None,
        unsubscribe_text: str | None = None,
        send_as_plain_text: bool | None = None,
        force_plain_text: bool | None = None,
        follow_up_percentage: int | None = None,
        client_id: int | None = None,
        clear_client_id: bool = False,
        enable_ai_esp_matching: bool | None = None,
        auto_pause_domain_leads_on_reply: bool | None = None,
        ignore_ss_mailbox_sending_limit: bool | None = None,
        bounce_autopause_threshold: str | int | None = None,
        domain_level_rate_limit: bool | None = None,
        out_of_office_detection_settings: Mapping[str, Any] | None = None,
        add_unsubscribe_tag: bool | None = None,
        ai_categorisation_options: Sequence[Any] | None = None,
    ) -> OkResponse:
        """Change campaign settings. ``POST /campaigns/{campaign_id}/settings`` (C6).

        Only the arguments given are sent (at least one). ``track_settings`` values are the
        ``DONT_TRACK_*`` constants (an empty list tracks everything); ``stop_lead_settings`` is
        ``REPLY_TO_AN_EMAIL``, ``CLICK_ON_A_LINK`` or ``OPEN_AN_EMAIL``; both are checked against
        these constants (R15) because the API rejects other values. ``follow_up_percentage`` is
        0-100; ``name`` 1-255 characters. ``clear_client_id=True`` sends ``client_id: null``.
        ``out_of_office_detection_settings`` keys are camelCase as on the wire
        (``ignoreOOOasReply``, ``autoReactivateOOO``, ``reactivateOOOwithDelay``, ...).
        """
        check_id("campaign_id", campaign_id)
        if name is not None:
            _check_name("name", name)
        body: dict[str, Any] = {"name": name}
        if track_settings is not None:
            body["track_settings"] = _check_track_settings(track_settings)
        body["stop_lead_settings"] = check_choice(
            "stop_lead_settings", stop_lead_settings, STOP_LEAD_SETTINGS
        )
        body["unsubscribe_text"] = check_text("unsubscribe_text", unsubscribe_text)
        body["follow_up_percentage"] = check_range(
            "follow_up_percentage", follow_up_percentage, 0, 100
        )
        for flag, value in (
            ("send_as_plain_text", send_as_plain_text),
            ("force_plain_text", force_plain_text),
            ("enable_ai_esp_matching", enable_ai_esp_matching),
            ("auto_pause_domain_leads_on_reply", auto_pause_domain_leads_on_reply),
            ("ignore_ss_mailbox_sending_limit", ignore_ss_mailbox_sending_limit),
            ("domain_level_rate_limit", domain_level_rate_limit),
            ("add_unsubscribe_tag", add_unsubscribe_tag),
        ):
            body[flag] = check_flag(flag, value)
        if bounce_autopause_threshold is not None:
            body["bounce_autopause_threshold"] = _check_threshold(bounce_autopause_threshold)
        body["out_of_office_detection_settings"] = check_mapping(
            "out_of_office_detection_settings", out_of_office_detection_settings
        )
        if ai_categorisation_options is not None:
            body["ai_categorisation_options"] = list(
                check_list("ai_categorisation_options", ai_categorisation_options, "options")
            )
        body = drop_none(body)
        if check_flag("clear_client_id", clear_client_id, required=True):
            if client_id is not None:
                raise ValidationError("pass either client_id or clear_client_id=True, not both")
            body["client_id"] = None
        elif client_id is not None:
            body["client_id"] = check_id("client_id", client_id)
        if not body:
            raise ValidationError("update_settings needs at least one setting to change")
        return await self._send(C6, json=body, campaign_id=campaign_id)

    async def get_sequences(self, campaign_id: int) -> builtins.list[SequenceStep]:
        """The campaign's sequence steps. ``GET /campaigns/{campaign_id}/sequences`` (C7).

        Not paginated. Each step's delay is read from ``delay_in_days`` or ``delayInDays``.
        """
        steps = await self._send_list(C7, campaign_id=campaign_id)
        return sorted(steps, key=lambda step: step.seq_number or 0)

    async def save_sequences(
        self,
        campaign_id: int,
        sequences: Sequence[SequenceStepInput | SequenceStep | Mapping[str, Any]],
    ) -> OkResponse:
        """Replace the whole sequence. ``POST /campaigns/{campaign_id}/sequences`` (C8).

        A full replace, not a merge: steps left out are removed. Body ``{"sequences": [...]}``
        (R4); a step with ``id=None`` is created. Steps are :class:`SequenceStepInput`, steps
        read with :meth:`get_sequences`, or dicts with the same keys. At least one step;
        ``seq_number`` values are unique and >= 1, ``email_body`` is required,
        ``delay_in_days`` >= 0, percentages 0-100.
        """
        check_id("campaign_id", campaign_id)
        steps = _check_steps(sequences)
        body = {"sequences": [step.to_wire() for step in steps]}
        return await self._send(C8, json=body, campaign_id=campaign_id)

    # --- sender accounts, team, test email (C10-C12, C15-C17) -----------------------------

    async def list_email_accounts(
        self, campaign_id: int, *, include_tags: bool | None = None
    ) -> builtins.list[EmailAccount]:
        """Sender accounts of a campaign. ``GET /campaigns/{campaign_id}/email-accounts`` (C10).

        Not paginated. Passwords in the answer are kept out of ``repr``.
        """
        params = {"include_tags": check_flag("include_tags", include_tags)}
        return await self._send_list(C10, params=params, campaign_id=campaign_id)

    async def add_email_accounts(
        self, campaign_id: int, email_account_ids: Sequence[int]
    ) -> builtins.list[CampaignEmailAccountLink]:
        """Attach sender accounts. ``POST /campaigns/{campaign_id}/email-accounts`` (C11).

        Body ``email_account_ids`` (R5), at least one id. Returns the links made (empty when
        the API answers with a bare acknowledgement).
        """
        check_id("campaign_id", campaign_id)
        ids = check_ids("email_account_ids", email_account_ids, min_items=1)
        return await self._send_list(C11, json={"email_account_ids": ids}, campaign_id=campaign_id)

    async def remove_email_accounts(
        self, campaign_id: int, email_account_ids: Sequence[int]
    ) -> OkResponse:
        """Detach sender accounts. ``DELETE /campaigns/{campaign_id}/email-accounts`` (C12).

        JSON body ``email_account_ids`` (at least one id); the accounts themselves stay.
        """
        check_id("campaign_id", campaign_id)
        ids = check_ids("email_account_ids", email_account_ids, min_items=1)
        return await self._send(C12, json={"email_account_ids": ids}, campaign_id=campaign_id)

    async def send_test_email(
        self,
        campaign_id: int,
        *,
        lead_id: int,
        sequence_number: int,
        selected_email_account_id: int | None = None,
        custom_email_address: str | None = None,
    ) -> OkResponse:
        """Send a test email. ``POST /campaigns/{campaign_id}/send-test-email`` (C15).

        Sends one step to a test address. Body in camelCase: ``leadId``, ``sequenceNumber``
        (>= 1), optional ``selectedEmailAccountId`` and ``customEmailAddress`` (a valid
        address). Not retried once it may have reached the server (it sends an email).
        """
        check_id("campaign_id", campaign_id)
        if sequence_number is None:
            raise ValidationError("sequence_number is required (the step to send, from 1)")
        body: dict[str, Any] = {
            "leadId": check_id("lead_id", lead_id),
            "sequenceNumber": check_range("sequence_number", sequence_number, 1),
        }
        if selected_email_account_id is not None:
            body["selectedEmailAccountId"] = check_id(
                "selected_email_account_id", selected_email_account_id
            )
        if custom_email_address is not None:
            address = check_str("custom_email_address", custom_email_address).strip()
            if not is_valid_email(address):
                raise ValidationError(
                    f"custom_email_address {custom_email_address!r} is not a valid address"
                )
            body["customEmailAddress"] = address
        return await self._send(C15, json=body, campaign_id=campaign_id)

    async def assign_team_member(self, campaign_id: int, team_member_id: int | None) -> OkResponse:
        """Assign a team member. ``POST /campaigns/{campaign_id}/team-member`` (C16).

        Body ``teamMemberId``: the member's id, or null (``None``) to unassign.
        """
        check_id("campaign_id", campaign_id)
        member = check_optional_id("team_member_id", team_member_id)
        return await self._send(C16, json={"teamMemberId": member}, campaign_id=campaign_id)

    async def update_lead_email_account(
        self,
        campaign_id: int,
        lead_id: int,
        email_account_id: int,
        *,
        override_lead_email_account: bool | None = None,
    ) -> OkResponse:
        """Change a lead's sender. ``POST /campaigns/update-lead-email-account`` (C17).

        Sets the account that emails one lead of the campaign. Body ``email_campaign_id``,
        ``email_lead_id``, ``email_account_id`` and optional ``override_lead_email_account``.
        """
        body = drop_none(
            {
                "email_account_id": check_id("email_account_id", email_account_id),
                "email_campaign_id": check_id("campaign_id", campaign_id),
                "email_lead_id": check_id("lead_id", lead_id),
                "override_lead_email_account": check_flag(
                    "override_lead_email_account", override_lead_email_account
                ),
            }
        )
        return await self._send(C17, json=body)

    # --- campaign leads (L1, L2, L13, L14) ------------------------------------------------

    def iter_leads(
        self,
        campaign_id: int,
        *,
        status: CampaignLeadStatus | None = None,
        lead_category_id: int | None = None,
        email_status: LeadEmailStatus | None = None,
        created_at_gt: TimeArg | None = None,
        last_sent_time_gt: TimeArg | None = None,
        event_time_gt: TimeArg | None = None,
        limit: int | None = None,
        offset: int = 0,
        max_items: int | None = None,
    ) -> Paginator[CampaignLead]:
        """Every lead of a campaign. ``GET /campaigns/{campaign_id}/leads`` (L1).

        Pages of ``limit`` (1-100, default 100) from ``offset``; the first page's
        ``total_leads`` lets the rest load concurrently. Filters: ``status``, a positive
        ``lead_category_id``, ``email_status`` (sent as ``emailStatus``), and ISO 8601 lower
        bounds ``created_at_gt``, ``last_sent_time_gt``, ``event_time_gt``.
        """
        filters: dict[str, Any] = {
            "status": check_choice("status", status, CAMPAIGN_LEAD_STATUSES),
            "lead_category_id": check_range("lead_category_id", lead_category_id, 1),
            "emailStatus": check_choice("email_status", email_status, LEAD_EMAIL_STATUSES),
            "created_at_gt": check_timestamp("created_at_gt", created_at_gt),
            "last_sent_time_gt": check_timestamp("last_sent_time_gt", last_sent_time_gt),
            "event_time_gt": check_timestamp("event_time_gt", event_time_gt),
        }
        return self._pages(
            L1, filters, limit=limit, start=offset, max_items=max_items, campaign_id=campaign_id
        )

    async def add_leads(
        self,
        campaign_id: int,
        leads: Iterable[LeadInput | Mapping[str, Any]],
        *,
        settings: ImportSettings | Mapping[str, bool] | None = None,
    ) -> AddLeadsResult:
        """Add up to 400 leads in one request. ``POST /campaigns/{campaign_id}/leads`` (L2).

        Each row is a :class:`~smartlead_async.models.lead_input.LeadInput` or a dict checked
        with :func:`~smartlead_async.models.lead_input.to_lead_input` (email required, at most
        200 custom fields) before anything is sent; 1-400 rows per call (use ``import_leads``
        for more). The server deduplicates, so a failed request is safely retried.
        """
        check_id("campaign_id", campaign_id)
        rows = check_lead_rows("leads", leads, max_rows=MAX_LEADS_PER_REQUEST)
        body: dict[str, Any] = {"lead_list": wire_rows(rows)}
        import_settings = _check_settings(settings)
        if import_settings is not None:
            body["settings"] = import_settings.to_wire()
        return await self._send(L2, json=body, campaign_id=campaign_id)

    async def export_leads(self, campaign_id: int, *, timeout: float | None = None) -> str:
        """Export leads as CSV. ``GET /campaigns/{campaign_id}/leads-export`` (L13).

        Returns the CSV text of every lead of the campaign. Columns include id,
        campaign_lead_map_id, status, email, names, custom_fields and the open/click/reply
        counts. Large campaigns take long: ``timeout`` defaults to the row's 120 s.
        """
        return await self._send(L13, timeout=timeout, campaign_id=campaign_id)

    def iter_lead_activities(
        self,
        *,
        event_time_from: TimeArg | None = None,
        event_time_to: TimeArg | None = None,
        limit: int | None = None,
        offset: int = 0,
        max_items: int | None = None,
    ) -> Paginator[LeadActivity]:
        """Lead activities across all campaigns. ``GET /campaigns/all-leads-activities`` (L14).

        Pages of ``limit`` (1-1000, default 1000). ``event_time_from``/``event_time_to`` are
        ISO 8601 or ``YYYY-MM-DD``; ``event_time_to`` needs ``event_time_from`` and must not be
        before it.
        """
        start = check_timestamp("event_time_from", event_time_from)
        end = check_timestamp("event_time_to", event_time_to)
        if end is not None and start is None:
            raise ValidationError("event_time_to needs event_time_from as well")
        check_time_order(
            "event_time_from",
            check_datetime("event_time_from", event_time_from),
            "event_time_to",
            check_datetime("event_time_to", event_time_to),
        )
        filters = {"event_time_from": start, "event_time_to": end}
        return self._pages(L14, filters, limit=limit, start=offset, max_items=max_items)

    async def import_leads(
        self,
        campaign_id: int,
        rows: LeadRows,
        *,
        settings: ImportSettings | Mapping[str, bool] | None = None,
        batch_size: int = MAX_LEADS_PER_REQUEST,
        dedupe: bool = True,
        journal: str | PathLike[str] | None = None,
        on_progress: ProgressCallback | None = None,
        concurrency: int | None = None,
    ) -> ImportReport:
        """Import any number of leads in batches. ``POST /campaigns/{campaign_id}/leads`` (L2, batched).

        ``rows`` is any iterable or async iterable of dicts or
        :class:`~smartlead_async.models.lead_input.LeadInput`, read lazily (memory stays
        bounded). Rows are validated client-side (failures in ``rejected_client_side``), repeated
        emails dropped case-insensitively when ``dedupe``, and sent in batches of ``batch_size``
        (1-400), ``concurrency`` batches at a time (default 8) inside the rate gate. A batch the
        server rejects as too large is halved and resent; the job stops cleanly when the lead
        limit is exhausted; a batch that fails after retries is kept in ``failed`` with its rows.
        ``journal`` (a file path) makes the import resumable: confirmed batches are skipped when
        it is run again with the same input. ``on_progress(done_rows, total_rows_or_None)`` is
        called as batches finish. Returns an
        :class:`~smartlead_async.models.imports.ImportReport` that counts every row once.
        """  # noqa: E501
        target = check_id("campaign_id", campaign_id)

        async def send(batch: Sequence[LeadInput]) -> BatchOutcome:
            return outcome_from_add_leads(await self.add_leads(target, batch, settings=settings))

        return await self._importer(
            send,
            rows,
            job=self._import_job("campaign", target),
            batch_size=batch_size,
            dedupe=dedupe,
            journal=journal,
            on_progress=on_progress,
            concurrency=concurrency,
        )


# --- argument checks ----------------------------------------------------------------------


def _check_name(name: str, value: str) -> str:
    check_text(name, value, max_length=255)
    if not value.strip():
        raise ValidationError(f"{name} must not be blank (1-255 characters)")
    return value


def _check_days(days: Sequence[int]) -> list[int]:
    items = check_list("days_of_the_week", days, "ints 0 (Sunday) to 6 (Saturday)")
    values = [
        check_int(f"days_of_the_week[{index}]", day, 0, 6, hint=": 0 (Sunday) to 6 (Saturday)")
        for index, day in enumerate(items)
    ]
    check_count("days_of_the_week", values, min_items=1, max_items=7)
    if len(set(values)) != len(values):
        raise ValidationError(f"days_of_the_week lists a day twice: {values}")
    return values


def _check_hour(name: str, value: str) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(f"{name} must be a 'HH:MM' string, got {type(value).__name__}")
    if not _HOUR.match(value.strip()):
        raise ValidationError(
            f"{name} must be 'HH:MM' in 24-hour time (00:00-23:59), got {value!r}"
        )
    return value.strip()


def _check_threshold(value: str | int) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InvalidTypeError(
            f"bounce_autopause_threshold must be a str or int, got {type(value).__name__}"
        )
    text = str(value).strip()
    if not text:
        raise ValidationError("bounce_autopause_threshold must not be empty")
    return text


def _check_track_settings(values: Sequence[str]) -> list[str]:
    result: list[str] = []
    for index, value in enumerate(check_list("track_settings", values, "DONT_TRACK_* constants")):
        check_choice(f"track_settings[{index}]", value, TRACK_SETTINGS)
        if value not in result:
            result.append(value)
    return result


def _check_steps(
    sequences: Sequence[SequenceStepInput | SequenceStep | Mapping[str, Any]],
) -> list[SequenceStepInput]:
    if not check_list("sequences", sequences, "steps"):
        raise ValidationError("sequences needs at least one step (saving replaces all steps)")
    steps: list[SequenceStepInput] = []
    for index, raw in enumerate(sequences):
        where = f"sequences[{index}]"
        if isinstance(raw, SequenceStepInput):
            step = raw
        elif isinstance(raw, SequenceStep):
            step = SequenceStepInput.from_step(raw)
        elif isinstance(raw, Mapping):
            try:
                step = SequenceStepInput.from_mapping(raw)
            except (ValidationError, InvalidTypeError) as exc:
                raise type(exc)(f"{where}: {exc}") from None
        else:
            raise InvalidTypeError(
                f"{where} must be a SequenceStepInput, SequenceStep or dict, "
                f"got {type(raw).__name__}"
            )
        step.validate(where)
        steps.append(step)
    numbers = [step.seq_number for step in steps]
    if len(set(numbers)) != len(numbers):
        raise ValidationError(f"seq_number values must be unique, got {numbers}")
    return steps


def _check_settings(settings: ImportSettings | Mapping[str, bool] | None) -> ImportSettings | None:
    if settings is None or isinstance(settings, ImportSettings):
        return settings
    if not isinstance(settings, Mapping):
        raise InvalidTypeError(
            f"settings must be an ImportSettings or a dict, got {type(settings).__name__}"
        )
    known = ImportSettings.__attrs_attrs__
    names = {field.name for field in known}
    unknown = sorted(str(key) for key in settings if key not in names)
    if unknown:
        raise ValidationError(
            f"unknown import setting(s) {', '.join(unknown)}; expected some of "
            f"{', '.join(sorted(names))}"
        )
    return ImportSettings(**{str(key): value for key, value in settings.items()})
