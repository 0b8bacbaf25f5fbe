"""A journal is bound to its account: a resume with another key or API host is refused."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from aioresponses import aioresponses

from smartlead_async import JournalMismatchError
from tests.helpers.clients import WIRE_KEY, wire_client
from tests.helpers.import_fakes import rows
from tests.helpers.wire import attempts, route

OTHER_KEY = "wire-test-key-OTHER-9"


def header_job(journal: Path) -> dict[str, object]:
    job = orjson.loads(journal.read_bytes().splitlines()[0])["job"]
    assert isinstance(job, dict)
    return job


async def first_run(m: aioresponses, journal: Path) -> None:
    m.post(route("/campaigns/7/leads"), status=500, payload={"error": "x"})
    async with wire_client() as sl:
        report = await sl.campaigns.import_leads(7, rows(5), journal=journal)
    assert report.failed_rows == 5


async def test_the_journal_names_the_account_without_the_key(
    m: aioresponses, tmp_path: Path
) -> None:
    journal = tmp_path / "job.journal"
    await first_run(m, journal)
    account = header_job(journal)["account"]
    assert isinstance(account, str) and account.startswith("h#")
    assert WIRE_KEY not in journal.read_text()
    assert WIRE_KEY[:8] not in account and WIRE_KEY[-4:] not in account


@pytest.mark.parametrize(
    "options",
    [{"api_key": OTHER_KEY}, {"base_url": "http://other.example/api/v1"}],
    ids=["another key", "another host"],
)
async def test_a_resume_against_another_account_is_refused_before_any_request(
    m: aioresponses, tmp_path: Path, options: dict[str, str]
) -> None:
    journal = tmp_path / "job.journal"
    await first_run(m, journal)
    sent = attempts(m)
    async with wire_client(**options) as other:
        with pytest.raises(JournalMismatchError, match="another account") as info:
            await other.campaigns.import_leads(7, rows(5), journal=journal)
    assert attempts(m) == sent
    assert OTHER_KEY not in str(info.value) and WIRE_KEY not in str(info.value)


async def test_a_resume_with_the_same_account_goes_on(m: aioresponses, tmp_path: Path) -> None:
    journal = tmp_path / "job.journal"
    await first_run(m, journal)
    m.post(route("/campaigns/7/leads"), payload={"ok": True, "upload_count": 5, "total_leads": 5})
    async with wire_client() as sl:
        report = await sl.campaigns.import_leads(7, rows(5), journal=journal)
    assert report.uploaded == 5


async def test_a_journal_from_before_accounts_resumes_with_a_warning(
    m: aioresponses, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    journal = tmp_path / "old.journal"
    job = {"kind": "campaign", "target": 7, "batch_size": 400, "dedupe": True}
    journal.write_bytes(orjson.dumps({"type": "header", "version": 1, "job": job}) + b"\n")
    m.post(route("/campaigns/7/leads"), payload={"ok": True, "upload_count": 5, "total_leads": 5})
    async with wire_client() as sl:
        report = await sl.campaigns.import_leads(7, rows(5), journal=journal)
    assert report.uploaded == 5
    assert "names no account" in caplog.text
