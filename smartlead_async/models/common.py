"""The model base: attrs classes that keep unknown keys, read alternative wire names, hide secrets.

Declare a model like this::

    @attrs.frozen(kw_only=True, slots=False)
    class Campaign(Model):
        id: int
        name: str | None = None
        max_leads_per_day: int | None = wire("max_leads_per_day", "maxLeadsPerDay")
        password: str | None = secret("password")

Every key the API sends that no field claims lands in ``extra``. ``null`` for a field that
has a default gives the default. Numbers sent as strings become ``int``/``float``.

Models keep their fields in the instance ``__dict__`` (``slots=False``): a row of a known
layout then decodes into a copy of its JSON object, stored once, instead of one slot store
per field (about a fifth of the decode time of a page). A slotted subclass still decodes,
through its ``__init__``.
"""

from __future__ import annotations

import logging
import types
import typing
from collections.abc import Callable, Mapping
from operator import itemgetter
from typing import Any, TypeVar, Union

import attrs

from smartlead_async._convert import (
    converter,
    register_page_decoder,
    strict_mode,
    structure,
    structure_list,
)
from smartlead_async.errors import FastPathMiss, ResponseValidationError

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


@attrs.frozen(kw_only=True, slots=False)
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


def wire_keys(cls: type[Any]) -> frozenset[str]:
    """Every wire name the attrs model ``cls`` reads a field from."""
    return frozenset(name for field in attrs.fields(cls) for name in _wire_names(field))


def wire_fields(cls: type[Any]) -> list[tuple[str, Any]]:
    """Each field of the attrs model ``cls`` but ``extra``: the wire name it is written back
    under and its type (``X`` for ``X | None``)."""
    attrs.resolve_types(cls)
    return [(_wire_names(f)[0], _base_type(f.type)) for f in attrs.fields(cls) if f.name != "extra"]


def carries_fields(cls: type[Any], data: Mapping[str, Any]) -> bool:
    """Whether ``data`` holds at least one field of the model ``cls``; an object under a
    nested model's field counts only if it holds one of that model's fields in turn."""
    plain, nested = _field_names(cls)
    if not plain.isdisjoint(data.keys()):
        return True
    for name, inner in nested:
        if name in data:
            value = data[name]
            if not isinstance(value, Mapping) or carries_fields(inner, value):
                return True
    return False


_FieldNames = tuple[frozenset[str], tuple[tuple[str, type[Any]], ...]]
_field_names_of: dict[type[Any], _FieldNames] = {}


def _field_names(cls: type[Any]) -> _FieldNames:
    """The wire names of ``cls``'s fields that do not hold a nested model, and each wire name
    of those that do, with that model (worked out once per model)."""
    known = _field_names_of.get(cls)
    if known is not None:
        return known
    attrs.resolve_types(cls)
    plain: set[str] = set()
    nested: list[tuple[str, type[Any]]] = []
    for field in attrs.fields(cls):
        inner = _base_type(field.type)
        for name in _wire_names(field):
            if _is_model(inner):
                nested.append((name, inner))
            else:
                plain.add(name)
    known = _field_names_of[cls] = (frozenset(plain), tuple(nested))
    return known


def _admits_none(tp: Any) -> bool:
    if tp is Any or tp is None or tp is type(None):
        return True
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        return type(None) in typing.get_args(tp)
    return False


_MISSING = object()
_PLAIN = (str, int, float, bool)
_warned: set[tuple[str, str]] = set()
logger = logging.getLogger("smartlead_async.models")


def _base_type(tp: Any) -> Any:
    """``X`` for ``X | None``; ``tp`` itself otherwise."""
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def _passthrough(tp: Any) -> type | None:
    """The exact class a value may have to skip its hook (plain dicts/lists of ``Any``)."""
    if tp in _PLAIN:
        return tp  # type: ignore[no-any-return]
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is dict and args in ((str, Any), ()):
        return dict
    if origin is list and args in ((Any,), ()):
        return list
    return None


def _warn_once(model: str, field: str, value: Any) -> None:
    key = (model, field)
    if key not in _warned:
        _warned.add(key)
        logger.warning(
            "%s.%s: received a %s that does not fit the field; kept in .extra, field set to None",
            model,
            field,
            type(value).__name__,
        )


def _make_fast(cls: type[Model], plan: list[Any], claimed: frozenset[str]) -> Callable[..., Any]:
    """Generate a straight-line structure function: exact-type checks, hooks only on mismatch."""
    env: dict[str, Any] = {
        "_M": _MISSING,
        "_cls": cls,
        "_claimed": claimed,
        "_Fail": FastPathMiss,
    }
    lines = ["def fast(data):"]
    args = []
    for i, (field, names, nullable, has_default) in enumerate(plan):
        var = f"v{i}"
        lines.append(f"    {var} = data.get({names[0]!r}, _M)")
        for alt in names[1:]:
            lines.append(f"    if {var} is _M: {var} = data.get({alt!r}, _M)")
        base = _base_type(field.type)
        if base is Any:
            conv = None
        else:
            env[f"_h{i}"] = converter.get_structure_hook(base)
            env[f"_t{i}"] = base
            exact = _passthrough(base)
            if exact is not None:
                env[f"_e{i}"] = exact
                conv = f"if {var}.__class__ is not _e{i}: {var} = _h{i}({var}, _t{i})"
            else:
                conv = f"{var} = _h{i}({var}, _t{i})"
        default = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            env[f"_d{i}"] = default.factory
            dexpr = f"_d{i}()"
        else:
            env[f"_d{i}"] = default
            dexpr = f"_d{i}"
        if has_default and nullable:
            lines.append(f"    if {var} is _M: {var} = {dexpr}")
            if conv:
                lines.append(f"    elif {var} is not None:\n        {conv}")
        elif has_default:
            lines.append(f"    if {var} is _M or {var} is None: {var} = {dexpr}")
            if conv:
                lines.append(f"    else:\n        {conv}")
        elif nullable:
            lines.append(f"    if {var} is _M: raise _Fail")
            if conv:
                lines.append(f"    if {var} is not None:\n        {conv}")
        else:
            lines.append(f"    if {var} is _M or {var} is None: raise _Fail")
            if conv:
                lines.append(f"    {conv}")
        args.append(f"{field.name}={var}")
    lines.append("    ks = data.keys() - _claimed")
    lines.append("    extra = {k: data[k] for k in ks} if ks else {}")
    lines.append(f"    return _cls({', '.join([*args, 'extra=extra'])})")
    exec("\n".join(lines), env)  # the source is built above from field names only
    fast: Callable[..., Any] = env["fast"]
    return fast


#: How many key layouts one model compiles a decoder for; rows in further layouts take the
#: generated per-field path (hostile variety costs speed, never memory).
_MAX_LAYOUTS = 16
_NONE = type(None)


class _Layout:
    """Compiles a decoder for one key layout of a model: the keys a row holds, in order, and
    the exact class of each value. Rows of the same layout (nearly every row of a page) then
    decode with no per-field test: values the field takes as they are go straight into the
    instance, and only the fields that need it (a datetime from text, a nested model) convert.
    A model's instance dict is built in one expression and stored once."""

    def __init__(self, cls: type[Model], plan: list[Any]) -> None:
        self.cls = cls
        self.owner: dict[str, int] = {}
        for i, (_, names, _, _) in enumerate(plan):
            for name in names:
                self.owner.setdefault(name, i)
        self.plan = plan
        self.decoders: dict[tuple[Any, ...], Callable[..., Any] | None] = {}
        self.pages: dict[tuple[Any, ...], Callable[[list[Any]], list[Any]] | None] = {}

    def decoder(self, data: dict[str, Any]) -> Callable[..., Any] | None:
        """The compiled decoder for ``data``'s layout (None: take the per-field path)."""
        sig = (tuple(data), tuple(map(type, data.values())))
        run: Any = self.decoders.get(sig, _MISSING)  # one hash of the layout per row
        if run is _MISSING:
            if len(self.decoders) >= _MAX_LAYOUTS:
                return None  # no more compiling: further layouts take the per-field path
            run = self.decoders[sig] = self.compile(*sig)
        result: Callable[..., Any] | None = run
        return result

    def _owned(
        self, keys: tuple[str, ...], kinds: tuple[Any, ...]
    ) -> tuple[dict[int, tuple[str, Any]], list[str]] | None:
        """Which field each key fills, with its kind (``{field index: (key, kind)}``), and the
        keys no field claims; None where the per-field path must decide: two wire names for
        one field (their order decides), or a wire name that is another field's name."""
        taken: dict[int, tuple[str, Any]] = {}
        extra: list[str] = []
        for key, kind in zip(keys, kinds, strict=True):
            i = self.owner.get(key)
            if i is None:
                extra.append(key)
            elif i in taken:
                return None
            else:
                taken[i] = (key, kind)
        names = {field.name for field, _, _, _ in self.plan}
        if any(key != self.plan[i][0].name and key in names for i, (key, _) in taken.items()):
            return None
        return taken, extra

    def compile(self, keys: tuple[str, ...], types: tuple[type, ...]) -> Callable[..., Any] | None:
        """A decoder for rows of this layout, or None where the per-field path must decide."""
        env: dict[str, Any] = {"_new": object.__new__, "_cls": self.cls, "_set": _SET}
        owned = self._owned(keys, types)
        if owned is None:
            return None
        taken, extra = owned
        lines = ["def run(data):", "    d = data.copy()", *_pop_extra(extra, "    ")]
        for i, (field, _, nullable, has_default) in enumerate(self.plan):
            name = field.name
            if i not in taken or (taken[i][1] is _NONE and not nullable):
                if not has_default:
                    return None
                if i in taken and taken[i][0] != name:
                    lines.append(f"    del d[{taken[i][0]!r}]")
                lines.append(f"    d[{name!r}] = {_default(env, i, field)}")
                continue
            key, tp = taken[i]
            value = f"d.pop({key!r})" if key != name else f"d[{name!r}]"
            base = _base_type(field.type)
            if tp is _NONE or base is Any or _passthrough(base) is tp:
                if key != name:
                    lines.append(f"    d[{name!r}] = {value}")
                continue
            env[f"_h{i}"] = converter.get_structure_hook(base)
            env[f"_t{i}"] = base
            lines.append(f"    d[{name!r}] = _h{i}({value}, _t{i})")
        lines += [*_store(extra, "    "), "    return o"]
        exec("\n".join(lines), env)  # the source is built above from field and key names
        run: Callable[..., Any] = env["run"]
        return run

    def page(self, rows: list[Any]) -> list[Any] | None:
        """Every row of ``rows`` decoded in one pass, or None where they must each take the
        per-row path: the rows must be dicts of one key layout, and each column must hold
        values its field takes (checked column by column, so a page costs one check per
        value and no per-row layout lookup)."""
        if set(map(type, rows)) != {dict}:
            return None
        shapes = set(map(tuple, rows))
        if len(shapes) != 1:
            return None
        keys = shapes.pop()
        sig = (keys, tuple(frozenset(map(type, map(itemgetter(key), rows))) for key in keys))
        run: Any = self.pages.get(sig, _MISSING)
        if run is _MISSING:
            if len(self.pages) >= _MAX_LAYOUTS:
                return None
            run = self.pages[sig] = self.compile_page(*sig)
        return None if run is None else run(rows)

    def compile_page(
        self, keys: tuple[str, ...], columns: tuple[frozenset[type], ...]
    ) -> Callable[[list[Any]], list[Any]] | None:
        """A decoder for pages of this layout and these column classes (None: per row)."""
        env: dict[str, Any] = {"_new": object.__new__, "_cls": self.cls, "_set": _SET}
        owned = self._owned(keys, columns)
        if owned is None:
            return None
        taken, extra = owned
        head = ["def run(rows):"]
        body = ["    for j, data in enumerate(rows):", "        d = data.copy()"]
        body += _pop_extra(extra, "        ")
        for i, (field, _, nullable, has_default) in enumerate(self.plan):
            name = field.name
            if i not in taken:
                if not has_default:
                    return None
                body.append(f"        d[{name!r}] = {_default(env, i, field)}")
                continue
            key, kinds = taken[i]
            if _NONE in kinds and not nullable:
                return None  # null for a field that takes none: the row decides (its default)
            value = f"d.pop({key!r})" if key != name else f"d[{name!r}]"
            base = _base_type(field.type)
            present = kinds - {_NONE}
            if base is Any or not present or present == {_passthrough(base)}:
                if key != name:
                    body.append(f"        d[{name!r}] = {value}")
            elif _is_model(base):
                if kinds != {dict}:
                    return None
                env[f"_m{i}"] = _rows_of(base)
                head.append(f"    c{i} = _m{i}([row[{key!r}] for row in rows])")
                if key != name:
                    body.append(f"        del d[{key!r}]")
                body.append(f"        d[{name!r}] = c{i}[j]")
            else:
                env[f"_h{i}"] = converter.get_structure_hook(base)
                env[f"_t{i}"] = base
                if _NONE in kinds:
                    body.append(f"        v = {value}")
                    body.append(f"        d[{name!r}] = v if v is None else _h{i}(v, _t{i})")
                else:
                    body.append(f"        d[{name!r}] = _h{i}({value}, _t{i})")
        body += [*_store(extra, "        "), "        out.append(o)", "    return out"]
        exec("\n".join([*head, "    out = []", *body]), env)  # built from field and key names
        run: Callable[[list[Any]], list[Any]] = env["run"]
        return run


_SET = object.__setattr__


def _default(env: dict[str, Any], i: int, field: attrs.Attribute[Any]) -> str:
    """The expression of field ``i``'s default in a generated decoder (bound in ``env``)."""
    default: Any = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        env[f"_d{i}"] = default.factory
        return f"_d{i}()"
    env[f"_d{i}"] = default
    return f"_d{i}"


def _pop_extra(extra: list[str], indent: str) -> list[str]:
    """Generated lines that move the keys no field claims from ``d`` into ``x``."""
    if not extra:
        return []
    return [indent + "x = {" + ", ".join(f"{k!r}: d.pop({k!r})" for k in extra) + "}"]


def _store(extra: list[str], indent: str) -> list[str]:
    """Generated lines that make the instance ``o`` of ``d`` and the unclaimed keys."""
    return [
        f"{indent}d['extra'] = {'x' if extra else '{}'}",
        f"{indent}o = _new(_cls)",
        f"{indent}_set(o, '__dict__', d)",
    ]


def _plain_init(cls: type[Any]) -> bool:
    """Whether ``cls`` may be built without its ``__init__``: its instances keep their fields in
    their ``__dict__``, and it has no validators or hooks."""
    return (
        all("__slots__" not in klass.__dict__ for klass in cls.__mro__[:-1])
        and not hasattr(cls, "__attrs_post_init__")
        and all(field.validator is None and field.converter is None for field in attrs.fields(cls))
    )


def _holds_models(tp: Any) -> bool:
    """Whether a field carries models (rows, a nested object): its failure is the shape's."""
    base = _base_type(tp)
    if typing.get_origin(base) in (list, tuple, set, frozenset, dict):
        return any(_holds_models(arg) for arg in typing.get_args(base))
    return _is_model(base)


def _make_structure_hook(cls: type[Model]) -> Callable[[Any, Any], Model]:
    attrs.resolve_types(cls)
    fields = [f for f in attrs.fields(cls) if f.name != "extra"]
    plan = [
        (f, _wire_names(f), _admits_none(f.type), f.default is not attrs.NOTHING) for f in fields
    ]
    claimed = frozenset(name for _, names, _, _ in plan for name in names)
    fast = _make_fast(cls, plan, claimed)
    layout = _Layout(cls, plan) if _plain_init(cls) else None
    model = cls.__name__
    structural = frozenset(f.name for f in fields if _holds_models(f.type))

    def slow(data: Any) -> Model:
        if not isinstance(data, Mapping):
            raise ResponseValidationError(
                f"expected a JSON object, got {type(data).__name__}", model=model
            )
        strict = strict_mode()
        kwargs: dict[str, Any] = {}
        bent: dict[str, Any] = {}
        for field, names, nullable, has_default in plan:
            raw: Any = attrs.NOTHING
            wire_name = names[0]
            for name in names:
                if name in data:
                    raw = data[name]
                    wire_name = name
                    break
            if raw is attrs.NOTHING or (raw is None and not nullable):
                if has_default:
                    continue
                missing = "null" if raw is None else "missing"
                raise ResponseValidationError(
                    f"{field.name}: required field is {missing}", model=model, field=field.name
                )
            if raw is None:
                kwargs[field.name] = None
                continue
            try:
                kwargs[field.name] = converter.structure(raw, field.type)
            except Exception as exc:
                if strict or not has_default or field.name in structural:
                    if isinstance(exc, ResponseValidationError):
                        exc.message = f"{field.name}.{exc.message}"
                        exc.model = model  # the outermost model, with the field path
                        exc.field = field.name if exc.field is None else exc.field
                        raise
                    raise ResponseValidationError(
                        f"{field.name}: {exc}", model=model, field=field.name
                    ) from exc
                _warn_once(model, field.name, raw)
                bent[wire_name] = raw
                if not nullable:
                    continue  # the field's default stands in
                kwargs[field.name] = None
        extra = {key: value for key, value in data.items() if key not in claimed}
        extra.update(bent)
        kwargs["extra"] = extra
        return cls(**kwargs)

    decoders = layout.decoders if layout is not None else {}

    def hook(data: Any, _: Any) -> Model:
        if data.__class__ is dict:
            try:
                run = decoders.get((tuple(data), tuple(map(type, data.values()))))
                if run is None:
                    run = fast if layout is None else layout.decoder(data) or fast
                result: Model = run(data)
                return result
            except Exception:  # any failure reruns the row on the tolerant path
                pass
        elif isinstance(data, cls):
            return data
        return slow(data)

    def page(items: list[Any]) -> list[Any] | None:
        if layout is None or not items:
            return None
        try:
            return layout.page(items)
        except Exception:  # any failure reruns the page row by row
            return None

    register_page_decoder(cls, hook, page)
    return hook


def _rows_of(cls: type[Model]) -> Callable[[list[Any]], list[Any]]:
    """A nested model column's decoder: :func:`structure_list` into ``cls``."""
    return lambda items: structure_list(items, cls)


def _make_unstructure_hook(cls: type[Model]) -> Callable[[Model], dict[str, Any]]:
    attrs.resolve_types(cls)
    fields = [(f.name, _wire_names(f)[0]) for f in attrs.fields(cls) if f.name != "extra"]

    def hook(value: Model) -> dict[str, Any]:
        out: dict[str, Any] = dict(value.extra)
        for name, wire_name in fields:
            item = getattr(value, name)
            if item is None and out.get(wire_name) is not None:
                continue  # a value the field could not read stays as the wire sent it
            out[wire_name] = converter.unstructure(item)
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

#: An address field the API sends as one string or as a list of strings (``to``, ``cc``, ``bcc``).
Addresses = str | list[str]
#: An id the API sends as a number or as a string: an int when it reads as one, else the text.
FlexibleId = int | str


def _to_addresses(value: Any, _: Any) -> str | list[str]:
    if isinstance(value, list):
        return [converter.structure(item, str) for item in value]
    return converter.structure(value, str)


def _to_flexible_id(value: Any, _: Any) -> int | str:
    try:
        return converter.structure(value, int)
    except (TypeError, ValueError):
        if isinstance(value, str) and value.strip():
            return value.strip()
        raise ValueError(
            f"expected an id (a number or a non-empty string), got {value!r}"
        ) from None


def _register_union(union: Any, hook: Callable[[Any, Any], Any]) -> None:
    """``hook`` for ``union`` and ``union | None``, by predicate: cattrs' own union handling
    would otherwise take these unions first."""

    def optional(value: Any, tp: Any) -> Any:
        return None if value is None else hook(value, tp)

    converter.register_structure_hook_func(lambda tp: tp == union, hook)
    converter.register_structure_hook_func(lambda tp: tp == union | None, optional)


_register_union(Addresses, _to_addresses)
_register_union(FlexibleId, _to_flexible_id)


@attrs.frozen(kw_only=True, slots=False)
class OkResponse(Model):
    """The acknowledgement most write endpoints answer with (``{"ok": true, ...}``)."""

    ok: bool | None = None
    success: bool | None = None
    message: str | None = None
    data: Any = None


__all__ = ["M", "Model", "OkResponse", "Percent", "secret", "wire"]
