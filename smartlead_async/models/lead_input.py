"""Leads as the SDK sends them (imports into campaigns and Lead Lists), with client-side checks."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from smartlead_async._validate import MAX_EMAIL_LENGTH as MAX_EMAIL_LENGTH
from smartlead_async._validate import is_valid_email
from smartlead_async.errors import InvalidTypeError, ValidationError

#: The API's per-lead limit on custom fields (catalog L2).
MAX_CUSTOM_FIELDS = 200

#: The optional text fields of a lead, in the API's names.
TEXT_FIELDS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "company_name",
    "phone_number",
    "website",
    "location",
    "linkedin_profile",
    "company_url",
)


@attrs.frozen(kw_only=True)
class LeadInput:
    """One lead to import. Only ``email`` is required; ``custom_fields`` become merge tags."""

    email: str
    first_name: str | None = None
    last_name: str | None = None
    company_name: str | None = None
    phone_number: str | None = None
    website: str | None = None
    location: str | None = None
    linkedin_profile: str | None = None
    company_url: str | None = None
    custom_fields: dict[str, str | int | float | bool | None] = attrs.field(factory=dict)

    def to_wire(self) -> dict[str, Any]:
        """The JSON object the API expects for one row of ``lead_list``."""
        body: dict[str, Any] = {"email": self.email}
        for name in TEXT_FIELDS:
            value = getattr(self, name)
            if value is not None:
                body[name] = value
        if self.custom_fields:
            body["custom_fields"] = dict(self.custom_fields)
        return body


def _text(name: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InvalidTypeError(f"{name} must be text, got a boolean")
    if isinstance(value, (int, float)):
        return str(value)
    if not isinstance(value, str):
        raise InvalidTypeError(f"{name} must be text, got {type(value).__name__}")
    return value.strip() or None


def _is_clean(lead: LeadInput) -> bool:
    """True when ``to_lead_input`` would return an equal object (a cheap re-check)."""
    email = lead.email
    if not isinstance(email, str) or email != email.strip() or not is_valid_email(email):
        return False
    for name in TEXT_FIELDS:
        value = getattr(lead, name)
        if value is not None and (
            not isinstance(value, str) or not value or value != value.strip()
        ):
            return False
    custom = lead.custom_fields
    if not isinstance(custom, dict) or len(custom) > MAX_CUSTOM_FIELDS:
        return False
    return all(
        isinstance(key, str)
        and key.strip()
        and value is not None
        and isinstance(value, (str, int, float, bool))
        for key, value in custom.items()
    )


@attrs.frozen
class UnreadableRow:
    """An input record a reader could not turn into a row (a CSV field over the size limit).

    Pass it among the rows: the import rejects it, with ``reason``, and goes on.
    """

    reason: str
    #: The record's line in its file (1-based), when known.
    line: int | None = None


def to_lead_input(row: LeadInput | Mapping[str, Any] | UnreadableRow) -> LeadInput:
    """Validate one input row (a dict or a :class:`LeadInput`) into a clean :class:`LeadInput`.

    Raises :class:`~smartlead_async.errors.ValidationError` (or ``InvalidTypeError``) whose
    message says what is wrong with the row. Unknown keys of a dict row are treated as custom
    fields, so a CSV row with extra columns imports as-is.
    """
    if isinstance(row, UnreadableRow):
        raise ValidationError(row.reason)
    if isinstance(row, LeadInput):
        if _is_clean(row):
            return row  # already validated (e.g. by import_leads before add_leads)
        data: dict[str, Any] = attrs.asdict(row)
    elif isinstance(row, Mapping):
        data = dict(row)
    else:
        raise InvalidTypeError(f"a lead row must be a dict or LeadInput, got {type(row).__name__}")
    raw_email = data.pop("email", None)
    if raw_email is None or (isinstance(raw_email, str) and not raw_email.strip()):
        raise ValidationError("email is missing")
    if not isinstance(raw_email, str):
        raise InvalidTypeError(f"email must be text, got {type(raw_email).__name__}")
    email = raw_email.strip()
    if not is_valid_email(email):
        raise ValidationError(f"email {email!r} is not a valid address")
    fields = {name: _text(name, data.pop(name, None)) for name in TEXT_FIELDS}
    custom = data.pop("custom_fields", None) or {}
    if not isinstance(custom, Mapping):
        raise InvalidTypeError(f"custom_fields must be a dict, got {type(custom).__name__}")
    merged: dict[str, Any] = {**{k: v for k, v in data.items() if v is not None}, **custom}
    for key, value in merged.items():
        if not isinstance(key, str) or not key.strip():
            raise ValidationError(f"custom field names must be non-empty text, got {key!r}")
        if value is not None and not isinstance(value, (str, int, float, bool)):
            raise InvalidTypeError(
                f"custom field {key!r} must be text or a number, got {type(value).__name__}"
            )
    if len(merged) > MAX_CUSTOM_FIELDS:
        raise ValidationError(
            f"{len(merged)} custom fields; the API accepts at most {MAX_CUSTOM_FIELDS} per lead"
        )
    return LeadInput(email=email, custom_fields=merged, **fields)


def check_lead_rows(
    name: str, leads: Iterable[LeadInput | Mapping[str, Any]], *, max_rows: int
) -> list[LeadInput]:
    """1 to ``max_rows`` lead rows (dicts or :class:`LeadInput`), each validated.

    A bad row's error names its index; the input is read at most one row past the cap.
    """
    if isinstance(leads, (str, bytes, Mapping)) or not isinstance(leads, Iterable):
        raise InvalidTypeError(
            f"{name} must be a list of LeadInput rows or a list of dicts, "
            f"got {type(leads).__name__}"
        )
    raw_rows = list(itertools.islice(leads, max_rows + 1))
    if not raw_rows:
        raise ValidationError(f"{name} is empty; pass 1-{max_rows} rows")
    if len(raw_rows) > max_rows:
        raise ValidationError(
            f"{name} has more than {max_rows} rows; the API takes at most {max_rows} per "
            "request (use import_leads to send any number in batches)"
        )
    rows: list[LeadInput] = []
    for index, row in enumerate(raw_rows):
        try:
            rows.append(to_lead_input(row))
        except (ValidationError, InvalidTypeError) as exc:
            raise type(exc)(f"{name}[{index}]: {exc}") from None
    return rows
