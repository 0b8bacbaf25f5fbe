"""The response corpus: realistic answers of every endpoint, read through the public methods.

Two sources:

* the catalog's own answer for each of the 146 endpoints (the conformance cases), read by a
  ``strict_responses=True`` client, so not one field may bend; a list answer must keep every
  row, and an object answer every key (as a field or in ``extra``);
* ``tests/corpus/*.json``: the variants gathered from independent evidence (the official docs,
  seeds, the official CLI's schemas, peers' live-verified fixes), each with the fields it must
  read as, or the typed error it must raise.

Each sample is sent by the endpoint's own conformance case, so it goes through the method a user
calls, with the arguments the catalog prescribes.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest
from aioresponses import aioresponses

import smartlead_async
from smartlead_async import SmartleadClient
from smartlead_async._envelopes import array_of
from smartlead_async.catalog import ENDPOINTS, Endpoint
from smartlead_async.models.common import Model
from tests.helpers.clients import wire_client
from tests.test_catalog_conformance import ALL_CASES, API_KEY, BASE, Case

CORPUS = Path(__file__).parent / "corpus"


def _row_of(case: Case) -> Endpoint[Any]:
    """The table row a conformance case sends (its method and concrete path); where several
    templates match, the one with the fewest placeholders (``/tags`` over ``/{id}``)."""
    matches = []
    for row in ENDPOINTS.values():
        pattern = re.sub(r"\\\{[a-z_]+\\\}", r"[^/]+", re.escape(row.path.rstrip("/")))
        if row.method == case.method and re.fullmatch(pattern + "/?", case.path):
            matches.append((row.path.count("{"), row.id, row))
    assert matches, f"no table row sends {case.method} {case.path}"
    return min(matches, key=lambda match: match[:2])[2]


CASE_OF: dict[str, Case] = {_row_of(case).id: case for case in ALL_CASES}


@attrs.frozen
class Sample:
    endpoint: str
    source: str
    body: Any = None
    text: str | None = None
    status: int = 200
    expect: dict[str, Any] = attrs.field(factory=dict)
    error: str | None = None
    bends: list[str] = attrs.field(factory=list)

    @property
    def label(self) -> str:
        return f"{self.endpoint}: {self.source}"


def _samples() -> Iterator[Sample]:
    for path in sorted(CORPUS.glob("*.json")):
        for item in orjson.loads(path.read_bytes()):
            yield Sample(**item)


SAMPLES = list(_samples())


@pytest.fixture
async def client() -> AsyncIterator[SmartleadClient]:
    async with wire_client(api_key=API_KEY, base_url=BASE) as sl:
        yield sl


@pytest.fixture
async def strict_client() -> AsyncIterator[SmartleadClient]:
    async with wire_client(api_key=API_KEY, base_url=BASE, strict_responses=True) as sl:
        yield sl


def _answer(m: aioresponses, case: Case, *, body: Any, text: str | None, status: int) -> None:
    url = re.compile(re.escape(BASE + case.path) + r"/?(\?.*)?$")
    if text is not None:
        m.add(url, method=case.method, body=text, status=status, content_type=case.content_type)
    elif body is None:
        m.add(url, method=case.method, body=b"", status=status)
    else:
        m.add(url, method=case.method, payload=body, status=status)


async def _read(client: SmartleadClient, case: Case, **answer: Any) -> Any:
    with aioresponses() as m:
        _answer(m, case, **answer)
        return await case.call(client)


def pluck(value: Any, path: str) -> Any:
    """``value`` at ``path``: ``value`` itself, ``len``, ``a.b``, ``[0].c`` or ``extra.key``."""
    if path == "value":
        return value
    if path == "len":
        return len(value)
    for step in re.findall(r"\[\d+\]|[^.\[\]]+", path):
        if step.startswith("["):
            value = value[int(step[1:-1])]
        elif isinstance(value, dict):
            value = value[step]
        else:
            value = getattr(value, step)
    return value


def _plain(value: Any) -> Any:
    """Dates and datetimes as ISO text, so JSON expectations can name them."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


# --------------------------------------------------------------------------- catalog answers


def _wire_names(model: Model) -> set[str]:
    names: set[str] = set()
    for field in attrs.fields(type(model)):
        names.update(field.metadata.get("smartlead_wire") or (field.name,))
    return names


def _check_kept(model: Model, raw: dict[str, Any]) -> None:
    """Every non-null key of ``raw`` is a field of ``model`` or kept in its ``extra``."""
    read = _wire_names(model) | set(model.extra)
    lost = sorted(key for key, value in raw.items() if value is not None and key not in read)
    assert lost == [], f"{type(model).__name__} dropped {lost}"


@pytest.mark.parametrize("case", ALL_CASES, ids=[case.id for case in ALL_CASES])
async def test_every_catalog_answer_reads_strictly(
    strict_client: SmartleadClient, case: Case
) -> None:
    row = _row_of(case)
    result = await _read(strict_client, case, body=case.response, text=case.text, status=200)
    if row.envelope.form == "many" and isinstance(result, list):
        rows = array_of(row.envelope.unwrap(case.response), row.model)
        assert len(result) == len(rows), f"{row.id} kept {len(result)} of {len(rows)} rows"
    elif row.envelope.form == "one" and isinstance(result, Model) and not row.envelope.fill:
        payload = row.envelope.unwrap(case.response)
        if isinstance(payload, dict):
            _check_kept(result, payload)


def test_every_endpoint_has_a_sample() -> None:
    assert sorted(CASE_OF) == sorted(ENDPOINTS)
    assert {sample.endpoint for sample in SAMPLES} <= set(ENDPOINTS)


# --------------------------------------------------------------------------- variants


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.label for s in SAMPLES])
async def test_variant_reads_as_its_source_shows(
    client: SmartleadClient, strict_client: SmartleadClient, sample: Sample
) -> None:
    case = CASE_OF[sample.endpoint]
    answer = {"body": sample.body, "text": sample.text, "status": sample.status}
    if sample.error is not None:
        error = getattr(smartlead_async, sample.error)
        with pytest.raises(error) as caught:
            await _read(client, case, **answer)
        endpoint = getattr(caught.value, "endpoint", None)
        assert endpoint in (None, sample.endpoint)
        return
    result = await _read(client, case, **answer)
    for path, expected in sample.expect.items():
        assert _plain(pluck(result, path)) == expected, f"{sample.label}: {path}"
    if sample.bends:
        with pytest.raises(smartlead_async.ResponseValidationError) as caught:
            await _read(strict_client, case, **answer)
        assert caught.value.field in sample.bends
    else:
        await _read(strict_client, case, **answer)
