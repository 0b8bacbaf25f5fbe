"""The result of a bulk lead import: one bucket per outcome, and the accounting invariant.

Every input row of :meth:`~smartlead_async.resources.campaigns.CampaignsResource.import_leads`
ends in exactly one bucket of :class:`ImportReport`:

* server outcomes: ``uploaded``, ``duplicates`` (in-input duplicates too), ``invalid``,
  ``already_in_campaign`` (present before this job), ``unsubscribed``, ``blocked``;
* ``recovered``: rows a retry or a resume found already present in a batch whose earlier
  attempt was sent but went unanswered (a 5xx, a timeout or reset, a malformed answer, a
  crash). That attempt most likely stored them: ``uploaded + recovered`` is what this job
  added;
* ``not_attempted``: never sent (lead limit exhausted, a fatal error stopped the job) or
  reported by the server as ``lead_import_stopped_count``;
* ``unconfirmed``: sent and accepted, but the server's counts did not cover these rows;
* ``rejected_client_side``: failed validation, never sent;
* ``failed``: batches that still failed after retries, kept with their rows.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Awaitable, Callable, Iterable, Mapping, Sequence
from os import PathLike
from typing import Any, Protocol, TypedDict, Unpack

import attrs

from smartlead_async.errors import ImportAccountingError
from smartlead_async.models.lead_input import LeadInput

#: The integer buckets of :class:`ImportReport`, in reporting order.
COUNT_BUCKETS: tuple[str, ...] = (
    "uploaded",
    "recovered",
    "duplicates",
    "invalid",
    "already_in_campaign",
    "unsubscribed",
    "blocked",
    "not_attempted",
    "unconfirmed",
)


@attrs.frozen
class RejectedRow:
    """An input row rejected before sending: the row as given and why."""

    row: Any
    reason: str


@attrs.frozen
class FailedBatch:
    """Rows whose request still failed after retries (resend them with ``add_leads``)."""

    rows: list[LeadInput] = attrs.field(repr=lambda rows: f"<{len(rows)} rows>")
    error: BaseException
    #: The position of the input batch these rows came from (0-based).
    batch_index: int = 0


@attrs.frozen(kw_only=True)
class ImportReport:
    """What a bulk import did with each input row; see the module docstring for the buckets.

    ``batches`` counts requests that completed with counts, ``requests`` every HTTP attempt
    (retries and splits included), ``elapsed`` is wall seconds. ``resumed_rows`` are rows
    whose batch a journal had already confirmed (their counts come from the journal).
    """

    total_rows: int = 0
    uploaded: int = 0
    recovered: int = 0
    duplicates: int = 0
    invalid: int = 0
    already_in_campaign: int = 0
    unsubscribed: int = 0
    blocked: int = 0
    not_attempted: int = 0
    unconfirmed: int = 0
    rejected_client_side: list[RejectedRow] = attrs.field(factory=list)
    failed: list[FailedBatch] = attrs.field(factory=list)
    batches: int = 0
    requests: int = 0
    elapsed: float = 0.0
    #: Of ``duplicates``, how many were repeats inside the input (dropped before sending).
    duplicates_in_input: int = 0
    #: Rows and batches skipped because the journal had confirmed them in an earlier run.
    resumed_rows: int = 0
    resumed_batches: int = 0
    #: The batch size in use at the end (smaller than asked if the server forced a split).
    batch_size: int = 0
    #: True when the server reported the workspace's lead limit as exhausted.
    lead_limit_exhausted: bool = False
    #: Why the job stopped early (None when it ran to the end of the input).
    stop_reason: str | None = None
    #: Rows the server counted beyond a batch's size (clamped so that no row counts twice).
    overcounted: int = 0

    @property
    def added(self) -> int:
        """Rows this job most likely added to the target: ``uploaded + recovered``."""
        return self.uploaded + self.recovered

    @property
    def failed_rows(self) -> int:
        """Rows in :attr:`failed` batches."""
        return sum(len(batch.rows) for batch in self.failed)

    @property
    def accounted(self) -> int:
        """Rows counted in some bucket; equals :attr:`total_rows` when the report is sound."""
        counts = sum(int(getattr(self, name)) for name in COUNT_BUCKETS)
        return counts + len(self.rejected_client_side) + self.failed_rows

    @property
    def ok(self) -> bool:
        """True when nothing failed and the job was not stopped early."""
        return not self.failed and self.stop_reason is None

    def buckets(self) -> dict[str, int]:
        """Every bucket as ``{name: rows}`` (rejected and failed as row counts)."""
        result = {name: int(getattr(self, name)) for name in COUNT_BUCKETS}
        result["rejected_client_side"] = len(self.rejected_client_side)
        result["failed"] = self.failed_rows
        return result

    def check(self) -> ImportReport:
        """Raise :class:`ImportAccountingError` unless every row is in exactly one bucket."""
        if self.accounted != self.total_rows:
            raise ImportAccountingError(
                f"import report accounts for {self.accounted} rows but the input had "
                f"{self.total_rows}: {self.buckets()}"
            )
        return self

    def summary(self) -> str:
        """One line for logs and the CLI, e.g. ``1000 rows: 990 uploaded, 10 duplicates``."""
        parts = [f"{count} {name}" for name, count in self.buckets().items() if count]
        tail = f"; stopped: {self.stop_reason}" if self.stop_reason else ""
        return (
            f"{self.total_rows} rows: {', '.join(parts) or 'nothing to do'} "
            f"({self.batches} batches, {self.requests} requests, {self.elapsed:.1f}s){tail}"
        )


# --- the import contract: what an import's resource and the engine exchange -----------------

#: The API's maximum rows per import request (catalog L2, LL6, R1).
MAX_BATCH_SIZE = 400
#: Batches in flight at once when the caller does not say.
DEFAULT_IMPORT_CONCURRENCY = 8

#: ``on_progress(done_rows, total_rows_or_None)``; may be a plain function or a coroutine.
ProgressCallback = Callable[[int, int | None], Any]
#: Rows as callers pass them.
LeadRows = Iterable[LeadInput | Mapping[str, Any]] | AsyncIterable[LeadInput | Mapping[str, Any]]


@attrs.frozen(kw_only=True)
class BatchOutcome:
    """What the server said about one import request, in report buckets."""

    uploaded: int = 0
    duplicates: int = 0
    invalid: int = 0
    already_in_campaign: int = 0
    unsubscribed: int = 0
    blocked: int = 0
    not_attempted: int = 0
    lead_limit_exhausted: bool = False
    #: The bucket in which this answer counts rows already in the target (a campaign answer
    #: says ``already_in_campaign``; a Lead List answer folds them into ``duplicates``).
    already_present: str = attrs.field(
        default="already_in_campaign",
        validator=attrs.validators.in_(("already_in_campaign", "duplicates")),
    )


#: Sends one request of rows (at most the API's cap) and reports the server's counts.
BatchSender = Callable[[Sequence[LeadInput]], Awaitable[BatchOutcome]]


class ImportOptions(TypedDict, total=False):
    """The engine options a batched import passes through to the engine."""

    batch_size: int
    dedupe: bool
    journal: str | PathLike[str] | None
    on_progress: ProgressCallback | None
    concurrency: int | None


class Importer(Protocol):
    """The import engine as a resource sees it (the client hands it to the resource).

    ``job`` identifies the import in a journal (e.g. ``{"kind": "campaign", "target": 42}``).
    """

    def __call__(
        self,
        send: BatchSender,
        rows: LeadRows,
        *,
        job: Mapping[str, Any] | None = None,
        **options: Unpack[ImportOptions],
    ) -> Awaitable[ImportReport]: ...


def server_count(value: Any) -> int:
    """A server count as a non-negative int (a list counts its items; junk counts as 0)."""
    if isinstance(value, bool) or value is None:
        return 0
    if isinstance(value, (list, tuple)):
        return len(value)
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0


__all__ = [
    "COUNT_BUCKETS",
    "DEFAULT_IMPORT_CONCURRENCY",
    "MAX_BATCH_SIZE",
    "BatchOutcome",
    "BatchSender",
    "FailedBatch",
    "ImportAccountingError",
    "ImportOptions",
    "ImportReport",
    "Importer",
    "LeadRows",
    "ProgressCallback",
    "RejectedRow",
    "server_count",
]
