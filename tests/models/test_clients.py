"""Decoding of agency-client models; secrets stay out of ``repr``."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from smartlead_async import ResponseValidationError
from smartlead_async.models.clients import Client, ClientApiKey, ClientPermission

# K1 row as a real response spells it (OHIO README: misspelled keys).
LIVE_ROW = {
    "id": 301,
    "name": "Acme",
    "email": "ops@acme.com",
    "uuid": "6f1c-44",
    "created_at": "2025-12-01T10:00:00.000Z",
    "user_id": 12,
    "logo": "ACME",
    "logo_url": None,
    "client_permision": {"permission": ["reply_master_inbox"], "retricted_category": [9]},
}


def test_client_live_row() -> None:
    client = Client.from_dict(LIVE_ROW)
    assert (client.id, client.name, client.email, client.uuid) == (
        301,
        "Acme",
        "ops@acme.com",
        "6f1c-44",
    )
    assert client.created_at == datetime(2025, 12, 1, 10, 0, tzinfo=UTC)
    assert client.logo_url is None
    assert client.client_permission == ClientPermission(
        permission=["reply_master_inbox"], restricted_category=[9]
    )
    assert client.extra == {}


def test_client_correctly_spelled_alternatives() -> None:
    client = Client.from_dict(
        {
            "id": "302",
            "client_permission": {"permissions": ["full_access"], "restricted_category": []},
        }
    )
    assert client.id == 302
    assert client.client_permission is not None
    assert client.client_permission.permission == ["full_access"]


def test_client_save_answer() -> None:
    client = Client.from_dict(
        {
            "id": 303,
            "name": "Beta",
            "email": "b@beta.io",
            "permissions": ["full_access"],
            "logo": None,
            "password": "hunter2-secret",
            "email_credits": "100",
        }
    )
    assert client.permission == ["full_access"]
    assert client.email_credits == 100
    assert client.password == "hunter2-secret"
    assert "hunter2-secret" not in repr(client)


def test_client_requires_id() -> None:
    with pytest.raises(ResponseValidationError, match="id"):
        Client.from_dict({"name": "No id"})


def test_api_key_snake_and_camel() -> None:
    snake = ClientApiKey.from_dict(
        {
            "id": 45,
            "client_id": 301,
            "key_name": "Production Key",
            "api_key": "cl_live_abcdef",
            "status": "active",
            "created_at": "2025-12-01T10:00:00.000Z",
        }
    )
    camel = ClientApiKey.from_dict(
        {
            "id": "45",
            "clientId": "301",
            "keyName": "Production Key",
            "apiKey": "cl_live_abcdef",
            "status": "active",
            "createdAt": "2025-12-01T10:00:00.000Z",
        }
    )
    assert snake == camel
    assert snake.api_key == "cl_live_abcdef"
    assert snake.created_at == datetime(2025, 12, 1, 10, 0, tzinfo=UTC)
    assert "cl_live_abcdef" not in repr(snake)
    assert "Production Key" in repr(snake)


def test_api_key_to_dict_keeps_wire_names() -> None:
    key = ClientApiKey.from_dict({"id": 1, "keyName": "a", "apiKey": "s"})
    assert key.to_dict()["key_name"] == "a"
    assert key.to_dict()["api_key"] == "s"
