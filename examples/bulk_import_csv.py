"""Import a CSV of any size into a campaign, resumably, with progress.

Against your account (SMARTLEAD_API_KEY set), into an existing campaign::

    python examples/bulk_import_csv.py leads.csv --campaign 42 --journal import.journal

Without a key it runs against a local sandbox: it generates a CSV of --rows leads (unless you
give one) and imports it into a new campaign there::

    python examples/bulk_import_csv.py --rows 5000 --journal import.journal

Rerun with the same --journal after a crash or Ctrl-C: the batches the journal confirms are
skipped. Exit status: 0 when every row landed in a bucket, 3 when some did not (rejected,
failed, not attempted), 1 with one ``error:`` line when the job could not run at all.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
from collections.abc import Iterator
from pathlib import Path

from _connect import connect, run, using_sandbox


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    """Rows one at a time: the import never holds the whole file in memory."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)  # extra columns become custom fields


def write_sample(path: Path, rows: int) -> None:
    """A sample CSV with a few bad and repeated rows, to show the report's buckets."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["email", "first_name", "company_name", "title"])
        for n in range(rows):
            email = f"lead{n}@example.com" if n % 50 else "not-an-email"
            writer.writerow([email, f"Lead {n}", "Acme", "CTO"])
        writer.writerow(["LEAD1@example.com", "Repeat", "Acme", "CTO"])  # a duplicate


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", nargs="?", type=Path, help="CSV with an email column")
    parser.add_argument("--campaign", type=int, help="campaign id (sandbox: a new one)")
    parser.add_argument("--journal", type=Path, help="resume journal file")
    parser.add_argument("--rows", type=int, default=1000, help="sample rows (sandbox only)")
    args = parser.parse_args(argv)
    if not using_sandbox() and (args.csv is None or args.campaign is None):
        parser.error("with SMARTLEAD_API_KEY set, give the CSV and --campaign")
    if args.csv is not None and not args.csv.is_file():
        parser.error(f"{args.csv} is not a file")
    if using_sandbox() and args.campaign is not None:
        parser.error("the sandbox starts empty: leave out --campaign (a new campaign is made)")

    async with connect() as sl:
        with tempfile.TemporaryDirectory() as scratch:
            path = args.csv
            if path is None:
                path = Path(scratch) / "sample.csv"
                write_sample(path, args.rows)
            if args.campaign is not None:
                campaign_id = (await sl.campaigns.get(args.campaign)).id  # NotFoundError: stop
            else:
                campaign_id = (await sl.campaigns.create(name="CSV import")).id

            def on_progress(done: int, total: int | None) -> None:
                print(f"\r  {done:,} rows done", end="", flush=True)

            report = await sl.campaigns.import_leads(
                campaign_id,
                read_csv(path),
                journal=args.journal,  # None: not resumable
                on_progress=on_progress,
            )
    print(f"\n\n{report.summary()}")
    for bucket, rows in report.buckets().items():
        print(f"  {bucket:<22}{rows:>8,}")
    for rejected in report.rejected_client_side[:5]:
        print(f"  rejected {rejected.row.get('email')!r}: {rejected.reason}")
    for failed in report.failed:  # kept with their rows: resend them later
        print(f"  failed batch {failed.batch_index}: {len(failed.rows)} rows, {failed.error}")
    if report.stop_reason:
        print(f"  stopped: {report.stop_reason}")
    everything_landed = report.ok and not report.rejected_client_side and not report.not_attempted
    return 0 if everything_landed else 3


if __name__ == "__main__":
    run(main)
