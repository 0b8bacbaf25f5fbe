"""``smartlead-async import``: a CSV/JSONL file into a campaign or a Lead List, resumable."""

from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import sys
import textwrap
import time
from collections.abc import AsyncIterable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import orjson

from smartlead_async._redact import redact_text
from smartlead_async.cli._common import (
    EXIT_FAILED_ROWS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    PROG,
    CliError,
    Context,
    add_command,
    exit_code_for,
    make_client,
    positive_int,
    without_options,
)
from smartlead_async.cli._console import Meter, stdout_console, write_json
from smartlead_async.cli._report import job_succeeded, render_report, report_to_json
from smartlead_async.cli._rows import LEAD_FIELDS, RowSource, parse_mapping
from smartlead_async.cli._sniff import check_delimiter, check_encoding
from smartlead_async.client import SmartleadClient
from smartlead_async.imports import FATAL_ERRORS, MAX_BATCH_SIZE
from smartlead_async.journal import JournalError
from smartlead_async.models.campaigns import ImportSettings
from smartlead_async.models.imports import ImportReport

TargetKind = Literal["campaign", "lead_list"]

#: The settings flags: option name -> ImportSettings field.
SETTINGS_FLAGS: dict[str, str] = {
    "--ignore-global-block-list": "ignore_global_block_list",
    "--ignore-unsubscribe-list": "ignore_unsubscribe_list",
    "--ignore-community-bounce-list": "ignore_community_bounce_list",
    "--ignore-duplicates-in-other-campaigns": "ignore_duplicate_leads_in_other_campaign",
}


def batch_size_arg(text: str) -> int:
    """argparse type: 1..400."""
    value = positive_int(text)
    if value > MAX_BATCH_SIZE:
        raise argparse.ArgumentTypeError(
            f"must be at most {MAX_BATCH_SIZE} (the API's rows per request), got {value}"
        )
    return value


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``import`` command."""
    parser = add_command(
        subparsers,
        common,
        "import",
        help="import leads from a CSV/JSONL file into a campaign or a Lead List",
        description=textwrap.fill(
            "Import leads from a CSV or JSONL file (or - for stdin) in batches of up to 400, "
            "concurrently inside the rate limit. Columns named like lead fields "
            f"({', '.join(LEAD_FIELDS)}) fill them; other columns become custom fields. "
            "Every run keeps a journal: after Ctrl-C or a failure, rerun with --journal PATH "
            "to skip the batches already confirmed.",
            width=88,
        ),
        epilog=(
            "examples:\n"
            f"  {PROG} import leads.csv --campaign 42\n"
            f"  {PROG} import crm.csv --list 7 --map email=Email --map first_name='First Name'\n"
            f"  cat leads.jsonl | {PROG} import - --format jsonl --campaign 42 --json\n"
            "exit status 3 when rows failed or were not attempted"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("input", help="CSV or JSONL file, or - to read stdin")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--campaign", type=positive_int, metavar="ID", help="campaign id")
    target.add_argument(
        "--list", dest="list_id", type=positive_int, metavar="ID", help="Lead List id"
    )
    parser.add_argument(
        "--format", choices=("csv", "jsonl"), help="input format (default: from the file name)"
    )
    parser.add_argument(
        "--delimiter",
        metavar="CHAR",
        help="CSV delimiter: one character, or tab/comma/semicolon/pipe (default: detected)",
    )
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="text encoding of the input, e.g. latin-1 (default: detected)",
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="read lead FIELD from input COLUMN (repeatable), e.g. --map email=Email",
    )
    parser.add_argument(
        "--no-custom-fields",
        action="store_true",
        help="drop columns that are not lead fields (default: send them as custom fields)",
    )
    for flag, name in SETTINGS_FLAGS.items():
        parser.add_argument(flag, dest=name, action="store_true", help=f"set {name}")
    parser.add_argument(
        "--batch-size",
        type=batch_size_arg,
        default=MAX_BATCH_SIZE,
        metavar="N",
        help=f"rows per request, 1-{MAX_BATCH_SIZE} (default {MAX_BATCH_SIZE})",
    )
    parser.add_argument(
        "--concurrency", type=positive_int, metavar="N", help="batches in flight (default 8)"
    )
    parser.add_argument(
        "--no-dedupe", action="store_true", help="send repeated emails instead of dropping them"
    )
    journal = parser.add_mutually_exclusive_group()
    journal.add_argument(
        "--journal",
        metavar="PATH",
        help="resume journal: confirmed batches in it are skipped (created when missing; "
        "default: a new journal in $SMARTLEAD_STATE_DIR, removed after a clean run)",
    )
    journal.add_argument("--no-journal", action="store_true", help="do not keep a journal")
    parser.add_argument(
        "--file-name",
        metavar="NAME",
        help="file name recorded on Lead List imports (default: the input's name)",
    )
    parser.set_defaults(handler=run)


# --------------------------------------------------------------------------- the job


@dataclass
class ImportJob:
    """Everything one import run needs, checked before the first request."""

    source: RowSource
    kind: TargetKind
    target: int
    settings: dict[str, bool]
    batch_size: int = MAX_BATCH_SIZE
    concurrency: int | None = None
    dedupe: bool = True
    journal: Path | None = None
    auto_journal: bool = False
    file_name: str = "smartlead_async.csv"
    #: The journal file was there before this run (then it is never deleted).
    journal_existed: bool = False

    @property
    def description(self) -> str:
        noun = "campaign" if self.kind == "campaign" else "Lead List"
        return f"{noun} {self.target}"

    def target_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.target}


def state_dir() -> Path:
    """Where automatic journals go: $SMARTLEAD_STATE_DIR, else the XDG state directory."""
    explicit = os.environ.get("SMARTLEAD_STATE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "smartlead-async"


def auto_journal_path(kind: TargetKind, target: int) -> Path:
    """A fresh journal path for one run."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    return state_dir() / "journals" / f"import-{kind}-{target}-{stamp}-{os.getpid()}.jsonl"


def job_from_args(args: argparse.Namespace) -> ImportJob:
    """Build (and check) the job from parsed arguments."""
    mapping = parse_mapping(args.map)
    source = RowSource(
        args.input,
        fmt=args.format,
        mapping=mapping,
        custom_fields=not args.no_custom_fields,
        encoding=None if args.encoding is None else check_encoding(args.encoding),
        delimiter=None if args.delimiter is None else check_delimiter(args.delimiter),
    )
    kind: TargetKind = "campaign" if args.campaign is not None else "lead_list"
    target = int(args.campaign if args.campaign is not None else args.list_id)
    settings = {name: True for name in SETTINGS_FLAGS.values() if getattr(args, name)}
    journal: Path | None = None
    auto = False
    if args.journal:
        journal = Path(args.journal)
        if journal.is_dir():
            raise CliError(f"--journal {args.journal} is a directory; give a file path")
    elif not args.no_journal:
        journal, auto = auto_journal_path(kind, target), True
    file_name = args.file_name or (
        "stdin.csv" if source.is_stdin else Path(args.input).name or "smartlead_async.csv"
    )
    return ImportJob(
        source=source,
        kind=kind,
        target=target,
        settings=settings,
        batch_size=int(args.batch_size),
        concurrency=args.concurrency,
        dedupe=not args.no_dedupe,
        journal=journal,
        auto_journal=auto,
        file_name=file_name,
        journal_existed=journal is not None and journal.exists(),
    )


async def run_job(
    client: SmartleadClient,
    job: ImportJob,
    rows: Iterable[Any] | AsyncIterable[Any],
    *,
    total: int | None,
    quiet: bool,
) -> ImportReport:
    """Run the import with a progress bar on stderr and return the report."""
    resumed = confirmed_rows(job.journal) if job.journal is not None else 0
    description = f"import into {job.description}"
    with Meter(description, unit="rows", total=total, disable=quiet, baseline=resumed) as meter:

        def on_progress(done: int, engine_total: int | None) -> None:
            if total is None and engine_total is not None:
                meter.set_total(engine_total)
            meter.update(done)

        if job.kind == "campaign":
            settings = ImportSettings(**job.settings) if job.settings else None
            report = await client.campaigns.import_leads(
                job.target,
                rows,
                settings=settings,
                batch_size=job.batch_size,
                dedupe=job.dedupe,
                journal=job.journal,
                on_progress=on_progress,
                concurrency=job.concurrency,
            )
        else:
            report = await client.lead_lists.import_leads(
                job.target,
                rows,
                file_name=job.file_name,
                batch_size=job.batch_size,
                dedupe=job.dedupe,
                journal=job.journal,
                on_progress=on_progress,
                concurrency=job.concurrency,
                **{name: True for name in job.settings},
            )
        meter.finish(report.accounted - report.not_attempted, report.total_rows)
    return report


def read_rows(source: RowSource) -> Iterable[Any] | AsyncIterable[Any]:
    """The rows the engine reads (a seam for tests that simulate an interrupt)."""
    return source


async def _import(ctx: Context, job: ImportJob) -> ImportReport:
    total = await asyncio.to_thread(job.source.count)
    async with make_client(ctx.options) as client:
        return await run_job(
            client, job, read_rows(job.source), total=total, quiet=ctx.options.quiet
        )


# --------------------------------------------------------------------------- resuming


def confirmed_rows(journal: Path) -> int:
    """Rows in the batches a journal confirms (0 when it is missing or unreadable)."""
    try:
        lines = journal.read_bytes().splitlines()
    except OSError:
        return 0
    rows = 0
    for line in lines:
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError:
            continue
        if isinstance(record, dict) and record.get("type") == "batch":
            rows += int(record.get("rows") or 0)
    return rows


def resume_command(argv: list[str], journal: Path) -> str:
    """The command line that resumes this import (never with the API key in it)."""
    kept = without_options(argv, "--api-key", "--journal")
    kept = without_options(kept, "--no-journal", takes_value=False)
    return shlex.join([PROG, *kept, "--journal", str(journal)])


def _tell_resume(ctx: Context, job: ImportJob, *, interrupted: bool) -> None:
    if job.journal is None:
        if interrupted:
            sys.stderr.write("interrupted; no journal was kept (--no-journal)\n")
        return
    rows = confirmed_rows(job.journal)
    if rows == 0 and job.auto_journal:
        job.journal.unlink(missing_ok=True)
        if interrupted:
            sys.stderr.write("interrupted before any batch was confirmed; nothing to resume\n")
        return
    head = "interrupted" if interrupted else "import not finished"
    sys.stderr.write(
        f"{head}: {rows:,} rows are confirmed in the journal {job.journal}\n"
        f"resume with: {resume_command(ctx.argv, job.journal)}\n"
    )
    if job.source.is_stdin:
        sys.stderr.write("(feed the same input on stdin again)\n")


# --------------------------------------------------------------------------- the command


def exit_status(report: ImportReport) -> int:
    """0 only when every row ended in a server bucket or a deliberate skip.

    3 when any row was rejected, failed, not attempted or left unconfirmed; 4/5 for a fatal
    API error (wrong key, no such target).
    """
    error = fatal_error(report)
    if error is not None:
        return exit_code_for(error)
    if not job_succeeded(report):
        return EXIT_FAILED_ROWS
    return EXIT_OK


def fatal_error(report: ImportReport) -> BaseException | None:
    """The error that stopped the whole job (a wrong key, no such target...), if one did."""
    for batch in report.failed:
        if isinstance(batch.error, FATAL_ERRORS):
            return batch.error
    return None


def _drop_unconfirmed_journal(job: ImportJob) -> bool:
    """Delete a journal this run created that confirms nothing; True if it is gone."""
    if job.journal is None or job.journal_existed or confirmed_rows(job.journal) > 0:
        return False
    job.journal.unlink(missing_ok=True)
    return True


def _tell_fatal_stop(ctx: Context, job: ImportJob, report: ImportReport) -> None:
    """One ``error:`` line, and what became of the rows: resuming would not help."""
    reason = redact_text(report.stop_reason or "a fatal API error", ctx.options.api_key)
    sys.stderr.write(f"error: import into {job.description} stopped: {reason}\n")
    added = report.added
    done = f"{added:,} rows were imported before the stop" if added else "nothing was imported"
    sys.stderr.write(
        f"{done}; {report.total_rows - added:,} rows were not; fix what the error names and "
        "run the import again\n"
    )


def _warn_unnamed_columns(source: RowSource) -> None:
    unnamed = source.unnamed_columns
    if unnamed:
        numbers = ", ".join(map(str, unnamed))
        which = f"columns {numbers} have" if len(unnamed) > 1 else f"column {numbers} has"
        sys.stderr.write(
            f"warning: {source.name}: {which} no name in the header; their values are not "
            "imported (name a column to import it as a custom field)\n"
        )


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Run ``import``."""
    job = job_from_args(args)
    with job.source:
        _warn_unnamed_columns(job.source)
        try:
            report = asyncio.run(_import(ctx, job))
        except KeyboardInterrupt:
            _tell_resume(ctx, job, interrupted=True)
            return EXIT_INTERRUPTED
        except JournalError:
            raise  # the journal itself is the problem: resuming with it cannot help
        except BaseException:
            _tell_resume(ctx, job, interrupted=False)
            raise
    status = exit_status(report)
    if fatal_error(report) is not None:
        dropped = _drop_unconfirmed_journal(job)
        if ctx.options.json:
            data = report_to_json(report, job.target_json())
            data["journal"] = None if dropped or job.journal is None else str(job.journal)
            write_json(data)
        _tell_fatal_stop(ctx, job, report)
        return status
    if ctx.options.json:
        data = report_to_json(report, job.target_json())
        data["journal"] = str(job.journal) if job.journal and not report.ok else None
        write_json(data)
    else:
        render_report(stdout_console(), report, f"Import into {job.description}")
    if job.journal is not None:
        if report.ok and job.auto_journal:
            job.journal.unlink(missing_ok=True)
        elif not report.ok:
            sys.stderr.write(
                f"{report.failed_rows:,} rows failed and {report.not_attempted:,} were not "
                f"attempted; retry them with: {resume_command(ctx.argv, job.journal)}\n"
            )
    if report.stop_reason and status != EXIT_FAILED_ROWS:
        reason = redact_text(report.stop_reason, ctx.options.api_key)
        sys.stderr.write(f"error: import stopped: {reason}\n")
    return status
