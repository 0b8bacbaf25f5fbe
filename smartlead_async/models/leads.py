"""Lead models: workspace leads, categories, message history, the block list and CRM records.

``LeadStatus`` (enrolment status) and ``LeadEmailStatus`` (engagement filter) are the same
enumerations as the campaign-lead filters of :mod:`smartlead_async.models.campaigns`.

Identifier vocabulary (catalog 1.5): ``Lead.id`` is the workspace-wide lead id;
``campaign_lead_map_id`` (= ``email_lead_map_id``) is the lead x campaign row; ``stats_id``
(= ``email_stats_id``) is one sent or received message.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

import attrs

from smartlead_async.models.campaigns import CampaignLeadStatus as LeadStatus
from smartlead_async.models.campaigns import LeadEmailStatus
from smartlead_async.models.common import Model, wire

#: Lead life-cycle filter of ``GET /leads/all`` (``leadType`` on the wire).
LeadType = Literal["active", "yet_to_use", "previously_active", "archived"]

#: ``type`` of a message-history row.
MessageType = Literal["SENT", "REPLY"]


@attrs.frozen(kw_only=True, slots=False)
class LeadCampaignData(Model):
    """One campaign enrolment of a lead, as listed by ``GET /leads/?email=`` (G1)."""

    campaign_lead_map_id: int | None = wire("campaign_lead_map_id", "email_lead_map_id")
    campaign_id: int | None = wire("campaign_id", "email_campaign_id")
    campaign_name: str | None = None
    client_id: int | None = None
    client_email: str | None = None
    lead_category_id: int | None = None
    status: str | None = wire("status", "lead_status")


@attrs.frozen(kw_only=True, slots=False)
class Lead(Model):
    """A workspace lead (G1, G2, G4, G5): one per email address across all campaigns."""

    id: int
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone_number: str | None = None
    company_name: str | None = None
    website: str | None = None
    location: str | None = None
    linkedin_profile: str | None = None
    company_url: str | None = None
    custom_fields: dict[str, Any] = wire("custom_fields", factory=dict)
    is_unsubscribed: bool | None = None
    unsubscribed_client_id_map: dict[str, Any] = wire("unsubscribed_client_id_map", factory=dict)
    user_id: int | None = None
    client_id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    lead_campaign_data: list[LeadCampaignData] = wire("lead_campaign_data", factory=list)
    #: Campaign summaries of ``GET /leads/global-leads`` rows (shape not documented).
    campaigns: list[Any] = wire("campaigns", factory=list)


@attrs.frozen(kw_only=True, slots=False)
class LeadCampaign(Model):
    """A campaign a lead belongs to (G3): ``{id, status, name}``."""

    id: int
    name: str | None = wire("name", "campaign_name")
    status: str | None = None


@attrs.frozen(kw_only=True, slots=False)
class LeadCategory(Model):
    """A lead category of the workspace (G7). Ids differ per workspace: never hard-code them."""

    id: int
    name: str | None = None
    sentiment_type: str | None = None
    created_at: datetime | None = None


@attrs.frozen(kw_only=True, slots=False)
class LeadCategoryUpdate(Model):
    """The answer to setting a lead's category in a campaign (L8): ``{category_id, pause_lead}``."""

    category_id: int | None = None
    pause_lead: bool | None = None
    ok: bool | None = None


@attrs.frozen(kw_only=True, slots=False)
class MessageHistoryItem(Model):
    """One message of a lead's thread (L10). ``type`` is SENT or REPLY (bounces are REPLY rows).

    ``stats_id`` is what :meth:`~smartlead_async.resources.inbox.InboxResource.reply` needs as
    ``email_stats_id``.
    """

    stats_id: str | None = wire("stats_id", "email_stats_id")
    type: str | None = wire("type", "direction")
    from_email: str | None = wire("from", "from_email")
    to_email: str | None = wire("to", "to_email")
    message_id: str | None = None
    time: datetime | None = wire("time", "sent_at")
    subject: str | None = None
    email_body: str | None = wire("email_body", "body")
    email_seq_number: int | None = wire("email_seq_number", "seq_number")
    open_count: int | None = None
    click_count: int | None = None
    click_details: Any = None
    cc: Any = None
    attachments: list[Any] = wire("attachments", factory=list)

    @property
    def is_reply(self) -> bool:
        """True for messages received from the lead (type REPLY)."""
        return (self.type or "").upper() in ("REPLY", "INBOUND", "RECEIVED")


@attrs.frozen(kw_only=True, slots=False)
class MessageHistory(Model):
    """A lead's thread in one campaign (L10): ``{history: [...], from, to}``.

    The DOCS placeholder shape ``{messages: [...]}`` decodes the same way.
    """

    history: list[MessageHistoryItem] = wire("history", "messages", factory=list)
    from_email: str | None = wire("from", "from_email")
    to_email: str | None = wire("to", "to_email")


@attrs.frozen(kw_only=True, slots=False)
class LeadCampaignOverview(Model):
    """One campaign in a lead's campaign overview (G8; the shape is not documented)."""

    campaign_id: int | None = wire("campaign_id", "email_campaign_id", "id")
    campaign_name: str | None = wire("campaign_name", "name")
    campaign_status: str | None = None
    campaign_lead_map_id: int | None = wire("campaign_lead_map_id", "email_lead_map_id")
    lead_status: str | None = wire("lead_status", "status")
    lead_category_id: int | None = None
    current_sequence_number: int | None = None
    sent_count: int | None = None
    open_count: int | None = None
    click_count: int | None = None
    reply_count: int | None = None
    is_bounced: bool | None = None
    is_unsubscribed: bool | None = None
    last_sent_time: datetime | None = None
    last_reply_time: datetime | None = None


@attrs.frozen(kw_only=True, slots=False)
class LeadSequenceStep(Model):
    """One sequence step of a lead in a campaign (G9; the shape is not documented)."""

    seq_number: int | None = wire("seq_number", "email_seq_number", "sequence_number")
    subject: str | None = None
    status: str | None = None
    stats_id: str | None = wire("stats_id", "email_stats_id")
    sent_time: datetime | None = wire("sent_time", "time")
    scheduled_time: datetime | None = wire("scheduled_time", "next_send_time")
    open_count: int | None = None
    click_count: int | None = None
    reply_count: int | None = None
    is_replied: bool | None = None


@attrs.frozen(kw_only=True, slots=False)
class LeadSequenceDetails(Model):
    """Where a lead stands in its campaign's sequence (G9; the shape is not documented)."""

    campaign_lead_map_id: int | None = wire("campaign_lead_map_id", "email_lead_map_id")
    campaign_id: int | None = wire("campaign_id", "email_campaign_id")
    lead_id: int | None = None
    status: str | None = wire("status", "lead_status")
    current_sequence_number: int | None = None
    next_send_time: datetime | None = None
    steps: list[LeadSequenceStep] = wire("steps", "sequences", "sequence_details", factory=list)


@attrs.frozen(kw_only=True, slots=False)
class BlockListEntry(Model):
    """One block-list entry (B1): an email address or a domain, global or client-scoped."""

    id: int
    email_or_domain: str | None = None
    source: str | None = None
    client_id: int | None = None
    created_at: datetime | None = None


@attrs.frozen(kw_only=True, slots=False)
class BlockListAddResult(Model):
    """The answer to adding block-list entries (B2): ``{uploadCount, totalDomainAdded}``."""

    upload_count: int | None = wire("uploadCount", "upload_count")
    total_domain_added: int | None = wire("totalDomainAdded", "total_domain_added")
    ok: bool | None = None


@attrs.frozen(kw_only=True, slots=False)
class LeadNote(Model):
    """A CRM note on a lead (N1); notes are created through the Master Inbox (M17)."""

    id: int
    note_message: str | None = wire("note_message", "message", "note")
    lead_id: int | None = wire("lead_id", "leadId")
    campaign_lead_map_id: int | None = wire("email_lead_map_id", "campaign_lead_map_id")
    created_at: datetime | None = wire("created_at", "createdAt")


@attrs.frozen(kw_only=True, slots=False)
class LeadTask(Model):
    """A CRM task on a lead (N2); tasks are created through the Master Inbox (M18)."""

    id: int
    name: str | None = None
    description: str | None = None
    priority: str | None = None
    status: str | None = None
    due_date: datetime | None = wire("due_date", "dueDate")
    lead_id: int | None = wire("lead_id", "leadId")
    campaign_lead_map_id: int | None = wire("email_lead_map_id", "campaign_lead_map_id")
    created_at: datetime | None = wire("created_at", "createdAt")


@attrs.frozen(kw_only=True, slots=False)
class LeadTag(Model):
    """A CRM tag attached to a lead (N3). ``id`` is the tag mapping id that N5 removes."""

    id: int
    tag_id: int | None = wire("tag_id", "tagId")
    name: str | None = wire("name", "tag_name")
    color: str | None = wire("color", "tag_color")
    lead_id: int | None = wire("lead_id", "leadId")
    created_at: datetime | None = wire("created_at", "createdAt")


__all__ = [
    "BlockListAddResult",
    "BlockListEntry",
    "Lead",
    "LeadCampaign",
    "LeadCampaignData",
    "LeadCampaignOverview",
    "LeadCategory",
    "LeadCategoryUpdate",
    "LeadEmailStatus",
    "LeadNote",
    "LeadSequenceDetails",
    "LeadSequenceStep",
    "LeadStatus",
    "LeadTag",
    "LeadTask",
    "LeadType",
    "MessageHistory",
    "MessageHistoryItem",
    "MessageType",
]
