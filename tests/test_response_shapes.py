"""Wrong-shaped answers never decode to "no data": every one raises a typed error.

The bodies are the ones a review fed through the public methods (issue: shapes that never
fail silently); the last test applies the same rule to every list row of the catalog.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from aioresponses import aioresponses

from smartlead_async import (
    InconsistentPageError,
    NotFoundError,
    RedirectError,
    ResponseValidationError,
    RetryPolicy,
)
from smartlead_async._response import Response
from smartlead_async.catalog import ENDPOINTS
from tests.helpers.clients import wire_client
from tests.helpers.wire import attempts, route

EMPTY_ANSWERS: dict[str, dict[str, Any]] = {
    "empty object": {"payload": {}},
    "unknown key": {"payload": {"foo": 1}},
    "error object": {"payload": {"error": "internal"}},
    "null data": {"payload": {"data": None}},
    "empty body": {"body": b"", "content_type": "application/json"},
    "204": {"status": 204},
}
REDIRECTS = {
    "301": {"status": 301, "headers": {"Location": "https://elsewhere.example/x"}},
    "302": {"status": 302, "headers": {"Location": "https://elsewhere.example/x"}},
}
WALKS = {
    "iter_leads": ("/campaigns/7/leads", lambda sl: sl.campaigns.iter_leads(7).to_list()),
    "iter_statistics": (
        "/campaigns/7/statistics",
        lambda sl: sl.campaigns.iter_statistics(7).to_list(),
    ),
}


@pytest.mark.parametrize("walk", WALKS)
@pytest.mark.parametrize("answer", EMPTY_ANSWERS)
async def test_a_walk_never_reads_a_wrong_shape_as_no_rows(
    m: aioresponses, walk: str, answer: str
) -> None:
    path, run = WALKS[walk]
    m.get(route(path), repeat=True, **EMPTY_ANSWERS[answer])
    async with wire_client() as sl:
        with pytest.raises(ResponseValidationError) as caught:
            await run(sl)
    assert caught.value.endpoint in {"L1", "A1"}
    assert "expected" in caught.value.message


@pytest.mark.parametrize("walk", WALKS)
@pytest.mark.parametrize("answer", REDIRECTS)
async def test_a_redirect_is_a_typed_error(m: aioresponses, walk: str, answer: str) -> None:
    path, run = WALKS[walk]
    m.get(route(path), repeat=True, **REDIRECTS[answer])
    async with wire_client() as sl:
        with pytest.raises(RedirectError) as caught:
            await run(sl)
    assert caught.value.status == int(answer)
    assert attempts(m) == 1  # never followed, never retried


@pytest.mark.parametrize("answer", REDIRECTS)
async def test_campaign_list_on_a_redirect_is_not_an_empty_list(
    m: aioresponses, answer: str
) -> None:
    m.get(route("/campaigns/"), **REDIRECTS[answer])
    async with wire_client() as sl:
        with pytest.raises(RedirectError):
            await sl.campaigns.list()


async def test_an_empty_array_is_still_no_rows(m: aioresponses) -> None:
    m.get(route("/campaigns/7/leads"), payload={"total_leads": 0, "data": []})
    m.get(route("/campaigns/"), payload=[])
    async with wire_client() as sl:
        assert await sl.campaigns.iter_leads(7).to_list() == []
        assert await sl.campaigns.list() == []


@pytest.mark.parametrize(
    ("path", "body", "run"),
    [
        (
            "/campaigns/7/leads",
            {"total_leads": "500", "data": []},
            lambda sl: sl.campaigns.iter_leads(7).to_list(),
        ),
        (
            "/campaigns/7/statistics",
            {"total_stats": 40, "data": []},
            lambda sl: sl.campaigns.iter_statistics(7).to_list(),
        ),
    ],
)
async def test_a_page_that_contradicts_itself_is_retried_then_raised(
    m: aioresponses, path: str, body: dict[str, Any], run: Any
) -> None:
    m.get(route(path), payload=body, repeat=True)
    policy = RetryPolicy(max_attempts=3, base_delay=0.0, jitter=False)
    async with wire_client(retry=policy) as sl:
        with pytest.raises(InconsistentPageError) as caught:
            await run(sl)
    assert caught.value.attempts == 3 == attempts(m)
    assert caught.value.offset == 0 and caught.value.total == int(body.get("total_leads", 40))
    assert "contradicts itself" in str(caught.value)


async def test_a_contradicting_page_that_heals_on_retry_is_read(m: aioresponses) -> None:
    rows = [{"campaign_lead_map_id": 1, "lead": {"id": 5, "email": "a@x.io"}}]
    m.get(route("/campaigns/7/leads"), payload={"total_leads": 1, "data": []})
    m.get(route("/campaigns/7/leads"), payload={"total_leads": 1, "data": rows})
    policy = RetryPolicy(max_attempts=2, base_delay=0.0, jitter=False)
    async with wire_client(retry=policy) as sl:
        leads = await sl.campaigns.iter_leads(7).to_list()
    assert [lead.campaign_lead_map_id for lead in leads] == [1]


def _list_rows() -> list[str]:
    return [key for key, row in ENDPOINTS.items() if row.envelope.form == "many"]


@pytest.mark.parametrize("endpoint_id", _list_rows())
@pytest.mark.parametrize("body", [None, "", {"data": None}])
def test_no_list_row_reads_an_empty_answer_as_no_rows(endpoint_id: str, body: Any) -> None:
    """The rule for the whole table: only rows that declare it accept an empty answer."""
    row = ENDPOINTS[endpoint_id]
    response = Response(200, {}, body, "" if body in (None, "") else "{}", method="GET", path="/x")
    try:
        result = row.envelope.read(response, row.model, row.id, {})
    except ResponseValidationError as exc:
        assert exc.endpoint == row.id
    else:
        assert row.envelope.accepts_empty, f"{row.id} read {body!r} as {result!r}"


def _object_rows() -> list[str]:
    return [key for key, row in ENDPOINTS.items() if row.envelope.form in ("one", "many")]


@pytest.mark.parametrize("endpoint_id", _object_rows())
@pytest.mark.parametrize(
    "body",
    [{}, {"foo": 1}, {"error": "internal"}, {"ok": True, "data": {"foo": 1}}],
    ids=["empty object", "unknown key", "error object", "unknown key under data"],
)
def test_no_row_reads_an_unrecognised_object_as_data(endpoint_id: str, body: Any) -> None:
    """An object with none of the row model's fields is an error, never an empty model; only
    rows that declare an empty answer (or a missing entity) take ``{}``."""
    row = ENDPOINTS[endpoint_id]
    response = Response(200, {}, body, "{}", method="GET", path="/x")
    try:
        result = row.envelope.read(response, row.model, row.id, {"campaign_id": 1})
    except NotFoundError:
        assert row.envelope.missing is not None and body in ({}, {"ok": True, "data": {}})
    except ResponseValidationError as exc:
        assert exc.endpoint == row.id
    else:
        read = result if isinstance(result, list) else [result]
        assert (body == {} and row.envelope.accepts_empty) or all(
            _holds_a_field(item) for item in read
        ), f"{row.id} read {body!r} as {result!r}"


def _holds_a_field(model: Any) -> bool:
    """At least one field of the model is set: the answer was recognised, not bent to empty."""
    return any(
        value not in (None, [], {}) and not (attrs.has(type(value)) and not _holds_a_field(value))
        for name, value in attrs.asdict(model, recurse=False).items()
        if name != "extra"
    )
