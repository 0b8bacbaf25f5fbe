"""Webhook registration models (catalog section 10, W1-W9) and the event type names.

The event names are the classic ``EMAIL_*`` constants plus the newer ones of the DOCS events
page; any other string is accepted too (R10), since spellings differ between sources.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, get_args

import attrs

from smartlead_async.models.common import Model, wire

EMAIL_SENT = "EMAIL_SENT"
EMAIL_OPEN = "EMAIL_OPEN"
EMAIL_LINK_CLICK = "EMAIL_LINK_CLICK"
EMAIL_REPLY = "EMAIL_REPLY"
LEAD_UNSUBSCRIBED = "LEAD_UNSUBSCRIBED"
LEAD_CATEGORY_UPDATED = "LEAD_CATEGORY_UPDATED"
FIRST_EMAIL_SENT = "FIRST_EMAIL_SENT"
EMAIL_BOUNCE = "EMAIL_BOUNCE"
CAMPAIGN_STATUS_CHANGED = "CAMPAIGN_STATUS_CHANGED"
UNTRACKED_REPLIES = "UNTRACKED_REPLIES"
MANUAL_STEP_REACHED = "MANUAL_STEP_REACHED"
EMAIL_ACCOUNT_DISCONNECTED = "EMAIL_ACCOUNT_DISCONNECTED"
LINKEDIN_DISCONNECTED = "LINKEDIN_DISCONNECTED"

#: Every documented event type, classic six first.
WEBHOOK_EVENT_TYPES: tuple[str, ...] = (
    EMAIL_SENT,
    EMAIL_OPEN,
    EMAIL_LINK_CLICK,
    EMAIL_REPLY,
    LEAD_UNSUBSCRIBED,
    LEAD_CATEGORY_UPDATED,
    FIRST_EMAIL_SENT,
    EMAIL_BOUNCE,
    CAMPAIGN_STATUS_CHANGED,
    UNTRACKED_REPLIES,
    MANUAL_STEP_REACHED,
    EMAIL_ACCOUNT_DISCONNECTED,
    LINKEDIN_DISCONNECTED,
)

#: Scope of an account-level webhook (W6).
AssociationType = Literal["user", "client", "campaign"]
ASSOCIATION_TYPES: tuple[str, ...] = get_args(AssociationType)


@attrs.frozen(kw_only=True, slots=False)
class Webhook(Model):
    """A registered webhook (W1, W2, W6-W8)."""

    id: int
    name: str | None = None
    webhook_url: str | None = wire("webhook_url", "webhookUrl", "url")
    event_types: list[str] = wire("event_types", "eventTypes", factory=list)
    categories: list[str] = wire("categories", factory=list)
    email_campaign_id: int | None = wire("email_campaign_id", "campaign_id", "campaignId")
    client_id: int | None = wire("client_id", "clientId")
    association_type: str | None = None
    webhook_type: str | None = None
    event_type_map: dict[str, bool] | None = None
    category_id_map: dict[str, Any] | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@attrs.frozen(kw_only=True, slots=False)
class WebhookDeliveryCounts(Model):
    """Delivery counts of one webhook inside a summary (W4)."""

    webhook_id: int | None = wire("webhook_id", "id")
    name: str | None = None
    total: int | None = wire("total_count", "total", "totalCount")
    success: int | None = wire("success_count", "success", "successCount")
    failed: int | None = wire("failed_count", "failed", "failedCount")


@attrs.frozen(kw_only=True, slots=False)
class WebhookSummary(Model):
    """Delivery counts of a campaign's webhooks over a time range (W4)."""

    campaign_id: int | None = wire("campaign_id", "campaignId")
    total: int | None = wire("total_count", "total", "totalCount")
    success: int | None = wire("success_count", "success", "successCount")
    failed: int | None = wire("failed_count", "failed", "failedCount")
    from_time: datetime | None = wire("from_time", "fromTime")
    to_time: datetime | None = wire("to_time", "toTime")
    event_type_counts: dict[str, int] = wire(
        "event_type_counts", "eventTypeCounts", "by_event_type", factory=dict
    )
    webhooks: list[WebhookDeliveryCounts] = wire("webhooks", factory=list)


@attrs.frozen(kw_only=True, slots=False)
class RetriggerResult(Model):
    """The answer to re-sending failed webhook events (W5)."""

    ok: bool | None = None
    message: str | None = None
    retriggered: int | None = wire(
        "retriggered", "retriggered_count", "retriggeredCount", "count", "total"
    )


__all__ = [
    "ASSOCIATION_TYPES",
    "CAMPAIGN_STATUS_CHANGED",
    "EMAIL_ACCOUNT_DISCONNECTED",
    "EMAIL_BOUNCE",
    "EMAIL_LINK_CLICK",
    "EMAIL_OPEN",
    "EMAIL_REPLY",
    "EMAIL_SENT",
    "FIRST_EMAIL_SENT",
    "LEAD_CATEGORY_UPDATED",
    "LEAD_UNSUBSCRIBED",
    "LINKEDIN_DISCONNECTED",
    "MANUAL_STEP_REACHED",
    "UNTRACKED_REPLIES",
    "WEBHOOK_EVENT_TYPES",
    "AssociationType",
    "RetriggerResult",
    "Webhook",
    "WebhookDeliveryCounts",
    "WebhookSummary",
]
