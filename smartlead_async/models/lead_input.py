"""Leads as the SDK sends them (imports into campaigns and Lead Lists), with client-side checks."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import orjson

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
        texts = {name: getattr(self, name) for name in TEXT_FIELDS}
        return _wire(self.email, texts, self.custom_fields)


def _wire(email: str, texts: Mapping[str, str | None], custom: Mapping[str, Any]) -> dict[str, Any]:
    """A lead's ``lead_list`` row: the email, the text fields that are set, the custom fields
    when there are any."""
    body: dict[str, Any] = {"email": email}
    body.update((name, value) for name, value in texts.items() if value is not None)
    if custom:
        body["custom_fields"] = dict(custom)
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
    try:
        for key, value in custom.items():
            _check_custom(key, value)
    except (ValidationError, InvalidTypeError):
        return False
    return True


def encode_lead(lead: LeadInput) -> bytes:
    """The row's JSON as sent and as the import journal digests it (keys sorted)."""
    return _encode(lead.to_wire())


def _encode(wire: dict[str, Any]) -> bytes:
    # orjson's output buffer outgrows a short row; an exact-size copy is what a batch keeps
    # (keeping the originals costs several microseconds of allocation per row).
    return bytes(bytearray(orjson.dumps(wire, option=orjson.OPT_SORT_KEYS)))


class CheckedLeads(list[LeadInput]):
    """Rows the import engine has already validated, each with its JSON ready to send.

    ``add_leads`` takes such a batch as it is: no row is validated or encoded twice.
    """

    def __init__(self, rows: Iterable[LeadInput] = (), encoded: Iterable[bytes] = ()) -> None:
        super().__init__(rows)
        #: ``encode_lead(row)`` for each row, in order.
        self.encoded: list[bytes] = list(encoded)

    def add(self, lead: LeadInput, encoded: bytes) -> None:
        """Append one validated row and its JSON."""
        self.append(lead)
        self.encoded.append(encoded)

    def cut(self, start: int, stop: int) -> CheckedLeads:
        """The rows ``start:stop`` with their JSON."""
        return CheckedLeads(self[start:stop], self.encoded[start:stop])


def encoded_rows(rows: Iterable[LeadInput]) -> list[bytes]:
    """``encode_lead`` of each row, taken from a :class:`CheckedLeads` batch where it can be."""
    if isinstance(rows, CheckedLeads) and len(rows.encoded) == len(rows):
        return rows.encoded
    return [encode_lead(row) for row in rows]


def wire_rows(rows: Iterable[LeadInput]) -> list[Any]:
    """The ``lead_list`` array for rows from :func:`check_lead_rows`, each encoded once."""
    return [orjson.Fragment(encoded) for encoded in encoded_rows(rows)]


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
    if isinstance(row, LeadInput) and _is_clean(row):
        return row  # already validated (e.g. by import_leads before add_leads)
    email, fields, custom = _clean_parts(row)
    return _lead(email, fields, custom)


def checked_lead(row: LeadInput | Mapping[str, Any] | UnreadableRow) -> tuple[LeadInput, bytes]:
    """:func:`to_lead_input` of the row and its :func:`encode_lead` JSON."""
    if isinstance(row, LeadInput) and _is_clean(row):
        return row, encode_lead(row)
    email, fields, custom = _clean_parts(row)
    return _lead(email, fields, custom), _encode(_wire(email, fields, custom))


_SET_EMAIL = LeadInput.email.__set__  # type: ignore[attr-defined]
_SET_CUSTOM = LeadInput.custom_fields.__set__  # type: ignore[attr-defined]
_SET_TEXT = [(name, getattr(LeadInput, name).__set__) for name in TEXT_FIELDS]


def _lead(email: str, fields: dict[str, str], custom: dict[str, Any]) -> LeadInput:
    """A :class:`LeadInput` of checked parts, its slots filled directly (as ``__init__`` would,
    without re-reading keyword arguments)."""
    lead: LeadInput = object.__new__(LeadInput)
    _SET_EMAIL(lead, email)
    _SET_CUSTOM(lead, custom)
    get = fields.get
    for name, store in _SET_TEXT:
        store(lead, get(name))
    return lead


_TEXT_NAMES = frozenset(TEXT_FIELDS)


def _clean_parts(row: Any) -> tuple[str, dict[str, str], dict[str, Any]]:
    """The checked email, text fields (blank ones dropped) and custom fields of a row."""
    if row.__class__ is dict:
        data: dict[str, Any] = row
    elif isinstance(row, UnreadableRow):
        raise ValidationError(row.reason)
    elif isinstance(row, LeadInput):
        data = attrs.asdict(row)
    elif isinstance(row, Mapping):
        data = dict(row)
    else:
        raise InvalidTypeError(f"a lead row must be a dict or LeadInput, got {type(row).__name__}")
    raw_email = data.get("email")
    if raw_email is None or (isinstance(raw_email, str) and not raw_email.strip()):
        raise ValidationError("email is missing")
    if not isinstance(raw_email, str):
        raise InvalidTypeError(f"email must be text, got {type(raw_email).__name__}")
    email = raw_email.strip()
    if not is_valid_email(email):
        raise ValidationError(f"email {email!r} is not a valid address")
    fields: dict[str, str] = {}
    others: dict[str, Any] = {}
    custom: Any = None
    for name, value in data.items():  # one pass over the keys the row has
        if value is None:
            continue
        if name in _TEXT_NAMES:
            text = value.strip() if value.__class__ is str else _text(name, value)
            if text:
                fields[name] = text
        elif name == "custom_fields":
            custom = value
        elif name != "email":
            others[name] = value
    custom = custom or {}
    if not isinstance(custom, Mapping):
        raise InvalidTypeError(f"custom_fields must be a dict, got {type(custom).__name__}")
    merged: dict[str, Any] = {**others, **custom}
    for key, value in merged.items():
        _check_custom(key, value)
    if len(merged) > MAX_CUSTOM_FIELDS:
        raise ValidationError(
            f"{len(merged)} custom fields; the API accepts at most {MAX_CUSTOM_FIELDS} per lead"
        )
    return email, fields, merged


def _check_custom(key: Any, value: Any) -> None:
    """One custom field: a non-empty text name; text, a finite number, a boolean or None."""
    if key.__class__ is not str or not key.strip():
        raise ValidationError(f"custom field names must be non-empty text, got {key!r}")
    if value is None or value.__class__ is str or value.__class__ is int:
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError(f"custom field values must be finite numbers, got {value!r}")
    elif not isinstance(value, (str, int, bool)):
        raise InvalidTypeError(
            f"custom field {key!r} must be text or a number, got {type(value).__name__}"
        )


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
    if isinstance(leads, CheckedLeads) and 0 < len(leads) <= max_rows:
        return leads  # validated by the import engine
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
