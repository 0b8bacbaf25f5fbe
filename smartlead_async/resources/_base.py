"""What every resource namespace shares: the transport, decoding and argument checks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from smartlead_async._convert import structure
from smartlead_async._transport import QueryValue, Response
from smartlead_async.errors import InvalidTypeError, ResponseValidationError, ValidationError

if TYPE_CHECKING:
    from smartlead_async.client import SmartleadClient

T = TypeVar("T")


class Resource:
    """Base of the namespaces (``client.campaigns`` and so on)."""

    def __init__(self, client: SmartleadClient) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"

    async def _request(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, int] | None = None,
        params: Mapping[str, QueryValue] | None = None,
        json: Any = None,
        idempotent: bool | None = None,
        timeout: float | None = None,
    ) -> Response:
        return await self._client._transport.request(
            method,
            path,
            path_params=path_params,
            params=params,
            json=json,
            idempotent=idempotent,
            timeout=timeout,
        )

    async def _call(
        self,
        cls: type[T],
        method: str,
        path: str,
        *,
        unwrap: Callable[[Any], Any] | None = None,
        **kwargs: Any,
    ) -> T:
        """Send a request and decode its body (optionally unwrapped first) into ``cls``."""
        response = await self._request(method, path, **kwargs)
        body = response.body
        if unwrap is not None:
            body = unwrap(body)
        return decode(body, cls)

    async def _call_list(
        self,
        cls: type[T],
        method: str,
        path: str,
        *,
        unwrap: Callable[[Any], Any] | None = None,
        **kwargs: Any,
    ) -> list[T]:
        """Send a request whose (unwrapped) body is an array and decode each item into ``cls``."""
        response = await self._request(method, path, **kwargs)
        body = response.body
        if unwrap is not None:
            body = unwrap(body)
        return decode_list(body, cls)


def decode(body: Any, cls: type[T]) -> T:
    """Decode one JSON object into ``cls``; an empty body is a validation error."""
    if body is None or body == "":
        raise ResponseValidationError("the response body is empty", model=cls.__name__)
    return structure(body, cls)


def decode_list(body: Any, cls: type[T]) -> list[T]:
    """Decode a JSON array (or ``{"data": [...]}``) into a list of ``cls``."""
    items = unwrap_data(body) if isinstance(body, Mapping) else body
    if items is None:
        return []
    if not isinstance(items, list):
        raise ResponseValidationError(
            f"expected a JSON array, got {type(items).__name__}", model=cls.__name__
        )
    return [structure(item, cls) for item in items]


def unwrap_data(body: Any) -> Any:
    """``{"ok": ..., "data": X}`` -> X; anything else unchanged."""
    if isinstance(body, Mapping) and "data" in body:
        return body["data"]
    return body


# --- argument checks: raise before any request is sent ---------------------------------------


def check_id(name: str, value: Any) -> int:
    """An integer id (bools and strings rejected)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(f"{name} must be an int, got {type(value).__name__} {value!r}")
    if value < 0:
        raise ValidationError(f"{name} must be >= 0, got {value}")
    return value


def check_ids(
    name: str, values: Iterable[int], *, min_items: int = 0, max_items: int | None = None
) -> list[int]:
    """A list of integer ids within a count range."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InvalidTypeError(f"{name} must be a list of ints, got {type(values).__name__}")
    ids = [check_id(f"{name}[{index}]", value) for index, value in enumerate(values)]
    check_count(name, ids, min_items=min_items, max_items=max_items)
    return ids


def check_count(
    name: str, values: Sequence[Any], *, min_items: int = 0, max_items: int | None = None
) -> None:
    """Length bounds for a list argument."""
    if len(values) < min_items:
        raise ValidationError(f"{name} needs at least {min_items} item(s), got {len(values)}")
    if max_items is not None and len(values) > max_items:
        raise ValidationError(f"{name} takes at most {max_items} items, got {len(values)}")


def check_range(name: str, value: int | None, low: int, high: int | None = None) -> int | None:
    """An optional int within ``[low, high]``."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(f"{name} must be an int, got {type(value).__name__} {value!r}")
    if value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f">= {low}"
        raise ValidationError(f"{name} must be {bound}, got {value}")
    return value


def check_choice(name: str, value: str | None, choices: Iterable[str]) -> str | None:
    """An optional string from a fixed set."""
    if value is None:
        return None
    allowed = tuple(choices)
    if value not in allowed:
        raise ValidationError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")
    return value


def check_text(name: str, value: str | None, *, max_length: int | None = None) -> str | None:
    """An optional string with a maximum length."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidTypeError(f"{name} must be a str, got {type(value).__name__}")
    if max_length is not None and len(value) > max_length:
        raise ValidationError(f"{name} is at most {max_length} characters, got {len(value)}")
    return value


def drop_none(values: Mapping[str, Any]) -> dict[str, Any]:
    """The mapping without its None values (for optional body fields)."""
    return {key: value for key, value in values.items() if value is not None}
