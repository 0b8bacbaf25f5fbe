"""``client.clients``: wire-level tests (exact paths, queries and bodies) and client-side limits."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import (
    AuthenticationError,
    BadRequestError,
    InvalidTypeError,
    NotFoundError,
    ServerError,
    SmartleadClient,
    ValidationError,
)
from smartlead_async.retry import RetryPolicy
from smartlead_async.testing.pytest_plugin import SandboxClient
from tests.helpers.clients import sandbox_client, wire_client
from tests.helpers.wire import attempts, route, sent

pytestmark = [
    pytest.mark.smartlead_sandbox(rate_limits=None, seed=5),
    pytest.mark.smartlead_client(retry=None),
]
RETRY = RetryPolicy(max_attempts=3, base_delay=0.001, max_delay=0.002)


CLIENT_ROW = {
    "id": 301,
    "name": "Acme",
    "email": "ops@acme.com",
    "uuid": "6f1c",
    "created_at": "2025-12-01T10:00:00.000Z",
    "user_id": "12",
    "logo": None,
    "logo_url": "https://acme.com/logo.png",
    "client_permision": {"permission": ["full_access"], "retricted_category": []},
}


@pytest.mark.parametrize("payload", [[CLIENT_ROW], {"ok": True, "data": [CLIENT_ROW]}])
async def test_list_reads_both_envelopes(
    sl: SmartleadClient, m: aioresponses, payload: Any
) -> None:
    m.get(route("/client/"), payload=payload)
    clients = await sl.clients.list()
    assert len(clients) == 1
    client = clients[0]
    assert (client.id, client.name, client.email, client.user_id) == (
        301,
        "Acme",
        "ops@acme.com",
        12,
    )
    assert client.created_at == datetime(2025, 12, 1, 10, 0, tzinfo=UTC)
    assert client.client_permission is not None
    assert client.client_permission.permission == ["full_access"]
    assert sent(m) == [("GET", "/client/", {}, None)]


async def test_save_creates(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(
        route("/client/save"),
        payload={
            "id": 302,
            "name": "Beta",
            "email": "beta@beta.io",
            "permissions": ["reply_master_inbox"],
            "logo": "Beta",
        },
    )
    client = await sl.clients.save(
        name="Beta",
        email=" beta@beta.io ",
        permission=["reply_master_inbox"],
        password="s3cret-pass",
        logo="Beta",
        logo_url="https://beta.io/l.png",
        is_credit_assigned=True,
        email_credits=100,
        lead_credits=0,
    )
    assert (client.id, client.name, client.permission) == (302, "Beta", ["reply_master_inbox"])
    assert sent(m) == [
        (
            "POST",
            "/client/save",
            {},
            {
                "name": "Beta",
                "email": "beta@beta.io",
                "permission": ["reply_master_inbox"],
                "password": "s3cret-pass",
                "logo": "Beta",
                "logo_url": "https://beta.io/l.png",
                "is_credit_assigned": True,
                "email_credits": 100,
                "lead_credits": 0,
            },
        )
    ]
    assert "s3cret-pass" not in repr(client)


async def test_save_updates_by_id(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(route("/client/save"), payload={"ok": True, "data": {"id": 302, "name": "Beta 2"}})
    client = await sl.clients.save(name="Beta 2", email="beta@beta.io", client_id=302, uuid="u-1")
    assert (client.id, client.name) == (302, "Beta 2")
    assert sent(m)[0][3] == {"id": 302, "name": "Beta 2", "email": "beta@beta.io", "uuid": "u-1"}


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"name": "", "email": "a@b.co"}, ValidationError, "name must not be empty"),
        ({"name": "A", "email": "nope"}, ValidationError, "not a valid email"),
        ({"name": "A", "email": 5}, InvalidTypeError, "email must be an email"),
        ({"name": "A", "email": "a@b.co", "permission": "full_access"}, InvalidTypeError, "list"),
        ({"name": "A", "email": "a@b.co", "permission": []}, ValidationError, "at least one"),
        ({"name": "A", "email": "a@b.co", "permission": [""]}, ValidationError, "permission"),
        ({"name": "A", "email": "a@b.co", "email_credits": -1}, ValidationError, "email_credits"),
        ({"name": "A", "email": "a@b.co", "logo_url": "ftp://x"}, ValidationError, "http"),
        ({"name": "A", "email": "a@b.co", "password": " "}, ValidationError, "password"),
        ({"name": "A", "email": "a@b.co", "client_id": "3"}, InvalidTypeError, "client_id"),
        ({"name": "A", "email": "a@b.co", "is_credit_assigned": 1}, InvalidTypeError, "True"),
    ],
)
async def test_save_rejects_bad_input_without_request(
    sl: SmartleadClient,
    m: aioresponses,
    kwargs: dict[str, Any],
    error: type[Exception],
    fragment: str,
) -> None:
    with pytest.raises(error, match=fragment):
        await sl.clients.save(**kwargs)
    assert m.requests == {}


async def test_save_create_is_not_retried_but_update_is(m: aioresponses) -> None:
    async with wire_client(retry=RETRY) as client:
        m.post(route("/client/save"), status=500, payload={"message": "boom"}, repeat=True)
        with pytest.raises(ServerError):
            await client.clients.save(name="A", email="a@b.co")
        assert attempts(m) == 1
        with pytest.raises(ServerError):
            await client.clients.save(name="A", email="a@b.co", client_id=9)
        assert attempts(m) == 4


KEY = {
    "id": 45,
    "client_id": 301,
    "key_name": "Production Key",
    "api_key": "cl_live_xxxxxxxxxxxxxxxx",
    "status": "active",
    "created_at": "2025-12-01T10:00:00.000Z",
}


async def test_create_api_key(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(route("/client/api-key"), payload={"ok": True, "data": KEY})
    key = await sl.clients.create_api_key(301, "Production Key")
    assert (key.id, key.client_id, key.key_name, key.status) == (
        45,
        301,
        "Production Key",
        "active",
    )
    assert key.api_key == "cl_live_xxxxxxxxxxxxxxxx"
    assert "cl_live" not in repr(key)
    assert sent(m) == [
        ("POST", "/client/api-key", {}, {"clientId": 301, "keyName": "Production Key"})
    ]


@pytest.mark.parametrize(
    ("key_name", "error", "fragment"),
    [
        ("prod/key", ValidationError, "letters, digits, spaces, hyphens and underscores"),
        ("", ValidationError, "key_name must not be empty"),
        ("x" * 256, ValidationError, "at most 255"),
        (None, InvalidTypeError, "key_name must be a str"),
    ],
)
async def test_create_api_key_checks_name(
    sl: SmartleadClient, m: aioresponses, key_name: Any, error: type[Exception], fragment: str
) -> None:
    with pytest.raises(error, match=fragment):
        await sl.clients.create_api_key(301, key_name)
    assert m.requests == {}


async def test_list_api_keys_filters(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(route("/client/api-key"), payload={"ok": True, "data": [KEY, {**KEY, "id": 46}]})
    keys = await sl.clients.list_api_keys(client_id=301, status="active", key_name="Prod")
    assert [k.id for k in keys] == [45, 46]
    assert sent(m) == [
        ("GET", "/client/api-key", {"clientId": "301", "status": "active", "keyName": "Prod"}, None)
    ]


async def test_list_api_keys_nested_and_camel_case(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(
        route("/client/api-key"),
        payload={
            "ok": True,
            "data": {"keys": [{"id": 7, "clientId": 3, "keyName": "k1", "apiKey": "cl_live_y"}]},
        },
    )
    keys = await sl.clients.list_api_keys()
    assert [(k.id, k.client_id, k.key_name, k.api_key) for k in keys] == [(7, 3, "k1", "cl_live_y")]
    assert sent(m)[0][2] == {}


async def test_list_api_keys_checks_status(sl: SmartleadClient, m: aioresponses) -> None:
    with pytest.raises(ValidationError, match="status must be one of active, inactive"):
        await sl.clients.list_api_keys(status="revoked")  # type: ignore[arg-type]
    assert m.requests == {}


async def test_delete_api_key(sl: SmartleadClient, m: aioresponses) -> None:
    m.delete(route("/client/api-key/45"), payload={"ok": True})
    assert (await sl.clients.delete_api_key(45)).ok is True
    assert sent(m) == [("DELETE", "/client/api-key/45", {}, None)]


async def test_reset_api_key(sl: SmartleadClient, m: aioresponses) -> None:
    m.put(route("/client/api-key/reset/45"), payload={"ok": True, "data": {"api_key": "cl_new"}})
    key = await sl.clients.reset_api_key(45)
    assert (key.id, key.api_key) == (45, "cl_new")
    assert "cl_new" not in repr(key)
    assert sent(m) == [("PUT", "/client/api-key/reset/45", {}, None)]


async def test_reset_api_key_full_answer(sl: SmartleadClient, m: aioresponses) -> None:
    m.put(route("/client/api-key/reset/45"), payload={**KEY, "api_key": "cl_live_new"})
    key = await sl.clients.reset_api_key(45)
    assert (key.id, key.key_name, key.api_key) == (45, "Production Key", "cl_live_new")


async def test_reset_api_key_is_not_retried(m: aioresponses) -> None:
    async with wire_client(retry=RETRY) as client:
        m.put(route("/client/api-key/reset/45"), status=502, payload={}, repeat=True)
        with pytest.raises(ServerError):
            await client.clients.reset_api_key(45)
        assert attempts(m) == 1


async def test_key_ids_are_checked(sl: SmartleadClient, m: aioresponses) -> None:
    with pytest.raises(InvalidTypeError, match="key_id must be an int"):
        await sl.clients.delete_api_key("45")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="key_id must be a positive id"):
        await sl.clients.reset_api_key(-2)
    assert m.requests == {}


# --- end to end against the sandbox ---------------------------------------------------------


async def test_sandbox_save_and_list(smartlead_sandbox_client: SandboxClient) -> None:
    sb, sl = smartlead_sandbox_client
    created = await sl.clients.save(
        name="Acme", email="ops@acme.com", permission=["reply_master_inbox"], password="pw-123456"
    )
    stored = sb.state.clients[created.id]
    assert (stored.name, stored.email, stored.permission) == (
        "Acme",
        "ops@acme.com",
        ["reply_master_inbox"],
    )
    assert created.permission == ["reply_master_inbox"]
    assert created.uuid == stored.uuid

    updated = await sl.clients.save(name="Acme Corp", email="ops@acme.com", client_id=created.id)
    assert (updated.id, updated.name) == (created.id, "Acme Corp")
    assert stored.name == "Acme Corp"

    listed = await sl.clients.list()
    assert [(c.id, c.name, c.email) for c in listed] == [(created.id, "Acme Corp", "ops@acme.com")]
    assert listed[0].client_permission is not None
    assert listed[0].client_permission.permission == ["reply_master_inbox"]


async def test_sandbox_duplicate_email_is_rejected(
    smartlead_sandbox_client: SandboxClient,
) -> None:
    _, sl = smartlead_sandbox_client
    await sl.clients.save(name="A", email="dup@acme.com")
    with pytest.raises(BadRequestError, match="already exists"):
        await sl.clients.save(name="B", email="dup@acme.com")


async def test_sandbox_api_key_lifecycle(smartlead_sandbox_client: SandboxClient) -> None:
    sb, sl = smartlead_sandbox_client
    client = await sl.clients.save(name="Keys Inc", email="keys@keys.io")
    key = await sl.clients.create_api_key(client.id, "Production Key")
    assert (key.client_id, key.key_name, key.status) == (client.id, "Production Key", "active")
    assert key.api_key == sb.state.client_api_keys[key.id].api_key
    other = await sl.clients.create_api_key(client.id, "staging_2")

    listed = await sl.clients.list_api_keys(client_id=client.id)
    assert [k.id for k in listed] == [key.id, other.id]
    named = await sl.clients.list_api_keys(key_name="staging", status="active")
    assert [k.id for k in named] == [other.id]
    assert await sl.clients.list_api_keys(status="inactive") == []

    assert key.api_key is not None
    async with sandbox_client(sb, api_key=key.api_key) as as_client:
        assert len(await as_client.leads.list_categories()) == len(sb.state.categories)

        reset = await sl.clients.reset_api_key(key.id)
        assert reset.id == key.id
        assert reset.api_key not in (None, key.api_key)
        with pytest.raises(AuthenticationError):
            await as_client.leads.list_categories()

    assert (await sl.clients.delete_api_key(other.id)).ok is True
    assert other.id not in sb.state.client_api_keys
    with pytest.raises(NotFoundError):
        await sl.clients.delete_api_key(other.id)
