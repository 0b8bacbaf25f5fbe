"""The bulk import engine against a scriptable fake endpoint (no HTTP)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from smartlead_async.errors import (
    APIError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    GateUnavailableError,
    InvalidTypeError,
    NotFoundError,
    PermissionDeniedError,
    ServerError,
    SmartleadError,
    UnprocessableEntityError,
    ValidationError,
)
from smartlead_async.imports import (
    BatchOutcome,
    cap_from_error,
    check_batch_size,
    run_import,
    smaller_batch,
)
from smartlead_async.models.campaigns import AddLeadsResult
from smartlead_async.models.lead_input import LeadInput
from smartlead_async.models.lead_lists import LeadListImportResult
from smartlead_async.resources._lead_import import outcome_from_add_leads, outcome_from_list_import
from tests.helpers.import_fakes import FakeImportServer, row_stream, rows


async def test_rows_are_sent_in_batches_and_all_accounted() -> None:
    server = FakeImportServer()
    report = await run_import(server.send, rows(1000), batch_size=400, concurrency=1)
    assert server.sizes == [400, 400, 200]
    assert report.uploaded == 1000
    assert report.total_rows == 1000
    assert report.batches == 3
    assert report.batch_size == 400
    assert report.ok
    assert report.check() is report


async def test_lead_input_objects_and_dicts_mix() -> None:
    server = FakeImportServer()
    data: list[Any] = [LeadInput(email="a@x.io", first_name="A"), {"email": "b@x.io"}]
    report = await run_import(server.send, data)
    assert server.calls == [["a@x.io", "b@x.io"]]
    assert report.uploaded == 2
    report.check()


async def test_invalid_rows_are_rejected_with_reason_and_never_sent() -> None:
    server = FakeImportServer()
    data: list[Any] = [
        {"email": "good@x.io"},
        {"email": "not-an-email"},
        {"first_name": "no email"},
        "a string row",
        {"email": "ok2@x.io", "custom_fields": {"k": [1, 2]}},
    ]
    report = await run_import(server.send, data)
    assert server.calls == [["good@x.io"]]
    assert report.uploaded == 1
    reasons = [(r.row, r.reason) for r in report.rejected_client_side]
    assert reasons[0] == ({"email": "not-an-email"}, "email 'not-an-email' is not a valid address")
    assert reasons[1] == ({"first_name": "no email"}, "email is missing")
    assert reasons[2][0] == "a string row" and "dict or LeadInput" in reasons[2][1]
    assert "custom field 'k'" in reasons[3][1]
    assert report.total_rows == 5
    report.check()


async def test_in_input_duplicates_dropped_case_insensitively() -> None:
    server = FakeImportServer()
    data = [
        {"email": "Ada@X.io"},
        {"email": "ada@x.io"},
        {"email": " ADA@x.IO "},
        {"email": "b@x.io"},
    ]
    report = await run_import(server.send, data)
    assert server.calls == [["Ada@X.io", "b@x.io"]]
    assert report.duplicates == 2
    assert report.duplicates_in_input == 2
    assert report.uploaded == 2
    report.check()


async def test_dedupe_off_sends_repeats_and_server_reports_them() -> None:
    server = FakeImportServer()
    data = [{"email": "ada@x.io"}, {"email": "ADA@x.io"}]
    report = await run_import(server.send, data, dedupe=False, batch_size=1, concurrency=1)
    assert server.calls == [["ada@x.io"], ["ADA@x.io"]]
    assert report.uploaded == 1
    assert report.already_in_campaign == 1
    assert report.duplicates_in_input == 0
    report.check()


async def test_input_is_streamed_with_bounded_read_ahead() -> None:
    pulled: list[int] = []
    ahead: list[int] = []
    finished = 0
    server = FakeImportServer(delay=0.001)

    async def send(batch: list[LeadInput]) -> BatchOutcome:
        nonlocal finished
        ahead.append(len(pulled) - finished)
        outcome = await server.send(batch)
        finished += len(batch)
        return outcome

    report = await run_import(send, row_stream(5000, pulled), batch_size=100, concurrency=3)
    assert report.uploaded == 5000
    # rows read but not finished: at most `concurrency` batches in flight + one being filled
    assert max(ahead) <= (3 + 1) * 100
    assert server.max_in_flight == 3
    report.check()


async def test_async_iterable_input() -> None:
    async def source() -> AsyncIterator[dict[str, Any]]:
        for i in range(250):
            await asyncio.sleep(0)
            yield {"email": f"x{i}@example.com"}

    server = FakeImportServer()
    seen: list[tuple[int, int | None]] = []
    report = await run_import(
        server.send, source(), batch_size=100, on_progress=lambda d, t: seen.append((d, t))
    )
    assert report.uploaded == 250
    assert sorted(server.sizes) == [50, 100, 100]
    # the total of an async source is unknown until the end
    assert all(total is None for _, total in seen[:-1])
    assert seen[-1] == (250, 250)


async def test_progress_is_monotonic_and_ends_at_total() -> None:
    server = FakeImportServer()
    seen: list[tuple[int, int | None]] = []
    data = [*rows(900), {"email": "bad"}]
    await run_import(
        server.send, data, batch_size=100, on_progress=lambda d, t: seen.append((d, t))
    )
    done = [d for d, _ in seen]
    assert done == sorted(done)
    assert {t for _, t in seen} == {901}
    assert seen[-1] == (901, 901)


async def test_async_progress_callback_is_awaited() -> None:
    calls: list[int] = []

    async def progress(done: int, total: int | None) -> None:
        await asyncio.sleep(0)
        calls.append(done)

    await run_import(FakeImportServer().send, rows(30), batch_size=10, on_progress=progress)
    assert calls[-1] == 30
    assert len(calls) == 4  # three batches and the final call


@pytest.mark.parametrize(
    ("body", "message", "expected_sizes"),
    [
        # the documented body names the cap: halve until at or below it
        (None, None, [400, 100, 100, 100, 100, 100, 100]),
        # a message naming the cap, no max_allowed
        ({"message": "x"}, "lead_list cannot exceed 150 leads per request", None),
        # "too large" without a number: plain halving
        ({"message": "too many leads"}, "too many leads in one request", None),
    ],
)
async def test_adaptive_split_on_too_large(
    body: dict[str, Any] | None, message: str | None, expected_sizes: list[int] | None
) -> None:
    server = FakeImportServer(cap=150, cap_body=body, cap_message=message)
    report = await run_import(server.send, rows(600), batch_size=400, concurrency=1)
    report.check()
    assert report.uploaded == 600
    assert not report.failed
    assert report.batch_size <= 150
    if expected_sizes is not None:
        assert server.sizes == expected_sizes
    # the smaller size sticks: after the first accepted request nothing larger is sent
    first_ok = next(i for i, size in enumerate(server.sizes) if size <= 150)
    assert all(size <= report.batch_size for size in server.sizes[first_ok:])
    assert sorted(set(server.stored)) == sorted(r["email"] for r in rows(600))


async def test_adaptive_split_down_to_one_then_failed() -> None:
    def always_too_large(call: int, batch: list[LeadInput]) -> BadRequestError:
        return BadRequestError(400, "lead_list cannot exceed 0 leads per request")

    server = FakeImportServer(fail=always_too_large)
    report = await run_import(server.send, rows(4), batch_size=4, concurrency=1)
    assert server.sizes == [4, 2, 1, 1, 1, 1]
    assert report.failed_rows == 4
    assert [len(f.rows) for f in report.failed] == [1, 1, 1, 1]
    report.check()


async def test_lead_limit_stops_cleanly() -> None:
    server = FakeImportServer(lead_limit=500)
    report = await run_import(server.send, rows(2000), batch_size=400, concurrency=1)
    assert server.sizes == [400, 400]  # no request after the server said the limit is exhausted
    assert report.uploaded == 500
    assert report.not_attempted == 1500
    assert report.lead_limit_exhausted
    assert report.stop_reason is not None and "lead limit" in report.stop_reason
    assert report.total_rows == 2000  # the rest of the input is read and counted
    assert not report.ok
    report.check()


async def test_failed_batch_kept_with_rows_and_job_continues() -> None:
    def second_call_fails(call: int, batch: list[LeadInput]) -> ServerError | None:
        return ServerError(503, "Service Unavailable", attempts=6) if call == 2 else None

    server = FakeImportServer(fail=second_call_fails)
    report = await run_import(server.send, rows(1000), batch_size=400, concurrency=1)
    assert server.sizes == [400, 400, 200]
    assert report.uploaded == 600
    assert len(report.failed) == 1
    failed = report.failed[0]
    assert failed.batch_index == 1
    assert [lead.email for lead in failed.rows] == [f"lead{i}@example.com" for i in range(400, 800)]
    assert isinstance(failed.error, ServerError)
    assert not report.ok
    report.check()


async def test_unexpected_sender_exception_is_a_failed_batch() -> None:
    async def broken(batch: list[LeadInput]) -> BatchOutcome:
        raise RuntimeError("boom")

    report = await run_import(broken, rows(3))
    assert report.failed_rows == 3
    assert str(report.failed[0].error) == "boom"
    report.check()


async def test_sender_argument_errors_are_raised_not_reported() -> None:
    async def bad_settings(batch: list[LeadInput]) -> BatchOutcome:
        raise ValidationError("unknown import setting(s) bogus")

    with pytest.raises(ValidationError, match="bogus"):
        await run_import(bad_settings, rows(1000), batch_size=100)


@pytest.mark.parametrize(
    "error",
    [
        AuthenticationError(401, "Invalid API Key"),
        PermissionDeniedError(403, "Forbidden"),
        NotFoundError(404, "Campaign not found"),
        ConfigurationError("the gate is misconfigured"),
        GateUnavailableError("redis is down"),
    ],
)
async def test_fatal_error_stops_and_marks_the_rest(error: SmartleadError) -> None:
    def fail_second(call: int, batch: list[LeadInput]) -> SmartleadError | None:
        return error if call == 2 else None

    server = FakeImportServer(fail=fail_second)
    report = await run_import(server.send, rows(1000), batch_size=100, concurrency=1)
    assert server.sizes == [100, 100]
    assert report.uploaded == 100
    assert report.failed_rows == 100
    assert report.not_attempted == 800
    assert report.stop_reason is not None and type(error).__name__ in report.stop_reason
    report.check()


@pytest.mark.parametrize("concurrency", [1, 8])
async def test_a_fatal_first_answer_sends_no_second_batch(concurrency: int) -> None:
    server = FakeImportServer(fail=lambda call, batch: AuthenticationError(401, "Invalid API Key"))
    report = await run_import(server.send, rows(4000), batch_size=400, concurrency=concurrency)
    assert server.sizes == [400]
    assert report.failed_rows == 400 and report.not_attempted == 3600
    report.check()


async def test_after_a_good_first_answer_batches_run_concurrently() -> None:
    in_flight = peak = 0

    async def send(batch: list[LeadInput]) -> BatchOutcome:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.01)
        in_flight -= 1
        return BatchOutcome(uploaded=len(batch))

    report = await run_import(send, rows(4000), batch_size=400, concurrency=4)
    assert report.uploaded == 4000
    assert peak == 4


async def test_server_undercount_goes_to_unconfirmed_and_overcount_is_clamped() -> None:
    answers = iter(
        [
            BatchOutcome(uploaded=3),  # 5 sent, 2 unexplained
            BatchOutcome(uploaded=4, duplicates=3, invalid=2),  # 5 sent, 9 reported
            BatchOutcome(uploaded=-4, blocked=5),  # negative counts are ignored
        ]
    )

    async def send(batch: list[LeadInput]) -> BatchOutcome:
        return next(answers)

    report = await run_import(send, rows(15), batch_size=5, concurrency=1)
    assert report.unconfirmed == 2
    assert report.uploaded == 7
    assert report.duplicates == 1
    assert report.invalid == 0
    assert report.blocked == 5
    assert report.overcounted == 4
    report.check()


async def test_empty_input_gives_an_empty_sound_report() -> None:
    server = FakeImportServer()
    report = await run_import(server.send, [])
    assert server.calls == []
    assert report.total_rows == 0 and report.accounted == 0
    report.check()


@pytest.mark.parametrize(
    ("kwargs", "error", "text"),
    [
        ({"batch_size": 0}, ValidationError, "between 1 and 400"),
        ({"batch_size": 401}, ValidationError, "between 1 and 400"),
        ({"batch_size": "400"}, InvalidTypeError, "batch_size must be an int"),
        ({"batch_size": True}, InvalidTypeError, "batch_size must be an int"),
        ({"concurrency": 0}, ValidationError, "concurrency"),
        ({"dedupe": "yes"}, InvalidTypeError, "dedupe"),
        ({"on_progress": 5}, InvalidTypeError, "on_progress"),
        ({"journal": 5}, InvalidTypeError, "journal must be a file path"),
    ],
)
async def test_bad_options_rejected_before_anything_is_sent(
    kwargs: dict[str, Any], error: type[Exception], text: str
) -> None:
    server = FakeImportServer()
    with pytest.raises(error, match=text):
        await run_import(server.send, rows(3), **kwargs)
    assert server.calls == []


@pytest.mark.parametrize("bad", ["a@b.io", b"bytes", {"email": "a@b.io"}, 42, None])
async def test_rows_must_be_an_iterable_of_rows(bad: Any) -> None:
    with pytest.raises(InvalidTypeError, match="rows must be an iterable"):
        await run_import(FakeImportServer().send, bad)


def test_check_batch_size_accepts_the_range() -> None:
    assert check_batch_size(1) == 1
    assert check_batch_size(400) == 400


def test_smaller_batch_halves_down_to_a_named_cap() -> None:
    assert smaller_batch(400, 0) == 200
    assert smaller_batch(400, 350) == 200
    assert smaller_batch(400, 100) == 100
    assert smaller_batch(400, 30) == 25
    assert smaller_batch(1, 0) == 1


@pytest.mark.parametrize(
    ("error", "cap"),
    [
        (BadRequestError(400, "x", data={"max_allowed": 350}), 350),
        (UnprocessableEntityError(422, "lead_list cannot exceed 100 leads per request"), 100),
        (BadRequestError(400, "Maximum of 250 leads allowed"), 250),
        (BadRequestError(400, "too many leads"), 0),
        (APIError(413, "Payload Too Large"), 0),
        (BadRequestError(400, "email is required"), None),
        (BadRequestError(400, "Request body too large"), 0),
        (BadRequestError(400, "custom field value too large"), None),
        (BadRequestError(400, "leads per request: too many"), 0),
        (BadRequestError(400, "x", data={"max_allowed": "400"}), None),
        (BadRequestError(400, '"lead_list[3].custom_fields" must have at most 200 keys'), None),
        (BadRequestError(400, "limit must be at most 100", data={"limit": 100}), None),
        (ServerError(500, "lead_list cannot exceed 100 leads"), None),
        (RuntimeError("exceed 5"), None),
    ],
)
def test_cap_from_error(error: BaseException, cap: int | None) -> None:
    assert cap_from_error(error) == cap


async def test_stop_while_the_last_batch_is_filling_counts_it_as_not_attempted() -> None:
    answered = asyncio.Event()
    server = FakeImportServer(lead_limit=5)

    async def send(batch: list[LeadInput]) -> BatchOutcome:
        outcome = await server.send(batch)
        answered.set()
        return outcome

    async def source() -> AsyncIterator[dict[str, Any]]:
        for row in rows(15):
            yield row
        await answered.wait()  # the input ends only after the server said "limit exhausted"

    report = await run_import(send, source(), batch_size=10, concurrency=2)
    assert server.sizes == [10]
    assert report.uploaded == 5 and report.not_attempted == 10
    report.check()


def test_campaign_answers_map_to_buckets() -> None:
    live = AddLeadsResult.from_dict(
        {
            "ok": True,
            "upload_count": "5",
            "total_leads": 12,
            "already_added_to_campaign": 1,
            "duplicate_count": 2,
            "invalid_email_count": 1,
            "unsubscribed_leads": ["a@x.io", "b@x.io"],
            "is_lead_limit_exhausted": True,
            "lead_import_stopped_count": 1,
            "block_count": 0,
            "bounce_count": 3,
        }
    )
    assert outcome_from_add_leads(live) == BatchOutcome(
        uploaded=5,
        already_in_campaign=1,
        duplicates=2,
        invalid=1,
        unsubscribed=2,
        not_attempted=1,
        lead_limit_exhausted=True,
    )
    docs = AddLeadsResult.from_dict({"success": True, "added_count": 3, "skipped_count": 1})
    assert outcome_from_add_leads(docs) == BatchOutcome(uploaded=3)


def test_lead_list_answers_map_to_buckets() -> None:
    docs = LeadListImportResult.from_dict(
        {"total_leads": 10, "imported": 6, "duplicates": 2, "blocked": 1, "invalid": 1}
    )
    assert outcome_from_list_import(docs) == BatchOutcome(
        uploaded=6, duplicates=2, blocked=1, invalid=1, already_present="duplicates"
    )
    s0 = LeadListImportResult.from_dict(
        {
            "uploadedCount": 4,
            "duplicateCount": 1,
            "invalidCount": 0,
            "totalCount": 6,
            "lead_import_stopped_count": 1,
            "is_lead_limit_exhausted": True,
        }
    )
    assert outcome_from_list_import(s0) == BatchOutcome(
        uploaded=4,
        duplicates=1,
        not_attempted=1,
        lead_limit_exhausted=True,
        already_present="duplicates",
    )


async def test_a_raising_progress_callback_aborts_and_cancels_batches_in_flight() -> None:
    cancelled = 0
    calls = 0

    async def send(batch: list[LeadInput]) -> BatchOutcome:
        nonlocal cancelled, calls
        calls += 1
        try:
            await asyncio.sleep(0 if calls == 1 else 10)
        except asyncio.CancelledError:
            cancelled += 1
            raise
        return BatchOutcome(uploaded=len(batch))

    def progress(done: int, total: int | None) -> None:
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        await run_import(send, rows(100), batch_size=10, concurrency=3, on_progress=progress)
    assert calls == 3
    assert cancelled == 2
