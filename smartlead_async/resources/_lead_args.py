"""Argument checks and response helpers shared by the ``leads`` and ``clients`` namespaces."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from smartlead_async._convert import parse_datetime
from smartlead_async._transport import Response
from smartlead_async.errors import (
    APIError,
    InvalidTypeError,
    ResponseValidationError,
    ValidationError,
)
from smartlead_async.models.common import OkResponse
from smartlead_async.models.lead_input import is_valid_email
from smartlead_async.resources._base import decode

_DOMAIN = re.compile(
    r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)


def check_email(name: str, value: str | None) -> str | None:
    """An optional, well-formed email address (surrounding blanks removed)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidTypeError(f"{name} must be an email address (str), got {type(value).__name__}")
    email = value.strip()
    if not is_valid_email(email):
        raise ValidationError(f"{name} {value!r} is not a valid email address")
    return email


def check_flag(name: str, value: bool | None) -> bool | None:
    """An optional bool (ints and strings rejected, so ``0``/``"false"`` cannot slip through)."""
    if value is not None and not isinstance(value, bool):
        raise InvalidTypeError(f"{name} must be True or False, got {type(value).__name__}")
    return value


def check_name(name: str, value: str, *, max_length: int | None = None) -> str:
    """A required, non-blank string."""
    if not isinstance(value, str):
        raise InvalidTypeError(f"{name} must be a str, got {type(value).__name__}")
    if not value.strip():
        raise ValidationError(f"{name} must not be empty")
    if max_length is not None and len(value) > max_length:
        raise ValidationError(f"{name} is at most {max_length} characters, got {len(value)}")
    return value


def iso_time(name: str, value: datetime | date | str | None) -> str | None:
    """An optional timestamp query value: a ``datetime`` (naive = UTC), a ``date`` or ISO text."""
    if value is None:
        return None
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        text = aware.astimezone(UTC).isoformat()
        return text.replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise InvalidTypeError(
            f"{name} must be a datetime, a date or ISO 8601 text, got {type(value).__name__}"
        )
    try:
        parse_datetime(value)
    except ValueError:
        raise ValidationError(
            f"{name} must be an ISO 8601 date or datetime such as '2026-01-31' or "
            f"'2026-01-31T09:00:00Z', got {value!r}"
        ) from None
    return value.strip()


def check_block_entries(
    name: str, entries: Iterable[str], *, max_items: int, hint: str = ""
) -> list[str]:
    """A non-empty list of domains and/or email addresses (blanks stripped)."""
    if isinstance(entries, (str, bytes)) or not isinstance(entries, Iterable):
        raise InvalidTypeError(
            f"{name} must be a list of domains or email addresses, got {type(entries).__name__}"
        )
    values: list[str] = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, str):
            raise InvalidTypeError(f"{name}[{index}] must be a str, got {type(entry).__name__}")
        text = entry.strip()
        valid = is_valid_email(text) if "@" in text else _DOMAIN.match(text) is not None
        if not valid:
            raise ValidationError(
                f"{name}[{index}] {entry!r} is neither a domain (example.com) "
                "nor an email address (someone@example.com)"
            )
        values.append(text)
    if not values:
        raise ValidationError(f"{name} needs at least one domain or email address")
    if len(values) > max_items:
        raise ValidationError(
            f"{name} takes at most {max_items} entries per request, got {len(values)}{hint}"
        )
    return values


def unwrap_object(body: Any) -> Any:
    """``{"ok": ..., "data": {...}}`` -> the inner object; anything else unchanged."""
    if isinstance(body, Mapping) and isinstance(body.get("data"), Mapping):
        return body["data"]
    return body


def rows(body: Any, *keys: str) -> Any:
    """The array of a list answer: bare, under ``data``, or under one of ``keys`` (nested too)."""
    current = body
    while isinstance(current, Mapping):
        key = next((k for k in ("data", *keys) if k in current), None)
        if key is None:
            return current
        current = current[key]
    return current


def ack(response: Response) -> OkResponse:
    """Decode an acknowledgement; ``{"ok": false}`` is raised as :class:`APIError`.

    Accepts ``{ok: true, ...}``, the plain text ``success`` and an empty body.
    """
    body = response.body
    if body is None:
        return OkResponse()
    if isinstance(body, str):
        if body.strip().lower() in ("success", "ok"):
            return OkResponse(ok=True, message=body.strip())
        raise ResponseValidationError(
            f"expected 'success' or a JSON acknowledgement, got {body[:100]!r}",
            model="OkResponse",
        )
    result = decode(body, OkResponse)
    if result.ok is False:
        raise APIError(
            response.status,
            result.message or "the API answered ok: false",
            response.text,
            method=response.method,
            path=response.path,
            data=body,
        )
    return result
