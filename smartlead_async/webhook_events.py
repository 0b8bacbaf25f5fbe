"""The receiving side of webhooks: typed event payloads, parsing and secret verification.

Smartlead POSTs one flat JSON object per event (catalog section 10). Check it came from your
webhook with :func:`verify_webhook` (the payload's ``secret_key`` against yours, in constant
time), then turn it into a typed event with :func:`parse_webhook`::

    if not verify_webhook(body, secret):
        return 401
    event = parse_webhook(body)
    if isinstance(event, EmailReplyEvent):
        notify_sales(event.to_email, event.reply_text)

Unknown event types parse to :class:`GenericWebhookEvent`; unknown keys land in ``extra``.
Older and newer spellings of the same event (``EMAIL_REPLIED``, ``LEAD_REPLIED``) map to the
classic class; ``event_type`` keeps the name as sent.
"""

from __future__ import annotations

import hmac
import types
import typing
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Union

import attrs
import orjson

from smartlead_async._convert import structure
from smartlead_async.errors import ResponseValidationError, ValidationError, WebhookPayloadError
from smartlead_async.models.common import Model, _wire_names, secret, wire
from smartlead_async.models.webhooks import (
    CAMPAIGN_STATUS_CHANGED,
    EMAIL_ACCOUNT_DISCONNECTED,
    EMAIL_BOUNCE,
    EMAIL_LINK_CLICK,
    EMAIL_OPEN,
    EMAIL_REPLY,
    EMAIL_SENT,
    FIRST_EMAIL_SENT,
    LEAD_CATEGORY_UPDATED,
    LEAD_UNSUBSCRIBED,
    LINKEDIN_DISCONNECTED,
    MANUAL_STEP_REACHED,
    UNTRACKED_REPLIES,
)


@attrs.frozen(kw_only=True, slots=False)
class WebhookMessage(Model):
    """An email inside an event (``sent_message``, ``reply_message``)."""

    message_id: str | None = None
    html: str | None = None
    text: str | None = None
    time: datetime | None = None


@attrs.frozen(kw_only=True, slots=False)
class WebhookMetadata(Model):
    """``metadata`` of an event."""

    webhook_created_at: datetime | None = None


@attrs.frozen(kw_only=True, slots=False)
class LeadCorrespondence(Model):
    """Who actually replied (a colleague of the lead may answer instead)."""

    target_lead_email: str | None = wire("targetLeadEmail", "target_lead_email")
    reply_received_from: str | None = wire("replyReceivedFrom", "reply_received_from")
    replied_company_domain: str | None = wire("repliedCompanyDomain", "replied_company_domain")


@attrs.frozen(kw_only=True, slots=False)
class LeadCategoryChange(Model):
    """``lead_category`` of LEAD_CATEGORY_UPDATED: the previous and new category."""

    old_id: int | None = None
    old_name: str | None = None
    new_id: int | None = None
    new_name: str | None = None


@attrs.frozen(kw_only=True, slots=False)
class WebhookLeadData(Model):
    """``lead_data`` of LEAD_CATEGORY_UPDATED."""

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


@attrs.frozen(kw_only=True, slots=False)
class WebhookHistoryItem(Model):
    """One message of the conversation carried by LEAD_CATEGORY_UPDATED."""

    stats_id: str | None = None
    type: str | None = None
    message_id: str | None = None
    time: datetime | None = None
    subject: str | None = None
    email_body: str | None = None
    from_email: str | None = wire("from", "from_email")
    to_email: str | None = wire("to", "to_email")


@attrs.frozen(kw_only=True, slots=False)
class WebhookEvent(Model):
    """Keys common to every event. ``secret_key`` is never shown in ``repr``."""

    event_type: str = wire("event_type", "event", default=attrs.NOTHING)
    event_timestamp: datetime | None = wire("event_timestamp", "timestamp")
    webhook_id: int | None = None
    webhook_name: str | None = None
    webhook_url: str | None = None
    campaign_id: int | None = wire("campaign_id", "email_campaign_id")
    campaign_name: str | None = None
    campaign_status: str | None = None
    client_id: int | None = None
    sequence_number: int | None = None
    stats_id: str | None = None
    message_id: str | None = None
    from_email: str | None = None
    to_email: str | None = None
    to_name: str | None = None
    subject: str | None = None
    sent_message: WebhookMessage | None = None
    sl_email_lead_id: int | None = None
    sl_email_lead_map_id: int | None = None
    sl_lead_email: str | None = None
    app_url: str | None = wire("app_url", "ui_master_inbox_link")
    description: str | None = None
    metadata: WebhookMetadata | None = None
    secret_key: str | None = secret("secret_key")


@attrs.frozen(kw_only=True, slots=False)
class EmailSentEvent(WebhookEvent):
    """EMAIL_SENT: a sequence step went out."""

    time_sent: datetime | None = None
    sent_message_body: str | None = None
    custom_subject: str | None = None
    custom_email_message: str | None = None


@attrs.frozen(kw_only=True, slots=False)
class FirstEmailSentEvent(EmailSentEvent):
    """FIRST_EMAIL_SENT: step 1 of the sequence went out."""


@attrs.frozen(kw_only=True, slots=False)
class EmailOpenEvent(WebhookEvent):
    """EMAIL_OPEN: the lead opened an email."""

    time_opened: datetime | None = None
    sent_message_body: str | None = None


@attrs.frozen(kw_only=True, slots=False)
class EmailLinkClickEvent(WebhookEvent):
    """EMAIL_LINK_CLICK: the lead clicked a tracked link (``link_clicked`` holds the URLs)."""

    time_clicked: datetime | None = None
    link_clicked: list[str] = wire("link_clicked", factory=list)
    sent_message_body: str | None = None


@attrs.frozen(kw_only=True, slots=False)
class EmailReplyEvent(WebhookEvent):
    """EMAIL_REPLY: the lead (or a colleague, see ``lead_correspondence``) replied.

    Previews may be truncated: fetch the full thread with the message history when needed.
    """

    reply_message: WebhookMessage | None = None
    reply_body: str | None = None
    preview_text: str | None = None
    time_replied: datetime | None = None
    stats_thread_id: str | None = None
    sent_message_body: str | None = None
    lead_correspondence: LeadCorrespondence | None = wire(
        "leadCorrespondence", "lead_correspondence"
    )

    @property
    def reply_html(self) -> str | None:
        """The reply's HTML (``reply_message.html``, else the deprecated ``reply_body``)."""
        if self.reply_message is not None and self.reply_message.html:
            return self.reply_message.html
        return self.reply_body

    @property
    def reply_text(self) -> str | None:
        """The reply's text (``reply_message.text``, else the deprecated ``preview_text``)."""
        if self.reply_message is not None and self.reply_message.text:
            return self.reply_message.text
        return self.preview_text


@attrs.frozen(kw_only=True, slots=False)
class LeadUnsubscribedEvent(WebhookEvent):
    """LEAD_UNSUBSCRIBED: the lead unsubscribed."""

    lead_email: str | None = None
    time_unsubscribed: datetime | None = None


@attrs.frozen(kw_only=True, slots=False)
class LeadCategoryUpdatedEvent(WebhookEvent):
    """LEAD_CATEGORY_UPDATED: the lead's category changed; carries the whole conversation."""

    lead_id: int | None = None
    lead_email: str | None = None
    lead_name: str | None = None
    created_at: datetime | None = None
    category: str | None = None
    lead_category_id: int | None = None
    lead_category: LeadCategoryChange | None = None
    lead_data: WebhookLeadData | None = None
    history: list[WebhookHistoryItem] = wire("history", factory=list)
    last_reply: WebhookHistoryItem | None = wire("last_reply", "lastReply")

    @property
    def new_category_name(self) -> str | None:
        """The new category (``lead_category.new_name``, else the deprecated ``category``)."""
        if self.lead_category is not None and self.lead_category.new_name:
            return self.lead_category.new_name
        return self.category


@attrs.frozen(kw_only=True, slots=False)
class EmailBounceEvent(WebhookEvent):
    """EMAIL_BOUNCE: an email bounced."""


@attrs.frozen(kw_only=True, slots=False)
class CampaignStatusChangedEvent(WebhookEvent):
    """CAMPAIGN_STATUS_CHANGED: ``campaign_status`` holds the new status."""


@attrs.frozen(kw_only=True, slots=False)
class UntrackedReplyEvent(WebhookEvent):
    """UNTRACKED_REPLIES: a reply that matched no campaign lead."""


@attrs.frozen(kw_only=True, slots=False)
class ManualStepReachedEvent(WebhookEvent):
    """MANUAL_STEP_REACHED: a lead reached a manual sequence step."""


@attrs.frozen(kw_only=True, slots=False)
class EmailAccountDisconnectedEvent(WebhookEvent):
    """EMAIL_ACCOUNT_DISCONNECTED: a sender mailbox lost its connection."""


@attrs.frozen(kw_only=True, slots=False)
class LinkedinDisconnectedEvent(WebhookEvent):
    """LINKEDIN_DISCONNECTED: a LinkedIn account lost its connection."""


@attrs.frozen(kw_only=True, slots=False)
class GenericWebhookEvent(WebhookEvent):
    """An event type this SDK does not know; every key beyond the common ones is in ``extra``."""


#: Event name (upper-case) -> class. Alternative spellings from other doc pages included.
EVENT_CLASSES: dict[str, type[WebhookEvent]] = {
    EMAIL_SENT: EmailSentEvent,
    FIRST_EMAIL_SENT: FirstEmailSentEvent,
    EMAIL_OPEN: EmailOpenEvent,
    "EMAIL_OPENED": EmailOpenEvent,
    "LEAD_OPENED": EmailOpenEvent,
    EMAIL_LINK_CLICK: EmailLinkClickEvent,
    "EMAIL_CLICKED": EmailLinkClickEvent,
    "LEAD_CLICKED": EmailLinkClickEvent,
    EMAIL_REPLY: EmailReplyEvent,
    "EMAIL_REPLIED": EmailReplyEvent,
    "LEAD_REPLIED": EmailReplyEvent,
    LEAD_UNSUBSCRIBED: LeadUnsubscribedEvent,
    "EMAIL_UNSUBSCRIBED": LeadUnsubscribedEvent,
    LEAD_CATEGORY_UPDATED: LeadCategoryUpdatedEvent,
    EMAIL_BOUNCE: EmailBounceEvent,
    "EMAIL_BOUNCED": EmailBounceEvent,
    "LEAD_BOUNCED": EmailBounceEvent,
    CAMPAIGN_STATUS_CHANGED: CampaignStatusChangedEvent,
    UNTRACKED_REPLIES: UntrackedReplyEvent,
    MANUAL_STEP_REACHED: ManualStepReachedEvent,
    EMAIL_ACCOUNT_DISCONNECTED: EmailAccountDisconnectedEvent,
    LINKEDIN_DISCONNECTED: LinkedinDisconnectedEvent,
}

WebhookBody = bytes | bytearray | memoryview | str | Mapping[str, Any]


def _load(body: WebhookBody) -> Mapping[str, Any]:
    if isinstance(body, Mapping):
        data: Any = body
    elif isinstance(body, (bytes, bytearray, memoryview, str)):
        raw = bytes(body) if isinstance(body, memoryview) else body
        if not raw.strip():
            raise WebhookPayloadError("the webhook body is empty")
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            raise WebhookPayloadError("the webhook body is not valid JSON") from None
    else:
        raise WebhookPayloadError(
            f"a webhook body must be bytes, str or a mapping, got {type(body).__name__}"
        )
    if not isinstance(data, Mapping):
        raise WebhookPayloadError(
            f"a webhook body must be a JSON object, got a JSON {type(data).__name__}"
        )
    return data


def _optional_inner(tp: Any) -> Any:
    """``X | None`` -> X (other types unchanged)."""
    if typing.get_origin(tp) in (Union, types.UnionType):
        args = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Model)


def _prepare(data: Mapping[str, Any], cls: type[Model]) -> dict[str, Any]:
    """Smooth what sample payloads do: ``""`` for absent numbers/times, one link as a string."""
    out = dict(data)
    attrs.resolve_types(cls)
    for field in attrs.fields(cls):
        if field.name == "extra":
            continue
        tp = _optional_inner(field.type)
        for name in _wire_names(field):
            if name not in out:
                continue
            value = out[name]
            if value == "" and tp is not str:
                out[name] = None
            elif typing.get_origin(tp) is list:
                (item_tp,) = typing.get_args(tp) or (Any,)
                items = [value] if isinstance(value, str) else value
                if isinstance(items, list) and _is_model(item_tp):
                    items = [_prepare(i, item_tp) if isinstance(i, Mapping) else i for i in items]
                out[name] = items
            elif _is_model(tp) and isinstance(value, Mapping):
                out[name] = _prepare(value, tp)
    return out


def event_class(event_type: str) -> type[WebhookEvent]:
    """The event class for an event name (:class:`GenericWebhookEvent` when unknown)."""
    return EVENT_CLASSES.get(event_type.strip().upper(), GenericWebhookEvent)


def parse_webhook(body: WebhookBody) -> WebhookEvent:
    """Parse a webhook request body (raw bytes/str or decoded JSON) into a typed event.

    Raises :class:`WebhookPayloadError` when the body is not a JSON object with an
    ``event_type`` or a field has an impossible value. Does not check the secret: call
    :func:`verify_webhook` for that.
    """
    data = _load(body)
    event_type = data.get("event_type", data.get("event"))
    if not isinstance(event_type, str) or not event_type.strip():
        raise WebhookPayloadError("the webhook body has no event_type")
    cls = event_class(event_type)
    try:
        return structure(_prepare(data, cls), cls, strict=True)
    except ResponseValidationError as exc:
        raise WebhookPayloadError(f"invalid {event_type} payload: {exc.message}") from None


def verify_webhook(body: WebhookBody | WebhookEvent, secret_key: str) -> bool:
    """True when the payload's ``secret_key`` equals yours (constant-time comparison).

    ``body`` may be the raw request body, its decoded JSON, or a parsed event. A body that is
    not a JSON object, or has no ``secret_key``, does not verify.
    """
    if not isinstance(secret_key, str) or not secret_key:
        raise ValidationError(
            "secret_key must be the non-empty secret configured for the webhook in Smartlead"
        )
    if isinstance(body, WebhookEvent):
        received: Any = body.secret_key
    else:
        try:
            received = _load(body).get("secret_key")
        except WebhookPayloadError:
            return False
    if not isinstance(received, str) or not received:
        return False
    return hmac.compare_digest(received.encode("utf-8"), secret_key.encode("utf-8"))


__all__ = [
    "EVENT_CLASSES",
    "CampaignStatusChangedEvent",
    "EmailAccountDisconnectedEvent",
    "EmailBounceEvent",
    "EmailLinkClickEvent",
    "EmailOpenEvent",
    "EmailReplyEvent",
    "EmailSentEvent",
    "FirstEmailSentEvent",
    "GenericWebhookEvent",
    "LeadCategoryChange",
    "LeadCategoryUpdatedEvent",
    "LeadCorrespondence",
    "LeadUnsubscribedEvent",
    "LinkedinDisconnectedEvent",
    "ManualStepReachedEvent",
    "UntrackedReplyEvent",
    "WebhookEvent",
    "WebhookHistoryItem",
    "WebhookLeadData",
    "WebhookMessage",
    "WebhookMetadata",
    "WebhookPayloadError",
    "event_class",
    "parse_webhook",
    "verify_webhook",
]
