"""The one cattrs converter: wire JSON <-> attrs models, tolerant of the API's loose typing."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from cattrs.preconf.orjson import make_converter

from smartlead_async.errors import ResponseValidationError

T = TypeVar("T")

converter = make_converter(detailed_validation=False)

_INT_TEXT = re.compile(r"^\s*[+-]?\d+(\.0*)?\s*$")
_NUMBER_TEXT = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*%?\s*$")


def _to_int(value: Any, _: type) -> int:
    if isinstance(value, bool):
        raise TypeError(f"expected an integer, got a boolean {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError(f"expected an integer, got {value!r} (refusing to truncate)")
    if isinstance(value, str) and _INT_TEXT.match(value):
        return int(value.strip().split(".", 1)[0])  # "12.0" -> 12, exact for any size
    raise ValueError(f"expected an integer, got {value!r}")


def _to_float(value: Any, _: type) -> float:
    if isinstance(value, bool):
        raise TypeError(f"expected a number, got a boolean {value!r}")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str) and _NUMBER_TEXT.match(value):
        number = float(value.strip().rstrip("%"))
        if math.isfinite(number):
            return number
    raise ValueError(f"expected a number, got {value!r}")


_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}


def _to_bool(value: Any, _: type) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
    raise ValueError(f"expected a boolean, got {value!r}")


def _to_str(value: Any, _: type) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"expected a string, got {type(value).__name__} {value!r}")


def parse_datetime(value: Any) -> datetime:
    """A timezone-aware datetime from ISO text (``Z`` accepted; naive text is UTC) or epoch ms/s."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000.0 if value > 1e11 else float(value)
        return datetime.fromtimestamp(seconds, tz=UTC)
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"expected an ISO 8601 datetime, got {value!r}") from None
    else:
        raise ValueError(f"expected an ISO 8601 datetime, got {value!r}")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _to_date(value: Any, _: type) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise ValueError(f"expected a YYYY-MM-DD date, got {value!r}")


converter.register_structure_hook(int, _to_int)
converter.register_structure_hook(float, _to_float)
converter.register_structure_hook(bool, _to_bool)
converter.register_structure_hook(str, _to_str)


def _to_datetime(value: Any, _: type) -> datetime:
    if value.__class__ is str:  # the common case: ISO text, tried directly before normalising
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return parse_datetime(value)
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
    return parse_datetime(value)


converter.register_structure_hook(datetime, _to_datetime)
converter.register_structure_hook(date, _to_date)
converter.register_unstructure_hook(datetime, lambda value: value.isoformat())
converter.register_unstructure_hook(date, lambda value: value.isoformat())


_STRICT: ContextVar[bool] = ContextVar("smartlead_strict_responses", default=False)


def strict_mode() -> bool:
    """Whether field failures raise instead of bending (see :func:`strict_responses`)."""
    return _STRICT.get()


@contextmanager
def strict_responses(enabled: bool = True) -> Iterator[None]:
    """Within this block, any field that cannot be structured raises ResponseValidationError."""
    token = _STRICT.set(enabled)
    try:
        yield
    finally:
        _STRICT.reset(token)


def structure(
    data: Any, cls: type[T], *, endpoint: str | None = None, strict: bool | None = None
) -> T:
    """Structure wire data into ``cls``; any mismatch becomes :class:`ResponseValidationError`.

    Optional fields that do not fit bend to ``None`` (raw value kept in ``extra``) unless
    ``strict`` is true (default: the :func:`strict_responses` setting). ``endpoint`` names the
    endpoint in the error.
    """
    token = _STRICT.set(strict) if strict is not None else None
    try:
        return converter.structure(data, cls)
    except Exception as exc:
        error = _validation_error(exc, data, cls, endpoint)
        if error is exc:
            raise
        raise error from exc
    finally:
        if token is not None:
            _STRICT.reset(token)


#: Page decoders by class, each with the structure hook it stands for: a page decoder
#: decodes a whole list at once or returns None (the models register theirs).
_PAGE_DECODERS: dict[Any, tuple[Callable[..., Any], Callable[[list[Any]], list[Any] | None]]] = {}


def register_page_decoder(
    cls: Any, hook: Callable[..., Any], decode: Callable[[list[Any]], list[Any] | None]
) -> None:
    """Let :func:`structure_list` try ``decode`` on lists of ``cls`` while ``hook`` is the
    converter's hook for ``cls``: it gives what ``hook`` gives each item, or None (then each
    item is structured on its own)."""
    _PAGE_DECODERS[cls] = (hook, decode)


def structure_list(items: list[Any], cls: type[T]) -> list[T]:
    """Each of ``items`` structured into ``cls`` (as :func:`structure`, one lookup of the hook;
    a whole page at once where the class registered a page decoder that takes it)."""
    hook = converter.get_structure_hook(cls)
    registered = _PAGE_DECODERS.get(cls)
    if registered is not None and registered[0] is hook:
        page = registered[1](items)
        if page is not None:
            return page
    out: list[T] = []
    append = out.append
    item: Any = None
    try:
        for item in items:
            append(hook(item, cls))
    except Exception as exc:
        error = _validation_error(exc, item, cls, None)
        if error is exc:
            raise
        raise error from exc
    return out


def _validation_error(
    exc: Exception, data: Any, cls: type[Any], endpoint: str | None
) -> ResponseValidationError:
    """``exc`` as the :class:`ResponseValidationError` that names ``cls`` (and ``endpoint``)."""
    name = getattr(cls, "__name__", str(cls))
    if not isinstance(exc, ResponseValidationError):
        return ResponseValidationError(
            str(exc), model=name, body=repr(data)[:500], endpoint=endpoint
        )
    if exc.model is None:
        exc.model = name
    if endpoint is not None and exc.endpoint is None:
        exc.endpoint = endpoint
    return exc


def unstructure(value: Any) -> Any:
    """Model -> plain JSON-ready data."""
    return converter.unstructure(value)
