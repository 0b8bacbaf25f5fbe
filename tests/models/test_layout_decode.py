"""The compiled per-layout decoder gives exactly what the tolerant per-field path gives."""

from __future__ import annotations

import types
from datetime import datetime
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartlead_async._convert import structure, structure_list
from smartlead_async.errors import ResponseValidationError
from smartlead_async.models.analytics import ClientPerformanceRow
from smartlead_async.models.campaigns import AddLeadsResult, CampaignLead, CampaignLeadInfo
from smartlead_async.models.common import Model, wire, wire_keys
from smartlead_async.models.inbox import InboxReply
from smartlead_async.models.leads import BlockListAddResult


@attrs.frozen(kw_only=True, slots=False)
class Tangled(Model):
    """Wire names that are other fields' names, and defaults that stand in for ``null``."""

    a: int | None = wire("a", "b")
    b: str | None = wire("b_text", "b")
    count: int = wire("count", "total", default=0)
    tags: list[str] = wire("tags", "labels", factory=list)
    when: datetime | None = wire("when", "at")


@attrs.frozen(kw_only=True)
class Slotted(Model):
    """A model declared with slots: decoded through its ``__init__``."""

    id: int
    name: str | None = wire("name", "title")
    when: datetime | None = None


MODELS: list[type[Model]] = [
    CampaignLeadInfo,
    CampaignLead,
    ClientPerformanceRow,
    BlockListAddResult,
    InboxReply,
    AddLeadsResult,
    Tangled,
    Slotted,
]

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(
        ["", "12", "3.5", "2026-03-01T10:00:00Z", "2026-03-01T10:00:00", "INPROGRESS", "x", "50%"]
    ),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["id", "a"]), inner, max_size=2),
    ),
    max_leaves=6,
)


def _every_model(test: Any) -> Any:
    """Run ``test(cls, data)`` for each model, with hypothesis drawing its rows."""
    test = given(data=st.data())(test)
    test = settings(max_examples=150, deadline=None)(test)
    return pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)(test)


def _outcome(data: Any, cls: type[Model]) -> tuple[str, Any]:
    try:
        model = structure(data, cls)
    except ResponseValidationError as exc:
        return "error", exc.field
    fields = {f.name: getattr(model, f.name) for f in attrs.fields(cls)}
    return "model", (fields, model.to_dict())


@st.composite
def _rows(draw: st.DrawFn, cls: type[Model]) -> dict[str, Any]:
    keys = [*sorted(wire_keys(cls)), "unknown_a", "unknown_b"]
    chosen = draw(st.lists(st.sampled_from(keys), unique=True, max_size=len(keys)))
    row = {key: draw(_values) for key in chosen}
    if cls is CampaignLead and draw(st.booleans()):
        row["lead"] = {"id": draw(st.integers(1, 10)), "email": "a@b.co", "created_at": None}
    return row


@_every_model
def test_a_row_decodes_the_same_on_every_path(cls: type[Model], data: st.DataObject) -> None:
    row = data.draw(_rows(cls))
    compiled = _outcome(row, cls)
    # A mapping that is not a dict always takes the tolerant per-field path.
    tolerant = _outcome(types.MappingProxyType(row), cls)
    assert compiled == tolerant
    assert _outcome(dict(row), cls) == compiled  # the second row of a layout: the cached decoder


def test_a_layout_seen_once_decodes_later_rows_without_mixing_them_up() -> None:
    first = {"id": 1, "email": "a@b.co", "created_at": "2026-03-01T10:00:00Z", "x": 1}
    second = {"id": 2, "email": "c@d.co", "created_at": "2026-03-02T10:00:00Z", "x": 2}
    one, two = structure(first, CampaignLeadInfo), structure(second, CampaignLeadInfo)
    assert (one.id, one.email, one.extra) == (1, "a@b.co", {"x": 1})
    assert (two.id, two.email, two.extra) == (2, "c@d.co", {"x": 2})
    assert two.created_at is not None and two.created_at.day == 2


def test_a_value_of_the_wrong_kind_in_a_known_layout_still_bends_per_field() -> None:
    good = {"id": 1, "email": "a@b.co", "is_unsubscribed": False}
    structure(good, CampaignLeadInfo)
    bent = structure({"id": 1, "email": "a@b.co", "is_unsubscribed": {"no": 1}}, CampaignLeadInfo)
    assert bent.is_unsubscribed is None
    assert bent.extra == {"is_unsubscribed": {"no": 1}}


def test_rows_in_more_layouts_than_the_cache_holds_still_decode() -> None:
    for i in range(200):
        row = {"id": i, **{f"k{j}": j for j in range(i % 40)}}
        assert structure(row, CampaignLeadInfo).id == i


def test_a_compiled_row_owns_its_fields_and_leaves_the_wire_object_untouched() -> None:
    row = {"a": 1, "b": "x", "total": None, "labels": ["t"], "at": "2026-03-01T10:00:00Z", "z": 1}
    wire_copy = dict(row)
    first, second = structure(row, Tangled), structure(row, Tangled)
    assert row == wire_copy
    assert first == second and first is not second
    assert (second.a, second.b, second.count, second.tags) == (1, "x", 0, ["t"])
    assert second.when is not None and second.when.tzinfo is not None
    assert second.extra == {"z": 1}
    assert vars(second).keys() == {f.name for f in attrs.fields(Tangled)}


@st.composite
def _pages(draw: st.DrawFn, cls: type[Model]) -> list[dict[str, Any]]:
    """Rows of one key layout: copies of a first row, each value kept or drawn anew."""
    first = draw(_rows(cls))
    pages = [first]
    for _ in range(draw(st.integers(0, 4))):
        row = {key: value if draw(st.booleans()) else draw(_values) for key, value in first.items()}
        if isinstance(first.get("lead"), dict):
            row["lead"] = {**first["lead"], "id": draw(st.integers(1, 10))}
        pages.append(row)
    return pages


@_every_model
def test_a_page_decodes_as_each_of_its_rows_does(cls: type[Model], data: st.DataObject) -> None:
    rows = data.draw(_pages(cls))
    each = [_outcome(types.MappingProxyType(row), cls) for row in rows]
    failed = [field for outcome, field in each if outcome == "error"]
    for _ in range(2):  # the second page of a layout takes the cached page decoder
        if failed:
            with pytest.raises(ResponseValidationError) as caught:
                structure_list([dict(row) for row in rows], cls)
            assert caught.value.field == failed[0]
        else:
            models = structure_list([dict(row) for row in rows], cls)
            fields = [{f.name: getattr(m, f.name) for f in attrs.fields(cls)} for m in models]
            assert [
                ("model", (f, m.to_dict())) for f, m in zip(fields, models, strict=True)
            ] == each


def test_a_page_of_one_layout_gives_each_row_its_own_objects() -> None:
    rows = [
        {"id": i, "email": f"{i}@b.co", "custom_fields": {"n": i}, "created_at": None, "z": i}
        for i in range(3)
    ]
    leads = structure_list(rows, CampaignLeadInfo)
    assert [lead.id for lead in leads] == [0, 1, 2]
    assert [lead.extra for lead in leads] == [{"z": 0}, {"z": 1}, {"z": 2}]
    assert leads[0].custom_fields == {"n": 0} and leads[0].created_at is None
    assert rows[0] == {
        "id": 0,
        "email": "0@b.co",
        "custom_fields": {"n": 0},
        "created_at": None,
        "z": 0,
    }
