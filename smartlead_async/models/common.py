"""The model base: attrs classes that keep unknown keys, read alternative wire names, hide secrets.

Declare a model like this::

    @attrs.frozen(kw_only=True)
    class Campaign(Model):
        id: int
        name: str | None = None
        max_leads_per_day: int | None = wire("max_leads_per_day", "maxLeadsPerDay")
        password: str | None = secret("password")

Every key the API sends that no field claims lands in ``extra``. ``null`` for a field that
has a default gives the default. Numbers sent as strings become ``int``/``float``.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, Union

import attrs

from smartlead_async._convert import converter, structure
from smartlead_async.errors import ResponseValidationError

M = TypeVar("M", bound="Model")

_WIRE = "smartlead_wire"


def _extra_repr(extra: Mapping[str, Any]) -> str:
    return f"<{len(extra)} more keys: {', '.join(sorted(extra)[:8])}>" if extra else "{}"


def wire(*names: str, default: Any = None, factory: Callable[[], Any] | None = None) -> Any:
    """A field read from the first of ``names`` present on the wire (the first is written back)."""
    if factory is not None:
        return attrs.field(factory=factory, metadata={_WIRE: names})
    return attrs.field(default=default, metadata={_WIRE: names})


def secret(*names: str) -> Any:
    """A credential field: decoded like any other but never shown in ``repr``."""
    return attrs.field(default=None, repr=False, metadata={_WIRE: names})


@attrs.frozen(kw_only=True)
class Model:
    """Base of every response model. ``extra`` holds keys the SDK does not know (yet)."""

    extra: dict[str, Any] = attrs.field(factory=dict, repr=_extra_repr, eq=False)

    def to_dict(self) -> dict[str, Any]:
        """The model as wire-shaped JSON data (unknown keys included)."""
        result: dict[str, Any] = converter.unstructure(self)
        return result

    @classmethod
    def from_dict(cls: type[M], data: Mapping[str, Any]) -> M:
        """Decode wire data; raises :class:`ResponseValidationError` on a mismatch."""
        return structure(data, cls)


def _wire_names(field: attrs.Attribute[Any]) -> tuple[str, ...]:
    names: tuple[str, ...] = field.metadata.get(_WIRE) or (field.name,)
    return names


def _admits_none(tp: Any) -> bool:
    if tp is Any or tp is None or tp is type(None):
        return True
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        return type(None) in typing.get_args(tp)
    return False


def _make_structure_hook(cls: type[Model]) -> Callable[[Any, Any], Model]:
    attrs.resolve_types(cls)
    fields = [f for f in attrs.fields(cls) if f.name != "extra"]
    plan = [
        (f, _wire_names(f), _admits_none(f.type), f.default is not attrs.NOTHING) for f in fields
    ]
    claimed = {name for _, names, _, _ in plan for name in names}

    def hook(data: Any, _: Any) -> Model:
        if isinstance(data, cls):
            return data
        if not isinstance(data, Mapping):
            raise ResponseValidationError(
                f"expected a JSON object, got {type(data).__name__}", model=cls.__name__
            )
        kwargs: dict[str, Any] = {}
        for field, names, nullable, has_default in plan:
            raw: Any = attrs.NOTHING
            for name in names:
                if name in data:
                    raw = data[name]
                    break
            if raw is attrs.NOTHING or (raw is None and not nullable):
                if has_default:
                    continue
                missing = "null" if raw is None else "missing"
                raise ResponseValidationError(
                    f"{field.name}: required field is {missing}", model=cls.__name__
                )
            if raw is None:
                kwargs[field.name] = None
                continue
            try:
                kwargs[field.name] = converter.structure(raw, field.type)
            except ResponseValidationError as exc:
                exc.message = f"{field.name}.{exc.message}"
                exc.model = cls.__name__  # report the outermost model, with the field path
                raise
            except Exception as exc:
                raise ResponseValidationError(f"{field.name}: {exc}", model=cls.__name__) from exc
        kwargs["extra"] = {key: value for key, value in data.items() if key not in claimed}
        return cls(**kwargs)

    return hook


def _make_unstructure_hook(cls: type[Model]) -> Callable[[Model], dict[str, Any]]:
    attrs.resolve_types(cls)
    fields = [(f.name, _wire_names(f)[0]) for f in attrs.fields(cls) if f.name != "extra"]

    def hook(value: Model) -> dict[str, Any]:
        out: dict[str, Any] = dict(value.extra)
        for name, wire_name in fields:
            out[wire_name] = converter.unstructure(getattr(value, name))
        return out

    return hook


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Model)


converter.register_structure_hook_factory(_is_model, _make_structure_hook)
converter.register_unstructure_hook_factory(_is_model, _make_unstructure_hook)


class Percent(float):
    """A rate the API formats as text (``"50%"``): a float that also keeps the raw string."""

    raw: str | None

    def __new__(cls, value: float, raw: str | None = None) -> Percent:
        obj = super().__new__(cls, value)
        obj.raw = raw
        return obj


def _to_percent(value: Any, _: Any) -> Percent:
    if isinstance(value, bool):
        raise ValueError(f"expected a rate, got {value!r}")
    number = converter.structure(value, float)
    return Percent(number, value if isinstance(value, str) else None)


converter.register_structure_hook(Percent, _to_percent)
converter.register_unstructure_hook(Percent, lambda value: value.raw if value.raw else float(value))


@attrs.frozen(kw_only=True)
class OkResponse(Model):
    """The acknowledgement most write endpoints answer with (``{"ok": true, ...}``)."""

    ok: bool | None = None
    success: bool | None = None
    message: str | None = None
    data: Any = None


__all__ = ["M", "Model", "OkResponse", "Percent", "secret", "wire"]
