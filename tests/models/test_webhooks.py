"""Decoding webhook registration models: the live shapes and the documented alternatives."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from smartlead_async import ResponseValidationError
from smartlead_async.models import webhooks as wh
from smartlead_async.models.webhooks import RetriggerResult, Webhook, WebhookSummary


def test_campaign_webhook_row_with_string_numbers() -> None:
    hook = Webhook.from_dict(
        {
            "id": "151",
            "name": "Replies",
            "created_at": "2026-01-05T10:00:00.000Z",
            "updated_at": "2026-01-05T10:00:00.000Z",
            "webhook_url": "https://h.example.com/x",
            "email_campaign_id": "42",
            "event_types": ["EMAIL_REPLY", "LEAD_REPLIED"],
            "categories": ["Interested", "Meeting Request"],
            "is_active": True,
        }
    )
    assert hook.id == 151
    assert hook.email_campaign_id == 42
    assert hook.created_at == datetime(2026, 1, 5, 10, tzinfo=UTC)
    assert hook.event_types == ["EMAIL_REPLY", "LEAD_REPLIED"]
    assert hook.categories == ["Interested", "Meeting Request"]
    assert hook.extra == {"is_active": True}


def test_webhook_alternative_names_and_account_fields() -> None:
    hook = Webhook.from_dict(
        {
            "id": 3,
            "webhookUrl": "https://h.example.com/y",
            "eventTypes": ["EMAIL_SENT"],
            "campaign_id": 9,
            "clientId": "4",
            "association_type": "client",
            "event_type_map": {"EMAIL_SENT": True, "EMAIL_OPEN": "false"},
            "category_id_map": {"1": True},
            "categories": None,
        }
    )
    assert hook.webhook_url == "https://h.example.com/y"
    assert hook.event_types == ["EMAIL_SENT"]
    assert (hook.email_campaign_id, hook.client_id) == (9, 4)
    assert hook.event_type_map == {"EMAIL_SENT": True, "EMAIL_OPEN": False}
    assert hook.category_id_map == {"1": True}
    assert hook.categories == []


def test_webhook_needs_an_id() -> None:
    with pytest.raises(ResponseValidationError, match="id"):
        Webhook.from_dict({"name": "no id"})


def test_summary_live_and_alternative_shapes() -> None:
    live = WebhookSummary.from_dict(
        {
            "campaign_id": 7,
            "from_time": "2026-01-01T00:00:00Z",
            "to_time": "2026-01-02T00:00:00Z",
            "total_count": "10",
            "success_count": 8,
            "failed_count": "2",
            "event_type_counts": {"EMAIL_REPLY": "4", "EMAIL_OPEN": 6},
            "webhooks": [{"webhook_id": 1, "name": "a", "total_count": 10, "failed_count": 2}],
        }
    )
    assert (live.total, live.success, live.failed) == (10, 8, 2)
    assert live.event_type_counts == {"EMAIL_REPLY": 4, "EMAIL_OPEN": 6}
    assert live.webhooks[0].webhook_id == 1 and live.webhooks[0].failed == 2
    assert live.from_time == datetime(2026, 1, 1, tzinfo=UTC)

    alt = WebhookSummary.from_dict({"total": 3, "success": 3, "failed": 0, "fromTime": None})
    assert (alt.total, alt.success, alt.failed, alt.from_time) == (3, 3, 0, None)


def test_retrigger_result_alternatives() -> None:
    assert RetriggerResult.from_dict({"retriggered_count": "5"}).retriggered == 5
    assert RetriggerResult.from_dict({"ok": True, "count": 2}).retriggered == 2


def test_event_type_constants() -> None:
    assert wh.WEBHOOK_EVENT_TYPES[:6] == (
        "EMAIL_SENT",
        "EMAIL_OPEN",
        "EMAIL_LINK_CLICK",
        "EMAIL_REPLY",
        "LEAD_UNSUBSCRIBED",
        "LEAD_CATEGORY_UPDATED",
    )
    assert len(set(wh.WEBHOOK_EVENT_TYPES)) == 13
    assert wh.LINKEDIN_DISCONNECTED in wh.WEBHOOK_EVENT_TYPES
