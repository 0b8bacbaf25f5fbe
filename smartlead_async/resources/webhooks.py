"""``client.webhooks``: campaign-scoped webhooks (W1-W5) and account-level ones (W6-W9).

Receiving and verifying the events is :mod:`smartlead_async.webhook_events`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from smartlead_async._validate import (
    check_choice,
    check_datetime,
    check_flag,
    check_id,
    check_ids,
    check_members,
    check_names,
    check_optional_id,
    check_text,
    check_time_order,
    check_timestamp,
    check_url,
    drop_none,
)
from smartlead_async.catalog import W1, W2, W3, W4, W5, W6, W7, W8, W9
from smartlead_async.errors import ValidationError
from smartlead_async.models.common import OkResponse
from smartlead_async.models.webhooks import (
    ASSOCIATION_TYPES,
    WEBHOOK_EVENT_TYPES,
    AssociationType,
    RetriggerResult,
    Webhook,
    WebhookSummary,
)
from smartlead_async.resources._base import Resource


def check_webhook_url(url: str) -> str:
    """An absolute http(s) URL for Smartlead to POST events to."""
    checked = check_url("webhook_url", url, required=True)
    assert checked is not None
    return checked


#: Spellings other first-party pages document (catalog section on webhook events); accepted too.
DOCUMENTED_EVENT_SPELLINGS: tuple[str, ...] = (
    "EMAIL_OPENED",
    "EMAIL_CLICKED",
    "EMAIL_REPLIED",
    "EMAIL_BOUNCED",
    "LEAD_REPLIED",
    "LEAD_OPENED",
    "LEAD_CLICKED",
    "LEAD_BOUNCED",
)


_EVENT_TYPES = WEBHOOK_EVENT_TYPES + DOCUMENTED_EVENT_SPELLINGS


def check_event_types(
    name: str, values: Sequence[str] | None, *, required: bool
) -> list[str] | None:
    """Event type names: ``WEBHOOK_EVENT_TYPES`` or a ``DOCUMENTED_EVENT_SPELLINGS`` variant."""
    if values is None:
        if required:
            raise ValidationError(f"{name} needs at least one event type, e.g. ['EMAIL_REPLY']")
        return None
    out = check_members(name, check_names(name, values, "event name"), _EVENT_TYPES)
    if required and not out:
        raise ValidationError(f"{name} needs at least one event type, e.g. ['EMAIL_REPLY']")
    return out


def _categories(values: Sequence[str] | None) -> list[str] | None:
    return None if values is None else check_names("categories", values, "category name")


def _name(value: str | None, *, required: bool) -> str | None:
    text = check_text("name", value, max_length=255)
    if text is not None and not text.strip():
        raise ValidationError("name must not be blank")
    if required and text is None:
        raise ValidationError("name is required")
    return text


def _time_range(from_time: datetime | str, to_time: datetime | str) -> tuple[str, str]:
    start = check_timestamp("from_time", from_time)
    end = check_timestamp("to_time", to_time)
    if start is None or end is None:
        raise ValidationError("from_time and to_time are both required")
    check_time_order(
        "from_time", check_datetime("from_time", start), "to_time", check_datetime("to_time", end)
    )
    return start, end


class WebhooksResource(Resource):
    """Webhook registrations. Event names: ``smartlead_async.models.webhooks`` constants."""

    async def list(self, campaign_id: int) -> list[Webhook]:
        """A campaign's webhooks. ``GET /campaigns/{campaign_id}/webhooks`` (W1)."""
        return await self._send_list(W1, campaign_id=campaign_id)

    async def save(
        self,
        campaign_id: int,
        *,
        name: str,
        webhook_url: str,
        event_types: Sequence[str],
        categories: Sequence[str] | None = None,
        webhook_id: int | None = None,
    ) -> Webhook:
        """Create or update a campaign webhook. ``POST /campaigns/{campaign_id}/webhooks`` (W2).

        Pass ``webhook_id`` to update that webhook. ``event_types`` needs at least one
        name (e.g. ``EMAIL_REPLY``); ``categories`` are lead-category names such as
        ``"Interested"``. An update (with an id) is safe to retry.
        """
        body: dict[str, Any] = {
            "id": check_optional_id("webhook_id", webhook_id),
            "name": _name(name, required=True),
            "webhook_url": check_webhook_url(webhook_url),
            "event_types": check_event_types("event_types", event_types, required=True),
        }
        cats = _categories(categories)
        if cats is not None:
            body["categories"] = cats
        return await self._send(W2, json=body, campaign_id=campaign_id)

    async def delete(self, campaign_id: int, webhook_id: int) -> OkResponse:
        """Delete a campaign webhook. ``DELETE /campaigns/{campaign_id}/webhooks`` (W3).

        The id travels in the JSON body (``{"id": webhook_id}``, R10, the official CLI's form).
        On a 404 the documented ``DELETE /campaigns/{campaign_id}/webhooks/{webhook_id}`` is
        tried once. Unverified: neither form has been checked against the live API.
        """
        hook = check_id("webhook_id", webhook_id)
        return await self._send_or_fallback(
            W3, json={"id": hook}, fallback={"webhook_id": hook}, campaign_id=campaign_id
        )

    async def get_summary(
        self, campaign_id: int, *, from_time: datetime | str, to_time: datetime | str
    ) -> WebhookSummary:
        """Webhook delivery summary. ``GET /campaigns/{campaign_id}/webhooks/summary`` (W4).

        ``from_time`` and ``to_time`` (ISO 8601) are both required, start before end.
        """
        start, end = _time_range(from_time, to_time)
        params = {"fromTime": start, "toTime": end}
        return await self._send(W4, params=params, campaign_id=campaign_id)

    async def retrigger_failed(
        self, campaign_id: int, *, from_time: datetime | str, to_time: datetime | str
    ) -> RetriggerResult:
        """Resend failed. ``POST /campaigns/{campaign_id}/webhooks/retrigger-failed-events`` (W5).

        Re-sends the failed events of a time range. ``from_time`` and ``to_time`` (ISO 8601)
        are both required, start before end.
        """
        start, end = _time_range(from_time, to_time)
        body = {"fromTime": start, "toTime": end}
        return await self._send(W5, json=body, campaign_id=campaign_id)

    async def create(
        self,
        *,
        webhook_url: str,
        association_type: AssociationType,
        email_campaign_id: int | None = None,
        client_id: int | None = None,
        name: str | None = None,
        event_types: Sequence[str] | None = None,
        category_ids: Sequence[int] | None = None,
        webhook_type: str | None = None,
        force_create: bool | None = None,
    ) -> Webhook:
        """Create an account-level webhook. ``POST /webhook/create`` (W6).

        ``association_type`` is ``user``, ``client`` (needs ``client_id``) or ``campaign``
        (needs ``email_campaign_id``). ``event_types`` become ``event_type_map``
        (``{"EMAIL_REPLY": true}``), ``category_ids`` ``category_id_map``. A user-level hook
        takes priority over client and campaign hooks for the same event.
        """
        scope = check_choice("association_type", association_type, ASSOCIATION_TYPES)
        if scope == "campaign" and email_campaign_id is None:
            raise ValidationError("association_type='campaign' needs email_campaign_id")
        if scope == "client" and client_id is None:
            raise ValidationError("association_type='client' needs client_id")
        check_flag("force_create", force_create)
        events = check_event_types("event_types", event_types, required=False)
        categories = check_ids("category_ids", category_ids) if category_ids is not None else None
        body = drop_none(
            {
                "webhook_url": check_webhook_url(webhook_url),
                "association_type": scope,
                "email_campaign_id": check_optional_id("email_campaign_id", email_campaign_id),
                "client_id": check_optional_id("client_id", client_id),
                "name": _name(name, required=False),
                "event_type_map": {event: True for event in events} if events else None,
                "category_id_map": {str(cid): True for cid in categories} if categories else None,
                "webhook_type": check_text("webhook_type", webhook_type),
                "force_create": force_create,
            }
        )
        return await self._send(W6, json=body)

    async def get(self, webhook_id: int) -> Webhook:
        """One account-level webhook. ``GET /webhook/{webhook_id}`` (W7)."""
        return await self._send(W7, webhook_id=webhook_id)

    async def update(
        self,
        webhook_id: int,
        *,
        name: str | None = None,
        webhook_url: str | None = None,
        event_types: Sequence[str] | None = None,
        categories: Sequence[str] | None = None,
    ) -> OkResponse:
        """Change an account-level webhook. ``PUT /webhook/update/{webhook_id}`` (W8).

        Give at least one of ``name``, ``webhook_url``, ``event_types``, ``categories``.
        """
        body = drop_none(
            {
                "name": _name(name, required=False),
                "webhook_url": None if webhook_url is None else check_webhook_url(webhook_url),
                "event_types": check_event_types("event_types", event_types, required=False),
                "categories": _categories(categories),
            }
        )
        if not body:
            raise ValidationError(
                "nothing to update: give name, webhook_url, event_types or categories"
            )
        return await self._send(W8, json=body, webhook_id=webhook_id)

    async def delete_account_webhook(self, webhook_id: int) -> OkResponse:
        """Delete an account-level webhook. ``DELETE /webhook/delete`` (W9).

        The id travels in the JSON body (``{"id": webhook_id}``).
        """
        return await self._send(W9, json={"id": check_id("webhook_id", webhook_id)})
