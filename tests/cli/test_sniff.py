"""CSV files as people have them: delimiters, encodings, column names and oversize fields."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from smartlead_async.cli._common import CliError
from smartlead_async.cli._rows import MAX_FIELD_CHARS, RowSource, plan_columns
from smartlead_async.cli._sniff import (
    check_delimiter,
    check_encoding,
    detect_encoding,
    sniff_delimiter,
)
from smartlead_async.models.lead_input import UnreadableRow
from tests.helpers.cli import Cli
from tests.helpers.threaded import ThreadedSandbox, campaign_emails, new_campaign


def rows_of(path: Path, **kwargs: Any) -> list[Any]:
    with RowSource(str(path), **kwargs) as source:
        return list(source)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("email,first_name\na@x.io,Ann\n", ","),
        ("E-Mail Address;First Name;Company\na@x.io;Ann;Acme\n", ";"),
        ("email\tname\na@x.io\tAnn\n", "\t"),
        ("email|name\na@x.io|Ann\n", "|"),
        # commas inside quoted values don't fool it
        ('email;note\na@x.io;"one, two, three"\nb@x.io;"four, five"\n', ";"),
        ('email,note\na@x.io,"x;y;z"\n', ","),
        ("email\na@x.io\n", ","),  # one column: a comma, whatever
        ("", ","),
    ],
)
def test_the_delimiter_is_sniffed(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter


@pytest.mark.parametrize(
    ("value", "expected"),
    [(";", ";"), ("tab", "\t"), ("\\t", "\t"), ("Semicolon", ";"), ("|", "|")],
)
def test_delimiter_option(value: str, expected: str) -> None:
    assert check_delimiter(value) == expected


@pytest.mark.parametrize("value", ["", ";;", '"', "\n"])
def test_bad_delimiter_option(value: str) -> None:
    with pytest.raises(CliError, match="--delimiter"):
        check_delimiter(value)


def test_encoding_option() -> None:
    assert check_encoding("Latin-1") == "iso8859-1"
    with pytest.raises(CliError, match="--encoding 'klingon' is not a known text encoding"):
        check_encoding("klingon")


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16")],
)
def test_unicode_files_are_recognised(tmp_path: Path, encoding: str, expected: str) -> None:
    path = write(tmp_path / "f.csv", "email,first_name\nzoe@x.io,Zoë\n", encoding)
    assert detect_encoding(path) == expected
    assert rows_of(path) == [{"email": "zoe@x.io", "first_name": "Zoë"}]


def test_a_latin_1_file_is_read_even_when_the_bad_byte_is_far_down(tmp_path: Path) -> None:
    lines = ["email;first_name"] + [f"lead{n}@x.io;Plain{n}" for n in range(5_000)]
    lines.append("rene@x.io;René Müller")
    path = write(tmp_path / "latin.csv", "\n".join(lines) + "\n", "latin-1")
    assert detect_encoding(path) in ("cp1252", "iso8859_1", "latin_1", "cp1250", "iso8859-1")
    rows = rows_of(path)
    assert len(rows) == 5_001
    assert rows[-1] == {"email": "rene@x.io", "first_name": "René Müller"}


def test_a_wrong_encoding_option_says_how_to_fix_it(tmp_path: Path) -> None:
    path = write(tmp_path / "latin.csv", "email,first_name\nrene@x.io,René\n", "latin-1")
    with pytest.raises(CliError, match=r"read as utf-8.*--encoding"):
        rows_of(path, encoding="utf-8")
    assert rows_of(path, encoding="latin-1")[0]["first_name"] == "René"


@pytest.mark.parametrize(
    "column",
    [
        "E-Mail",
        "E-mail Address",
        "Email Address",
        "EmailAddress",
        "Mail",
        "Work Email",
        "e_mail",
        "E-Mail-Adresse",
    ],
)
def test_email_column_aliases(column: str) -> None:
    assert plan_columns([column, "Notes"], {}, custom_fields=True).fields == {column: "email"}


@pytest.mark.parametrize(
    ("column", "field"),
    [
        ("FirstName", "first_name"),
        ("Surname", "last_name"),
        ("Organization", "company_name"),
        ("Mobile", "phone_number"),
        ("Company Website", "website"),
        ("Person Linkedin Url", "linkedin_profile"),
    ],
)
def test_other_field_aliases(column: str, field: str) -> None:
    assert plan_columns(["Email", column], {}, custom_fields=True).fields[column] == field


def test_an_oversize_field_rejects_only_its_row(tmp_path: Path) -> None:
    huge = "x" * (MAX_FIELD_CHARS + 1)
    path = write(tmp_path / "big.csv", f"email,notes\na@x.io,short\nb@x.io,{huge}\nc@x.io,ok\n")
    rows = rows_of(path)
    assert rows[0] == {"email": "a@x.io", "custom_fields": {"notes": "short"}}
    assert isinstance(rows[1], UnreadableRow) and rows[1].line == 3
    assert "131,073 characters" in rows[1].reason
    assert rows[2]["email"] == "c@x.io"


def test_the_delimiter_option_overrides_the_sniffer(tmp_path: Path) -> None:
    path = write(tmp_path / "odd.csv", "email;first_name\na@x.io;Ann\n")
    with pytest.raises(CliError, match=r"no email column.*delimiter ','.*--delimiter"):
        rows_of(path, delimiter=",")
    assert rows_of(path, delimiter=";") == [{"email": "a@x.io", "first_name": "Ann"}]


def test_a_semicolon_latin_1_file_with_e_mail_address_imports_as_is(
    cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path
) -> None:
    campaign = new_campaign(cli_env, "CSV files")
    lines = ["E-Mail Address;First Name;Firma"]
    lines += [f"kunde{n}@beispiel.de;Jürgen {n};Müller GmbH" for n in range(40)]
    path = write(tmp_path / "kunden.csv", "\r\n".join(lines) + "\r\n", "cp1252")
    huge = "y" * (MAX_FIELD_CHARS + 10)
    with open(path, "ab") as handle:
        handle.write(f"gross@beispiel.de;{huge};X\r\n".encode("cp1252"))

    result = cli("import", str(path), "--campaign", str(campaign), "--json")

    report = json.loads(result.out)
    assert report["buckets"]["uploaded"] == 40
    assert report["buckets"]["rejected_client_side"] == 1
    assert report["rejected"][0]["row"] == {"line": 42}
    assert "line 42" in report["rejected"][0]["reason"]
    assert result.code == 3, "a rejected row keeps the job from succeeding"
    emails = campaign_emails(cli_env, campaign)
    assert len(emails) == 40 and "kunde0@beispiel.de" in emails
    names = cli_env.sync(lambda sb: sorted(lead.first_name for lead in sb.state.leads.values()))
    assert "Jürgen 0" in names


def test_a_tsv_imports_with_an_explicit_delimiter_and_encoding(
    cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path
) -> None:
    campaign = new_campaign(cli_env, "CSV files")
    text = "Mail\tFirstName\n" + "".join(f"t{n}@x.io\tTé{n}\n" for n in range(5))
    path = write(tmp_path / "leads.txt", text, "latin-1")
    result = cli(
        "import", str(path), "--campaign", str(campaign), "--delimiter", "tab",
        "--encoding", "latin-1", "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert json.loads(result.out)["buckets"]["uploaded"] == 5
