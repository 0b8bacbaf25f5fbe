"""How a CSV file is written: its text encoding and its delimiter, detected from the bytes.

Encoding: a byte-order mark decides; else the whole file is checked as UTF-8 (incrementally,
so a bad byte on row 90,000 is found before row 1 is sent); else charset-normalizer guesses
from the bytes around the first undecodable one, with Windows-1252 preferred where it reads
the same text. Delimiter: whichever of comma, semicolon, tab
and pipe splits the header into the most columns, the next lines agreeing; else a comma.
"""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

from smartlead_async.cli._common import CliError

#: Bytes read at a time while checking a file as UTF-8.
_CHUNK = 1 << 20
#: Bytes of the file's start given to the delimiter sniffer.
SAMPLE_BYTES = 64 * 1024
DELIMITERS = ",;\t|"
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}


def check_encoding(name: str) -> str:
    """An ``--encoding`` value: a codec Python knows."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise CliError(
            f"--encoding {name!r} is not a known text encoding; try utf-8, latin-1 or cp1252"
        ) from None


def check_delimiter(value: str) -> str:
    """A ``--delimiter`` value: one character, or ``tab``/``comma``/``semicolon``/``pipe``."""
    delimiter = _DELIMITER_NAMES.get(value.lower(), value)
    if len(delimiter) != 1 or delimiter in '\r\n"':
        raise CliError(
            f"--delimiter {value!r} must be one character (or tab, comma, semicolon, pipe)"
        )
    return delimiter


def _bom_encoding(head: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def _first_bad_utf8(path: Path) -> int | None:
    """The offset of the first byte that isn't UTF-8, or None when the whole file is."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return offset + exc.start
            offset += len(chunk)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return offset
    return None


def detect_encoding(path: Path) -> str:
    """The text encoding of the file at ``path`` (see the module docstring)."""
    with open(path, "rb") as handle:
        head = handle.read(4)
    bom = _bom_encoding(head)
    if bom is not None:
        return bom
    bad = _first_bad_utf8(path)
    if bad is None:
        return "utf-8"
    from charset_normalizer import from_bytes

    with open(path, "rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
        handle.seek(max(0, bad - SAMPLE_BYTES // 2))
        sample += b"\n" + handle.read(SAMPLE_BYTES)
    best = from_bytes(sample).best()
    western = _decoded(sample, "cp1252")
    if best is None:
        return "cp1252" if western is not None else "latin-1"
    encoding = str(best.encoding)
    # Short Western samples decode alike in many code pages; the guess then often lands on a
    # rarer one (cp1250, a DOS page). Where the text is the same, or the guess is a DOS or
    # Mac page, Windows-1252 (what spreadsheets write) is the likelier truth.
    if western is not None and (
        str(best) == western or encoding.startswith(("cp4", "cp7", "cp8", "mac_"))
    ):
        return "cp1252"
    return encoding


def _decoded(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def sniff_delimiter(sample: str) -> str:
    """The delimiter of CSV text starting with ``sample`` (a comma when it can't tell).

    Each candidate splits the first lines; the one that gives the header the most columns,
    with the following lines agreeing, wins (ties go to the earlier of ``, ; tab |``).
    """
    lines = sample.splitlines()[:20]
    if not lines:
        return ","
    best, best_columns = ",", 1
    for delimiter in DELIMITERS:
        widths = [len(cells) for cells in csv.reader(lines, delimiter=delimiter)]
        header = widths[0] if widths else 1
        body = widths[1:-1] or widths[1:]  # the last line of a sample may be cut short
        agree = not body or sum(width == header for width in body) * 2 >= len(body)
        if header > best_columns and agree:
            best, best_columns = delimiter, header
    return best
