"""Client-side checks of dates, times and time zones; each says what to fix.

Inputs are ``datetime`` (naive means UTC), ``date`` or ISO 8601 text. A check returns what the
endpoint sends: ``YYYY-MM-DD`` for calendar dates, ISO 8601 text (or an aware ``datetime``) for
points in time.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from smartlead_async._args import check_text
from smartlead_async._convert import parse_datetime
from smartlead_async.errors import InvalidTypeError, ValidationError
from smartlead_async.models.analytics import DateInput, DateTimeInput

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
    """A time zone name such as ``America/New_York`` (not blank, at most 64 characters)."""
    if value is None:
        if required:
            raise ValidationError(f"{name} is required for this report, e.g. 'America/New_York'")
        return None
    check_text(name, value, max_length=64)
    if not value.strip():
        raise ValidationError(f"{name} must not be blank, e.g. 'UTC' or 'America/New_York'")
    return value
