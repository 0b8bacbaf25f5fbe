"""Reading import rows: formats, column mapping, custom fields, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartlead_async.cli._common import CliError
from smartlead_async.cli._rows import (
    RowSource,
    apply_plan,
    csv_row_mapper,
    guess_format,
    normalize_name,
    parse_mapping,
    plan_columns,
)


def rows_of(path: Path, **kwargs: object) -> list[object]:
    with RowSource(str(path), **kwargs) as source:  # type: ignore[arg-type]
        return list(source)


def test_column_names_match_lead_fields_loosely():
    assert normalize_name(" First Name ") == "first_name"
    assert normalize_name("company-name") == "company_name"
    plan = plan_columns(
        ["E-Mail", "Email Address", "First Name", "Company", "Phone", "Title"],
        {},
        custom_fields=True,
    )
    assert plan.fields == {
        "E-Mail": "email",
        "First Name": "first_name",
        "Company": "company_name",
        "Phone": "phone_number",
    }
    assert plan.custom == ["Email Address", "Title"]  # email was taken by the first match


def test_explicit_mapping_wins_over_names():
    plan = plan_columns(["email", "Work Email"], {"email": "Work Email"}, custom_fields=False)
    assert plan.fields == {"Work Email": "email"}
    assert plan.custom == []


def test_csv_rows_with_custom_fields_and_blanks(tmp_path: Path):
    path = tmp_path / "in.csv"
    path.write_text(
        "Email,First Name,Title,Empty\n a@x.example ,Ann,CTO,\n\nb@x.example,,,\n",
        encoding="utf-8-sig",
    )

    assert rows_of(path) == [
        {"email": "a@x.example", "first_name": "Ann", "custom_fields": {"Title": "CTO"}},
        {"email": "b@x.example"},
    ]
    assert rows_of(path, custom_fields=False)[0] == {"email": "a@x.example", "first_name": "Ann"}
    with RowSource(str(path)) as source:
        assert source.count() == 2


def test_jsonl_rows_merge_custom_fields(tmp_path: Path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"Email": "a@x.example", "plan": "pro", "custom_fields": {"seats": 5}}\n'
        "\n"
        '{"email": "b@x.example", "custom_fields": "oops"}\n'
        "[1, 2]\n"
    )

    rows = rows_of(path)

    assert rows == [
        {"email": "a@x.example", "custom_fields": {"seats": 5, "plan": "pro"}},
        {"email": "b@x.example", "custom_fields": {"custom_fields": "oops"}},
        [1, 2],
    ]
    mapped = tmp_path / "mapped.jsonl"
    mapped.write_text('{"mail": "c@x.example", "email": "ignored"}\n')
    assert rows_of(mapped, mapping={"email": "mail"}) == [
        {"email": "c@x.example", "custom_fields": {"email": "ignored"}}
    ]
    with RowSource(str(path)) as source:
        assert source.count() == 3


def test_formats_are_guessed_from_the_name():
    assert guess_format("leads.JSONL", None) == "jsonl"
    assert guess_format("leads.ndjson", None) == "jsonl"
    assert guess_format("leads.txt", None) == "csv"
    assert guess_format("-", None) == "csv"
    assert guess_format("leads.csv", "jsonl") == "jsonl"


@pytest.mark.parametrize(
    ("specs", "message"),
    [
        (["email"], "use FIELD=COLUMN"),
        (["=Email"], "use FIELD=COLUMN"),
        (["email="], "use FIELD=COLUMN"),
        (["mail=Email"], "unknown lead field 'mail'"),
        (["email=A", "email=B"], "mapped twice"),
    ],
)
def test_bad_mappings(specs: list[str], message: str):
    with pytest.raises(CliError, match=message):
        parse_mapping(specs)


def test_mapping_keeps_spaces_inside_column_names():
    assert parse_mapping(["first_name= First Name "]) == {"first_name": "First Name"}


def test_broken_csv_line_is_reported_with_its_number(tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b'email\na@x.example\n"b@x.example\nc@x.example\n')

    with pytest.raises(CliError, match="line 3"):
        rows_of(path)


def test_directory_and_stdin_count(tmp_path: Path):
    with pytest.raises(CliError, match="is a directory"):
        RowSource(str(tmp_path)).open()
    assert RowSource("-").count() is None
    assert RowSource(str(tmp_path / "missing.csv")).count() is None


_CELLS = st.sampled_from(["", " ", "a@x.example", " Ann ", "CTO", '{"k": "v"}', "[1]", "0"])
_HEADER = st.lists(
    st.sampled_from(
        ["email", "First Name", "company", "Title", "custom_fields", "lead.custom_fields", ""]
    ),
    min_size=1,
    max_size=6,
)


@given(header=_HEADER, lines=st.lists(st.lists(_CELLS, max_size=8), max_size=5), data=st.data())
@settings(max_examples=300, deadline=None)
def test_a_csv_line_maps_as_its_record_does(
    header: list[str], lines: list[list[str]], data: st.DataObject
) -> None:
    """The per-file CSV mapper gives each line what the general plan gives its record,
    short and long lines, unnamed columns and a custom-fields column included (a header
    names a column once: ``RowSource`` refuses a repeated name)."""
    header = [c for i, c in enumerate(header) if not c or c not in header[:i]]
    named = [column for column in header if column]
    custom_fields = data.draw(st.booleans())
    plan = plan_columns(named, {}, custom_fields=custom_fields)
    mapped = csv_row_mapper(plan, header, custom_fields=custom_fields)
    for cells in lines:
        record = dict(zip(header, cells, strict=False))
        assert mapped(cells) == apply_plan(plan, record, custom_fields=custom_fields)
