"""dlt column hints from a response model, so every table's schema is known before data.

Scalar fields become typed columns (nested models flatten to ``parent__field`` as dlt does)
even when a sync sees no value for them yet; percentages, which the wire sends as ``"50%"``
or as a number, are text. Lists, mappings and loosely typed fields are left to dlt's
inference; credential fields are never declared.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal, get_origin

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


def _data_type(tp: Any) -> str | None:
    if get_origin(tp) is Literal:
        return "text"
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
