"""Request parsing for sandbox handlers: query params, path ids and JSON bodies.

Every helper raises :class:`ApiError` with a message that says what to fix, so handlers read
like a list of declarations. Each kind of value has a pair: ``x`` (required) and
``x_opt`` (None when absent).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any, Final, ParamSpec, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import orjson
from aiohttp import web

from smartlead_async.errors import SandboxApiError

MAX_OFFSET: Final = 2**31 - 1
"""Largest accepted ``offset`` (bigger values could not be echoed back as JSON numbers)."""

#: The sandbox's error answer (defined in :mod:`smartlead_async.errors`).
ApiError = SandboxApiError
_MISSING: Final = object()
T = TypeVar("T")
P = ParamSpec("P")
_DATE_RE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TRUE: Final = frozenset({"true", "1", "yes"})
_FALSE: Final = frozenset({"false", "0", "no"})


def bad_request(message: str) -> ApiError:
    """400 with ``{"message": message}``."""
    return ApiError(400, {"message": message})


def unprocessable(message: str) -> ApiError:
    """422 with ``{"message": message}``."""
    return ApiError(422, {"message": message})


def not_found(message: str) -> ApiError:
    """404 with ``{"message": message}`` (an entity, not an unknown route)."""
    return ApiError(404, {"message": message})


def found(value: T | None, message: str) -> T:
    """``value``; a 404 with ``message`` when it is None (a lookup that found nothing)."""
    if value is None:
        raise not_found(message)
    return value


# --------------------------------------------------------------------------- scalars


def _as_int(name: str, raw: object, minimum: int | None, maximum: int | None, status: int) -> int:
    value: int
    if isinstance(raw, bool):
        raise ApiError(status, {"message": f"{name} must be an integer, got {raw!r}"})
    if isinstance(raw, int):
        value = raw
    elif (isinstance(raw, float) and raw.is_integer()) or (
        isinstance(raw, str) and re.fullmatch(r"\s*-?\d+\s*", raw)
    ):
        value = int(raw)
    else:
        raise ApiError(status, {"message": f"{name} must be an integer, got {raw!r}"})
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        if maximum is None:
            rule = f"at least {minimum}"
        elif minimum is None:
            rule = f"at most {maximum}"
        else:
            rule = f"between {minimum} and {maximum}"
        raise ApiError(status, {"message": f"{name} must be {rule}, got {value}"})
    return value


def _as_bool(name: str, raw: object, status: int, *, query: bool = False) -> bool:
    if isinstance(raw, bool):
        return raw
    words = (_TRUE | _FALSE) if query else frozenset({"true", "false"})
    if isinstance(raw, str) and raw.strip().lower() in words:
        return raw.strip().lower() in _TRUE
    raise ApiError(status, {"message": f"{name} must be true or false, got {raw!r}"})


def _as_enum(name: str, raw: object, allowed: Iterable[str], status: int) -> str:
    options = tuple(allowed)
    if not isinstance(raw, str) or raw not in options:
        raise ApiError(
            status, {"message": f"{name} must be one of {', '.join(options)}; got {raw!r}"}
        )
    return raw


def parse_date(name: str, raw: object, status: int = 400) -> date:
    """``YYYY-MM-DD`` to a date."""
    if isinstance(raw, str) and _DATE_RE.match(raw):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    raise ApiError(status, {"message": f"{name} must be a date in YYYY-MM-DD format, got {raw!r}"})


def parse_datetime(name: str, raw: object, status: int = 400) -> datetime:
    """ISO 8601 (``Z`` or offset; naive means UTC; a bare date means midnight UTC)."""
    if isinstance(raw, str) and raw.strip():
        text = raw.strip().replace(" ", "T", 1) if _DATE_RE.match(raw[:10]) else raw.strip()
        try:
            value = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            pass
        else:
            return value if value.tzinfo else value.replace(tzinfo=UTC)
    raise ApiError(
        status,
        {"message": f"{name} must be ISO 8601, e.g. 2026-01-31T10:00:00Z; got {raw!r}"},
    )


def parse_timezone(name: str, raw: object, status: int = 400) -> ZoneInfo:
    """An IANA time zone name such as ``America/New_York``."""
    if isinstance(raw, str) and raw.strip():
        try:
            return ZoneInfo(raw.strip())
        except (ZoneInfoNotFoundError, ValueError):
            pass
    raise ApiError(
        status, {"message": f"{name} must be an IANA time zone such as Europe/Berlin, got {raw!r}"}
    )


# --------------------------------------------------------------------------- query


def _query_raw(request: web.Request, name: str) -> str | None:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return None
    return raw


def _query_missing(name: str, status: int) -> ApiError:
    return ApiError(status, {"message": f"query parameter {name} is required"})


def q_int(
    request: web.Request,
    name: str,
    default: int | None = None,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    status: int = 400,
) -> int:
    """Integer query parameter in an inclusive range; absent is ``default`` (a 400 if None)."""
    value = q_int_opt(request, name, minimum=minimum, maximum=maximum, status=status)
    if value is not None:
        return value
    if default is None:
        raise _query_missing(name, status)
    return default


def q_int_opt(
    request: web.Request,
    name: str,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    status: int = 400,
) -> int | None:
    """Optional integer query parameter in an inclusive range; None when absent."""
    raw = _query_raw(request, name)
    return None if raw is None else _as_int(name, raw, minimum, maximum, status)


def q_page(
    request: web.Request,
    *,
    default: int,
    maximum: int,
    max_offset: int | None = None,
    status: int = 400,
) -> tuple[int, int]:
    """``offset`` (from 0, at most ``max_offset``) and ``limit`` (1..``maximum``, default
    ``default``) query parameters."""
    offset = q_int(request, "offset", 0, minimum=0, maximum=max_offset, status=status)
    limit = q_int(request, "limit", default, minimum=1, maximum=maximum, status=status)
    return offset, limit


def q_bool(request: web.Request, name: str, default: bool = False, *, status: int = 400) -> bool:
    """Boolean query parameter (``true``/``false``/``1``/``0``)."""
    raw = _query_raw(request, name)
    return default if raw is None else _as_bool(name, raw, status, query=True)


def q_str_opt(
    request: web.Request, name: str, *, max_length: int | None = None, status: int = 400
) -> str | None:
    """Optional string query parameter; None when absent or empty."""
    raw = _query_raw(request, name)
    if raw is not None and max_length is not None and len(raw) > max_length:
        raise ApiError(
            status, {"message": f"{name} must be at most {max_length} characters, got {len(raw)}"}
        )
    return raw


def q_enum_opt(
    request: web.Request, name: str, allowed: Iterable[str], *, status: int = 400
) -> str | None:
    """Optional query parameter restricted to ``allowed`` values."""
    raw = q_str_opt(request, name, status=status)
    return None if raw is None else _as_enum(name, raw, allowed, status)


def q_date_opt(request: web.Request, name: str, *, status: int = 400) -> date | None:
    """Optional ``YYYY-MM-DD`` query parameter."""
    raw = q_str_opt(request, name, status=status)
    return None if raw is None else parse_date(name, raw, status)


def q_datetime_opt(request: web.Request, name: str, *, status: int = 400) -> datetime | None:
    """Optional ISO 8601 query parameter (a bare date is midnight UTC)."""
    raw = q_str_opt(request, name, status=status)
    return None if raw is None else parse_datetime(name, raw, status)


def q_int_csv(
    request: web.Request, name: str, *, max_items: int | None = None, status: int = 400
) -> list[int]:
    """Comma-separated integers (``"1,2,3"``); empty list when absent."""
    raw = q_str_opt(request, name, status=status)
    if raw is None:
        return []
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    values = [_as_int(name, p, None, None, status) for p in parts]
    if max_items is not None and len(values) > max_items:
        raise ApiError(
            status, {"message": f"{name} accepts at most {max_items} ids, got {len(values)}"}
        )
    return values


def path_int(request: web.Request, name: str) -> int:
    """Integer path segment (routes use ``{name:\\d+}``, so this only converts)."""
    return _as_int(name, request.match_info[name], None, None, 400)


# --------------------------------------------------------------------------- JSON body


async def json_body(request: web.Request, *, required: bool = True) -> dict[str, Any]:
    """The request body as a JSON object (an empty body is ``{}`` when not ``required``)."""
    raw = await request.read()
    if not raw.strip():
        if required:
            raise bad_request("request body must be a JSON object")
        return {}
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise bad_request(f"request body is not valid JSON: {exc}") from None
    if not isinstance(value, dict):
        raise bad_request(f'"value" must be of type object, got {type(value).__name__}')
    return value


def _body_missing(name: str, status: int) -> ApiError:
    return ApiError(status, {"message": f'"{name}" is required'})


def _get(body: Mapping[str, Any], name: str) -> Any:
    value = body.get(name, _MISSING)
    return _MISSING if value is None else value


def require(value: T | None, name: str, status: int = 400) -> T:
    """``value``; a ``"name" is required`` error when it is None (an absent or null field)."""
    if value is None:
        raise _body_missing(name, status)
    return value


def b_int_opt(
    body: Mapping[str, Any],
    name: str,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    status: int = 400,
) -> int | None:
    """Optional integer body field (numeric strings accepted); None when absent or null."""
    value = _get(body, name)
    return None if value is _MISSING else _as_int(name, value, minimum, maximum, status)


def b_float_opt(
    body: Mapping[str, Any], name: str, *, minimum: float | None = None, status: int = 400
) -> float | None:
    """Optional number body field; None when absent or null."""
    value = _get(body, name)
    if value is _MISSING:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ApiError(status, {"message": f"{name} must be a number, got {value!r}"})
    try:
        number = float(value)
    except ValueError:
        raise ApiError(status, {"message": f"{name} must be a number, got {value!r}"}) from None
    if minimum is not None and number < minimum:
        raise ApiError(status, {"message": f"{name} must be at least {minimum}, got {number}"})
    return number


def b_str_opt(
    body: Mapping[str, Any],
    name: str,
    *,
    max_length: int | None = None,
    allow_empty: bool = True,
    status: int = 400,
) -> str | None:
    """Optional string body field; None when absent or null."""
    value = _get(body, name)
    if value is _MISSING:
        return None
    if not isinstance(value, str):
        raise ApiError(status, {"message": f'"{name}" must be a string, got {value!r}'})
    if not allow_empty and not value.strip():
        raise ApiError(status, {"message": f'"{name}" must not be empty'})
    if max_length is not None and len(value) > max_length:
        raise ApiError(
            status,
            {"message": f'"{name}" must be at most {max_length} characters, got {len(value)}'},
        )
    return value


def b_bool_opt(body: Mapping[str, Any], name: str, *, status: int = 400) -> bool | None:
    """Optional boolean body field; None when absent or null."""
    value = _get(body, name)
    return None if value is _MISSING else _as_bool(name, value, status)


def b_enum_opt(
    body: Mapping[str, Any], name: str, allowed: Iterable[str], *, status: int = 400
) -> str | None:
    """Optional body field restricted to ``allowed`` values; None when absent or null."""
    value = _get(body, name)
    return None if value is _MISSING else _as_enum(name, value, allowed, status)


def _check_count(name: str, count: int, min_items: int, max_items: int | None, status: int) -> None:
    if count < min_items:
        raise ApiError(
            status, {"message": f'"{name}" must contain at least {min_items} item(s), got {count}'}
        )
    if max_items is not None and count > max_items:
        raise ApiError(
            status, {"message": f'"{name}" must contain at most {max_items} item(s), got {count}'}
        )


def b_list_opt(
    body: Mapping[str, Any],
    name: str,
    *,
    min_items: int = 0,
    max_items: int | None = None,
    status: int = 400,
) -> list[Any] | None:
    """Optional array of anything (items validated by the caller); None when absent or null."""
    value = _get(body, name)
    if value is _MISSING:
        return None
    if not isinstance(value, list):
        raise ApiError(status, {"message": f'"{name}" must be an array, got {value!r}'})
    _check_count(name, len(value), min_items, max_items, status)
    return value


def b_int_list_opt(
    body: Mapping[str, Any],
    name: str,
    *,
    min_items: int = 0,
    max_items: int | None = None,
    scalar_ok: bool = False,
    status: int = 400,
) -> list[int] | None:
    """Optional array of integers; ``scalar_ok`` also accepts a single number."""
    value = body.get(name)
    if scalar_ok and value is not None and not isinstance(value, list):
        return [_as_int(name, value, None, None, status)]
    items = b_list_opt(body, name, min_items=min_items, max_items=max_items, status=status)
    if items is None:
        return None
    return [_as_int(f"{name}[{i}]", v, None, None, status) for i, v in enumerate(items)]


def b_str_list_opt(
    body: Mapping[str, Any],
    name: str,
    *,
    min_items: int = 0,
    max_items: int | None = None,
    scalar_ok: bool = False,
    status: int = 400,
) -> list[str] | None:
    """Optional array of strings; ``scalar_ok`` also accepts a single string."""
    value = body.get(name)
    if scalar_ok and isinstance(value, str):
        return [value]
    items = b_list_opt(body, name, min_items=min_items, max_items=max_items, status=status)
    if items is None:
        return None
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise ApiError(status, {"message": f'"{name}[{i}]" must be a string, got {item!r}'})
    return list(items)


def b_obj_opt(body: Mapping[str, Any], name: str, *, status: int = 400) -> dict[str, Any] | None:
    """Optional nested JSON object; None when absent or null."""
    value = _get(body, name)
    if value is _MISSING:
        return None
    if not isinstance(value, dict):
        raise ApiError(status, {"message": f'"{name}" must be an object, got {value!r}'})
    return value


# --------------------------------------------------------------------------- required forms


def _required(
    optional: Callable[P, T | None], missing: Callable[[str, int], ApiError]
) -> Callable[P, T]:
    """The required form of ``optional`` (same arguments): absent or null is ``missing``."""

    def read(*args: P.args, **kwargs: P.kwargs) -> T:
        value = optional(*args, **kwargs)
        if value is None:
            status = kwargs.get("status", 400)
            raise missing(str(args[1]), status if isinstance(status, int) else 400)
        return value

    read.__name__ = read.__qualname__ = optional.__name__.removesuffix("_opt")
    read.__doc__ = f"Required form of :func:`{optional.__name__}`: absent or null is an error."
    return read


q_str = _required(q_str_opt, _query_missing)
q_date = _required(q_date_opt, _query_missing)
q_datetime = _required(q_datetime_opt, _query_missing)
b_int = _required(b_int_opt, _body_missing)
b_float = _required(b_float_opt, _body_missing)
b_str = _required(b_str_opt, _body_missing)
b_bool = _required(b_bool_opt, _body_missing)
b_enum = _required(b_enum_opt, _body_missing)
b_list = _required(b_list_opt, _body_missing)
b_int_list = _required(b_int_list_opt, _body_missing)
b_str_list = _required(b_str_list_opt, _body_missing)
b_obj = _required(b_obj_opt, _body_missing)
