"""Decoding fuzz: any body, for any catalog row, reads as the row's model or raises a typed error.

Bodies are drawn from JSON-like values whose object keys are mostly the model's own wire names
(so the generated objects reach the field hooks), with hostile leaves: surrogates, huge and
negative ints, NaN and infinities, nested lists and objects where scalars belong.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartlead_async import APIError, ResponseValidationError
from smartlead_async._response import Response
from smartlead_async.catalog import ENDPOINTS, Endpoint
from smartlead_async.models.common import Model, wire_keys

pytestmark = pytest.mark.slow

LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["", "12", "12.5%", "2026-01-02T03:04:05Z", "\ud800", "true", "null"]),
)


def _bodies(row: Endpoint[Any]) -> st.SearchStrategy[Any]:
    model = row.model
    keys = sorted(wire_keys(model)) if attrs.has(model) else []
    names = st.sampled_from([*keys, "data", "ok", "total", "x"]) if keys else st.text(max_size=8)
    values = st.recursive(
        LEAVES,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(names, inner, max_size=6),
        max_leaves=12,
    )
    return values | st.dictionaries(names, values, max_size=8).map(lambda d: {"data": d})


ROWS = [row for row in ENDPOINTS.values() if row.envelope.form != "text"]


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_any_body_reads_as_the_model_or_a_typed_error(row: Endpoint[Any]) -> None:
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(body=_bodies(row))
    def check(body: Any) -> None:
        response = Response(200, {}, body, "", method=row.method, path=row.path)
        try:
            result = row.envelope.read(response, row.model, row.id, {"campaign_id": 1})
        except (ResponseValidationError, APIError):
            return
        items = result if isinstance(result, list) else [result]
        for item in items:
            if isinstance(row.model, type) and issubclass(row.model, Model):
                assert isinstance(item, row.model)

    check()
