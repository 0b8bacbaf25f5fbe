"""Rendering an :class:`~smartlead_async.models.imports.ImportReport`: a table or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from smartlead_async.models.imports import ImportReport
from smartlead_async.models.lead_input import UnreadableRow

if TYPE_CHECKING:
    from rich.console import Console

#: Rejected rows and failed batches listed under the table (all of them are in ``--json``).
SHOWN_PROBLEMS = 10


def _email_of(row: Any) -> str:
    if isinstance(row, UnreadableRow):
        return f"(line {row.line})" if row.line is not None else "(unreadable row)"
    if isinstance(row, dict):
        email = row.get("email")
        return repr(email) if email is not None else "(no email)"
    email = getattr(row, "email", None)
    return repr(email) if email is not None else f"({type(row).__name__})"


def _row_json(row: Any) -> Any:
    """A rejected row as JSON data (an unreadable record by its line)."""
    if isinstance(row, UnreadableRow):
        return {"line": row.line}
    return row


def job_succeeded(report: ImportReport) -> bool:
    """True only when every row ended in a server bucket or a deliberate skip.

    Rows rejected client-side, failed batches, rows never attempted or left unconfirmed, and a
    job stopped early all make the import unsuccessful (exit status 3, ``"ok": false``).
    """
    return (
        report.ok
        and not report.rejected_client_side
        and not report.not_attempted
        and not report.unconfirmed
    )


def report_to_json(report: ImportReport, target: dict[str, Any]) -> dict[str, Any]:
    """The report as JSON data: buckets, totals, rejected rows and failed batches."""
    return {
        "target": target,
        "total_rows": report.total_rows,
        "buckets": report.buckets(),
        "added": report.added,
        "accounted": report.accounted,
        "batches": report.batches,
        "requests": report.requests,
        "elapsed": round(report.elapsed, 3),
        "rows_per_second": _rate(report),
        "duplicates_in_input": report.duplicates_in_input,
        "resumed_rows": report.resumed_rows,
        "resumed_batches": report.resumed_batches,
        "batch_size": report.batch_size,
        "lead_limit_exhausted": report.lead_limit_exhausted,
        "stop_reason": report.stop_reason,
        "ok": job_succeeded(report),
        "rejected": [
            {"row": _row_json(item.row), "reason": item.reason}
            for item in report.rejected_client_side
        ],
        "failed": [
            {
                "batch_index": batch.batch_index,
                "rows": len(batch.rows),
                "emails": [row.email for row in batch.rows],
                "error": str(batch.error),
            }
            for batch in report.failed
        ],
    }


def _rate(report: ImportReport) -> float | None:
    """Rows handled per second by this run (rows resumed from the journal do not count)."""
    worked = report.total_rows - report.resumed_rows
    return round(worked / report.elapsed, 1) if report.elapsed and worked > 0 else None


def bucket_table(report: ImportReport, title: str) -> Any:
    """A rich table of rows per bucket, with the total."""
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    table.add_column("bucket")
    table.add_column("rows", justify="right")
    for name, count in report.buckets().items():
        style = "red" if name == "failed" and count else None
        table.add_row(name, f"{count:,}", style=style)
    table.add_section()
    table.add_row("total", f"{report.total_rows:,}", style="bold")
    return table


def render_report(console: Console, report: ImportReport, title: str) -> None:
    """Print the bucket table, the totals line and the first problems."""
    console.print(bucket_table(report, title))
    rows_per_second = _rate(report)
    rate = f", {rows_per_second:,.0f} rows/s" if rows_per_second is not None else ""
    resumed = (
        f"; {report.resumed_rows:,} rows resumed from the journal" if report.resumed_rows else ""
    )
    console.print(
        f"{report.batches} batches, {report.requests} requests, {report.elapsed:.1f}s{rate}"
        f"{resumed}"
    )
    if report.recovered:
        console.print(
            f"{report.recovered:,} rows recovered: an attempt whose answer was lost had already "
            "stored them (this job added them; they were not there before)",
            highlight=False,
        )
    if report.stop_reason:
        console.print(f"[bold red]stopped early:[/] {report.stop_reason}", highlight=False)
    for item in report.rejected_client_side[:SHOWN_PROBLEMS]:
        console.print(f"rejected {_email_of(item.row)}: {item.reason}", markup=False)
    hidden = len(report.rejected_client_side) - SHOWN_PROBLEMS
    if hidden > 0:
        console.print(f"... and {hidden:,} more rejected rows (all of them with --json)")
    for batch in report.failed[:SHOWN_PROBLEMS]:
        console.print(
            f"failed batch {batch.batch_index} ({len(batch.rows)} rows): {batch.error}",
            markup=False,
        )
