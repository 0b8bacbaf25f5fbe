"""The resume journal of a bulk import: an append-only JSONL file, one fsync'd line per batch.

Layout (one JSON object per line)::

    {"type": "header", "version": 1, "job": {"kind": "campaign", "target": 42, ...}}
    {"type": "sent", "index": 0, "digest": "9f..."}
    {"type": "batch", "index": 0, "digest": "9f...", "rows": 400, "counts": {"uploaded": 398, ...}}
    ...
    {"type": "end", "fingerprint": "c1...", "batches": 250, "complete": true}

The input is streamed, so it is identified batch by batch: a batch is skipped on resume only
when its index *and* the digest of its validated rows match a confirmed line; the same index
with another digest means the input changed and raises :class:`JournalMismatchError`. A
``sent`` line is written before a batch's first request: on resume, a batch that was sent but
never confirmed may already be stored, and its "already present" rows count as ``recovered``.
A line cut short by a crash is dropped when the journal is reopened.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

import attrs
import orjson

from smartlead_async.errors import InvalidTypeError, JournalError, JournalMismatchError
from smartlead_async.models.lead_input import LeadInput, encoded_rows

logger = logging.getLogger("smartlead_async.journal")

JOURNAL_VERSION = 1


def batch_digest(rows: Iterable[LeadInput]) -> str:
    """A stable hex digest of validated rows, in order (keys sorted, so dict order is moot)."""
    digest = hashlib.blake2b(digest_size=16)
    for line in encoded_rows(rows):
        digest.update(line)
        digest.update(b"\n")
    return digest.hexdigest()


class Fingerprint:
    """The digest of a whole input, built incrementally from its batch digests in order."""

    def __init__(self) -> None:
        self._digest = hashlib.blake2b(digest_size=16)
        self.batches = 0

    def add(self, batch_digest_hex: str) -> None:
        """Fold in the next batch's digest."""
        self._digest.update(bytes.fromhex(batch_digest_hex))
        self.batches += 1

    def hexdigest(self) -> str:
        """The fingerprint of the batches added so far."""
        return self._digest.hexdigest()


@attrs.frozen
class JournalEntry:
    """One confirmed batch: its index, row digest, row count and the bucket counts."""

    index: int
    digest: str
    rows: int
    counts: dict[str, int] = attrs.field(factory=dict)


def as_journal_path(journal: str | os.PathLike[str]) -> Path:
    """Check a ``journal=`` argument and return it as a :class:`~pathlib.Path`."""
    if isinstance(journal, bool) or not isinstance(journal, (str, os.PathLike)):
        raise InvalidTypeError(
            f"journal must be a file path (str or Path), got {type(journal).__name__}"
        )
    path = Path(journal)
    if not str(journal).strip():
        raise InvalidTypeError("journal must be a non-empty file path")
    if path.is_dir():
        raise JournalError(f"journal path {str(path)!r} is a directory; give a file name")
    return path


class ImportJournal:
    """An open journal: :meth:`confirmed` answers resume questions, :meth:`record` appends.

    Open it with ``async with ImportJournal(path, job) as journal``; ``job`` identifies the
    import (target kind and id, batch size, dedupe) and must equal the header of an existing
    file.
    """

    def __init__(self, path: str | os.PathLike[str], job: Mapping[str, Any]) -> None:
        self.path = as_journal_path(path)
        self.job = dict(job)
        self._entries: dict[int, JournalEntry] = {}
        self._sent: set[int] = set()
        self._file: BinaryIO | None = None
        self._lock = asyncio.Lock()
        self.previous_end: dict[str, Any] | None = None

    def __repr__(self) -> str:
        return f"ImportJournal({str(self.path)!r}, confirmed={len(self._entries)})"

    @property
    def entries(self) -> Mapping[int, JournalEntry]:
        """Confirmed batches by index."""
        return self._entries

    async def __aenter__(self) -> ImportJournal:
        await asyncio.to_thread(self._open)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the file (lines already written are on disk)."""
        if self._file is not None:
            self._file.close()
            self._file = None

    # --- reading -------------------------------------------------------------------------

    def _open(self) -> None:
        fresh = not self._load()
        if fresh:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(self.path, "ab")  # noqa: SIM115 - kept open for the whole job
        if fresh:
            self._write({"type": "header", "version": JOURNAL_VERSION, "job": self.job})
        else:
            logger.info(
                "resuming import from journal %s (%d batches confirmed)",
                self.path,
                len(self._entries),
            )

    def _load(self) -> bool:
        """Read an existing journal; False when there is none (or nothing but a cut line)."""
        if not self.path.exists():
            return False
        raw = self.path.read_bytes()
        end = raw.rfind(b"\n") + 1
        if end < len(raw):
            logger.warning(
                "journal %s ends with an incomplete line (%d bytes); dropping it",
                self.path,
                len(raw) - end,
            )
            with open(self.path, "r+b") as handle:
                handle.truncate(end)
            raw = raw[:end]
        lines = [(n, line) for n, line in enumerate(raw.splitlines(), start=1) if line.strip()]
        if not lines:
            with open(self.path, "wb"):
                pass  # blank: start over
            return False
        header = self._parse(*lines[0])
        if header.get("type") != "header" or header.get("version") != JOURNAL_VERSION:
            raise JournalError(
                f"{str(self.path)!r} is not a smartlead_async import journal (version "
                f"{JOURNAL_VERSION}); give another journal path"
            )
        self._check_job(header.get("job"))
        for number, line in lines[1:]:
            record = self._parse(number, line)
            kind = record.get("type")
            if kind == "batch":
                self._add_entry(record, number)
            elif kind == "sent" and isinstance(record.get("index"), int):
                self._sent.add(record["index"])
            elif kind == "end":
                self.previous_end = record
        return True

    def _parse(self, number: int, line: bytes) -> dict[str, Any]:
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError:
            record = None
        if not isinstance(record, dict):
            raise JournalError(
                f"line {number} of journal {str(self.path)!r} is damaged; "
                "delete the journal to start the import over"
            )
        return record

    def _check_job(self, job: Any) -> None:
        if not isinstance(job, dict):
            raise JournalError(f"journal {str(self.path)!r} has no job description")
        if "account" in job and job.get("account") != self.job.get("account"):
            raise JournalMismatchError(
                f"journal {str(self.path)!r} was written for another account "
                f"({job.get('account')}; this client is {self.job.get('account')}): resume with "
                "the API key and base URL it was written with, or use another journal path"
            )
        if "account" not in job and "account" in self.job:
            logger.warning(
                "journal %s names no account (written by an older version); resuming it as "
                "this client's",
                self.path,
            )
            job = {**job, "account": self.job["account"]}
        for key in sorted(set(job) | set(self.job)):
            if job.get(key) != self.job.get(key):
                raise JournalMismatchError(
                    f"journal {str(self.path)!r} was written for {key}={job.get(key)!r}, "
                    f"this import has {key}={self.job.get(key)!r}; use the same settings to "
                    "resume, or another journal path to start a new import"
                )

    def _add_entry(self, record: Mapping[str, Any], number: int) -> None:
        try:
            entry = JournalEntry(
                index=int(record["index"]),
                digest=str(record["digest"]),
                rows=int(record["rows"]),
                counts={str(k): int(v) for k, v in dict(record.get("counts") or {}).items()},
            )
        except (KeyError, TypeError, ValueError):
            raise JournalError(
                f"line {number} of journal {str(self.path)!r} is not a valid batch record; "
                "delete the journal to start the import over"
            ) from None
        known = self._entries.get(entry.index)
        if known is not None and known.digest != entry.digest:
            raise JournalError(
                f"journal {str(self.path)!r} confirms batch {entry.index} twice with different "
                "rows; delete the journal to start over"
            )
        self._entries.setdefault(entry.index, entry)

    # --- resume decisions ------------------------------------------------------------------

    def confirmed(self, index: int, digest: str) -> JournalEntry | None:
        """The confirmed entry for this batch, or None if it still has to be sent.

        Raises :class:`JournalMismatchError` when the journal confirmed a batch at this
        index with other rows: the input is not the one the journal was written for.
        """
        entry = self._entries.get(index)
        if entry is None:
            return None
        if entry.digest != digest:
            raise JournalMismatchError(
                f"batch {index} of this input differs from the batch the journal "
                f"{str(self.path)!r} confirmed; the input changed since the journal was "
                "written. Import the original input, or use another journal path"
            )
        return entry

    def was_sent(self, index: int) -> bool:
        """Whether an earlier run sent the batch at ``index`` (confirmed or not).

        Keyed by position only: if the input changed since, the rows at this position were
        still sent, and most of them are likely the same rows.
        """
        return index in self._sent

    # --- writing -------------------------------------------------------------------------

    def _write(self, record: Mapping[str, Any]) -> None:
        if self._file is None:
            raise JournalError(f"journal {str(self.path)!r} is closed")
        self._file.write(orjson.dumps(record) + b"\n")
        self._file.flush()
        os.fsync(self._file.fileno())

    async def _append(self, line: Mapping[str, Any]) -> None:
        """Write one line, flushed and fsync'd, without blocking the loop (one writer at a time)."""
        async with self._lock:
            await asyncio.to_thread(self._write, line)

    async def record(self, entry: JournalEntry) -> None:
        """Append a confirmed batch (flushed and fsync'd before returning)."""
        line = {
            "type": "batch",
            "index": entry.index,
            "digest": entry.digest,
            "rows": entry.rows,
            "counts": entry.counts,
        }
        await self._append(line)
        self._entries.setdefault(entry.index, entry)

    async def sent(self, index: int, digest: str) -> None:
        """Append that the batch at ``index`` is about to be sent (fsync'd before returning)."""
        await self._append({"type": "sent", "index": index, "digest": digest})
        self._sent.add(index)

    async def finish(self, fingerprint: str, *, batches: int, complete: bool) -> None:
        """Append the end line: the input fingerprint and whether every batch is confirmed."""
        beyond = sum(1 for index in self._entries if index >= batches)
        if complete and beyond:
            logger.warning(
                "journal %s confirms %d batch(es) beyond the end of this input (%d batches); "
                "the input is shorter than the one the journal was written for",
                self.path,
                beyond,
                batches,
            )
        line = {"type": "end", "fingerprint": fingerprint, "batches": batches, "complete": complete}
        await self._append(line)
        self.previous_end = line


__all__ = [
    "Fingerprint",
    "ImportJournal",
    "JournalEntry",
    "JournalError",
    "JournalMismatchError",
    "as_journal_path",
    "batch_digest",
]
