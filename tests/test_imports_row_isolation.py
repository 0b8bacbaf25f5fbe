"""One poison row is rejected on its own; the rest of the job goes on (on resume too)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from smartlead_async.imports import BatchOutcome, run_import
from smartlead_async.models.lead_input import LeadInput

POISONS: list[dict[str, Any]] = [
    {"email": "p@example.com", "first_name": "\ud800"},
    {"email": "p@example.com", "custom_fields": {"n": 2**64}},
    {"email": "p@example.com", "custom_fields": {"n": float("nan")}},
    {"email": "p@example.com", "custom_fields": {"n": {"nested": 1}}},
    {"email": "p\ud800@example.com"},
]


def _rows(poison: dict[str, Any], count: int = 12_000) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [{"email": f"lead{i}@example.com"} for i in range(count)]
    rows[count // 2] = poison
    return rows


class _Server:
    def __init__(self) -> None:
        self.stored: set[str] = set()

    async def send(self, batch: list[LeadInput]) -> BatchOutcome:
        body = orjson.dumps([lead.to_wire() for lead in batch])  # raises on unsendable rows
        assert body
        fresh = {lead.email for lead in batch} - self.stored
        self.stored |= fresh
        return BatchOutcome(uploaded=len(fresh), already_in_campaign=len(batch) - len(fresh))


@pytest.mark.parametrize("poison", POISONS)
async def test_one_poison_row_is_rejected_and_the_job_goes_on(
    poison: dict[str, Any], tmp_path: Path
) -> None:
    server = _Server()
    journal = tmp_path / "job.journal"
    report = await run_import(server.send, _rows(poison), journal=journal)
    assert len(report.rejected_client_side) == 1
    assert report.rejected_client_side[0].reason
    assert report.uploaded == 11_999
    assert len(server.stored) == 11_999
    assert report.failed == []

    resumed = await run_import(server.send, _rows(poison), journal=journal)
    assert len(resumed.rejected_client_side) == 1
    assert resumed.resumed_rows == 11_999
    assert len(server.stored) == 11_999
