"""api.md is current, and every catalogued endpoint has a method."""

from __future__ import annotations

from smartlead_async import SmartleadClient
from smartlead_async.catalog import ENDPOINTS
from tests.api_md import API_MD, methods_by_row, render


def _expand(prefix: str, first: int, last: int, *, skip: tuple[int, ...] = ()) -> set[str]:
    return {f"{prefix}{n}" for n in range(first, last + 1) if n not in skip}


CATALOG_IDS = (
    _expand("C", 1, 19)
    | _expand("L", 1, 14, skip=(11,))  # L11 is out of scope (R21)
    | _expand("G", 1, 11)
    | _expand("B", 1, 4)
    | _expand("E", 1, 13)
    | _expand("T", 1, 6)
    | _expand("A", 1, 6)
    | _expand("A7.", 1, 22)  # the catalog's A7 table, numbered in its order
    | _expand("M", 1, 22)
    | _expand("LL", 1, 9)
    | _expand("W", 1, 9)
    | _expand("K", 1, 6)
    | {"U1"}
    | _expand("N", 1, 5)
)


def test_api_md_is_up_to_date() -> None:
    assert API_MD.read_text() == render(), "api.md is stale: run `python -m tests.api_md`"


def test_the_table_is_the_catalog() -> None:
    assert set(ENDPOINTS) == CATALOG_IDS
    analytics = {row.path for row in ENDPOINTS.values() if row.path.startswith("/analytics/")}
    assert len(analytics) == 22
    assert "/analytics/overview" not in analytics


def test_every_catalogued_endpoint_has_a_method() -> None:
    assert [endpoint_id for endpoint_id, methods in methods_by_row().items() if not methods] == []


def test_each_endpoint_has_one_home() -> None:
    shared = {
        endpoint_id: names
        for endpoint_id, methods in methods_by_row().items()
        if len(
            names := {f"{m.namespace}.{m.name}" for m in methods if not m.name.startswith("iter_")}
        )
        > 1
    }
    assert shared == {}


def _doc(member: object) -> str:
    return getattr(member, "__doc__", None) or ""


def test_every_unverified_endpoint_says_so_in_its_docstring() -> None:
    """A row whose evidence is ``unverified`` is marked in each method that sends it."""
    client = SmartleadClient("doc-key", base_url="http://127.0.0.1/api/v1")
    unmarked = [
        f"{method.namespace}.{method.name} ({endpoint_id})"
        for endpoint_id, methods in methods_by_row().items()
        if ENDPOINTS[endpoint_id].evidence.level == "unverified"
        for method in methods
        if "Unverified" not in _doc(getattr(getattr(client, method.namespace), method.name))
    ]
    assert unmarked == []
