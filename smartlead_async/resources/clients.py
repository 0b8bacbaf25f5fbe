"""``client.clients``: agency (white-label) clients and their API keys."""

from __future__ import annotations

import builtins
import re
from collections.abc import Iterable

from smartlead_async._validate import (
    check_choice,
    check_email,
    check_flag,
    check_id,
    check_name,
    check_optional_id,
    check_range,
    check_text,
    check_url,
    drop_none,
)
from smartlead_async.catalog import K1, K2, K3, K4, K5, K6
from smartlead_async.errors import InvalidTypeError, ValidationError
from smartlead_async.models.clients import ApiKeyStatus, Client, ClientApiKey
from smartlead_async.models.common import OkResponse
from smartlead_async.resources._base import Resource

_KEY_NAME = re.compile(r"^[A-Za-z0-9 _-]+$")
_API_KEY_STATUSES = ("active", "inactive")


def _check_key_name(name: str, value: str) -> str:
    check_name(name, value, max_length=255)
    if not _KEY_NAME.match(value):
        raise ValidationError(
            f"{name} may contain only letters, digits, spaces, hyphens and underscores; "
            f"got {value!r}"
        )
    return value


def _check_permissions(values: Iterable[str] | None) -> list[str] | None:
    if values is None:
        return None
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InvalidTypeError(
            "permission must be a list of strings such as ['full_access'], "
            f"got {type(values).__name__}"
        )
    result = [check_name(f"permission[{index}]", value) for index, value in enumerate(values)]
    if not result:
        raise ValidationError(
            "permission needs at least one entry (e.g. ['full_access']); omit it for the default"
        )
    return result


class ClientsResource(Resource):
    """Agency clients (K1, K2) and client API keys (K3-K6)."""

    async def list(self) -> list[Client]:
        """All agency clients. ``GET /client/`` (K1).

        Not paginated. Reads both the bare array and the ``{ok, data: [...]}`` envelope.
        """
        return await self._send_list(K1)

    async def save(
        self,
        *,
        name: str,
        email: str,
        permission: Iterable[str] | None = None,
        password: str | None = None,
        logo: str | None = None,
        logo_url: str | None = None,
        is_credit_assigned: bool | None = None,
        email_credits: int | None = None,
        lead_credits: int | None = None,
        client_id: int | None = None,
        uuid: str | None = None,
    ) -> Client:
        """Create or update an agency client. ``POST /client/save`` (K2).

        Updates the client ``client_id`` when it is given (sent as ``id``). ``email`` must be a
        valid address (unique per account); ``permission`` is a list such as
        ``["full_access"]`` or ``["reply_master_inbox"]``; credits are >= 0.
        """
        body = drop_none(
            {
                "id": check_optional_id("client_id", client_id),
                "name": check_name("name", name, max_length=255),
                "email": check_email("email", email),
                "permission": _check_permissions(permission),
                "password": None if password is None else check_name("password", password),
                "logo": check_text("logo", logo),
                "logo_url": check_url("logo_url", logo_url, max_length=2048),
                "is_credit_assigned": check_flag("is_credit_assigned", is_credit_assigned),
                "email_credits": check_range("email_credits", email_credits, 0),
                "lead_credits": check_range("lead_credits", lead_credits, 0),
                "uuid": None if uuid is None else check_name("uuid", uuid),
            }
        )
        return await self._send(K2, json=body)

    async def create_api_key(self, client_id: int, key_name: str) -> ClientApiKey:
        """Issue an API key to a client. ``POST /client/api-key`` (K3).

        ``key_name`` may contain letters, digits, spaces, hyphens and underscores. The new key
        is in :attr:`ClientApiKey.api_key` (hidden from ``repr``).
        """
        body = {
            "clientId": check_id("client_id", client_id),
            "keyName": _check_key_name("key_name", key_name),
        }
        return await self._send(K3, json=body)

    async def list_api_keys(
        self,
        *,
        client_id: int | None = None,
        status: ApiKeyStatus | None = None,
        key_name: str | None = None,
    ) -> builtins.list[ClientApiKey]:
        """Client API keys, optionally filtered. ``GET /client/api-key`` (K4).

        Filters: ``client_id``, ``status`` (active or inactive), ``key_name``.
        """
        params = {
            "clientId": check_optional_id("client_id", client_id),
            "status": check_choice("status", status, _API_KEY_STATUSES),
            "keyName": check_text("key_name", key_name),
        }
        return await self._send_list(K4, params=params)

    async def delete_api_key(self, key_id: int) -> OkResponse:
        """Delete a client API key. ``DELETE /client/api-key/{key_id}`` (K5)."""
        return await self._send(K5, key_id=key_id)

    async def reset_api_key(self, key_id: int) -> ClientApiKey:
        """Replace a client API key's secret. ``PUT /client/api-key/reset/{key_id}`` (K6).

        Not idempotent (each call issues a new secret), so failures are not blindly retried.
        """
        return await self._send(K6, key_id=key_id)
