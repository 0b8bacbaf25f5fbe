"""Campaign models: campaigns, sequences, sender accounts, campaign leads and lead imports.

Response models tolerate the documented alternative shapes (catalog section 14 item 20):
``delayInDays`` next to ``delay_in_days``, the ``{total, leads: [flat lead]}`` lead listing,
``added_count``/``skipped_count`` next to ``upload_count``, an email array for
``unsubscribed_leads``. Enumerations sent by the server are kept as plain strings (new values
must not break decoding); the ``Literal`` aliases below are what the SDK *sends*.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal, get_args

import attrs

from smartlead_async._convert import converter
from smartlead_async._validate import check_int, check_name, check_range, check_str
from smartlead_async.errors import InvalidTypeError, ValidationError
from smartlead_async.models.common import Model, wire

# --- enumerations the SDK sends ---------------------------------------------------------------

#: Status inputs of ``POST /campaigns/{id}/status`` (C4, R2). ``STOPPED`` cannot be undone.
CampaignStatusInput = Literal["START", "PAUSED", "STOPPED"]
#: Campaign statuses as the API reports them (C1/C2).
CampaignStatus = Literal["DRAFTED", "ACTIVE", "PAUSED", "STOPPED", "COMPLETED", "ARCHIVED"]
#: ``track_settings`` values (C6, R15): each one switches a kind of tracking off.
TrackSetting = Literal[
    "DONT_TRACK_EMAIL_OPEN", "DONT_TRACK_LINK_CLICK", "DONT_TRACK_REPLY_TO_AN_EMAIL"
]
#: ``stop_lead_settings`` values (C6, R15): the event that stops a lead's sequence.
StopLeadSetting = Literal["REPLY_TO_AN_EMAIL", "CLICK_ON_A_LINK", "OPEN_AN_EMAIL"]
#: Lead status inside a campaign (L1 ``status`` filter).
CampaignLeadStatus = Literal["STARTED", "INPROGRESS", "COMPLETED", "PAUSED", "STOPPED", "BLOCKED"]
#: The L1 ``emailStatus`` filter.
LeadEmailStatus = Literal[
    "is_opened",
    "is_clicked",
    "is_replied",
    "is_bounced",
    "is_unsubscribed",
    "is_spam",
    "is_accepted",
    "not_replied",
    "is_sender_bounced",
]
#: How A/B variants of a sequence step share the leads (C8).
VariantDistributionType = Literal["MANUAL_EQUAL", "MANUAL_PERCENTAGE", "AI_EQUAL"]
#: The metric an AI distribution optimises (C8).
WinningMetric = Literal["OPEN_RATE", "CLICK_RATE", "REPLY_RATE", "POSITIVE_REPLY_RATE"]

CAMPAIGN_STATUS_INPUTS: tuple[str, ...] = get_args(CampaignStatusInput)
TRACK_SETTINGS: tuple[str, ...] = get_args(TrackSetting)
STOP_LEAD_SETTINGS: tuple[str, ...] = get_args(StopLeadSetting)
CAMPAIGN_LEAD_STATUSES: tuple[str, ...] = get_args(CampaignLeadStatus)
LEAD_EMAIL_STATUSES: tuple[str, ...] = get_args(LeadEmailStatus)
VARIANT_DISTRIBUTION_TYPES: tuple[str, ...] = get_args(VariantDistributionType)
WINNING_METRICS: tuple[str, ...] = get_args(WinningMetric)

# --- campaigns ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, slots=False)
class CampaignTag(Model):
    """A tag attached to a campaign (``include_tags=True``)."""

    tag_id: int | None = wire("tag_id", "id")
    tag_name: str | None = wire("tag_name", "name")
    tag_color: str | None = wire("tag_color", "color")


@attrs.frozen(kw_only=True, slots=False)
class SchedulerCron(Model):
    """A campaign's sending window as the API reports it."""

    tz: str | None = None
    days: list[int] = wire("days", factory=list)
    start_hour: str | None = wire("startHour", "start_hour")
    end_hour: str | None = wire("endHour", "end_hour")


@attrs.frozen(kw_only=True, slots=False)
class Campaign(Model):
    """One campaign (C1/C2); ``status`` DRAFTED, ACTIVE, PAUSED, STOPPED, COMPLETED or ARCHIVED.

    A status outside the catalogued ones reads as None, with the raw value in ``.extra``.
    """

    id: int
    name: str | None = None
    status: CampaignStatus | None = None
    user_id: int | None = None
    client_id: int | None = None
    parent_campaign_id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    track_settings: list[str] = wire("track_settings", factory=list)
    stop_lead_settings: str | None = None
    scheduler_cron_value: SchedulerCron | None = None
    min_time_btwn_emails: int | None = None
    max_leads_per_day: int | None = None
    schedule_start_time: datetime | None = None
    enable_ai_esp_matching: bool | None = None
    send_as_plain_text: bool | None = None
    follow_up_percentage: int | None = None
    unsubscribe_text: str | None = None
    tags: list[CampaignTag] = wire("tags", factory=list)


@attrs.frozen(kw_only=True, slots=False)
class CreatedCampaign(Model):
    """The answer to creating a campaign (C3): ``{ok, id, name, created_at}``."""

    id: int
    name: str | None = None
    created_at: datetime | None = None
    ok: bool | None = None


@attrs.frozen(kw_only=True, slots=False)
class CampaignStatusRef(Model):
    """The ``campaign`` object of the DOCS-style status answer."""

    id: int | None = None
    status: str | None = None


@attrs.frozen(kw_only=True, slots=False)
class CampaignStatusResult(Model):
    """The answer to a status change (C4): live ``{ok: true}``, DOCS ``{success, campaign}``."""

    ok: bool | None = None
    success: bool | None = None
    message: str | None = None
    status: str | None = None
    campaign: CampaignStatusRef | None = None


@attrs.frozen(kw_only=True, slots=False)
class DuplicatedCampaign(Model):
    """The copy made by ``POST /campaigns/{id}/duplicate`` (C13)."""

    id: int | None = wire("id", "campaign_id", "new_campaign_id", "newCampaignId")
    name: str | None = None
    status: str | None = None
    created_at: datetime | None = None
    parent_campaign_id: int | None = None
    ok: bool | None = None
    message: str | None = None


@attrs.frozen(kw_only=True, slots=False)
class CreatedSubsequence(Model):
    """The subsequence made by ``POST /campaigns/create-subsequence`` (C14)."""

    id: int | None = wire("id", "campaign_id", "subsequence_id", "subsequenceId")
    name: str | None = wire("name", "subsequence_name")
    parent_campaign_id: int | None = None
    status: str | None = None
    created_at: datetime | None = None
    ok: bool | None = None
    message: str | None = None


# --- sequences ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, slots=False)
class SequenceDelay(Model):
    """``seq_delay_details``: days to wait after the previous step (``delayInDays`` on read)."""

    delay_in_days: int | None = wire("delay_in_days", "delayInDays")


@attrs.frozen(kw_only=True, slots=False)
class SequenceVariant(Model):
    """One A/B variant of a sequence step."""

    id: int | None = None
    subject: str | None = None
    email_body: str | None = wire("email_body", "emailBody")
    variant_label: str | None = wire("variant_label", "variantLabel")
    variant_distribution_percentage: int | None = wire(
        "variant_distribution_percentage", "variantDistributionPercentage"
    )
    is_deleted: bool | None = None


@attrs.frozen(kw_only=True, slots=False)
class SequenceStep(Model):
    """One step of a campaign's sequence as ``GET /campaigns/{id}/sequences`` returns it (C7)."""

    id: int
    seq_number: int | None = wire("seq_number", "seqNumber")
    subject: str | None = None
    email_body: str | None = wire("email_body", "emailBody")
    seq_delay_details: SequenceDelay | None = wire("seq_delay_details", "seqDelayDetails")
    sequence_variants: list[SequenceVariant] = wire(
        "sequence_variants", "seq_variants", "variants", factory=list
    )
    email_campaign_id: int | None = None
    variant_distribution_type: str | None = None
    lead_distribution_percentage: int | None = None
    winning_metric_property: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def delay_in_days(self) -> int:
        """Days after the previous step (0 when the API sends no delay)."""
        details = self.seq_delay_details
        if details is None or details.delay_in_days is None:
            return 0
        return details.delay_in_days


# --- sender accounts ------------------------------------------------------------------------


@attrs.frozen(kw_only=True, slots=False)
class CampaignEmailAccountLink(Model):
    """One campaign/sender link made by attaching accounts (C11)."""

    id: int | None = None
    email_campaign_id: int | None = wire("email_campaign_id", "campaign_id")
    email_account_id: int | None = None
    updated_at: datetime | None = None
    created_at: datetime | None = None


# --- campaign leads -------------------------------------------------------------------------


@attrs.frozen(kw_only=True, slots=False)
class CampaignLeadInfo(Model):
    """The workspace lead nested in a campaign-lead row (``data[].lead``)."""

    id: int
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone_number: str | None = wire("phone_number", "phone")
    company_name: str | None = wire("company_name", "company")
    website: str | None = None
    location: str | None = None
    custom_fields: dict[str, Any] = wire("custom_fields", factory=dict)
    linkedin_profile: str | None = None
    company_url: str | None = None
    is_unsubscribed: bool | None = None
    unsubscribed_client_id_map: dict[str, Any] = wire("unsubscribed_client_id_map", factory=dict)
    created_at: datetime | None = None


@attrs.frozen(kw_only=True, slots=False)
class CampaignLead(Model):
    """One lead of a campaign (L1): the enrolment row with the workspace lead in ``lead``."""

    campaign_lead_map_id: int | None = wire(
        "campaign_lead_map_id", "email_lead_map_id", "lead_map_id"
    )
    lead_category_id: int | None = wire("lead_category_id", "category_id")
    #: The lead's status in the campaign (an uncatalogued one reads as None, kept in ``.extra``).
    status: CampaignLeadStatus | None = wire("status", "lead_status")
    created_at: datetime | None = None
    lead: CampaignLeadInfo

    @property
    def lead_id(self) -> int:
        """The workspace lead id (``lead.id``)."""
        return self.lead.id

    @property
    def email(self) -> str | None:
        """The lead's email address."""
        return self.lead.email


_ROW_KEYS = ("campaign_lead_map_id", "email_lead_map_id", "lead_map_id")


def campaign_lead_row(item: Any) -> Any:
    """One L1 row in the nested (live) shape. A flat row (the DOCS ``{total, leads}`` example)
    has its lead's fields nested under ``lead``; any other value is returned as it is."""
    if item.__class__ is dict and item.get("lead").__class__ is dict:  # the live row
        return item
    if isinstance(item, Mapping) and not isinstance(item.get("lead"), Mapping):
        nested: dict[str, Any] = {
            "lead": item,
            "status": item.get("status", item.get("lead_status")),
            "lead_category_id": item.get("lead_category_id", item.get("category_id")),
            "created_at": item.get("created_at"),
        }
        for key in _ROW_KEYS:
            if key in item:
                nested["campaign_lead_map_id"] = item[key]
                break
        return nested
    return item


def campaign_lead_from_wire(item: Any) -> CampaignLead:
    """Decode one L1 row, nested (live) or flat (the DOCS ``{total, leads}`` example)."""
    return CampaignLead.from_dict(campaign_lead_row(item))


@attrs.frozen(kw_only=True, slots=False)
class LeadActivity(Model):
    """One lead activity across campaigns (L14); the shape is loosely documented."""

    id: int | None = None
    campaign_id: int | None = wire("campaign_id", "email_campaign_id")
    campaign_name: str | None = None
    lead_id: int | None = wire("lead_id", "email_lead_id")
    campaign_lead_map_id: int | None = wire("campaign_lead_map_id", "email_lead_map_id")
    email: str | None = wire("email", "lead_email")
    activity_type: str | None = wire("activity_type", "type", "event_type")
    event_time: datetime | None = wire("event_time", "time", "activity_time", "created_at")
    sequence_number: int | None = wire("sequence_number", "email_seq_number", "seq_number")
    stats_id: str | None = wire("stats_id", "email_stats_id")


# --- lead imports ---------------------------------------------------------------------------


def _optional_bool(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, bool):
        raise InvalidTypeError(
            f"{attribute.name} must be True, False or None, got {type(value).__name__} {value!r}"
        )


@attrs.frozen(kw_only=True)
class ImportSettings:
    """The ``settings`` of a campaign lead import (L2). ``None`` leaves the server default.

    ``ignore_duplicate_leads_in_other_campaign=True`` lets a lead that is already in another
    campaign be added to this one too (catalog section 14 item 24: DOCS semantics).
    """

    ignore_global_block_list: bool | None = attrs.field(default=None, validator=_optional_bool)
    ignore_unsubscribe_list: bool | None = attrs.field(default=None, validator=_optional_bool)
    ignore_community_bounce_list: bool | None = attrs.field(default=None, validator=_optional_bool)
    ignore_duplicate_leads_in_other_campaign: bool | None = attrs.field(
        default=None, validator=_optional_bool
    )
    return_lead_ids: bool | None = attrs.field(default=None, validator=_optional_bool)

    def to_wire(self) -> dict[str, bool]:
        """The JSON ``settings`` object (flags left at None are omitted)."""
        return {
            name: value
            for name, value in attrs.asdict(self).items()
            if value is not None  # only the flags the caller set
        }


@attrs.frozen(kw_only=True, slots=False)
class AddLeadsResult(Model):
    """The counts of one campaign import request (L2).

    The live shape is ``{ok, upload_count, total_leads, already_added_to_campaign,
    duplicate_count, invalid_email_count, unsubscribed_leads, ...}``; the DOCS shape
    ``{success, added_count, skipped_count, skipped_leads, lead_ids}`` decodes into the same
    fields (``added_count`` becomes ``upload_count``). ``unsubscribed_leads`` is a count even
    when the API sends the list of addresses; the addresses are kept in ``unsubscribed_emails``.
    """

    ok: bool | None = None
    success: bool | None = None
    upload_count: int = wire("upload_count", "added_count", "uploadCount", default=0)
    total_leads: int | None = wire("total_leads", "totalLeads")
    already_added_to_campaign: int = wire("already_added_to_campaign", default=0)
    duplicate_count: int = wire("duplicate_count", "duplicateCount", default=0)
    invalid_email_count: int = wire("invalid_email_count", "invalidCount", default=0)
    unsubscribed_leads: int = 0
    unsubscribed_emails: list[str] = wire("unsubscribed_emails", factory=list)
    is_lead_limit_exhausted: bool = False
    lead_import_stopped_count: int = 0
    block_count: int = 0
    bounce_count: int = 0
    skipped_count: int | None = None
    skipped_leads: list[Any] = wire("skipped_leads", factory=list)
    lead_ids: Any = None
    message: str | None = None


def _email_of(item: Any) -> str:
    if isinstance(item, Mapping):
        return str(item.get("email", ""))
    return str(item)


def _normalize_add_leads(data: Any) -> Any:
    if not isinstance(data, Mapping):
        return data
    unsubscribed = data.get("unsubscribed_leads")
    if isinstance(unsubscribed, list):
        normalized = dict(data)
        normalized["unsubscribed_leads"] = len(unsubscribed)
        normalized["unsubscribed_emails"] = [_email_of(item) for item in unsubscribed]
        return normalized
    return data


_add_leads_hook = converter.get_structure_hook(AddLeadsResult)
converter.register_structure_hook(
    AddLeadsResult, lambda data, cls: _add_leads_hook(_normalize_add_leads(data), cls)
)


# --- sequences: what the SDK sends (C8) -----------------------------------------------------


@attrs.frozen(kw_only=True)
class SequenceVariantInput:
    """An A/B variant to save with a sequence step (``seq_variants[]``)."""

    subject: str
    email_body: str
    variant_label: str
    id: int | None = None
    variant_distribution_percentage: int | None = None

    def validate(self, where: str) -> None:
        """Raise ``ValidationError``/``InvalidTypeError`` naming ``where`` on a bad value."""
        check_str(f"{where}.subject", self.subject)
        check_name(f"{where}.email_body", self.email_body)
        check_name(f"{where}.variant_label", self.variant_label)
        check_range(f"{where}.id", self.id, 0)
        check_range(
            f"{where}.variant_distribution_percentage",
            self.variant_distribution_percentage,
            0,
            100,
        )

    def to_wire(self) -> dict[str, Any]:
        """The JSON object of one ``seq_variants`` entry."""
        body: dict[str, Any] = {
            "subject": self.subject,
            "email_body": self.email_body,
            "variant_label": self.variant_label,
        }
        if self.id is not None:
            body["id"] = self.id
        if self.variant_distribution_percentage is not None:
            body["variant_distribution_percentage"] = self.variant_distribution_percentage
        return body


@attrs.frozen(kw_only=True)
class SequenceStepInput:
    """One step to save with ``save_sequences`` (C8). ``id=None`` creates the step.

    ``subject`` may be empty on follow-up steps (they reply in the same thread).
    """

    seq_number: int
    email_body: str
    subject: str = ""
    delay_in_days: int = 0
    id: int | None = None
    variants: list[SequenceVariantInput] = attrs.field(factory=list)
    variant_distribution_type: VariantDistributionType | None = None
    lead_distribution_percentage: int | None = None
    winning_metric_property: WinningMetric | None = None

    @classmethod
    def from_step(cls, step: SequenceStep) -> SequenceStepInput:
        """The input form of a step read with ``get_sequences`` (to edit and save it back)."""
        return cls(
            id=step.id,
            seq_number=step.seq_number or 1,
            subject=step.subject or "",
            email_body=step.email_body or "",
            delay_in_days=step.delay_in_days,
            variants=[
                SequenceVariantInput(
                    id=variant.id,
                    subject=variant.subject or "",
                    email_body=variant.email_body or "",
                    variant_label=variant.variant_label or "",
                    variant_distribution_percentage=variant.variant_distribution_percentage,
                )
                for variant in step.sequence_variants
                if not variant.is_deleted
            ],
        )

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> SequenceStepInput:
        """Build from a dict with the Python names, or the wire names (``seq_delay_details``,
        ``seq_variants``)."""
        values = dict(data)
        details = values.pop("seq_delay_details", None)
        if details is not None:
            if not isinstance(details, Mapping):
                raise InvalidTypeError("seq_delay_details must be a dict with delay_in_days")
            values.setdefault(
                "delay_in_days", details.get("delay_in_days", details.get("delayInDays", 0))
            )
        raw_variants = values.pop("seq_variants", None)
        if raw_variants is None:
            raw_variants = values.pop("variants", None) or []
        if isinstance(raw_variants, (str, bytes)) or not isinstance(raw_variants, list):
            raise InvalidTypeError("variants must be a list")
        variants = []
        for index, raw in enumerate(raw_variants):
            if isinstance(raw, SequenceVariantInput):
                variants.append(raw)
            elif isinstance(raw, Mapping):
                variants.append(_build(SequenceVariantInput, raw, f"variants[{index}]"))
            else:
                raise InvalidTypeError(
                    f"variants[{index}] must be a dict or SequenceVariantInput, "
                    f"got {type(raw).__name__}"
                )
        values["variants"] = variants
        step: SequenceStepInput = _build(cls, values, "step")
        return step

    def validate(self, where: str) -> None:
        """Raise ``ValidationError``/``InvalidTypeError`` naming ``where`` on a bad value."""
        check_int(f"{where}.seq_number", self.seq_number, 1)
        check_str(f"{where}.subject", self.subject)
        check_name(f"{where}.email_body", self.email_body)
        check_int(f"{where}.delay_in_days", self.delay_in_days, 0)
        check_range(f"{where}.id", self.id, 0)
        if not isinstance(self.variants, list):
            raise InvalidTypeError(f"{where}.variants must be a list")
        for index, variant in enumerate(self.variants):
            if not isinstance(variant, SequenceVariantInput):
                raise InvalidTypeError(
                    f"{where}.variants[{index}] must be a SequenceVariantInput, "
                    f"got {type(variant).__name__}"
                )
            variant.validate(f"{where}.variants[{index}]")
        if (
            self.variant_distribution_type is not None
            and self.variant_distribution_type not in VARIANT_DISTRIBUTION_TYPES
        ):
            raise ValidationError(
                f"{where}.variant_distribution_type must be one of "
                f"{', '.join(VARIANT_DISTRIBUTION_TYPES)}; got {self.variant_distribution_type!r}"
            )
        check_range(
            f"{where}.lead_distribution_percentage", self.lead_distribution_percentage, 0, 100
        )
        if (
            self.winning_metric_property is not None
            and self.winning_metric_property not in WINNING_METRICS
        ):
            raise ValidationError(
                f"{where}.winning_metric_property must be one of {', '.join(WINNING_METRICS)}; "
                f"got {self.winning_metric_property!r}"
            )

    def to_wire(self) -> dict[str, Any]:
        """The JSON object of one ``sequences`` entry (``id`` is null for a new step)."""
        body: dict[str, Any] = {
            "id": self.id,
            "seq_number": self.seq_number,
            "seq_delay_details": {"delay_in_days": self.delay_in_days},
            "subject": self.subject,
            "email_body": self.email_body,
        }
        if self.variants:
            body["seq_variants"] = [variant.to_wire() for variant in self.variants]
        for name in (
            "variant_distribution_type",
            "lead_distribution_percentage",
            "winning_metric_property",
        ):
            value = getattr(self, name)
            if value is not None:
                body[name] = value
        return body


def _build(cls: Any, values: Mapping[str, Any], where: str) -> Any:
    names = {field.name for field in attrs.fields(cls)}
    unknown = sorted(set(values) - names)
    if unknown:
        raise ValidationError(
            f"{where}: unknown key(s) {', '.join(map(str, unknown))}; "
            f"expected some of {', '.join(sorted(names))}"
        )
    try:
        return cls(**values)
    except TypeError as exc:
        raise ValidationError(f"{where}: {exc}") from None


__all__ = [
    "CAMPAIGN_LEAD_STATUSES",
    "CAMPAIGN_STATUS_INPUTS",
    "LEAD_EMAIL_STATUSES",
    "STOP_LEAD_SETTINGS",
    "TRACK_SETTINGS",
    "VARIANT_DISTRIBUTION_TYPES",
    "WINNING_METRICS",
    "AddLeadsResult",
    "Campaign",
    "CampaignEmailAccountLink",
    "CampaignLead",
    "CampaignLeadInfo",
    "CampaignLeadStatus",
    "CampaignStatus",
    "CampaignStatusInput",
    "CampaignStatusRef",
    "CampaignStatusResult",
    "CampaignTag",
    "CreatedCampaign",
    "CreatedSubsequence",
    "DuplicatedCampaign",
    "ImportSettings",
    "LeadActivity",
    "LeadEmailStatus",
    "SchedulerCron",
    "SequenceDelay",
    "SequenceStep",
    "SequenceStepInput",
    "SequenceVariant",
    "SequenceVariantInput",
    "StopLeadSetting",
    "TrackSetting",
    "VariantDistributionType",
    "WinningMetric",
    "campaign_lead_from_wire",
    "campaign_lead_row",
]
