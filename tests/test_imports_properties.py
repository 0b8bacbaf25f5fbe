"""Property test of the import engine's invariant: every input row lands in exactly one bucket.

Whatever the input (valid, invalid, repeated rows), the batch size, the concurrency, and
whatever the server does (counts that add up or not, transient and fatal errors, "too large"
rejections, the lead limit), the report accounts for every row once, and a resumed run with the
same journal does too.
"""

from __future__ import annotations

import asyncio
import random
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartlead_async.errors import AuthenticationError, BadRequestError, ServerError
from smartlead_async.imports import BatchOutcome, run_import
from smartlead_async.models.imports import ImportReport
from smartlead_async.models.lead_input import LeadInput

_BUCKETS = (
    "uploaded",
    "duplicates",
    "invalid",
    "already_in_campaign",
    "unsubscribed",
    "blocked",
    "not_attempted",
)

valid_row = st.builds(
    lambda i, upper: {"email": (f"U{i}@X.IO" if upper else f"u{i}@x.io")},
    st.integers(0, 40),
    st.booleans(),
)
invalid_row = st.sampled_from([{"email": "nope"}, {}, {"email": 5}, "not a row", {"email": " "}])
input_rows = st.lists(st.one_of(valid_row, valid_row, valid_row, invalid_row), max_size=80)


class ChaoticServer:
    """A seeded server whose answers and failures are arbitrary but reproducible."""

    def __init__(self, seed: int, *, cap: int | None, fault_rate: float) -> None:
        self.rng = random.Random(seed)
        self.cap = cap
        self.fault_rate = fault_rate
        self.sent = 0

    async def send(self, batch: list[LeadInput]) -> BatchOutcome:
        await asyncio.sleep(0)
        self.sent += len(batch)
        rng = self.rng
        if self.cap is not None and len(batch) > self.cap:
            raise BadRequestError(400, f"lead_list cannot exceed {self.cap} leads per request")
        roll = rng.random()
        if roll < self.fault_rate:
            raise ServerError(502, "Bad Gateway", attempts=6)
        if roll < self.fault_rate * 1.1:
            raise AuthenticationError(401, "Invalid API Key")
        counts = dict.fromkeys(_BUCKETS, 0)
        for _ in batch:
            counts[rng.choice(_BUCKETS)] += 1
        if rng.random() < 0.3:  # the server's numbers do not add up
            name = rng.choice(_BUCKETS)
            counts[name] = max(0, counts[name] + rng.randint(-3, 3))
        return BatchOutcome(**counts, lead_limit_exhausted=rng.random() < 0.05)


def check_report(report: ImportReport, data: list[Any]) -> None:
    report.check()
    assert report.total_rows == len(data)
    assert all(value >= 0 for value in report.buckets().values())
    emails = {row["email"] for row in data if isinstance(row, dict) and "email" in row}
    assert all(lead.email in emails for batch in report.failed for lead in batch.rows)


common = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)


@common
@given(
    data=input_rows,
    batch_size=st.integers(1, 12),
    concurrency=st.integers(1, 4),
    dedupe=st.booleans(),
    seed=st.integers(0, 2**16),
    cap=st.one_of(st.none(), st.integers(1, 8)),
    fault_rate=st.sampled_from([0.0, 0.1, 0.3]),
)
def test_every_row_is_counted_exactly_once(
    data: list[Any],
    batch_size: int,
    concurrency: int,
    dedupe: bool,
    seed: int,
    cap: int | None,
    fault_rate: float,
) -> None:
    server = ChaoticServer(seed, cap=cap, fault_rate=fault_rate)
    report = asyncio.run(
        run_import(server.send, data, batch_size=batch_size, concurrency=concurrency, dedupe=dedupe)
    )
    check_report(report, data)
    invalid = sum(1 for row in data if not (isinstance(row, dict) and "@" in str(row.get("email"))))
    if report.stop_reason is None:
        assert len(report.rejected_client_side) == invalid
    else:  # the rest of the input after a stop is counted as not attempted, unvalidated
        assert len(report.rejected_client_side) <= invalid


@common
@given(
    data=input_rows,
    batch_size=st.integers(1, 12),
    concurrency=st.integers(1, 4),
    seed=st.integers(0, 2**16),
)
def test_resumed_runs_account_for_every_row(
    data: list[Any], batch_size: int, concurrency: int, seed: int
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        journal = Path(folder) / "import.journal"
        first = ChaoticServer(seed, cap=None, fault_rate=0.3)
        report1 = asyncio.run(
            run_import(
                first.send, data, batch_size=batch_size, concurrency=concurrency, journal=journal
            )
        )
        check_report(report1, data)
        second = ChaoticServer(seed + 1, cap=None, fault_rate=0.0)
        report2 = asyncio.run(
            run_import(
                second.send, data, batch_size=batch_size, concurrency=concurrency, journal=journal
            )
        )
        check_report(report2, data)
        assert not report2.failed
        if report2.stop_reason is None:
            # every accepted row was either confirmed by the journal or sent exactly once now
            accepted = report2.total_rows - len(report2.rejected_client_side)
            accepted -= report2.duplicates_in_input
            assert report2.resumed_rows + second.sent == accepted
