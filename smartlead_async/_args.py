"""Client-side argument checks: each raises before any request is sent and says what to fix.

Ints, ids, text, choices, flags and email addresses; dates and times are
:mod:`smartlead_async._time_args`. Every check returns the value to send.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from smartlead_async.errors import InvalidTypeError, ValidationError
from smartlead_async.models.lead_input import LeadInput, is_valid_email, to_lead_input

_DOMAIN = re.compile(
    r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)


# --- numbers and ids ------------------------------------------------------------------------


def check_int(name: str, value: Any, low: int, high: int | None = None, *, hint: str = "") -> int:
    """A required int within ``[low, high]`` (bools and strings rejected).

    ``hint`` follows the bound in the message, e.g. ``" for this endpoint"``.
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(f"{name} must be an int, got {type(value).__name__} {value!r}")
    if value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f">= {low}"
        raise ValidationError(f"{name} must be {bound}{hint}, got {value}")
    return value


def check_range(name: str, value: int | None, low: int, high: int | None = None) -> int | None:
    """An optional int within ``[low, high]``."""
    return None if value is None else check_int(name, value, low, high)


def check_id(name: str, value: Any) -> int:
    """An integer id (>= 0; bools and strings rejected)."""
    return check_int(name, value, 0)


def check_optional_id(name: str, value: Any) -> int | None:
    """An optional integer id: None stays None."""
    return None if value is None else check_id(name, value)


def id_params(**ids: Any) -> dict[str, int]:
    """Path parameters ``{name: id}``, each checked with :func:`check_id`."""
    return {name: check_id(name, value) for name, value in ids.items()}


def check_count(
    name: str, values: Sequence[Any], *, min_items: int = 0, max_items: int | None = None
) -> None:
    """Length bounds for a list argument."""
    if len(values) < min_items:
        raise ValidationError(f"{name} needs at least {min_items} item(s), got {len(values)}")
    if max_items is not None and len(values) > max_items:
        raise ValidationError(f"{name} takes at most {max_items} items, got {len(values)}")


def check_ids(
    name: str, values: Iterable[int], *, min_items: int = 0, max_items: int | None = None
) -> list[int]:
    """A list of integer ids within a count range."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InvalidTypeError(f"{name} must be a list of ints, got {type(values).__name__}")
    ids = [check_id(f"{name}[{index}]", value) for index, value in enumerate(values)]
    check_count(name, ids, min_items=min_items, max_items=max_items)
    return ids


# --- text, choices, flags ---------------------------------------------------------------------


def check_str(
    name: str, value: Any, *, max_length: int | None = None, allow_blank: bool = True
) -> str:
    """A required string, optionally non-blank and bounded in length."""
    if not isinstance(value, str):
        raise InvalidTypeError(f"{name} must be a str, got {type(value).__name__}")
    if not allow_blank and not value.strip():
        raise ValidationError(f"{name} must not be empty")
    if max_length is not None and len(value) > max_length:
        raise ValidationError(f"{name} is at most {max_length} characters, got {len(value)}")
    return value


def check_text(name: str, value: str | None, *, max_length: int | None = None) -> str | None:
    """An optional string with a maximum length."""
    return None if value is None else check_str(name, value, max_length=max_length)


def check_name(name: str, value: str, *, max_length: int | None = None) -> str:
    """A required, non-blank string (the message never repeats the value: it may be secret)."""
    return check_str(name, value, max_length=max_length, allow_blank=False)


def check_names(name: str, values: Sequence[str], what: str) -> list[str]:
    """A list of non-blank strings (each stripped); ``what`` names one item in messages."""
    names: list[str] = []
    for index, value in enumerate(check_list(name, values, f"{what}s")):
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(f"{name}[{index}] must be a non-empty {what}, got {value!r}")
        names.append(value.strip())
    return names


def check_url(
    name: str, value: str | None, *, required: bool = False, max_length: int | None = None
) -> str | None:
    """An absolute http(s) URL (blanks stripped); None (or blank text) passes unless required."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(f"{name} is required")
        if value is None:
            return None
    text = check_str(name, value, max_length=max_length).strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(
            f"{name} must be an absolute http(s) URL such as https://example.com/path, "
            f"got {value!r}"
        )
    return text


def check_choice(name: str, value: str | None, choices: Iterable[str]) -> str | None:
    """An optional string from a fixed set."""
    if value is None:
        return None
    allowed = tuple(choices)
    if value not in allowed:
        raise ValidationError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")
    return value


def check_flag(name: str, value: bool | None, *, required: bool = False) -> bool | None:
    """A bool (ints and strings rejected, so ``0``/``"false"`` cannot slip through).

    None passes unless ``required``.
    """
    if (value is not None or required) and not isinstance(value, bool):
        raise InvalidTypeError(f"{name} must be True or False, got {type(value).__name__}")
    return value


def check_mapping(name: str, value: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """An optional JSON object, copied."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidTypeError(f"{name} must be a dict, got {type(value).__name__}")
    return dict(value)


def check_list(name: str, value: Any, what: str) -> Sequence[Any]:
    """A list (or tuple) argument; a bare string or mapping is rejected with ``what`` it holds."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Sequence):
        raise InvalidTypeError(f"{name} must be a list of {what}, got {type(value).__name__}")
    return value


# --- email addresses and domains ----------------------------------------------------------------


def check_email(name: str, value: str | None, *, required: bool = False) -> str | None:
    """An email address with surrounding blanks removed; None passes unless ``required``."""
    if value is None:
        if required:
            raise ValidationError(f"{name} is required: an email address like name@example.com")
        return None
    if not isinstance(value, str):
        raise InvalidTypeError(f"{name} must be an email address (str), got {type(value).__name__}")
    email = value.strip()
    if not is_valid_email(email):
        raise ValidationError(
            f"{name} must be an email address like name@example.com: "
            f"{value!r} is not a valid email address"
        )
    return email


def check_emails(
    name: str, value: str | Sequence[str] | None, *, min_items: int = 0
) -> list[str] | None:
    """Addresses given as one comma-separated string or a list, each checked."""
    if value is None:
        if min_items:
            raise ValidationError(f"{name} needs at least {min_items} address(es)")
        return None
    if isinstance(value, str):
        items = [part.strip() for part in value.split(",") if part.strip()]
    elif isinstance(value, Sequence):
        items = []
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise InvalidTypeError(f"{name}[{index}] must be a str, got {type(item).__name__}")
            items.append(item.strip())
    else:
        raise InvalidTypeError(f"{name} must be a str or a list of str, got {type(value).__name__}")
    for item in items:
        if not is_valid_email(item):
            raise ValidationError(f"{name}: {item!r} is not a valid email address")
    check_count(name, items, min_items=min_items)
    return items


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


# --- lead rows -----------------------------------------------------------------------------


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


# --- request bodies -------------------------------------------------------------------------


def drop_none(values: Mapping[str, Any]) -> dict[str, Any]:
    """The mapping without its None values (for optional body fields)."""
    return {key: value for key, value in values.items() if value is not None}
