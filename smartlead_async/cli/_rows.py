"""Lead rows from a CSV or JSONL file (or stdin), with column mapping, read lazily.

Mapping rules, per column (CSV) or key (JSONL):

1. ``--map FIELD=COLUMN`` puts the column into that lead field;
2. a column whose name is a lead field (``First Name``, ``first-name``, ``email_address``...)
   fills it when no ``--map`` did;
3. every other non-empty column becomes a custom field under its own name, unless custom
   fields are off. A ``custom_fields`` object (JSONL) or JSON object text (CSV) is merged in
   the same way.

JSONL records are flattened first: ``{"lead": {"email": ...}}`` reads as the key ``lead.email``
(``--map`` takes such dotted paths). A ``lead.`` prefix is looked through, so the files that
``smartlead-async export leads`` and ``export global-leads`` write import as they are: their
bookkeeping columns (ids, statuses, timestamps: the export's own fields that are not lead
fields) are skipped instead of becoming custom fields.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

import attrs
import orjson

from smartlead_async.cli._common import CliError
from smartlead_async.cli._sniff import SAMPLE_BYTES, detect_encoding, sniff_delimiter
from smartlead_async.models.campaigns import CampaignLead, CampaignLeadInfo
from smartlead_async.models.lead_input import TEXT_FIELDS, UnreadableRow
from smartlead_async.models.leads import Lead

Format = Literal["csv", "jsonl"]

#: Lead fields an import row can fill (the API's names).
LEAD_FIELDS: tuple[str, ...] = ("email", *TEXT_FIELDS)
#: Column names (normalised by :func:`normalize_name`) that mean a lead field.
_ALIASES: dict[str, str] = {
    **dict.fromkeys(
        (
            "email_address",
            "e_mail",
            "e_mail_address",
            "emailaddress",
            "mail",
            "mail_address",
            "email_id",
            "work_email",
            "business_email",
            "contact_email",
            "e_mail_adresse",
            "correo",
            "courriel",
        ),
        "email",
    ),
    **dict.fromkeys(("firstname", "first", "given_name", "forename"), "first_name"),
    **dict.fromkeys(("lastname", "last", "surname", "family_name"), "last_name"),
    **dict.fromkeys(
        ("company", "companyname", "organization", "organisation", "account_name", "employer"),
        "company_name",
    ),
    **dict.fromkeys(
        ("phone", "phonenumber", "telephone", "mobile", "mobile_phone", "phone_no"),
        "phone_number",
    ),
    **dict.fromkeys(("company_website", "website_url", "domain", "url"), "website"),
    **dict.fromkeys(("city", "country", "address"), "location"),
    **dict.fromkeys(
        ("linkedin", "linkedin_url", "linkedin_profile_url", "person_linkedin_url"),
        "linkedin_profile",
    ),
}
_CUSTOM = "custom_fields"
_LEAD_PREFIX = "lead."


def _export_columns() -> frozenset[str]:
    """Columns the lead exports write that are not lead data (``id``, ``status``, ...)."""
    names = {
        a.name for model in (CampaignLead, CampaignLeadInfo, Lead) for a in attrs.fields(model)
    }
    return frozenset(names - {*LEAD_FIELDS, _CUSTOM, "extra", "lead"})


#: Bookkeeping columns of an export (looked up after a ``lead.`` prefix is removed).
EXPORT_COLUMNS = _export_columns()

#: The longest CSV field a row may hold (Python's default limit); a longer one rejects its row.
MAX_FIELD_CHARS = 131_072
_SEPARATORS = re.compile(r"[\s\-.]+")
_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")


def normalize_name(column: str) -> str:
    """``"First Name"`` -> ``"first_name"``: how a column name is matched to a lead field."""
    return _SEPARATORS.sub("_", column.strip().lower())


def parse_mapping(specs: Sequence[str]) -> dict[str, str]:
    """``["email=Email", "first_name=First Name"]`` -> ``{field: column}``, checked."""
    mapping: dict[str, str] = {}
    for spec in specs:
        target, sep, column = spec.partition("=")
        target = target.strip()
        if not sep or not target or not column.strip():
            raise CliError(f"--map {spec!r}: use FIELD=COLUMN, e.g. --map email=Email")
        if target not in LEAD_FIELDS:
            raise CliError(
                f"--map {spec!r}: unknown lead field {target!r}; use one of "
                f"{', '.join(LEAD_FIELDS)} (other columns become custom fields)"
            )
        if target in mapping:
            raise CliError(f"--map: field {target!r} is mapped twice; keep one --map {target}=...")
        mapping[target] = column.strip()
    return mapping


def guess_format(path: str, given: str | None) -> Format:
    """The input format: ``given``, else from the file suffix (CSV unless .jsonl/.ndjson)."""
    if given is not None:
        return "jsonl" if given == "jsonl" else "csv"
    return "jsonl" if path.lower().endswith(_JSONL_SUFFIXES) else "csv"


@dataclass
class _Plan:
    """Where each input column goes: a lead field, a custom field, or nowhere."""

    fields: dict[str, str] = field(default_factory=dict)  # column -> lead field
    custom: list[str] = field(default_factory=list)
    #: The column holding a custom-fields object (``custom_fields`` or ``lead.custom_fields``).
    custom_source: str | None = None


def is_export_layout(columns: Sequence[str]) -> bool:
    """Whether the columns are those of a lead export (``lead.email``, or ``id`` + ``email``
    + ``custom_fields`` as ``export global-leads`` writes)."""
    names = set(columns)
    return _LEAD_PREFIX + "email" in names or {"id", "email", _CUSTOM} <= names


def _unprefixed(column: str) -> str:
    return column[len(_LEAD_PREFIX) :] if column.startswith(_LEAD_PREFIX) else column


def plan_columns(
    columns: Sequence[str], mapping: Mapping[str, str], *, custom_fields: bool
) -> _Plan:
    """Decide the target of every column (rules in the module docstring)."""
    plan = _Plan()
    taken = set(mapping)
    export = is_export_layout(columns)
    for target, column in mapping.items():
        plan.fields[column] = target
    for column in columns:
        if column in plan.fields:
            continue
        bare = _unprefixed(column)
        if bare == _CUSTOM:
            if plan.custom_source is None or column == _CUSTOM:
                plan.custom_source = column
            continue
        name = normalize_name(bare)
        target = _ALIASES.get(name, name)
        if target in LEAD_FIELDS and target not in taken:
            plan.fields[column] = target
            taken.add(target)
        elif custom_fields and not (
            export and (bare in EXPORT_COLUMNS or bare.startswith(_LEAD_PREFIX))
        ):  # an export's bookkeeping columns (ids, statuses, timestamps) are skipped
            plan.custom.append(column)
    return plan


def flatten_record(record: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """A JSONL record with nested objects as dotted keys (``custom_fields`` objects kept)."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and key != _CUSTOM:
            flat.update(flatten_record(value, name + "."))
        else:
            flat[name] = value
    return flat


def _custom_object(value: Any) -> Any:
    """A custom-fields value: an object as is, JSON object text (a CSV cell) decoded."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            decoded = orjson.loads(text)
        except orjson.JSONDecodeError:
            return value
        return decoded if isinstance(decoded, dict) else value
    return value


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def apply_plan(plan: _Plan, record: Mapping[str, Any], *, custom_fields: bool) -> dict[str, Any]:
    """One input record as an import row ``{email, first_name, ..., custom_fields}``."""
    row: dict[str, Any] = {}
    for column, target in plan.fields.items():
        value = record.get(column)
        if _present(value):
            row[target] = value.strip() if isinstance(value, str) else value
    custom: dict[str, Any] = {}
    nested = None if plan.custom_source is None else _custom_object(record.get(plan.custom_source))
    if custom_fields and isinstance(nested, Mapping):
        custom.update({str(k): v for k, v in nested.items() if _present(v)})
    elif custom_fields and nested is not None:
        custom[_CUSTOM] = nested  # rejected by validation with a clear reason
    for column in plan.custom:
        value = record.get(column)
        if _present(value):
            custom[column] = value
    if custom:
        row["custom_fields"] = custom
    return row


def csv_row_mapper(
    plan: _Plan, columns: Sequence[str], *, custom_fields: bool
) -> Callable[[Sequence[str]], dict[str, Any]]:
    """:func:`apply_plan` for the cells of one CSV line, with every column's position in the
    line worked out once per file: the same row as ``apply_plan`` of ``dict(zip(columns,
    cells))``, without building that record."""
    if plan.custom_source is not None and custom_fields:  # a JSON object column: the general path
        return lambda cells: apply_plan(
            plan, dict(zip(columns, cells, strict=False)), custom_fields=True
        )
    position = {column: index for index, column in enumerate(columns)}  # the last one wins
    fields = [(position[c], target) for c, target in plan.fields.items() if c in position]
    custom = [(position[c], c) for c in plan.custom if c in position]

    def row(cells: Sequence[str]) -> dict[str, Any]:
        size = len(cells)
        out: dict[str, Any] = {
            target: text for i, target in fields if i < size and (text := cells[i].strip())
        }
        extra = {name: value for i, name in custom if i < size and (value := cells[i]).strip()}
        if extra:
            out["custom_fields"] = extra
        return out

    return row


class RowSource:
    """Rows of one input (a path, or ``-`` for stdin), mapped to import rows.

    :meth:`open` reads the CSV header (and checks the mapping against it); iterating yields
    mapped rows lazily. :meth:`count` pre-counts the rows of a regular file (for the ETA).
    """

    def __init__(
        self,
        path: str,
        *,
        fmt: str | None = None,
        mapping: Mapping[str, str] | None = None,
        custom_fields: bool = True,
        encoding: str | None = None,
        delimiter: str | None = None,
    ) -> None:
        self.path = path
        #: The text encoding (given, or detected when the file is opened).
        self.encoding = encoding
        #: The CSV delimiter (given, or sniffed when the file is opened).
        self.delimiter = delimiter
        self.format: Format = guess_format(path, fmt)
        self.mapping = dict(mapping or {})
        self.custom_fields = custom_fields
        self.columns: list[str] = []
        #: 1-based positions of CSV columns with an empty header cell (their values are skipped).
        self.unnamed_columns: list[int] = []
        self._handle: IO[str] | None = None
        self._reader: Any = None
        self._plan = _Plan()

    @property
    def is_stdin(self) -> bool:
        return self.path == "-"

    @property
    def name(self) -> str:
        """The input's name for messages."""
        return "stdin" if self.is_stdin else self.path

    def _open_text(self) -> IO[str]:
        if self.is_stdin:
            buffer = getattr(sys.stdin, "buffer", None)
            if buffer is None:
                return sys.stdin
            self.encoding = self.encoding or "utf-8-sig"
            return io.TextIOWrapper(buffer, encoding=self.encoding, newline="")
        path = Path(self.path)
        if path.is_dir():
            raise CliError(f"{self.path} is a directory; give a CSV or JSONL file")
        try:
            self.encoding = self.encoding or detect_encoding(path)
            return open(path, encoding=self.encoding, newline="")
        except FileNotFoundError:
            raise CliError(f"input file {self.path} does not exist") from None
        except OSError as exc:
            raise CliError(f"cannot read {self.path}: {exc.strerror or exc}") from None

    def _csv_lines(self, handle: IO[str]) -> Iterator[str]:
        """The handle's lines, after sniffing the delimiter from the first ones (if not given)."""
        sample = handle.read(SAMPLE_BYTES)
        sample += handle.readline()  # end the sample on a line boundary
        if self.delimiter is None:
            self.delimiter = sniff_delimiter(sample)
        yield from io.StringIO(sample, newline="")
        yield from handle

    def open(self) -> RowSource:
        """Open the input and read the CSV header; raises :class:`CliError` on a bad input."""
        self._handle = self._open_text()
        if self.format == "csv":
            csv.field_size_limit(max(csv.field_size_limit(), 64 * MAX_FIELD_CHARS))
            try:
                lines = self._csv_lines(self._handle)
                first = next(lines, "")  # reads the sample: the delimiter is known after it
                reader = csv.reader(
                    _prepend(first, lines), delimiter=self.delimiter or ",", strict=True
                )
                header = next(reader, None)
            except (csv.Error, UnicodeDecodeError) as exc:
                raise CliError(
                    f"{self.name}: cannot read the CSV header: {exc}{self._encoding_hint(exc)}"
                ) from None
            if not header or not any(cell.strip() for cell in header):
                raise CliError(f"{self.name} is empty: the first line must name the columns")
            self.columns = [cell.strip() for cell in header]
            self.unnamed_columns = [n for n, col in enumerate(self.columns, start=1) if not col]
            named = [column for column in self.columns if column]
            seen: set[str] = set()
            for column in named:
                if column in seen:
                    raise CliError(
                        f"{self.name}: column {column!r} appears twice in the header; rename one"
                    )
                seen.add(column)
            missing = [col for col in self.mapping.values() if col not in self.columns]
            if missing:
                raise CliError(
                    f"--map names column(s) {', '.join(map(repr, missing))} that {self.name} "
                    f"does not have; its columns are: {', '.join(self.columns)}"
                )
            self._plan = plan_columns(named, self.mapping, custom_fields=self.custom_fields)
            if "email" not in self._plan.fields.values():
                shown = "tab" if self.delimiter == "\t" else repr(self.delimiter)
                raise CliError(
                    f"{self.name} has no email column (columns: {', '.join(named)}; "
                    f"read with delimiter {shown}); map one with --map email=COLUMN, or give "
                    "--delimiter"
                )
            self._reader = reader
        return self

    def close(self) -> None:
        """Close the input (stdin itself stays open)."""
        handle, self._handle = self._handle, None
        if handle is not None and not self.is_stdin:
            handle.close()
        elif isinstance(handle, io.TextIOWrapper) and handle is not sys.stdin:
            handle.detach()

    def __enter__(self) -> RowSource:
        return self.open() if self._handle is None else self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[dict[str, Any] | UnreadableRow]:
        if self._handle is None:
            self.open()
        if self.format == "csv":
            return self._csv_rows()
        return self._jsonl_rows()

    def _encoding_hint(self, exc: BaseException) -> str:
        if not isinstance(exc, UnicodeDecodeError):
            return ""
        return f" (read as {self.encoding}); give the file's encoding with --encoding"

    def _csv_rows(self) -> Iterator[dict[str, Any] | UnreadableRow]:
        mapped = csv_row_mapper(self._plan, self.columns, custom_fields=self.custom_fields)
        line = 1
        try:
            for cells in self._reader:
                line = self._reader.line_num
                if not "".join(cells).strip():  # no cells, or only blank ones
                    continue
                longest = max(map(len, cells))
                if longest > MAX_FIELD_CHARS:
                    yield UnreadableRow(
                        f"line {line}: a field holds {longest:,} characters, more than the "
                        f"{MAX_FIELD_CHARS:,} a lead field may hold",
                        line=line,
                    )
                    continue
                yield mapped(cells)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise CliError(
                f"{self.name} line {line + 1}: {exc}{self._encoding_hint(exc)}; "
                "fix the line and rerun"
            ) from None

    def _jsonl_rows(self) -> Iterator[dict[str, Any]]:
        assert self._handle is not None
        plans: dict[tuple[str, ...], _Plan] = {}
        number = 0
        try:
            for number, text in enumerate(self._handle, start=1):
                if not text.strip():
                    continue
                try:
                    record = orjson.loads(text)
                except orjson.JSONDecodeError as exc:
                    raise CliError(
                        f"{self.name} line {number} is not valid JSON ({exc}); "
                        "fix or remove the line and rerun"
                    ) from None
                if not isinstance(record, dict):
                    yield record  # rejected by validation, with the reason in the report
                    continue
                record = flatten_record(record)
                if not plans:
                    self._check_mapped_keys(record, number)
                keys = tuple(record)
                plan = plans.get(keys)
                if plan is None:
                    plan = plan_columns(keys, self.mapping, custom_fields=self.custom_fields)
                    if len(plans) < 1024:
                        plans[keys] = plan
                yield apply_plan(plan, record, custom_fields=self.custom_fields)
        except UnicodeDecodeError as exc:
            raise CliError(f"{self.name} line {number + 1}: {exc}") from None

    def _check_mapped_keys(self, record: Mapping[str, Any], number: int) -> None:
        """``--map`` must name keys that the records have (checked on the first one)."""
        missing = [key for key in self.mapping.values() if key not in record]
        if missing:
            raise CliError(
                f"--map names key(s) {', '.join(map(repr, missing))} that record {number} of "
                f"{self.name} does not have; its keys are: {', '.join(record)} (nested keys "
                "are dotted, e.g. lead.email)"
            )

    def count(self) -> int | None:
        """Rows in a regular file (a quick pre-pass for the ETA); None for stdin or on error."""
        if self.is_stdin:
            return None
        try:
            encoding = self.encoding or detect_encoding(Path(self.path))
            with open(self.path, encoding=encoding, newline="") as handle:
                if self.format == "jsonl":
                    return sum(1 for line in handle if line.strip())
                delimiter = self.delimiter or sniff_delimiter(handle.read(SAMPLE_BYTES))
                handle.seek(0)
                reader = csv.reader(handle, delimiter=delimiter, strict=True)
                rows = sum(1 for cells in reader if any(c.strip() for c in cells))
                return max(0, rows - 1)
        except (OSError, csv.Error, UnicodeDecodeError):
            return None


def _prepend(first: str, rest: Iterator[str]) -> Iterator[str]:
    if first:
        yield first
    yield from rest
