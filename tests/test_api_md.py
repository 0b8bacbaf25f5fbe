"""api.md is current, and every catalogued endpoint has a method."""

from __future__ import annotations

from tests.api_md import API_MD, endpoint_methods, render


def _expand(prefix: str, first: int, last: int, *, skip: tuple[int, ...] = ()) -> set[str]:
    return {f"{prefix}{n}" for n in range(first, last + 1) if n not in skip}


CATALOG_IDS = (
    _expand("C", 1, 19)
    | _expand("L", 1, 14, skip=(11,))  # L11 is out of scope (R21)
    | _expand("G", 1, 11)
    | _expand("B", 1, 4)
    | _expand("E", 1, 13)
    | _expand("T", 1, 6)
    | _expand("A", 1, 7)
    | _expand("M", 1, 22)
    | _expand("LL", 1, 9)
    | _expand("W", 1, 9)
    | _expand("K", 1, 6)
    | {"U1"}
    | _expand("N", 1, 5)
)


def test_api_md_is_up_to_date() -> None:
    assert API_MD.read_text() == render(), "api.md is stale: run `python -m tests.api_md`"


def test_every_catalogued_endpoint_has_a_method() -> None:
    rows = endpoint_methods()
    covered = {row[5] for row in rows}
    assert CATALOG_IDS - covered == set()
    analytics_routes = {row[4] for row in rows if row[4].startswith("/analytics/")}
    assert len(analytics_routes) == 22
    assert "/analytics/overview" not in analytics_routes


def test_each_endpoint_has_one_home() -> None:
    homes: dict[tuple[str, str], set[str]] = {}
    for namespace, name, _, http, path, _ in endpoint_methods():
        if not name.startswith("iter_"):
            homes.setdefault((http, path), set()).add(f"{namespace}.{name}")
    shared = {endpoint: methods for endpoint, methods in homes.items() if len(methods) > 1}
    assert shared == {}
