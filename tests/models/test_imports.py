"""ImportReport: buckets, the accounting invariant and its summaries."""

from __future__ import annotations

import pytest

from smartlead_async.errors import ServerError, SmartleadError
from smartlead_async.models.imports import (
    COUNT_BUCKETS,
    FailedBatch,
    ImportAccountingError,
    ImportReport,
    RejectedRow,
)
from smartlead_async.models.lead_input import LeadInput


def failed(count: int) -> FailedBatch:
    rows = [LeadInput(email=f"f{i}@x.io") for i in range(count)]
    return FailedBatch(rows, ServerError(503, "Service Unavailable"), batch_index=3)


def test_every_bucket_counts_towards_accounted() -> None:
    report = ImportReport(
        total_rows=53,
        uploaded=10,
        recovered=8,
        duplicates=2,
        invalid=3,
        already_in_campaign=4,
        unsubscribed=5,
        blocked=6,
        not_attempted=7,
        unconfirmed=1,
        rejected_client_side=[RejectedRow({"email": "x"}, "email 'x' is not a valid address")],
        failed=[failed(6)],
    )
    assert report.accounted == 53
    assert report.added == 18
    assert report.failed_rows == 6
    assert report.check() is report
    assert report.buckets() == {
        "uploaded": 10,
        "recovered": 8,
        "duplicates": 2,
        "invalid": 3,
        "already_in_campaign": 4,
        "unsubscribed": 5,
        "blocked": 6,
        "not_attempted": 7,
        "unconfirmed": 1,
        "rejected_client_side": 1,
        "failed": 6,
    }
    assert set(COUNT_BUCKETS) <= set(report.buckets())


@pytest.mark.parametrize(("total", "uploaded"), [(10, 9), (10, 11)])
def test_check_raises_when_rows_are_missing_or_counted_twice(total: int, uploaded: int) -> None:
    report = ImportReport(total_rows=total, uploaded=uploaded)
    with pytest.raises(ImportAccountingError, match=f"accounts for {uploaded} rows"):
        report.check()
    assert issubclass(ImportAccountingError, SmartleadError)


def test_ok_and_summary() -> None:
    clean = ImportReport(total_rows=3, uploaded=3, batches=1, requests=1, elapsed=0.25)
    assert clean.ok
    assert clean.summary() == "3 rows: 3 uploaded (1 batches, 1 requests, 0.2s)"
    stopped = ImportReport(total_rows=3, uploaded=1, not_attempted=2, stop_reason="lead limit")
    assert not stopped.ok
    assert stopped.summary().endswith("; stopped: lead limit")
    assert "1 uploaded, 2 not_attempted" in stopped.summary()
    assert not ImportReport(total_rows=2, failed=[failed(2)]).ok
    assert ImportReport().summary().startswith("0 rows: nothing to do")


def test_failed_batch_repr_does_not_dump_rows() -> None:
    text = repr(failed(400))
    assert "<400 rows>" in text
    assert "f1@x.io" not in text


def test_report_is_immutable() -> None:
    report = ImportReport(total_rows=1, uploaded=1)
    with pytest.raises(AttributeError):
        report.uploaded = 2  # type: ignore[misc]
