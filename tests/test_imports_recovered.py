"""Honest buckets: rows stored by an unanswered attempt are ``recovered``, not "present before".

Wire-level cases (aioresponses) fix exactly which earlier answers make a retry's "already
present" rows count as recovered; the journal cases fix the same rule across a resume.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiohttp
import orjson
import pytest
from aioresponses import aioresponses

from smartlead_async import RetryPolicy
from tests.helpers.clients import wire_client
from tests.helpers.import_fakes import rows
from tests.helpers.wire import attempts, route

RETRY = RetryPolicy(max_attempts=3, base_delay=0.001, max_delay=0.002)
L2 = route("/campaigns/7/leads")
LL6 = route("/lead-list/9/import")


def campaign_answer(uploaded: int = 0, present: int = 0) -> dict[str, Any]:
    return {
        "ok": True,
        "upload_count": uploaded,
        "already_added_to_campaign": present,
        "total_leads": uploaded + present,
    }


def list_answer(imported: int = 0, duplicates: int = 0) -> dict[str, Any]:
    return {"total_leads": imported + duplicates, "imported": imported, "duplicates": duplicates}


# Answers after which the request may have been stored: a retry's "present" rows are recovered.
PROCESSED: dict[str, dict[str, Any]] = {
    "500 JSON": {"status": 500, "payload": {"error": "internal"}},
    "502 JSON": {"status": 502, "payload": {"error": "bad gateway"}},
    "reset": {"exception": aiohttp.ServerDisconnectedError()},
    "timeout": {"exception": TimeoutError()},
    "malformed 200": {"status": 200, "body": b'{"ok": tr', "content_type": "application/json"},
}
# Answers that prove the request was not processed: a retry's "present" rows were there before.
NOT_PROCESSED: dict[str, dict[str, Any]] = {
    "429": {"status": 429, "payload": {"error": "slow down"}, "headers": {"Retry-After": "0"}},
    "proxy 503 page": {"status": 503, "body": "<html>busy</html>", "content_type": "text/html"},
    "connect refused": {
        "exception": aiohttp.ClientConnectorError(
            aiohttp.client_reqrep.ConnectionKey("h", 80, False, True, None, None, None),
            OSError(111, "refused"),
        )
    },
}


@pytest.mark.parametrize(
    ("first", "recovered"),
    [*((name, True) for name in PROCESSED), *((name, False) for name in NOT_PROCESSED)],
)
async def test_present_rows_after_a_failed_attempt_are_recovered_only_if_it_was_processed(
    m: aioresponses, first: str, recovered: bool
) -> None:
    m.post(L2, **{**PROCESSED, **NOT_PROCESSED}[first])
    m.post(L2, payload=campaign_answer(uploaded=1, present=4))
    async with wire_client(retry=RETRY) as sl:
        report = await sl.campaigns.import_leads(7, rows(5))
    report.check()
    expected = (1, 4, 0) if recovered else (1, 0, 4)
    assert (report.uploaded, report.recovered, report.already_in_campaign) == expected
    assert report.added == (5 if recovered else 1)
    assert report.buckets()["recovered"] == expected[1]
    assert attempts(m) == 2


async def test_a_first_answered_attempt_keeps_present_rows_present(m: aioresponses) -> None:
    m.post(L2, payload=campaign_answer(uploaded=3, present=2))
    async with wire_client(retry=RETRY) as sl:
        report = await sl.campaigns.import_leads(7, rows(5))
    assert (report.uploaded, report.recovered, report.already_in_campaign) == (3, 0, 2)


async def test_only_the_batch_that_went_unanswered_recovers(m: aioresponses) -> None:
    m.post(L2, payload=campaign_answer(uploaded=2, present=2))  # batch 0: answered at once
    m.post(L2, status=500, payload={"error": "internal"})  # batch 1: lost ...
    m.post(L2, payload=campaign_answer(uploaded=0, present=4))  # ... then found stored
    async with wire_client(retry=RETRY) as sl:
        report = await sl.campaigns.import_leads(7, rows(8), batch_size=4, concurrency=1)
    report.check()
    assert (report.uploaded, report.recovered, report.already_in_campaign) == (2, 4, 2)


async def test_lead_list_duplicates_after_an_unanswered_attempt_are_recovered(
    m: aioresponses,
) -> None:
    m.post(LL6, status=500, payload={"error": "internal"})
    m.post(LL6, payload=list_answer(imported=1, duplicates=3))
    async with wire_client(retry=RETRY) as sl:
        report = await sl.lead_lists.import_leads(9, rows(4))
    report.check()
    assert (report.uploaded, report.recovered, report.duplicates) == (1, 3, 0)


async def test_a_batch_that_never_got_an_answer_is_failed_not_recovered(m: aioresponses) -> None:
    for _ in range(3):
        m.post(L2, status=500, payload={"error": "internal"})
    async with wire_client(retry=RETRY) as sl:
        report = await sl.campaigns.import_leads(7, rows(5))
    report.check()
    assert report.failed_rows == 5 and report.recovered == 0 and report.uploaded == 0


def journal_lines(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


async def test_a_resume_recovers_rows_of_a_batch_sent_before_the_crash(
    m: aioresponses, tmp_path: Path
) -> None:
    journal = tmp_path / "job.journal"
    m.post(L2, body=b'{"ok": tr', content_type="application/json")  # stored, answer lost
    async with wire_client() as sl:  # no retries: the batch fails in this run
        first = await sl.campaigns.import_leads(7, rows(5), journal=journal)
    assert first.failed_rows == 5
    kinds = [line["type"] for line in journal_lines(journal)]
    assert kinds == ["header", "sent", "end"], "the batch is marked sent before its request"

    m.post(L2, payload=campaign_answer(uploaded=0, present=5))
    async with wire_client() as sl:
        second = await sl.campaigns.import_leads(7, rows(5), journal=journal)
    second.check()
    assert (second.uploaded, second.recovered, second.already_in_campaign) == (0, 5, 0)
    assert journal_lines(journal)[-2]["counts"]["recovered"] == 5


async def test_a_resume_keeps_present_rows_of_batches_never_sent(
    m: aioresponses, tmp_path: Path
) -> None:
    journal = tmp_path / "job.journal"
    m.post(L2, payload=campaign_answer(uploaded=4))
    m.post(L2, status=401, payload={"error": "bad key"})  # fatal: batch 1 is not sent again
    async with wire_client() as sl:
        first = await sl.campaigns.import_leads(
            7, rows(12), journal=journal, batch_size=4, concurrency=1
        )
    assert first.stop_reason is not None and first.not_attempted == 4

    m.post(L2, payload=campaign_answer(uploaded=0, present=4))  # batch 1, sent before
    m.post(L2, payload=campaign_answer(uploaded=0, present=4))  # batch 2, never sent
    async with wire_client() as sl:
        second = await sl.campaigns.import_leads(
            7, rows(12), journal=journal, batch_size=4, concurrency=1
        )
    second.check()
    assert second.resumed_rows == 4
    assert (second.uploaded, second.recovered, second.already_in_campaign) == (4, 4, 4)


async def test_a_journal_without_sent_lines_still_resumes(m: aioresponses, tmp_path: Path) -> None:
    journal = tmp_path / "old.journal"
    header = {"type": "header", "version": 1, "job": {"kind": "campaign", "target": 7}}
    job = {**header["job"], "batch_size": 400, "dedupe": True}  # type: ignore[dict-item]
    journal.write_bytes(orjson.dumps({**header, "job": job}) + b"\n")
    m.post(L2, payload=campaign_answer(uploaded=2, present=3))
    async with wire_client() as sl:
        report = await sl.campaigns.import_leads(7, rows(5), journal=journal)
    assert (report.uploaded, report.recovered, report.already_in_campaign) == (2, 0, 3)
