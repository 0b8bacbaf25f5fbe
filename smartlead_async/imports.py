"""The bulk import engine: stream rows, validate, dedupe, batch, fan out, account for every row.

The engine knows nothing about endpoints: it drives a *batch sender*, an async callable that
sends one request of rows and answers with a :class:`BatchOutcome` (the contract types live in
:mod:`smartlead_async.models.imports`). The campaign and Lead List resources build their
senders from ``add_leads``; the client hands them :func:`run_import`.

Behaviour worth knowing:

* The input (any iterable or async iterable of dicts or :class:`LeadInput`) is read lazily;
  at most ``concurrency`` batches are in flight plus one being filled. The only structure that
  grows with the input is the set of seen emails (64-bit hashes, held in flat memory) used by
  ``dedupe``.
* Input batches are always cut at ``batch_size`` rows (the journal's unit). If the server
  rejects a request as too large (400/413/422 naming the cap), the request is halved (down to
  the cap when the error names it) and resent; the smaller size sticks for the rest of the job.
* When the server reports the lead limit as exhausted, no further request is sent; unsent rows
  and the rest of the input (read but not validated) count as ``not_attempted``.
* A request that still fails after the client's retries is kept with its rows in ``failed``.
  A client-side ``ValidationError``/``InvalidTypeError`` raised by the sender (bad import
  settings, say) is raised to the caller instead: every batch would fail the same way.
  Authentication, permission and not-found errors stop the job: the failing request's rows go
  to ``failed``, every row not yet sent to ``not_attempted``, and the report carries
  ``stop_reason`` (the call returns normally so that the partial work is reported).
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import re
import time
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Mapping
from os import PathLike
from typing import Any

import attrs
import orjson

from smartlead_async._digests import DigestSet
from smartlead_async._transport import track_requests
from smartlead_async._validate import check_flag, check_int
from smartlead_async.errors import (
    APIError,
    AuthenticationError,
    ConfigurationError,
    GateUnavailableError,
    InvalidTypeError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from smartlead_async.fanout import check_concurrency, fan_out, iterate_chunks
from smartlead_async.journal import Fingerprint, ImportJournal, JournalEntry, batch_digest
from smartlead_async.models.imports import (
    COUNT_BUCKETS,
    DEFAULT_IMPORT_CONCURRENCY,
    MAX_BATCH_SIZE,
    BatchOutcome,
    BatchSender,
    FailedBatch,
    ImportOptions,
    ImportReport,
    LeadRows,
    ProgressCallback,
    RejectedRow,
    server_count,
)
from smartlead_async.models.lead_input import CheckedLeads, checked_row

logger = logging.getLogger("smartlead_async.imports")

#: Server buckets in the order rows are assigned when the server counts more than it was sent
#: (``recovered`` is never a server bucket: see :meth:`_UnitResult.add`).
_SERVER_BUCKETS: tuple[str, ...] = (
    "uploaded",
    "already_in_campaign",
    "duplicates",
    "invalid",
    "unsubscribed",
    "blocked",
    "not_attempted",
)
#: Errors that every later batch would meet too: the first one stops the job.
FATAL_ERRORS: tuple[type[Exception], ...] = (
    AuthenticationError,
    PermissionDeniedError,
    NotFoundError,
    ConfigurationError,
    GateUnavailableError,
)
_TOO_LARGE_STATUSES = frozenset({400, 413, 422})
_ROWS = r"(?:leads|rows|records|items)"
#: "cannot exceed 350 leads", "maximum of 400 rows", "at most 100 leads per request"...
_CAP_IN_TEXT = re.compile(
    r"(?:exceed|more than|at most|maximum(?: of)?|max(?:imum)?(?:[ _]allowed)?|up to|limit of)"
    r"\s*:?\s*(\d+)\s*" + _ROWS + r"\b",
    re.IGNORECASE,
)
#: "too many leads", "leads per request", "payload too large" (no number given).
_TOO_LARGE_TEXT = re.compile(
    r"too many " + _ROWS + r"|" + _ROWS + r" per (?:request|call|upload)"
    r"|(?:payload|entity|body) too large",
    re.IGNORECASE,
)


def check_batch_size(batch_size: int) -> int:
    """``batch_size`` must be an int in ``1..400``."""
    return check_int(
        "batch_size", batch_size, 1, MAX_BATCH_SIZE, hint=" (the API's rows per request)"
    )


def cap_from_error(error: BaseException) -> int | None:
    """If ``error`` is the server refusing a request as too large, the cap it names (or 0).

    None means the error is something else. 0 means "too large" without a usable number.
    """
    if not isinstance(error, APIError) or error.status not in _TOO_LARGE_STATUSES:
        return None
    data = error.data
    if isinstance(data, Mapping):
        for key in ("max_allowed", "maxAllowed"):
            cap = data.get(key)
            if isinstance(cap, int) and not isinstance(cap, bool) and cap > 0:
                return cap
    text = " ".join(part for part in (error.message, error.body or "") if part)
    match = _CAP_IN_TEXT.search(text)
    if match:
        return int(match.group(1))
    if error.status == 413 or _TOO_LARGE_TEXT.search(text):
        return 0
    return None


def smaller_batch(size: int, cap: int) -> int:
    """Halve ``size`` (repeatedly, while above a known ``cap``); at least 1."""
    new = max(1, size // 2)
    while cap > 0 and new > cap:
        new = max(1, new // 2)
    return new


@attrs.frozen
class _Unit:
    """One input batch of ``batch_size`` rows: the journal's unit of work."""

    index: int
    rows: CheckedLeads
    digest: str
    #: An earlier run sent this batch without confirming it (its rows may be stored).
    sent_before: bool = False


@attrs.define
class _UnitResult:
    """Counts of one unit's requests, merged into the job by the consumer."""

    unit: _Unit
    counts: dict[str, int] = attrs.field(factory=lambda: dict.fromkeys(COUNT_BUCKETS, 0))
    failed: list[FailedBatch] = attrs.field(factory=list)
    batches: int = 0
    overcounted: int = 0

    def add(self, outcome: BatchOutcome, sent: int, *, recovering: bool) -> None:
        """Count one answered request of ``sent`` rows.

        ``recovering``: an earlier attempt at these rows went unanswered, so the rows the
        server reports as already present were most likely stored by it (``recovered``).
        """
        present = outcome.already_present if recovering else None
        remaining = sent
        for name in _SERVER_BUCKETS:
            reported = server_count(getattr(outcome, name))
            taken = min(reported, remaining)
            self.counts["recovered" if name == present else name] += taken
            self.overcounted += reported - taken
            remaining -= taken
        self.counts["unconfirmed"] += remaining
        self.batches += 1

    @property
    def confirmed(self) -> bool:
        """Every row has a final server answer (nothing failed, nothing left unsent)."""
        return not self.failed and self.counts["not_attempted"] == 0


class _ImportJob:
    """The state of one import run; use :func:`run_import`."""

    def __init__(
        self,
        send: BatchSender,
        rows: LeadRows,
        *,
        batch_size: int,
        dedupe: bool,
        journal: ImportJournal | None,
        on_progress: ProgressCallback | None,
        concurrency: int,
    ) -> None:
        self._send = send
        self._rows = rows
        self._batch_size = batch_size
        self._size = batch_size
        self._dedupe = dedupe
        self._journal = journal
        self._on_progress = on_progress
        self._concurrency = concurrency
        self._expected = _known_length(rows)
        self._seen = DigestSet()
        self._fingerprint = Fingerprint()
        self.counts = dict.fromkeys(COUNT_BUCKETS, 0)
        self.total_rows = 0
        self.rejected: list[RejectedRow] = []
        self.failed: list[FailedBatch] = []
        self.batches = 0
        self.duplicates_in_input = 0
        self.resumed_rows = 0
        self.resumed_batches = 0
        self.overcounted = 0
        self.lead_limit_exhausted = False
        self.stop_reason: str | None = None
        self._all_confirmed = True
        # The first request goes alone: a wrong key or a missing target stops the job after
        # one batch instead of ``concurrency`` of them.
        self._first_answer = asyncio.Event()

    # --- input side ------------------------------------------------------------------------

    def _stop(self, reason: str) -> None:
        if self.stop_reason is None:
            self.stop_reason = reason
            logger.warning("import stopped: %s; remaining rows are not sent", reason)

    def _accept(self, row: Any) -> bytes | None:
        """The row's JSON, or None when it is rejected or a repeat."""
        try:
            email, encoded = checked_row(row)
            # 64-bit keyed hashes (SipHash, seeded per process): the set lives in one run only
            key = hash(email.lower()) if self._dedupe else 0
        except Exception as exc:  # any failure of one row is that row's, never the job's
            self.rejected.append(RejectedRow(row, _row_reason(exc)))
            return None
        if self._dedupe and not self._seen.add(key):
            self.duplicates_in_input += 1
            self.counts["duplicates"] += 1
            return None
        return encoded

    def _cut(self, index: int, rows: CheckedLeads) -> _Unit | None:
        """Make the unit, or restore it from the journal (None: nothing to send)."""
        digest = ""
        if self._journal is not None:
            digest = batch_digest(rows)
            self._fingerprint.add(digest)
            entry = self._journal.confirmed(index, digest)
            if entry is not None:
                for name in COUNT_BUCKETS:
                    self.counts[name] += entry.counts.get(name, 0)
                self.resumed_rows += entry.rows
                self.resumed_batches += 1
                return None
            return _Unit(index, rows, digest, self._journal.was_sent(index))
        return _Unit(index, rows, digest)

    async def _units(self) -> AsyncIterator[_Unit]:
        batch = CheckedLeads()
        index = 0
        async for chunk in iterate_chunks(self._rows, self._batch_size):  # one batch ahead
            for row in chunk:
                self.total_rows += 1
                if self.stop_reason is not None:
                    self.counts["not_attempted"] += 1 + len(batch)
                    batch = CheckedLeads()
                    continue
                accepted = self._accept(row)
                if accepted is None:
                    continue
                batch.encoded.append(accepted)
                if len(batch.encoded) >= self._batch_size:
                    unit = self._cut(index, batch)
                    index += 1
                    batch = CheckedLeads()
                    if unit is not None:
                        yield unit
                        await self._first_answer.wait()
                    else:  # confirmed by the journal: report it and let other tasks run
                        await self._progress(self._expected)
        if batch and self.stop_reason is not None:
            self.counts["not_attempted"] += len(batch)
        elif batch:
            unit = self._cut(index, batch)
            if unit is not None:
                yield unit

    # --- sending ---------------------------------------------------------------------------

    async def _process(self, unit: _Unit) -> _UnitResult:
        result = _UnitResult(unit)
        rows = unit.rows
        position = 0
        if self._journal is not None and not unit.sent_before:
            await self._journal.sent(unit.index, unit.digest)
        while position < len(rows):
            if self.stop_reason is not None:
                result.counts["not_attempted"] += len(rows) - position
                break
            chunk = rows.cut(position, position + self._size)
            try:
                with track_requests() as call:
                    outcome = await self._send(chunk)
            except (ValidationError, InvalidTypeError):
                raise  # the sender's own arguments are wrong: every batch would fail alike
            except Exception as exc:
                cap = cap_from_error(exc)
                if cap is not None and len(chunk) > 1:
                    self._shrink(len(chunk), cap)
                    continue
                result.failed.append(FailedBatch(list(chunk), exc, unit.index))
                position += len(chunk)
                if isinstance(exc, FATAL_ERRORS):
                    self._stop(f"{type(exc).__name__}: {exc}")
                else:
                    logger.warning(
                        "import batch %d (%d rows) failed: %s", unit.index, len(chunk), exc
                    )
                continue
            finally:
                self._first_answer.set()
            result.add(outcome, len(chunk), recovering=unit.sent_before or call.unanswered > 0)
            position += len(chunk)
            if outcome.lead_limit_exhausted:
                self.lead_limit_exhausted = True
                self._stop("the workspace's lead limit is exhausted")
        return result

    def _shrink(self, sent: int, cap: int) -> None:
        new = min(self._size, smaller_batch(sent, cap))
        if new < self._size:
            logger.info(
                "the server rejected %d rows per request; sending %d per request from now on",
                sent,
                new,
            )
            self._size = new

    async def _merge(self, result: _UnitResult) -> None:
        for name in COUNT_BUCKETS:
            self.counts[name] += result.counts[name]
        self.failed.extend(result.failed)
        self.batches += result.batches
        self.overcounted += result.overcounted
        if not result.confirmed:
            self._all_confirmed = False
        elif self._journal is not None:
            unit = result.unit
            entry = JournalEntry(unit.index, unit.digest, len(unit.rows), dict(result.counts))
            await self._journal.record(entry)
        await self._progress(self._expected)

    async def _progress(self, total: int | None) -> None:
        if self._on_progress is None:
            return
        # rows handled so far: rows never sent (a stop, the lead limit) are not progress
        done = sum(self.counts.values()) - self.counts["not_attempted"] + len(self.rejected)
        done += sum(len(batch.rows) for batch in self.failed)
        returned = self._on_progress(done, total)
        if inspect.isawaitable(returned):
            await returned

    async def run(self) -> ImportReport:
        started = time.monotonic()
        outcomes = fan_out(self._process, self._units(), concurrency=self._concurrency)
        # aclosing: an error (or a raising on_progress) cancels the batches still in flight
        with track_requests() as counter, contextlib.closing(self._seen):
            async with contextlib.aclosing(outcomes):
                async for _, _, result, error in outcomes:
                    if error is not None:
                        raise error
                    assert result is not None
                    await self._merge(result)
        if self._journal is not None:
            complete = self._all_confirmed and self.stop_reason is None
            await self._journal.finish(
                self._fingerprint.hexdigest(), batches=self._fingerprint.batches, complete=complete
            )
        await self._progress(self.total_rows)
        report = ImportReport(
            total_rows=self.total_rows,
            rejected_client_side=self.rejected,
            failed=self.failed,
            batches=self.batches,
            requests=counter.attempts,
            elapsed=time.monotonic() - started,
            duplicates_in_input=self.duplicates_in_input,
            resumed_rows=self.resumed_rows,
            resumed_batches=self.resumed_batches,
            batch_size=self._size,
            lead_limit_exhausted=self.lead_limit_exhausted,
            stop_reason=self.stop_reason,
            overcounted=self.overcounted,
            **self.counts,
        )
        logger.info("import finished: %s", report.summary())
        return report


def _row_reason(exc: BaseException) -> str:
    """A readable reason for a rejected row (typed SDK errors keep their message)."""
    if isinstance(exc, (ValidationError, InvalidTypeError)):
        return str(exc)
    if isinstance(exc, UnicodeError):
        return "the row holds text that cannot be encoded as UTF-8 (a lone surrogate)"
    if isinstance(exc, orjson.JSONEncodeError):
        return f"the row cannot be serialised as JSON: {exc}"
    return f"the row could not be prepared: {type(exc).__name__}: {exc}"


def _known_length(rows: Any) -> int | None:
    if isinstance(rows, AsyncIterable):
        return None
    try:
        return len(rows)
    except TypeError:
        return None


async def run_import(
    send: BatchSender,
    rows: LeadRows,
    *,
    batch_size: int = MAX_BATCH_SIZE,
    dedupe: bool = True,
    journal: str | PathLike[str] | None = None,
    job: Mapping[str, Any] | None = None,
    on_progress: ProgressCallback | None = None,
    concurrency: int | None = None,
) -> ImportReport:
    """Import ``rows`` through ``send`` and return the :class:`ImportReport`.

    ``job`` identifies the import in the journal header (e.g. ``{"kind": "campaign",
    "target": 42}``); the batch size and ``dedupe`` are added to it. A journal written for
    another job or another input raises :class:`~smartlead_async.journal.JournalMismatchError`.
    """
    check_batch_size(batch_size)
    check_flag("dedupe", dedupe, required=True)
    if on_progress is not None and not callable(on_progress):
        raise InvalidTypeError("on_progress must be callable as on_progress(done, total)")
    if isinstance(rows, (str, bytes, Mapping)) or not isinstance(rows, (Iterable, AsyncIterable)):
        raise InvalidTypeError(
            f"rows must be an iterable or async iterable of dicts or LeadInput, "
            f"got {type(rows).__name__}"
        )
    limit = check_concurrency(DEFAULT_IMPORT_CONCURRENCY if concurrency is None else concurrency)
    options: dict[str, Any] = {
        "send": send,
        "rows": rows,
        "batch_size": batch_size,
        "dedupe": dedupe,
        "on_progress": on_progress,
        "concurrency": limit,
    }
    if journal is None:
        return await _ImportJob(journal=None, **options).run()
    identity = {**(job or {}), "batch_size": batch_size, "dedupe": dedupe}
    async with ImportJournal(journal, identity) as opened:
        return await _ImportJob(journal=opened, **options).run()


__all__ = [
    "DEFAULT_IMPORT_CONCURRENCY",
    "FATAL_ERRORS",
    "MAX_BATCH_SIZE",
    "BatchOutcome",
    "BatchSender",
    "ImportOptions",
    "LeadRows",
    "ProgressCallback",
    "cap_from_error",
    "check_batch_size",
    "run_import",
    "smaller_batch",
]
