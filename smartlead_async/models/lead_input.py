"""Leads as the SDK sends them (imports into campaigns and Lead Lists), with client-side checks."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, overload

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


class CheckedLeads(Sequence[LeadInput]):
    """Rows the import engine has already validated, held as the JSON each is sent as.

    ``add_leads`` sends such a batch as it is: no row is validated or encoded twice. Reading a
    row builds its :class:`LeadInput` from that JSON, so a batch keeps no Python objects per
    row beyond its bytes (nothing for the garbage collector to walk).
    """

    __slots__ = ("encoded",)

    def __init__(self, encoded: Iterable[bytes] = ()) -> None:
        #: ``encode_lead(row)`` for each row, in order (the engine appends to it).
        self.encoded: list[bytes] = list(encoded)

    def __len__(self) -> int:
        return len(self.encoded)

    @overload
    def __getitem__(self, index: int) -> LeadInput: ...

    @overload
    def __getitem__(self, index: slice) -> list[LeadInput]: ...

    def __getitem__(self, index: int | slice) -> LeadInput | list[LeadInput]:
        if isinstance(index, slice):
            return [decode_lead(line) for line in self.encoded[index]]
        return decode_lead(self.encoded[index])

    def __iter__(self) -> Iterator[LeadInput]:
        return map(decode_lead, self.encoded)

    def __repr__(self) -> str:
        return f"CheckedLeads(<{len(self.encoded)} rows>)"

    def cut(self, start: int, stop: int) -> CheckedLeads:
        """The rows ``start:stop``."""
        return CheckedLeads(self.encoded[start:stop])


def decode_lead(encoded: bytes) -> LeadInput:
    """The :class:`LeadInput` whose :func:`encode_lead` JSON is ``encoded``."""
    return LeadInput(**orjson.loads(encoded))


def encoded_rows(rows: Iterable[LeadInput]) -> list[bytes]:
    """``encode_lead`` of each row, taken from a :class:`CheckedLeads` batch where it can be."""
    if isinstance(rows, CheckedLeads):
        return rows.encoded
    return [encode_lead(row) for row in rows]


def wire_rows(rows: Iterable[LeadInput]) -> orjson.Fragment:
    """The ``lead_list`` array for rows from :func:`check_lead_rows`, each encoded once (one
    JSON fragment, spliced into the request body as it is)."""
    return orjson.Fragment(b"[" + b",".join(encoded_rows(rows)) + b"]")


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
    return LeadInput(**_checked_wire(row))


def checked_row(row: LeadInput | Mapping[str, Any] | UnreadableRow) -> tuple[str, bytes]:
    """The email and :func:`encode_lead` JSON of :func:`to_lead_input` of the row (without
    building the :class:`LeadInput`)."""
    if isinstance(row, LeadInput) and _is_clean(row):
        return row.email, encode_lead(row)
    wire = _checked_wire(row)
    return wire["email"], _encode(wire)


_TEXT_NAMES = frozenset(TEXT_FIELDS)
#: Custom field value classes that need no further check.
_PLAIN_VALUES = frozenset((str, int, bool, type(None)))


def _checked_wire(row: Any) -> dict[str, Any]:
    """The row's ``lead_list`` object, checked: the email stripped, blank text fields left
    out, unknown keys merged into ``custom_fields`` (left out when there are none)."""
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
    if isinstance(raw_email, str):
        email = raw_email.strip()
    elif raw_email is None:
        email = ""
    else:
        raise InvalidTypeError(f"email must be text, got {type(raw_email).__name__}")
    if not email:
        raise ValidationError("email is missing")
    if not is_valid_email(email):
        raise ValidationError(f"email {email!r} is not a valid address")
    wire: dict[str, Any] = {"email": email}
    custom: Any = None
    others: dict[str, Any] | None = None
    for name, value in data.items():  # one pass over the keys the row has
        if value is None or name == "email":
            continue
        if name in _TEXT_NAMES:
            text = value.strip() if value.__class__ is str else _text(name, value)
            if text:
                wire[name] = text
        elif name == "custom_fields":
            custom = value
        elif others is None:
            others = {name: value}
        else:
            others[name] = value
    if custom and custom.__class__ is not dict and not isinstance(custom, Mapping):
        raise InvalidTypeError(f"custom_fields must be a dict, got {type(custom).__name__}")
    if others is not None:
        merged = {**others, **custom} if custom else others
    elif custom:
        merged = dict(custom)
    else:
        return wire
    plain = _PLAIN_VALUES
    for key, value in merged.items():
        if key.__class__ is not str or value.__class__ not in plain or not key.strip():
            _check_custom(key, value)
    if len(merged) > MAX_CUSTOM_FIELDS:
        raise ValidationError(
            f"{len(merged)} custom fields; the API accepts at most {MAX_CUSTOM_FIELDS} per lead"
        )
    wire["custom_fields"] = merged
    return wire


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
) -> Sequence[LeadInput]:
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
