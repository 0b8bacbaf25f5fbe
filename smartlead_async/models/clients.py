"""Agency client models (K1-K6). Client API keys and passwords are secrets: hidden from ``repr``."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

import attrs

from smartlead_async.models.common import Model, secret, wire

#: Status filter of the client API key list (K4).
ApiKeyStatus = Literal["active", "inactive"]


@attrs.frozen(kw_only=True, slots=False)
class ClientPermission(Model):
    """A client's permissions (the API spells the wire key ``client_permision``)."""

    permission: list[str] = wire("permission", "permissions", factory=list)
    restricted_category: list[Any] = wire("retricted_category", "restricted_category", factory=list)


@attrs.frozen(kw_only=True, slots=False)
class Client(Model):
    """An agency (white-label) client (K1, K2)."""

    id: int
    name: str | None = None
    email: str | None = None
    uuid: str | None = None
    user_id: int | None = None
    logo: str | None = None
    logo_url: str | None = None
    #: The ``permissions`` list of a save answer (K2).
    permission: list[str] = wire("permission", "permissions", factory=list)
    #: The permission object of a list row (K1).
    client_permission: ClientPermission | None = wire("client_permision", "client_permission")
    is_credit_assigned: bool | None = None
    email_credits: int | None = None
    lead_credits: int | None = None
    created_at: datetime | None = None
    password: str | None = secret("password")


@attrs.frozen(kw_only=True, slots=False)
class ClientApiKey(Model):
    """An API key issued to a client (K3, K4, K6). ``api_key`` is a secret (never in ``repr``)."""

    id: int
    client_id: int | None = wire("client_id", "clientId")
    key_name: str | None = wire("key_name", "keyName")
    status: str | None = None
    api_key: str | None = secret("api_key", "apiKey")
    created_at: datetime | None = wire("created_at", "createdAt")
    updated_at: datetime | None = wire("updated_at", "updatedAt")


__all__ = ["ApiKeyStatus", "Client", "ClientApiKey", "ClientPermission"]
