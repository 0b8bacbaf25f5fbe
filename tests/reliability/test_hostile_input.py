"""Hostile input: ids, filters and lead rows drawn by hypothesis, through the public methods.

The outcome is always one of: a typed error (``ValidationError`` / ``InvalidTypeError``)
before any request; a row-level rejection inside an import; or a request built from the
validated value. Never an unhandled exception, never a request built from unvalidated text.

The id and filter cases run over every public resource method whose only required argument is
its id (or that has none), so that the hostile value is the only thing that can be wrong.
"""

from __future__ import annotations

import asyncio
import inspect
import math
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

import orjson
import pytest
from aioresponses import aioresponses
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartlead_async import InvalidTypeError, SmartleadClient, SmartleadError, ValidationError
from smartlead_async.resources._base import Resource
from tests.api_md import NAMESPACES
from tests.helpers.clients import wire_client
from tests.helpers.wire import BASE, requests_made

pytestmark = pytest.mark.slow

ARGUMENT_ERRORS = (ValidationError, InvalidTypeError)
MAX_ID = 2**63 - 1
SEARCH = settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)


def _required(function: Callable[..., Any]) -> list[inspect.Parameter]:
    return [
        p
        for p in list(inspect.signature(function).parameters.values())[1:]
        if p.default is inspect.Parameter.empty
        and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
    ]


def _methods() -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(namespace, method, id name) taking only an int id; (namespace, method, option) of the
    keyword options of those and of the methods with no required argument."""
    client = SmartleadClient("probe-key", base_url=BASE, allow_insecure=True)
    by_id: list[tuple[str, str, str]] = []
    options: list[tuple[str, str, str]] = []
    for namespace in NAMESPACES:
        resource = getattr(client, namespace)
        assert isinstance(resource, Resource)
        for name, function in inspect.getmembers(type(resource), inspect.isfunction):
            if name.startswith("_"):
                continue
            required = _required(function)
            if len(required) > 1 or (required and str(required[0].annotation) != "int"):
                continue
            if required and str(required[0].annotation) == "int":
                by_id.append((namespace, name, required[0].name))
            for parameter in inspect.signature(function).parameters.values():
                if parameter.kind is parameter.KEYWORD_ONLY and parameter not in required:
                    options.append((namespace, name, parameter.name))
    return by_id, options


ID_METHODS, OPTION_METHODS = _methods()

hostile_ids = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 1, MAX_ID, MAX_ID + 1, 10**30, True, False]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.none(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
)
#: Values no option of any method accepts: nested containers (except where an option passes
#: objects through as given), non-finite or huge numbers, text that cannot be encoded or holds
#: a NUL, bytes and arbitrary objects.
NESTED = [{"a": {"b": 1}}, [{"nested": True}]]
never_valid = st.one_of(
    st.sampled_from(NESTED),
    st.sampled_from([math.nan, math.inf, -math.inf, 10**30, -(10**30)]),
    st.just("\ud800"),
    st.just("bad\x00value"),
    st.just(b"bytes"),
    st.builds(object),
)


def _scalars(data: Any) -> list[Any]:
    """Every scalar inside decoded JSON."""
    if isinstance(data, dict):
        return [item for value in data.values() for item in _scalars(value)]
    if isinstance(data, list):
        return [item for value in data for item in _scalars(value)]
    return [data]


def _valid_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID


async def _call(sl: SmartleadClient, namespace: str, name: str, /, **kw: Any) -> None:
    """Call a method; await it, or pull the first page of a paginator."""
    result = getattr(getattr(sl, namespace), name)(**kw)
    if inspect.isawaitable(result):
        await result
    elif hasattr(result, "__aiter__"):
        async for _ in result:
            break


def _outcome(namespace: str, name: str, /, **kw: Any) -> tuple[Any, list[Any]]:
    """(the error raised or None, the requests sent); every request gets a 500 answer."""

    async def run() -> tuple[Any, list[Any]]:
        with aioresponses() as mocked:
            for verb in ("GET", "POST", "PUT", "PATCH", "DELETE"):
                mocked.add(
                    url=re.compile(".*"),
                    method=verb,
                    status=500,
                    repeat=True,
                    payload={"error": "x"},
                )
            async with wire_client() as sl:
                try:
                    await _call(sl, namespace, name, **kw)
                except SmartleadError as exc:
                    return exc, requests_made(mocked)
            return None, requests_made(mocked)

    return asyncio.run(run())


@SEARCH
@given(method=st.sampled_from(ID_METHODS), value=hostile_ids)
def test_hostile_ids_raise_a_typed_error_before_any_request(
    method: tuple[str, str, str], value: Any
) -> None:
    namespace, name, id_name = method
    error, sent = _outcome(namespace, name, **{id_name: value})
    if _valid_id(value):
        if not sent:  # the id is fine; the call refuses something else (an empty update)
            assert isinstance(error, ARGUMENT_ERRORS), (method, value, error)
            return
        _, url, kwargs = sent[0]
        body = orjson.loads(kwargs["data"]) if kwargs.get("data") else None
        assert (
            f"/{value}" in unquote(url.path)
            or f"={value}" in url.query_string
            or value in _scalars(body)
        ), (method, value, url, body)
    else:
        assert isinstance(error, ARGUMENT_ERRORS), (method, value, error)
        assert sent == [], f"{method} sent a request for id {value!r}"


@SEARCH
@given(method=st.sampled_from(OPTION_METHODS), value=never_valid)
def test_hostile_options_raise_a_typed_error_before_any_request(
    method: tuple[str, str, str], value: Any
) -> None:
    namespace, name, option = method
    function = getattr(type(getattr(SmartleadClient("k"), namespace)), name)
    annotation = str(inspect.signature(function).parameters[option].annotation)
    if value in NESTED and ("Mapping" in annotation or "Any" in annotation):
        value = math.nan  # this option passes objects through as given: try another value
    ids = {parameter.name: 7 for parameter in _required(function)}
    error, sent = _outcome(namespace, name, **ids, **{option: value})
    assert isinstance(error, ARGUMENT_ERRORS), (method, value, error)
    assert sent == [], f"{namespace}.{name}({option}={value!r}) sent a request"


text_values = st.one_of(
    st.text(max_size=20),
    st.just("\ud800"),
    st.just("\x00"),
    st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=3),
)
field_values = st.one_of(
    text_values,
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
hostile_rows = st.lists(
    st.one_of(
        st.fixed_dictionaries(
            {"email": st.one_of(st.emails(), text_values)},
            optional={
                "first_name": field_values,
                "company_name": field_values,
                "custom_fields": st.dictionaries(st.text(max_size=6), field_values, max_size=4),
            },
        ),
        st.builds(
            lambda n: {"email": "many@example.com", **{f"f{i}": i for i in range(n)}},
            st.sampled_from([199, 200, 201, 5_000]),
        ),
        st.sampled_from([None, 5, "not a row", ["a"]]),
    ),
    min_size=1,
    max_size=12,
)


def _answer(url: Any, **kwargs: Any) -> Any:
    from aioresponses import CallbackResult

    body = orjson.loads(kwargs["data"])
    sent = len(body["lead_list"])
    return CallbackResult(payload={"ok": True, "upload_count": sent, "total_leads": sent})


@settings(max_examples=150, deadline=None, derandomize=True)
@given(rows=hostile_rows)
def test_hostile_rows_are_rejected_one_by_one_and_the_rest_sent_as_valid_json(
    rows: list[Any],
) -> None:
    async def run() -> tuple[Any, list[Any]]:
        with aioresponses() as mocked:
            mocked.post(re.compile(".*/campaigns/7/leads.*"), callback=_answer, repeat=True)
            async with wire_client() as sl:
                report = await sl.campaigns.import_leads(7, rows)
            return report, requests_made(mocked)

    report, sent = asyncio.run(run())
    report.check()
    assert report.total_rows == len(rows)
    for _, _, kwargs in sent:
        raw = kwargs["data"]
        body = orjson.loads(raw)  # valid JSON, encodable, nothing non-finite
        for lead in body["lead_list"]:
            assert "@" in lead["email"] and "\x00" not in lead["email"]
            assert len(lead.get("custom_fields") or {}) <= 200
    sent_rows = sum(len(orjson.loads(kwargs["data"])["lead_list"]) for _, _, kwargs in sent)
    assert sent_rows == report.uploaded
    for rejected in report.rejected_client_side:
        assert rejected.reason and "Traceback" not in rejected.reason
