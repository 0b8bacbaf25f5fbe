"""The resume journal: file format, damage handling, and resuming an import with it."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import orjson
import pytest

from smartlead_async.errors import InvalidTypeError, ServerError, SmartleadError
from smartlead_async.imports import BatchOutcome, run_import
from smartlead_async.journal import (
    Fingerprint,
    ImportJournal,
    JournalEntry,
    JournalError,
    JournalMismatchError,
    batch_digest,
)
from smartlead_async.models.lead_input import LeadInput, to_lead_input
from tests.helpers.import_fakes import FakeImportServer, rows

JOB = {"kind": "campaign", "target": 7, "batch_size": 2, "dedupe": True}


def lines(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def leads(*emails: str) -> list[LeadInput]:
    return [to_lead_input({"email": email}) for email in emails]


# --- digests -----------------------------------------------------------------------------------


def test_batch_digest_is_stable_and_content_sensitive() -> None:
    a = [to_lead_input({"email": "a@x.io", "first_name": "A", "custom_fields": {"k": 1, "j": 2}})]
    b = [to_lead_input({"custom_fields": {"j": 2, "k": 1}, "first_name": "A", "email": "a@x.io"})]
    assert batch_digest(a) == batch_digest(b)
    assert batch_digest(a) != batch_digest(leads("a@x.io"))
    assert batch_digest(leads("a@x.io", "b@x.io")) != batch_digest(leads("b@x.io", "a@x.io"))
    assert len(batch_digest([])) == 32


def test_fingerprint_depends_on_order() -> None:
    one, two = Fingerprint(), Fingerprint()
    d1, d2 = batch_digest(leads("a@x.io")), batch_digest(leads("b@x.io"))
    one.add(d1)
    one.add(d2)
    two.add(d2)
    two.add(d1)
    assert one.batches == 2
    assert one.hexdigest() != two.hexdigest()


# --- the file ------------------------------------------------------------------------------------


async def test_new_journal_writes_header_then_records(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "job.journal"
    async with ImportJournal(path, JOB) as journal:
        await journal.record(JournalEntry(0, "ab" * 16, 2, {"uploaded": 2}))
        await journal.finish("cd" * 16, batches=1, complete=True)
    assert lines(path) == [
        {"type": "header", "version": 1, "job": JOB},
        {"type": "batch", "index": 0, "digest": "ab" * 16, "rows": 2, "counts": {"uploaded": 2}},
        {"type": "end", "fingerprint": "cd" * 16, "batches": 1, "complete": True},
    ]
    async with ImportJournal(path, JOB) as reopened:
        assert reopened.entries[0] == JournalEntry(0, "ab" * 16, 2, {"uploaded": 2})
        assert reopened.confirmed(0, "ab" * 16) == reopened.entries[0]
        assert reopened.confirmed(1, "ab" * 16) is None
        with pytest.raises(JournalMismatchError, match="batch 0 of this input differs"):
            reopened.confirmed(0, "ef" * 16)
        assert reopened.previous_end is not None and reopened.previous_end["complete"] is True


async def test_other_job_settings_are_a_mismatch(tmp_path: Path) -> None:
    path = tmp_path / "j"
    async with ImportJournal(path, JOB):
        pass
    with pytest.raises(JournalMismatchError, match=r"batch_size=2.*batch_size=400"):
        async with ImportJournal(path, {**JOB, "batch_size": 400}):
            pass
    with pytest.raises(JournalMismatchError, match="target=7"):
        async with ImportJournal(path, {**JOB, "target": 8}):
            pass


async def test_incomplete_last_line_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "j"
    async with ImportJournal(path, JOB) as journal:
        await journal.record(JournalEntry(0, "ab" * 16, 2, {"uploaded": 2}))
    path.write_bytes(path.read_bytes() + b'{"type": "batch", "index": 1, "dig')  # killed mid-write
    async with ImportJournal(path, JOB) as journal:
        assert list(journal.entries) == [0]
        await journal.record(JournalEntry(1, "cd" * 16, 2, {"uploaded": 2}))
    assert [line["type"] for line in lines(path)] == ["header", "batch", "batch"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"type": "header", "version": 1, "job": {}}\nnot json\n', "line 2 .* is damaged"),
        (b"[1, 2]\n", "line 1 .* is damaged"),
        (b'{"hello": "world"}\n', "not a smartlead_async import journal"),
        (b'{"type": "header", "version": 1}\n', "no job description"),
    ],
)
async def test_damaged_journals_raise_clear_errors(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "j"
    path.write_bytes(content.replace(b'"job": {}', orjson.dumps({"job": JOB})[1:-1]))
    with pytest.raises(JournalError, match=message):
        async with ImportJournal(path, JOB):
            pass


async def test_blank_or_cut_header_starts_a_new_journal(tmp_path: Path) -> None:
    path = tmp_path / "j"
    for content in (b"\n\n", b'{"type": "hea'):
        path.write_bytes(content)
        async with ImportJournal(path, JOB) as journal:
            assert journal.entries == {}
        assert lines(path) == [{"type": "header", "version": 1, "job": JOB}]


async def test_bad_batch_record_and_conflicting_duplicates(tmp_path: Path) -> None:
    header = orjson.dumps({"type": "header", "version": 1, "job": JOB}) + b"\n"
    path = tmp_path / "j"
    path.write_bytes(header + b'{"type": "batch", "index": "x"}\n')
    with pytest.raises(JournalError, match=r"line 2 .* not a valid batch record"):
        async with ImportJournal(path, JOB):
            pass
    entry = {"type": "batch", "index": 0, "rows": 1, "counts": {}}
    path.write_bytes(
        header
        + orjson.dumps({**entry, "digest": "aa"})
        + b"\n"
        + orjson.dumps({**entry, "digest": "bb"})
        + b"\n"
    )
    with pytest.raises(JournalError, match="confirms batch 0 twice"):
        async with ImportJournal(path, JOB):
            pass


def test_journal_path_checks(tmp_path: Path) -> None:
    with pytest.raises(InvalidTypeError, match="file path"):
        ImportJournal(123, JOB)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="non-empty"):
        ImportJournal("  ", JOB)
    with pytest.raises(JournalError, match="is a directory"):
        ImportJournal(tmp_path, JOB)
    assert "confirmed=0" in repr(ImportJournal(tmp_path / "x", JOB))


async def test_write_after_close_is_an_error(tmp_path: Path) -> None:
    journal = ImportJournal(tmp_path / "j", JOB)
    async with journal:
        pass
    with pytest.raises(JournalError, match="closed"):
        await journal.record(JournalEntry(0, "ab", 1))


# --- resuming an import --------------------------------------------------------------------------


async def test_resume_skips_confirmed_batches_and_still_accounts_for_every_row(
    tmp_path: Path,
) -> None:
    path = tmp_path / "import.journal"
    data = [*rows(1000), {"email": "bad"}, {"email": "LEAD0@example.com"}]

    def crash_on_third(call: int, batch: list[LeadInput]) -> SmartleadError | None:
        return ServerError(502, "Bad Gateway") if call >= 3 else None

    first = FakeImportServer(fail=crash_on_third)
    report1 = await run_import(
        first.send, data, batch_size=200, concurrency=1, journal=path, job={"kind": "campaign"}
    )
    report1.check()
    assert report1.uploaded == 400 and report1.failed_rows == 600

    second = FakeImportServer()
    second.stored = set(first.stored)
    report2 = await run_import(
        second.send, data, batch_size=200, concurrency=1, journal=path, job={"kind": "campaign"}
    )
    report2.check()
    assert second.sizes == [200, 200, 200]  # only the three unconfirmed batches are sent
    assert report2.resumed_batches == 2
    assert report2.resumed_rows == 400
    assert report2.uploaded == 1000  # 400 restored from the journal + 600 sent now
    assert report2.duplicates == 1 and len(report2.rejected_client_side) == 1
    assert report2.total_rows == 1002
    assert report2.ok
    end = lines(path)[-1]
    assert end["type"] == "end" and end["complete"] is True and end["batches"] == 5

    third = FakeImportServer()
    progress: list[int] = []
    report3 = await run_import(
        third.send,
        data,
        batch_size=200,
        concurrency=1,
        journal=path,
        job={"kind": "campaign"},
        on_progress=lambda done, total: progress.append(done),
    )
    assert third.calls == []
    assert progress[0] == 200 and progress[-1] == 1002  # skipped batches report progress too
    assert report3.resumed_batches == 5 and report3.uploaded == 1000
    report3.check()


async def test_resume_after_cancellation(tmp_path: Path) -> None:
    path = tmp_path / "import.journal"
    data = rows(100)
    gate = asyncio.Event()
    hung = asyncio.Event()
    server = FakeImportServer()

    async def send(batch: list[LeadInput]) -> BatchOutcome:
        if len(server.calls) >= 3:
            hung.set()
            await gate.wait()  # hangs: the job is killed here
        return await server.send(batch)

    task = asyncio.create_task(run_import(send, data, batch_size=10, concurrency=1, journal=path))
    await asyncio.wait_for(hung.wait(), timeout=30)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    confirmed = [line for line in lines(path) if line["type"] == "batch"]
    assert [line["index"] for line in confirmed] == [0, 1, 2]

    resumed = FakeImportServer()
    report = await run_import(resumed.send, data, batch_size=10, concurrency=2, journal=path)
    assert len(resumed.calls) == 7
    assert report.resumed_rows == 30 and report.uploaded == 100
    report.check()


async def test_changed_input_raises_mismatch_before_sending(tmp_path: Path) -> None:
    path = tmp_path / "import.journal"
    await run_import(FakeImportServer().send, rows(30), batch_size=10, journal=path)
    server = FakeImportServer()
    changed = rows(30)
    changed[5]["first_name"] = "Changed"
    with pytest.raises(JournalMismatchError, match="batch 0 of this input differs"):
        await run_import(server.send, changed, batch_size=10, journal=path)
    assert server.calls == []
    with pytest.raises(JournalMismatchError, match="batch_size=10"):
        await run_import(server.send, rows(30), batch_size=20, journal=path)
    with pytest.raises(JournalMismatchError, match="dedupe=True"):
        await run_import(server.send, rows(30), batch_size=10, dedupe=False, journal=path)


async def test_stopped_and_failed_batches_are_not_confirmed(tmp_path: Path) -> None:
    path = tmp_path / "import.journal"
    server = FakeImportServer(lead_limit=15)
    report = await run_import(server.send, rows(40), batch_size=10, concurrency=1, journal=path)
    report.check()
    confirmed = [line["index"] for line in lines(path) if line["type"] == "batch"]
    assert confirmed == [0]  # batch 1 had rows stopped by the lead limit
    assert lines(path)[-1]["complete"] is False


async def test_shorter_input_on_resume_warns(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "import.journal"
    await run_import(FakeImportServer().send, rows(30), batch_size=10, journal=path)
    with caplog.at_level("WARNING", logger="smartlead_async.journal"):
        report = await run_import(FakeImportServer().send, rows(20), batch_size=10, journal=path)
    assert report.resumed_batches == 2
    assert "beyond the end of this input" in caplog.text
