"""dlt column hints from a response model, so every table's schema is known before data.

Scalar fields become typed columns (nested models flatten to ``parent__field`` as dlt does)
even when a sync sees no value for them yet; percentages, which the wire sends as ``"50%"``
or as a number, are text. Free-form fields (mappings such as ``custom_fields``, untyped
values) and lists of scalars are JSON columns; lists of objects become dlt's child tables.
Credential fields are never declared.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Literal, get_args, get_origin

from smartlead_async._redact import drop_credentials
from smartlead_async.models.common import Model, Percent, wire_fields

_DATA_TYPES: dict[Any, str] = {
    bool: "bool",
    int: "bigint",
    float: "double",
    str: "text",
    datetime: "timestamp",
    date: "date",
}
#: How deep nested models are declared (deeper ones are left to dlt).
_DEPTH = 2


_SCALARS = (bool, int, float, str)


def _data_type(tp: Any) -> str | None:
    origin = get_origin(tp)
    if origin is Literal:
        return "text"
    if tp is Any or origin in (dict, Mapping) or tp is dict:
        return "json"  # free-form: one JSON column, not a column per key the data brings
    if origin in (list, tuple) and all(arg in _SCALARS for arg in get_args(tp) if arg is not ...):
        return "json"  # a list of numbers or names: a JSON array, not a child table
    if tp is Percent:
        return "text"  # the wire sends "50%" or a number: kept as the wire's text
    return _DATA_TYPES.get(tp)


def column_hints(model: type[Model], *, prefix: str = "", depth: int = 0) -> dict[str, Any]:
    """``{column: {"data_type": ...}}`` for the scalar fields of ``model`` (and nested ones)."""
    hints: dict[str, Any] = {}
    for name, tp in wire_fields(model):
        column = f"{prefix}{name}"
        if isinstance(tp, type) and issubclass(tp, Model):
            if depth < _DEPTH:
                hints.update(column_hints(tp, prefix=f"{column}__", depth=depth + 1))
            continue
        data_type = _data_type(tp)
        if data_type is not None:
            hints[column] = {"data_type": data_type}
    cleaned: dict[str, Any] = drop_credentials(hints)
    return cleaned
