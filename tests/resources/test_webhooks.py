"""``client.webhooks``: sandbox round trips, exact wire shapes, and client-side limits."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import (
    BadRequestError,
    InvalidTypeError,
    NotFoundError,
    RetryPolicy,
    ServerError,
    SmartleadClient,
    ValidationError,
)
from smartlead_async.models.common import OkResponse
from smartlead_async.models.webhooks import EMAIL_OPEN, EMAIL_REPLY, Webhook
from smartlead_async.testing.pytest_plugin import SandboxClient
from smartlead_async.testing.state import WebhookDelivery
from tests.helpers.clients import wire_client
from tests.helpers.wire import route, sent

pytestmark = [
    pytest.mark.smartlead_sandbox(rate_limits=None, seed=11),
    pytest.mark.smartlead_client(retry=None),
]


# --------------------------------------------------------------------------- sandbox


async def test_delete_reaches_a_server_that_serves_only_the_path_form(
    smartlead_sandbox_client: SandboxClient,
) -> None:
    sb, sl = smartlead_sandbox_client
    camp = sb.seed_campaign(leads=0, history=False)
    hook = await sl.webhooks.save(
        camp.id, name="H", webhook_url="https://hooks.example.com/a", event_types=[EMAIL_OPEN]
    )
    sb.answer_with("DELETE", rf"/campaigns/{camp.id}/webhooks", status=404,
                   json={"message": "Cannot DELETE /campaigns/webhooks"})  # fmt: skip
    assert (await sl.webhooks.delete(camp.id, hook.id)).ok is True
    assert await sl.webhooks.list(camp.id) == []


async def test_campaign_webhook_lifecycle(
    smartlead_sandbox_client: SandboxClient,
) -> None:
    sb, sl = smartlead_sandbox_client
    camp = sb.seed_campaign(leads=0, history=False)
    assert await sl.webhooks.list(camp.id) == []

    created = await sl.webhooks.save(
        camp.id,
        name="Replies",
        webhook_url="https://hooks.example.com/sl",
        event_types=[EMAIL_REPLY, "EMAIL_OPENED"],
        categories=["Interested"],
    )
    assert isinstance(created, Webhook)
    assert created.name == "Replies"
    assert created.webhook_url == "https://hooks.example.com/sl"
    assert created.event_types == ["EMAIL_REPLY", "EMAIL_OPENED"]
    assert created.categories == ["Interested"]
    assert created.email_campaign_id == camp.id

    updated = await sl.webhooks.save(
        camp.id,
        webhook_id=created.id,
        name="Opens",
        webhook_url="https://hooks.example.com/opens",
        event_types=[EMAIL_OPEN],
    )
    assert updated.id == created.id
    listed = await sl.webhooks.list(camp.id)
    assert [(h.id, h.name, h.webhook_url, h.event_types) for h in listed] == [
        (created.id, "Opens", "https://hooks.example.com/opens", ["EMAIL_OPEN"])
    ]

    ack = await sl.webhooks.delete(camp.id, created.id)
    assert isinstance(ack, OkResponse) and ack.ok is True
    assert await sl.webhooks.list(camp.id) == []
    with pytest.raises(NotFoundError):
        await sl.webhooks.delete(camp.id, created.id)


async def test_summary_and_retrigger_count_deliveries(
    smartlead_sandbox_client: SandboxClient,
) -> None:
    sb, sl = smartlead_sandbox_client
    camp = sb.seed_campaign(leads=0, history=False)
    hook = await sl.webhooks.save(
        camp.id, name="All", webhook_url="https://h.example.com/x", event_types=[EMAIL_REPLY]
    )
    now = sb.state.now()
    statuses = ["success", "failed", "failed", "success", "success"]
    for index, status in enumerate(statuses):
        sb.state.webhook_deliveries.append(
            WebhookDelivery(
                id=index + 1,
                webhook_id=hook.id,
                campaign_id=camp.id,
                event_type=EMAIL_REPLY if index % 2 else EMAIL_OPEN,
                time=now - timedelta(hours=index + 1),
                status="failed" if status == "failed" else "success",
            )
        )
    start, end = now - timedelta(days=1), now
    summary = await sl.webhooks.get_summary(camp.id, from_time=start, to_time=end)
    assert (summary.total, summary.success, summary.failed) == (5, 3, 2)
    assert summary.campaign_id == camp.id
    assert summary.event_type_counts == {"EMAIL_OPEN": 3, "EMAIL_REPLY": 2}
    assert [(w.webhook_id, w.total, w.failed) for w in summary.webhooks] == [(hook.id, 5, 2)]

    result = await sl.webhooks.retrigger_failed(camp.id, from_time=start, to_time=end)
    assert result.retriggered == 2
    after = await sl.webhooks.get_summary(
        camp.id, from_time=start.isoformat(), to_time=end.isoformat()
    )
    assert (after.success, after.failed) == (5, 0)


async def test_account_webhook_lifecycle(smartlead_sandbox_client: SandboxClient) -> None:
    sb, sl = smartlead_sandbox_client
    camp = sb.seed_campaign(leads=0, history=False)
    interested = next(c for c in sb.state.categories.values() if c.name == "Interested")
    hook = await sl.webhooks.create(
        webhook_url="https://hooks.example.com/account",
        association_type="campaign",
        email_campaign_id=camp.id,
        name="Account hook",
        event_types=[EMAIL_REPLY, "LEAD_CATEGORY_UPDATED"],
        category_ids=[interested.id],
    )
    assert hook.association_type == "campaign"
    assert hook.email_campaign_id == camp.id
    assert hook.event_type_map == {"EMAIL_REPLY": True, "LEAD_CATEGORY_UPDATED": True}
    assert hook.categories == ["Interested"]

    fetched = await sl.webhooks.get(hook.id)
    assert (fetched.id, fetched.name, fetched.webhook_url) == (
        hook.id,
        "Account hook",
        "https://hooks.example.com/account",
    )
    ack = await sl.webhooks.update(hook.id, name="Renamed", event_types=[EMAIL_OPEN])
    assert ack.ok is True
    again = await sl.webhooks.get(hook.id)
    assert (again.name, again.event_types) == ("Renamed", ["EMAIL_OPEN"])

    assert (await sl.webhooks.delete_account_webhook(hook.id)).ok is True
    with pytest.raises(NotFoundError):
        await sl.webhooks.get(hook.id)


async def test_user_level_webhook_needs_no_scope_id(
    smartlead_sandbox_client: SandboxClient,
) -> None:
    _, sl = smartlead_sandbox_client
    hook = await sl.webhooks.create(
        webhook_url="https://hooks.example.com/user",
        association_type="user",
        event_types=[EMAIL_REPLY],
        force_create=True,
    )
    assert hook.association_type == "user"
    assert hook.email_campaign_id is None and hook.client_id is None


async def test_unknown_campaign_is_not_found(
    smartlead_sandbox_client: SandboxClient,
) -> None:
    _, sl = smartlead_sandbox_client
    with pytest.raises(NotFoundError):
        await sl.webhooks.list(987654)


# --------------------------------------------------------------------------- wire shapes


async def test_save_sends_null_id_on_create(sl: SmartleadClient, m: aioresponses) -> None:
    row = {"id": 9, "name": "n", "webhook_url": "https://x.io/h", "event_types": ["EMAIL_SENT"]}
    m.post(route("/campaigns/4/webhooks"), payload=row)
    hook = await sl.webhooks.save(
        4, name="n", webhook_url="https://x.io/h", event_types=["EMAIL_SENT"]
    )
    assert sent(m) == [
        (
            "POST",
            "/campaigns/4/webhooks",
            {},
            {
                "id": None,
                "name": "n",
                "webhook_url": "https://x.io/h",
                "event_types": ["EMAIL_SENT"],
            },
        )
    ]
    assert hook.id == 9


async def test_delete_sends_id_in_body(sl: SmartleadClient, m: aioresponses) -> None:
    m.delete(route("/campaigns/4/webhooks"), payload={"ok": True})
    await sl.webhooks.delete(4, 77)
    assert sent(m) == [("DELETE", "/campaigns/4/webhooks", {}, {"id": 77})]


async def test_delete_falls_back_once_to_the_path_form_on_404(
    sl: SmartleadClient, m: aioresponses
) -> None:
    m.delete(route("/campaigns/4/webhooks"), status=404, payload={"message": "Cannot DELETE"})
    m.delete(route("/campaigns/4/webhooks/77"), payload={"ok": True})
    assert (await sl.webhooks.delete(4, 77)).ok is True
    assert sent(m) == [
        ("DELETE", "/campaigns/4/webhooks", {}, {"id": 77}),
        ("DELETE", "/campaigns/4/webhooks/77", {}, None),
    ]


async def test_delete_raises_when_both_forms_answer_404(
    sl: SmartleadClient, m: aioresponses
) -> None:
    m.delete(route("/campaigns/4/webhooks"), status=404, payload={"message": "not found"})
    m.delete(route("/campaigns/4/webhooks/77"), status=404, payload={"message": "not found"})
    with pytest.raises(NotFoundError):
        await sl.webhooks.delete(4, 77)
    assert len(sent(m)) == 2  # once each, never a third time


async def test_delete_does_not_fall_back_on_other_errors(
    sl: SmartleadClient, m: aioresponses
) -> None:
    m.delete(route("/campaigns/4/webhooks"), status=400, payload={"message": "bad id"})
    with pytest.raises(BadRequestError):
        await sl.webhooks.delete(4, 77)
    assert len(sent(m)) == 1


async def test_summary_query_and_retrigger_body(sl: SmartleadClient, m: aioresponses) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    end = datetime(2026, 1, 2, 12, tzinfo=UTC)
    m.get(
        route("/campaigns/4/webhooks/summary"),
        payload={"ok": True, "data": {"total": 0, "success": 0, "failed": 0}},
    )
    m.post(
        route("/campaigns/4/webhooks/retrigger-failed-events"),
        payload={"ok": True, "data": {"retriggered_count": "3"}},
    )
    await sl.webhooks.get_summary(4, from_time=start, to_time=end)
    result = await sl.webhooks.retrigger_failed(
        4, from_time="2026-01-01T00:00:00Z", to_time="2026-01-02T00:00:00Z"
    )
    assert sent(m) == [
        (
            "GET",
            "/campaigns/4/webhooks/summary",
            {"fromTime": "2026-01-01T00:00:00+00:00", "toTime": "2026-01-02T12:00:00+00:00"},
            None,
        ),
        (
            "POST",
            "/campaigns/4/webhooks/retrigger-failed-events",
            {},
            {"fromTime": "2026-01-01T00:00:00Z", "toTime": "2026-01-02T00:00:00Z"},
        ),
    ]
    assert result.retriggered == 3 and result.ok is True


async def test_account_level_wire_shapes(sl: SmartleadClient, m: aioresponses) -> None:
    hook = {"id": 5, "webhook_url": "https://x.io/h", "association_type": "client"}
    m.post(route("/webhook/create"), payload={"ok": True, "data": hook})
    m.get(route("/webhook/5"), payload={"ok": True, "data": hook})
    m.put(route("/webhook/update/5"), payload={"ok": True})
    m.delete(route("/webhook/delete"), payload={"ok": True})
    created = await sl.webhooks.create(
        webhook_url="https://x.io/h",
        association_type="client",
        client_id=12,
        event_types=["EMAIL_REPLY", "EMAIL_BOUNCE"],
        category_ids=[1, 2],
        webhook_type="default",
        force_create=False,
    )
    await sl.webhooks.get(5)
    await sl.webhooks.update(5, webhook_url="https://x.io/new", categories=["Interested"])
    await sl.webhooks.delete_account_webhook(5)
    assert sent(m) == [
        (
            "POST",
            "/webhook/create",
            {},
            {
                "webhook_url": "https://x.io/h",
                "association_type": "client",
                "client_id": 12,
                "event_type_map": {"EMAIL_REPLY": True, "EMAIL_BOUNCE": True},
                "category_id_map": {"1": True, "2": True},
                "webhook_type": "default",
                "force_create": False,
            },
        ),
        ("GET", "/webhook/5", {}, None),
        (
            "PUT",
            "/webhook/update/5",
            {},
            {"webhook_url": "https://x.io/new", "categories": ["Interested"]},
        ),
        ("DELETE", "/webhook/delete", {}, {"id": 5}),
    ]
    assert created.association_type == "client"


async def test_update_with_id_is_retried_but_create_is_not() -> None:
    retry = RetryPolicy(max_attempts=3, base_delay=0.0, max_delay=0.0)
    row = {"id": 3, "name": "n", "webhook_url": "https://x.io/h", "event_types": ["EMAIL_SENT"]}
    async with wire_client(retry=retry) as client:
        with aioresponses() as m:
            m.post(route("/campaigns/4/webhooks"), status=500, payload={"message": "boom"})
            m.post(route("/campaigns/4/webhooks"), payload=row)
            hook = await client.webhooks.save(
                4, webhook_id=3, name="n", webhook_url="https://x.io/h", event_types=["EMAIL_SENT"]
            )
            assert hook.id == 3
            assert len(sent(m)) == 2
        with aioresponses() as m:
            m.post(route("/campaigns/4/webhooks"), status=500, payload={"message": "boom"})
            with pytest.raises(ServerError):
                await client.webhooks.save(
                    4, name="n", webhook_url="https://x.io/h", event_types=["EMAIL_SENT"]
                )
            assert len(sent(m)) == 1


# --------------------------------------------------------------------------- client-side limits


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"webhook_url": "ftp://x.io/h"}, ValidationError, "absolute http"),
        ({"webhook_url": "x.io/h"}, ValidationError, "absolute http"),
        ({"webhook_url": ""}, ValidationError, "webhook_url is required"),
        ({"event_types": []}, ValidationError, "at least one event"),
        ({"event_types": "EMAIL_REPLY"}, InvalidTypeError, "list of event names"),
        ({"event_types": ["EMAIL_REPLY", " "]}, ValidationError, "event_types[1]"),
        ({"name": "  "}, ValidationError, "blank"),
        ({"name": "x" * 256}, ValidationError, "at most 255"),
        ({"categories": "Interested"}, InvalidTypeError, "category names"),
        ({"categories": [""]}, ValidationError, "categories[0]"),
        ({"webhook_id": "7"}, InvalidTypeError, "webhook_id must be an int"),
    ],
)
async def test_save_rejects_bad_input_before_sending(
    sl: SmartleadClient,
    kwargs: dict[str, Any],
    error: type[Exception],
    message: str,
    m: aioresponses,
) -> None:
    args: dict[str, Any] = {
        "name": "n",
        "webhook_url": "https://x.io/h",
        "event_types": ["EMAIL_REPLY"],
        **kwargs,
    }
    with pytest.raises(error, match=re.escape(message)):
        await sl.webhooks.save(4, **args)
    assert m.requests == {}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"association_type": "campaign"}, "needs email_campaign_id"),
        ({"association_type": "client"}, "needs client_id"),
        ({"association_type": "team"}, "association_type must be one of"),
        ({"association_type": "user", "force_create": "yes"}, "force_create"),
        ({"association_type": "user", "category_ids": ["1"]}, "category_ids[0]"),
    ],
)
async def test_create_rejects_bad_scope(
    sl: SmartleadClient,
    kwargs: dict[str, Any],
    message: str,
    m: aioresponses,
) -> None:
    with pytest.raises((ValidationError, InvalidTypeError), match=re.escape(message)):
        await sl.webhooks.create(webhook_url="https://x.io/h", **kwargs)
    assert m.requests == {}


async def test_time_ranges_and_updates_are_checked(sl: SmartleadClient, m: aioresponses) -> None:
    start = datetime(2026, 1, 2, tzinfo=UTC)
    with pytest.raises(ValidationError, match="after to_time"):
        await sl.webhooks.get_summary(1, from_time=start, to_time=start - timedelta(days=1))
    with pytest.raises(ValidationError, match="ISO 8601"):
        await sl.webhooks.retrigger_failed(1, from_time="yesterday", to_time=start)
    with pytest.raises(InvalidTypeError, match="from_time"):
        await sl.webhooks.get_summary(1, from_time=12, to_time=start)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="nothing to update"):
        await sl.webhooks.update(5)
    with pytest.raises(ValidationError, match="absolute http"):
        await sl.webhooks.update(5, webhook_url="nope")
    with pytest.raises(ValidationError, match="positive id"):
        await sl.webhooks.delete(-1, 2)
    assert m.requests == {}
