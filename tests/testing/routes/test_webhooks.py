"""Webhooks W1-W9 over plain HTTP: upsert, both W3 delete forms, summary, retrigger, W6-W9."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from smartlead_async.testing import SandboxServer
from smartlead_async.testing.state import Campaign, WebhookDelivery
from smartlead_async.testing.wire import iso
from tests.helpers.sandbox_api import Api

HOOK = {
    "id": None,
    "name": "CRM sync",
    "webhook_url": "https://hooks.example.com/smartlead",
    "event_types": ["EMAIL_SENT", "EMAIL_REPLY"],
    "categories": ["Interested"],
}


@pytest.fixture
def camp(sandbox: SandboxServer) -> Campaign:
    return sandbox.state.add_campaign("Webhooks")


async def _create(api: Api, campaign_id: int, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = await api.ok(
        "POST", f"/campaigns/{campaign_id}/webhooks", {**HOOK, **overrides}
    )
    return data


async def test_create_list_update_and_delete_by_body(api: Api, camp: Campaign) -> None:
    created = await _create(api, camp.id)
    assert created["name"] == "CRM sync"
    assert created["event_types"] == ["EMAIL_SENT", "EMAIL_REPLY"]
    listed = await api.ok("GET", f"/campaigns/{camp.id}/webhooks")
    assert isinstance(listed, list) and len(listed) == 1
    row = listed[0]
    assert row["id"] == created["id"] and row["email_campaign_id"] == camp.id
    assert set(row) >= {"id", "name", "created_at", "updated_at", "webhook_url", "categories"}

    updated = await _create(api, camp.id, id=created["id"], name="Renamed", event_types=["X_ANY"])
    assert updated["id"] == created["id"] and updated["event_types"] == ["X_ANY"]
    listed = await api.ok("GET", f"/campaigns/{camp.id}/webhooks")
    assert [h["name"] for h in listed] == ["Renamed"]

    assert await api.ok("DELETE", f"/campaigns/{camp.id}/webhooks", {"id": created["id"]}) == {
        "ok": True
    }
    assert await api.ok("GET", f"/campaigns/{camp.id}/webhooks") == []


async def test_delete_by_path_and_unknown_ids(api: Api, camp: Campaign) -> None:
    created = await _create(api, camp.id)
    path = f"/campaigns/{camp.id}/webhooks/{created['id']}"
    assert await api.ok("DELETE", path) == {"ok": True}
    status, body = await api.call("DELETE", path)
    assert status == 404 and "not found" in body["message"]
    status, body = await api.call("DELETE", f"/campaigns/{camp.id}/webhooks", {"id": 999999})
    assert status == 404
    status, body = await api.call("POST", f"/campaigns/{camp.id}/webhooks", {**HOOK, "id": 424242})
    assert status == 404


async def test_hook_of_another_campaign_cannot_be_touched(
    api: Api, sandbox: SandboxServer, camp: Campaign
) -> None:
    other = sandbox.state.add_campaign("Other")
    created = await _create(api, other.id)
    status, _ = await api.call("DELETE", f"/campaigns/{camp.id}/webhooks/{created['id']}")
    assert status == 404
    assert len(await api.ok("GET", f"/campaigns/{other.id}/webhooks")) == 1


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"webhook_url": "not a url"}, "webhook_url"),
        ({"webhook_url": "ftp://x.example.com/"}, "webhook_url"),
        ({"webhook_url": "http://["}, "webhook_url"),
        ({"webhook_url": "http://exa mple.com/"}, "webhook_url"),
        ({"event_types": []}, "event_types"),
        ({"event_types": None}, "event_types"),
        ({"name": ""}, "name"),
        ({"categories": "Interested"}, "categories"),
    ],
)
async def test_upsert_validation(
    api: Api, camp: Campaign, overrides: dict[str, Any], fragment: str
) -> None:
    status, body = await api.call("POST", f"/campaigns/{camp.id}/webhooks", {**HOOK, **overrides})
    assert status == 400
    assert fragment in body["message"]


async def test_unknown_campaign_and_fake_routes(api: Api) -> None:
    status, body = await api.call("GET", "/campaigns/999999/webhooks")
    assert status == 404 and body == {"message": "Campaign 999999 not found"}
    status, text = await api.call("GET", "/webhooks")
    assert status == 404 and text == "Cannot GET /api/v1/webhooks"
    status, text = await api.call("PATCH", "/webhook/update/1")
    assert status == 404 and text == "Cannot PATCH /api/v1/webhook/update/1"


@pytest.fixture
async def delivered(
    api: Api, sandbox: SandboxServer, camp: Campaign
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A campaign hook with deliveries 1, 2, 3 and 100 hours ago, and the last 10 hours."""
    hook = await _create(api, camp.id)
    state = sandbox.state
    now = state.now()
    for hours, event, status in [
        (1, "EMAIL_SENT", "success"),
        (2, "EMAIL_SENT", "failed"),
        (3, "EMAIL_REPLY", "failed"),
        (100, "EMAIL_REPLY", "failed"),
    ]:
        state.webhook_deliveries.append(
            WebhookDelivery(
                state.next_id("webhook_delivery"),
                hook["id"],
                camp.id,
                event,
                now - timedelta(hours=hours),
                status,  # type: ignore[arg-type]
            )
        )
    return hook, {"fromTime": iso(now - timedelta(hours=10)), "toTime": iso(now)}


async def test_summary_counts_deliveries_in_range(
    api: Api, camp: Campaign, delivered: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    hook, window = delivered
    body = await api.ok("GET", f"/campaigns/{camp.id}/webhooks/summary", **window)
    data = body["data"]
    assert (data["total_count"], data["success_count"], data["failed_count"]) == (3, 1, 2)
    assert data["event_type_counts"] == {"EMAIL_REPLY": 1, "EMAIL_SENT": 2}
    assert data["webhooks"][0]["webhook_id"] == hook["id"]


async def test_summary_and_retrigger_validate_times(api: Api, camp: Campaign) -> None:
    path = f"/campaigns/{camp.id}/webhooks/summary"
    status, body = await api.call("GET", path, toTime="2026-01-02T00:00:00Z")
    assert status == 400 and "fromTime" in body["message"]
    status, body = await api.call(
        "GET", path, fromTime="2026-01-03T00:00:00Z", toTime="2026-01-02T00:00:00Z"
    )
    assert status == 400 and "after" in body["message"]
    status, body = await api.call(
        "POST",
        f"/campaigns/{camp.id}/webhooks/retrigger-failed-events",
        {"fromTime": "yesterday", "toTime": "2026-01-02T00:00:00Z"},
    )
    assert status == 400 and "ISO 8601" in body["message"]


async def test_retrigger_marks_failed_deliveries_in_range(
    api: Api,
    sandbox: SandboxServer,
    camp: Campaign,
    delivered: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    _, body = delivered
    result = await api.ok("POST", f"/campaigns/{camp.id}/webhooks/retrigger-failed-events", body)
    assert result["data"] == {"retriggered_count": 2}
    statuses = [d.status for d in sandbox.state.webhook_deliveries]
    assert statuses == ["success", "success", "success", "failed"]
    again = await api.ok("POST", f"/campaigns/{camp.id}/webhooks/retrigger-failed-events", body)
    assert again["data"] == {"retriggered_count": 0}


async def test_category_update_emits_to_subscribed_hook(
    api: Api, sandbox: SandboxServer, camp: Campaign
) -> None:
    await _create(api, camp.id, event_types=["LEAD_CATEGORY_UPDATED"], categories=["Interested"])
    state = sandbox.state
    row = state.enrol(camp, state.add_lead("hook.lead@example.com"))
    interested = next(c.id for c in state.categories.values() if c.name == "Interested")
    not_interested = next(c.id for c in state.categories.values() if c.name == "Not Interested")
    body = {"email_lead_map_id": row.id, "category_id": not_interested}
    await api.ok("PATCH", "/master-inbox/update-category", body)
    assert state.webhook_deliveries == []
    await api.ok("PATCH", "/master-inbox/update-category", {**body, "category_id": interested})
    assert [d.event_type for d in state.webhook_deliveries] == ["LEAD_CATEGORY_UPDATED"]


# --------------------------------------------------------------------------- W6-W9


async def test_account_level_lifecycle(api: Api, sandbox: SandboxServer, camp: Campaign) -> None:
    category = next(iter(sandbox.state.categories.values()))
    created = await api.ok(
        "POST",
        "/webhook/create",
        {
            "webhook_url": "https://hooks.example.com/all",
            "association_type": "user",
            "name": "Everything",
            "event_type_map": {"EMAIL_SENT": True, "EMAIL_OPEN": False},
            "category_id_map": {str(category.id): True},
        },
    )
    hook = created["data"]
    assert hook["association_type"] == "user"
    assert hook["event_types"] == ["EMAIL_SENT"]
    assert hook["categories"] == [category.name]
    fetched = await api.ok("GET", f"/webhook/{hook['id']}")
    assert fetched["data"]["webhook_url"] == "https://hooks.example.com/all"

    updated = await api.ok(
        "PUT",
        f"/webhook/update/{hook['id']}",
        {"name": "Renamed", "event_types": ["EMAIL_REPLY"], "categories": []},
    )
    assert updated["data"]["name"] == "Renamed"
    assert updated["data"]["event_types"] == ["EMAIL_REPLY"]

    assert await api.ok("DELETE", "/webhook/delete", {"id": hook["id"]}) == {"ok": True}
    status, _ = await api.call("GET", f"/webhook/{hook['id']}")
    assert status == 404
    status, _ = await api.call("DELETE", "/webhook/delete", {"id": hook["id"]})
    assert status == 404


async def test_account_level_scopes_and_duplicates(
    api: Api, sandbox: SandboxServer, camp: Campaign
) -> None:
    base = {"webhook_url": "https://hooks.example.com/c", "event_type": "EMAIL_REPLY"}
    status, body = await api.call("POST", "/webhook/create", {**base, "association_type": 3})
    assert status == 400 and "email_campaign_id" in body["message"]
    created = await api.ok(
        "POST", "/webhook/create", {**base, "association_type": 3, "email_campaign_id": camp.id}
    )
    assert created["data"]["association_type"] == "campaign"
    # a campaign-scoped account hook shows up in the campaign's classic list (W1)
    listed = await api.ok("GET", f"/campaigns/{camp.id}/webhooks")
    assert [h["id"] for h in listed] == [created["data"]["id"]]

    duplicate = {**base, "association_type": "campaign", "email_campaign_id": camp.id}
    status, body = await api.call("POST", "/webhook/create", duplicate)
    assert status == 400 and "force_create" in body["message"]
    forced = await api.ok("POST", "/webhook/create", {**duplicate, "force_create": True})
    assert forced["data"]["id"] != created["data"]["id"]

    status, body = await api.call(
        "POST", "/webhook/create", {**base, "association_type": "client", "client_id": 999}
    )
    assert status == 404 and "Client 999" in body["message"]
    status, body = await api.call("POST", "/webhook/create", {**base, "association_type": "team"})
    assert status == 400 and "association_type" in body["message"]
    status, body = await api.call(
        "POST", "/webhook/create", {"webhook_url": base["webhook_url"], "association_type": "user"}
    )
    assert status == 400 and "event" in body["message"]


async def test_account_update_validation(api: Api) -> None:
    created = await api.ok(
        "POST",
        "/webhook/create",
        {"webhook_url": "https://h.example.com/", "association_type": 1, "event_type": "X"},
    )
    path = f"/webhook/update/{created['data']['id']}"
    status, body = await api.call("PUT", path, {})
    assert status == 400 and "nothing to update" in body["message"]
    status, body = await api.call("PUT", path, {"webhook_url": "mailto:x@y.z"})
    assert status == 400 and "webhook_url" in body["message"]
    status, body = await api.call("PUT", path, {"event_types": []})
    assert status == 400 and "event_types" in body["message"]
