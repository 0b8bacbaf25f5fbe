"""Client-side argument checks, one rule per concept; each raises before any request is sent.

Ids, id lists, ints, text, choices, flags, email addresses and domains, dates, spans and
time zones (IANA names, checked with :mod:`zoneinfo`). Every check returns the value to send
and its error says what to fix.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from smartlead_async._convert import parse_datetime
from smartlead_async.errors import InvalidTypeError, ValidationError

#: A calendar date: ``date`` or ``YYYY-MM-DD`` text.
DateInput = date | str

#: A point in time: ``datetime`` (naive = UTC), ``date`` (midnight UTC) or ISO 8601 text.
DateTimeInput = datetime | date | str

#: The longest email address accepted anywhere (RFC 5321 forward-path limit less the brackets).
MAX_EMAIL_LENGTH = 254

#: Ids are positive and fit a signed 64-bit integer.
MAX_ID = 2**63 - 1

#: One ``@``; a local part without blanks, control characters or separators; a dotted domain
#: (used with ``fullmatch``: a trailing newline does not pass).
_EMAIL = re.compile(  # each label: alphanumeric runs joined by hyphens (no backtracking)
    r"[^@\s,;<>()\[\]\"'\x00-\x1f\x7f]+@[A-Za-z0-9]+(?:-+[A-Za-z0-9]+)*"
    r"(?:\.[A-Za-z0-9]+(?:-+[A-Za-z0-9]+)*)+"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

_DOMAIN = re.compile(
    r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)


# --- numbers and ids ------------------------------------------------------------------------


def check_int(name: str, value: Any, low: int, high: int | None = None, *, hint: str = "") -> int:
    """A required int within ``[low, high]`` (bools and strings rejected).

    With no ``high``, the bound is ``2**63 - 1``: no count, size or offset the API stores is
    larger. ``hint`` follows the bound in the message, e.g. ``" for this endpoint"``.
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(f"{name} must be an int, got {type(value).__name__} {value!r}")
    if value < low or value > (MAX_ID if high is None else high):
        bound = f"between {low} and {high}" if high is not None else f">= {low} and below 2**63"
        raise ValidationError(f"{name} must be {bound}{hint}, got {value}")
    return value


def check_range(name: str, value: int | None, low: int, high: int | None = None) -> int | None:
    """An optional int within ``[low, high]``."""
    return None if value is None else check_int(name, value, low, high)


def check_id(name: str, value: Any) -> int:
    """An integer id: positive and below ``2**63`` (bools and strings rejected)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(f"{name} must be an int id, got {type(value).__name__} {value!r}")
    if not 1 <= value <= MAX_ID:
        raise ValidationError(
            f"{name} must be a positive id below 2**63 (as the API returns it), got {value}"
        )
    return value


def check_number(
    name: str, value: Any, *, low: float = 0.0, strict_low: bool = False, finite: bool = True
) -> float:
    """A real number (int or float; bools rejected) at or above ``low`` (above, if strict).

    NaN is always refused; infinity unless ``finite`` is False.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidTypeError(f"{name} must be a number, got {type(value).__name__} {value!r}")
    number = float(value)
    if number != number or (finite and number in (float("inf"), float("-inf"))):
        raise ValidationError(f"{name} must be a finite number, got {value!r}")
    if number < low or (strict_low and number == low):
        bound = f"> {low:g}" if strict_low else f">= {low:g}"
        raise ValidationError(f"{name} must be {bound}, got {value!r}")
    return number


def is_int(value: Any) -> bool:
    """True for an int that is not a bool."""
    return isinstance(value, int) and not isinstance(value, bool)


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


def check_id_tuples(
    name: str, items: Iterable[Any], fields: tuple[str, ...], *, optional_last: bool = False
) -> list[tuple[Any, ...]]:
    """A non-empty list of id tuples named by ``fields`` (the last may be None if optional).

    Each id follows :func:`check_id`; a wrong-shaped item names its index and the tuple
    expected, e.g. ``pairs[3] must be a (campaign_id, lead_id) pair of ids``.
    """
    if isinstance(items, (str, bytes, Mapping)) or not isinstance(items, Iterable):
        raise InvalidTypeError(f"{name} must be a list of tuples, got {type(items).__name__}")
    parts = [*fields[:-1], f"{fields[-1]} or None" if optional_last else fields[-1]]
    kind = {2: "pair", 3: "triple"}.get(len(fields), "tuple")
    what = f"a ({', '.join(parts)}) {kind} of ids"
    checked: list[tuple[Any, ...]] = []
    for index, value in enumerate(items):
        if not isinstance(value, (tuple, list)) or len(value) != len(fields):
            raise InvalidTypeError(f"{name}[{index}] must be {what}, got {value!r}")
        ids: list[int | None] = []
        for position, (field, part) in enumerate(zip(fields, value, strict=True)):
            last = position == len(fields) - 1
            if part is None and last and optional_last:
                ids.append(None)
            elif not is_int(part):
                raise InvalidTypeError(f"{name}[{index}] must be {what}, got {value!r}")
            else:
                ids.append(check_id(f"{name}[{index}].{field}", part))
        checked.append(tuple(ids))
    check_count(name, checked, min_items=1)
    return checked


# --- text, choices, flags ---------------------------------------------------------------------


def check_str(
    name: str, value: Any, *, max_length: int | None = None, allow_blank: bool = True
) -> str:
    """A required string, optionally non-blank and bounded in length.

    No text argument may hold a NUL character or a lone surrogate (neither can be sent).
    """
    if not isinstance(value, str):
        raise InvalidTypeError(f"{name} must be a str, got {type(value).__name__}")
    if "\x00" in value:
        raise ValidationError(f"{name} must not hold a NUL character")
    _check_utf8(name, value)
    if not allow_blank and not value.strip():
        raise ValidationError(f"{name} must not be empty")
    if max_length is not None and len(value) > max_length:
        raise ValidationError(f"{name} is at most {max_length} characters, got {len(value)}")
    return value


#: The longest timeout accepted (a day): longer ones are mistakes (milliseconds given as seconds).
MAX_TIMEOUT = 86_400.0


def check_timeout(timeout: Any, *, error: type[Exception] = ValidationError) -> float:
    """A timeout: a positive, finite number of seconds, at most :data:`MAX_TIMEOUT`.

    ``error`` is the class raised (the client raises ``ConfigurationError`` for its own).
    """
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, (int, float))
        or not 0 < timeout <= MAX_TIMEOUT
    ):
        raise error(
            f"timeout must be a positive number of seconds, at most {MAX_TIMEOUT:g}, "
            f"got {timeout!r}"
        )
    return float(timeout)


def check_query_value(name: str, value: Any) -> str:
    """One query value as sent: a bool (``true``/``false``), an int, a finite float, or text
    that encodes as UTF-8 and holds no control characters. Anything else is refused."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError(f"query parameter {name} must be a finite number, got {value!r}")
        return repr(value)
    if isinstance(value, str):
        _check_utf8(f"query parameter {name}", value)
        if _CONTROL.search(value):
            raise ValidationError(f"query parameter {name} must not hold control characters")
        return value
    raise InvalidTypeError(
        f"query parameter {name} must be a str, int, float or bool (or a list of them), "
        f"got {type(value).__name__}"
    )


def _check_utf8(what: str, value: str) -> None:
    """Text must encode as UTF-8 to be sent: a lone surrogate can't."""
    try:
        value.encode()
    except UnicodeEncodeError:
        raise ValidationError(
            f"{what} holds text that cannot be encoded as UTF-8 (a lone surrogate)"
        ) from None


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


def check_members(name: str, values: Sequence[str], choices: Iterable[str]) -> list[str]:
    """Each item of a list must come from a fixed set (an enumeration)."""
    allowed = tuple(choices)
    for index, value in enumerate(values):
        if value not in allowed:
            raise ValidationError(f"{name}[{index}] {value!r} is not one of {', '.join(allowed)}")
    return list(values)


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


def is_valid_email(value: str) -> bool:
    """A pragmatic address check: one ``@``, no blanks or control characters, a dotted domain,
    at most :data:`MAX_EMAIL_LENGTH` characters."""
    return len(value) <= MAX_EMAIL_LENGTH and _EMAIL.fullmatch(value) is not None


def check_email(name: str, value: str | None, *, required: bool = False) -> str | None:
    """An email address with surrounding blanks removed; None passes unless ``required``."""
    if value is None:
        if required:
            raise ValidationError(f"{name} is required: an email address like name@example.com")
        return None
    if not isinstance(value, str):
        raise InvalidTypeError(f"{name} must be an email address (str), got {type(value).__name__}")
    email = value.strip()
    if _CONTROL.search(email) is not None:
        raise ValidationError(
            f"{name} contains a control character ({value!r}); remove it and pass a plain "
            "address like name@example.com"
        )
    if not is_valid_email(email):
        raise ValidationError(
            f"{name} must be an email address like name@example.com (at most "
            f"{MAX_EMAIL_LENGTH} characters): {value!r} is not a valid email address"
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
    name: str, entries: Iterable[str], *, max_items: int | None = None, hint: str = ""
) -> list[str]:
    """A non-empty list of domains and/or email addresses (blanks stripped)."""
    if isinstance(entries, (str, bytes)):
        raise InvalidTypeError(
            f"{name} must be a list of domains or email addresses, not one string"
        )
    if isinstance(entries, Mapping) or not isinstance(entries, Iterable):
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
    if max_items is not None and len(values) > max_items:
        raise ValidationError(
            f"{name} takes at most {max_items} entries per request, got {len(values)}{hint}"
        )
    return values


# --- request bodies -------------------------------------------------------------------------


def drop_none(values: Mapping[str, Any]) -> dict[str, Any]:
    """The mapping without its None values (for optional body fields)."""
    return {key: value for key, value in values.items() if value is not None}


# --- dates, times and time zones ----------------------------------------------------------


_DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: A point in time: ``datetime`` (naive = UTC), ``date`` (midnight UTC) or ISO 8601 text.
TimeArg = DateTimeInput


def check_date(name: str, value: DateInput | None, *, required: bool = False) -> str | None:
    """A calendar date as ``YYYY-MM-DD`` (from a ``date`` or such a string); None if omitted."""
    if value is None:
        if required:
            raise ValidationError(f"{name} is required: pass a datetime.date or 'YYYY-MM-DD'")
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise InvalidTypeError(
            f"{name} must be a datetime.date or a 'YYYY-MM-DD' string, got {type(value).__name__}"
        )
    text = value.strip()
    try:
        if not _DATE_TEXT.match(text):
            raise ValueError(text)
        date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"{name} must be a date as 'YYYY-MM-DD', got {value!r}") from None
    return text


def check_date_window(
    start: DateInput | None,
    end: DateInput | None,
    *,
    required: bool = False,
    max_days: int | None = None,
    start_name: str = "start_date",
    end_name: str = "end_date",
) -> tuple[str | None, str | None]:
    """Both dates (or, when not ``required``, neither) with ``end >= start``, ``YYYY-MM-DD``.

    ``max_days`` caps ``end - start`` in days.
    """
    first = check_date(start_name, start, required=required)
    last = check_date(end_name, end, required=required)
    if (first is None) != (last is None):
        raise ValidationError(f"pass both {start_name} and {end_name}, or neither")
    if first is not None and last is not None:
        span = (date.fromisoformat(last) - date.fromisoformat(first)).days
        if span < 0:
            raise ValidationError(f"{end_name} ({last}) is before {start_name} ({first})")
        if max_days is not None and span > max_days:
            raise ValidationError(
                f"the window {first}..{last} spans {span} days; this endpoint allows at most "
                f"{max_days}: split it into shorter windows"
            )
    return first, last


def check_datetime(name: str, value: DateTimeInput | None) -> datetime | None:
    """A point in time (``datetime``, ``date`` at midnight UTC, or ISO 8601 text), tz-aware."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if not isinstance(value, str):
        raise InvalidTypeError(
            f"{name} must be a datetime, a date or ISO 8601 text, got {type(value).__name__}"
        )
    try:
        return parse_datetime(value)
    except ValueError:
        raise ValidationError(
            f"{name} must be an ISO 8601 date or time such as '2026-01-31' or "
            f"'2026-01-31T09:00:00Z', got {value!r}"
        ) from None


def check_timestamp(name: str, value: DateTimeInput | None, *, zulu: bool = False) -> str | None:
    """A point in time as ISO 8601 text for a query or body field; None if omitted.

    A ``date`` is sent as ``YYYY-MM-DD`` and text as given (checked, blanks stripped). A
    ``datetime`` is sent with its offset (naive = UTC), or in UTC with a ``Z`` when ``zulu``.
    """
    moment = check_datetime(name, value)
    if moment is None:
        return None
    if isinstance(value, str):
        return value.strip()
    if not isinstance(value, datetime):
        return moment.date().isoformat()
    return utc_text(moment) if zulu else moment.isoformat()


def utc_text(value: datetime) -> str:
    """``2026-01-31T10:00:00Z``: ISO 8601 in UTC with a ``Z`` (naive means UTC)."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat().replace("+00:00", "Z")


def utc_millis(value: datetime | None, *, sep: str = "T") -> str | None:
    """``2026-01-31T10:00:00.000Z``: UTC with milliseconds (``sep`` between date and time)."""
    if value is None:
        return None
    utc = value.astimezone(UTC)
    return utc.strftime(f"%Y-%m-%d{sep}%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def check_time_order(
    start_name: str, start: datetime | None, end_name: str, end: datetime | None
) -> None:
    """``end`` must not be before ``start`` (either may be None: nothing to compare)."""
    if start is not None and end is not None and end < start:
        raise ValidationError(
            f"{end_name} is before {start_name} ({start_name} {start.isoformat()} is after "
            f"{end_name} {end.isoformat()}); swap them"
        )


def check_timezone(name: str, value: str | None, *, required: bool = False) -> str | None:
    """An IANA time zone name such as ``America/New_York`` (checked with :mod:`zoneinfo`)."""
    if value is None:
        if required:
            raise ValidationError(f"{name} is required for this report, e.g. 'America/New_York'")
        return None
    if not isinstance(value, str):
        raise InvalidTypeError(f"{name} must be a str, got {type(value).__name__}")
    text = value.strip()
    if not text:
        raise ValidationError(f"{name} must not be blank, e.g. 'UTC' or 'America/New_York'")
    if not is_timezone(text):
        raise ValidationError(
            f"{name} {value!r} is not an IANA time zone name such as 'Europe/Berlin' or 'UTC'"
        )
    return text


def is_timezone(value: str) -> bool:
    """True when ``value`` names an IANA time zone known to :mod:`zoneinfo`."""
    if len(value) > 64 or _CONTROL.search(value) is not None:
        return False
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True
