"""Streaming record writers (CSV and JSONL) for models, to stdout or a file.

JSONL lines are the API's JSON (``Model.to_dict()``: wire names, unknown keys kept). CSV
columns are the SDK's field names, nested models flattened as ``parent.child``; lists and free-form
objects are written as JSON text in one cell. The CSV header is taken from the first record.
"""

from __future__ import annotations

import contextlib
import csv
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Literal, Protocol

import attrs
import orjson

from smartlead_async._convert import unstructure
from smartlead_async.cli._common import CliError
from smartlead_async.models.common import Model, Percent

OutputFormat = Literal["csv", "jsonl"]

_JSON_OPTIONS = orjson.OPT_NON_STR_KEYS


def to_json_line(data: Any) -> str:
    """One compact JSON line (no newline)."""
    return orjson.dumps(data, option=_JSON_OPTIONS, default=str).decode()


def _plain(value: Any) -> Any:
    """A rate as the API wrote it (or its number), a date as ISO text; anything else as is."""
    if isinstance(value, Percent):
        return value.raw if value.raw is not None else float(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def cell(value: Any) -> Any:
    """A value as a CSV cell: text, a number, or JSON text for lists and objects."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    value = _plain(value)
    if isinstance(value, (int, float, str)):
        return value
    return to_json_line(unstructure(value))


def flatten(model: Model, prefix: str = "") -> dict[str, Any]:
    """A model as flat ``{column: cell}``: nested models become ``parent.child`` columns."""
    out: dict[str, Any] = {}
    for attribute in attrs.fields(type(model)):
        if attribute.name == "extra":
            continue
        value = getattr(model, attribute.name)
        if isinstance(value, Model):
            out.update(flatten(value, f"{prefix}{attribute.name}."))
        else:
            out[prefix + attribute.name] = cell(value)
    for key, value in model.extra.items():
        out.setdefault(prefix + str(key), cell(value))
    return out


def model_json(model: Model) -> dict[str, Any]:
    """A model as JSON data under the SDK's field names (the same names :func:`flatten` uses
    for CSV columns), nested models as objects and unknown wire keys kept."""
    out: dict[str, Any] = {}
    for attribute in attrs.fields(type(model)):
        if attribute.name != "extra":
            out[attribute.name] = _json_value(getattr(model, attribute.name))
    for key, value in model.extra.items():
        out.setdefault(str(key), _json_value(value))
    return out


def _json_value(value: Any) -> Any:
    if isinstance(value, Model):
        return model_json(value)
    if isinstance(value, (list, tuple)):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    return _plain(value)


def output_format(given: str | None, path: str | None, *, json_flag: bool) -> OutputFormat:
    """``--format``, else from ``--output``'s suffix, else JSONL with ``--json``, else CSV."""
    if given is not None:
        return "jsonl" if given == "jsonl" else "csv"
    if path and path.lower().endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if path and path.lower().endswith(".csv"):
        return "csv"
    return "jsonl" if json_flag else "csv"


class RecordWriter(Protocol):
    """Writes models one at a time."""

    count: int

    def write(self, item: Model) -> None: ...


class JsonlWriter:
    """One JSON object per line."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self.count = 0

    def write(self, item: Model) -> None:
        self._stream.write(to_json_line(item.to_dict()) + "\n")
        self.count += 1


class CsvWriter:
    """CSV with a header taken from the first record (later unknown keys are dropped)."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._writer: csv.DictWriter[str] | None = None
        self.count = 0

    def write(self, item: Model) -> None:
        row = flatten(item)
        if self._writer is None:
            self._writer = csv.DictWriter(
                self._stream, fieldnames=list(row), restval="", extrasaction="ignore"
            )
            self._writer.writeheader()
        self._writer.writerow(row)
        self.count += 1


def make_writer(fmt: OutputFormat, stream: IO[str]) -> RecordWriter:
    """The writer for ``fmt``."""
    return JsonlWriter(stream) if fmt == "jsonl" else CsvWriter(stream)


@contextlib.contextmanager
def open_output(path: str | None) -> Iterator[IO[str]]:
    """``path`` opened for writing (UTF-8, CSV-safe newlines), or stdout for None or ``-``."""
    if path is None or path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    if target.is_dir():
        raise CliError(f"--output {path} is a directory; give a file name")
    try:
        handle = open(target, "w", encoding="utf-8", newline="")  # noqa: SIM115
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror or exc}") from None
    with handle:
        yield handle
