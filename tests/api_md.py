"""Generate api.md from the endpoint table and each public method's summary line.

Run ``python -m tests.api_md`` from the repo root to rewrite api.md; ``tests/test_api_md.py``
fails when the file is out of date. A method serves the rows its code names (``self._send(C2,
...)``, or a module-level mapping of rows it uses) and the routes its docstring names when
its first paragraph names one.
"""

from __future__ import annotations

import ast
import inspect
import re
import sys
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from smartlead_async import catalog
from smartlead_async.bulk import Bulk
from smartlead_async.catalog import ENDPOINTS, Endpoint
from smartlead_async.client import SmartleadClient
from smartlead_async.resources._base import Resource

NAMESPACES = (
    "campaigns",
    "leads",
    "email_accounts",
    "lead_lists",
    "inbox",
    "analytics",
    "webhooks",
    "clients",
)
ROUTE = re.compile(r"``(GET|POST|PUT|PATCH|DELETE) (/[^`]*)``\s*\([A-Z]+\d+\)")
API_MD = Path(__file__).resolve().parent.parent / "api.md"


class Method(NamedTuple):
    namespace: str
    name: str
    signature: str
    summary: str


def _client() -> SmartleadClient:
    return SmartleadClient("doc-key", base_url="http://127.0.0.1/api/v1")


def _public_methods(owner: object) -> Iterator[tuple[str, Any]]:
    for name, member in inspect.getmembers(type(owner), inspect.isfunction):
        if not name.startswith("_"):
            yield name, member


def _rows_in(value: Any) -> list[Endpoint[Any]]:
    if isinstance(value, Endpoint):
        return [value]
    if isinstance(value, Mapping):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return [item for item in value if isinstance(item, Endpoint)]
    return []


def rows_of(function: Any) -> list[Endpoint[Any]]:
    """The catalog rows a resource method serves, in catalog order."""
    found: set[str] = set()
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    scope = {**vars(catalog), **function.__globals__}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in scope:
            found |= {row.id for row in _rows_in(scope[node.id])}
    # A docstring whose first paragraph names a route may name more further down (the views).
    routes = {(row.method, row.path): row.id for row in ENDPOINTS.values()}
    doc = inspect.getdoc(function) or ""
    if ROUTE.search(doc.split("\n\n", 1)[0]):
        for match in ROUTE.finditer(doc):
            if (match[1], match[2]) in routes:
                found.add(routes[match[1], match[2]])
    return [row for row in ENDPOINTS.values() if row.id in found]


def _summary(function: Any) -> str:
    """The docstring's first line without the route it names."""
    first = (inspect.getdoc(function) or "").split("\n", 1)[0]
    return re.sub(r"\s*``[A-Z]+ /[^`]*``\s*(\([A-Z0-9., ]+\))?\.?", "", first).strip()


def _signature(function: Any) -> str:
    text = str(inspect.signature(function))
    text = text.replace("(self, ", "(").replace("(self)", "()")
    return text.replace("'", "").replace("builtins.", "")


def methods_by_row() -> dict[str, list[Method]]:
    """Catalog id -> the public methods that call that endpoint."""
    client = _client()
    served: dict[str, list[Method]] = {endpoint_id: [] for endpoint_id in ENDPOINTS}
    for namespace in NAMESPACES:
        resource = getattr(client, namespace)
        assert isinstance(resource, Resource)
        for name, member in _public_methods(resource):
            method = Method(namespace, name, _signature(member), _summary(member))
            for row in rows_of(member):
                served[row.id].append(method)
    return served


def endpoint_methods() -> list[tuple[str, str, str, str, str, str]]:
    """(namespace, method, signature, HTTP method, path, catalog id) per endpoint method.

    The catalog id is the catalog's own (``A7`` for each ``A7.n`` analytics row).
    """
    return [
        (method.namespace, method.name, method.signature, row.method, row.path, catalog_id(row))
        for endpoint_id, methods in methods_by_row().items()
        for row in (ENDPOINTS[endpoint_id],)
        for method in methods
    ]


def catalog_id(row: Endpoint[Any]) -> str:
    """The id the catalog gives the row's endpoint (``A7.3`` is one of the ``A7`` routes)."""
    return row.id.split(".", 1)[0]


def helper_methods() -> list[Method]:
    """Public methods that are not one endpoint (bulk helpers, imports)."""
    client = _client()
    served = {(m.namespace, m.name) for ms in methods_by_row().values() for m in ms}
    helpers = []
    for namespace in (*NAMESPACES, "bulk"):
        owner = getattr(client, namespace)
        assert isinstance(owner, (Resource, Bulk))
        for name, member in _public_methods(owner):
            if (namespace, name) not in served:
                helpers.append(Method(namespace, name, "", _summary(member)))
    return helpers


def _row_line(row: Endpoint[Any]) -> str:
    retry = row.retry.kind + (f" on `{row.retry.key}`" if row.retry.key else "")
    return f"  - {row.id} `{row.method} {row.path}`: retry {retry}; evidence {row.evidence}"


def render() -> str:
    served = methods_by_row()
    by_method: dict[Method, list[Endpoint[Any]]] = {}
    for endpoint_id, methods in served.items():
        for method in methods:
            by_method.setdefault(method, []).append(ENDPOINTS[endpoint_id])
    lines = [
        "# smartlead_async API reference",
        "",
        "Every catalogued Smartlead endpoint, by namespace: the Python method, the catalog id,",
        "HTTP method and path it calls, whether a failed attempt is sent again (the row's retry",
        "class) and the evidence behind the row. Generated from the endpoint table",
        "(`smartlead_async/catalog.py`) and each method's summary line by",
        "`python -m tests.api_md`; search this page for a path, an id or a method name.",
        "",
        f"{len(by_method)} methods covering {len(ENDPOINTS)} HTTP endpoints.",
    ]
    for namespace in NAMESPACES:
        lines += ["", f"## client.{namespace}", ""]
        for method in sorted(m for m in by_method if m.namespace == namespace):
            lines.append(f"- `{namespace}.{method.name}{method.signature}`: {method.summary}")
            lines += [_row_line(row) for row in by_method[method]]
    lines += ["", "## Helpers beyond single endpoints", ""]
    for method in helper_methods():
        lines.append(f"- `client.{method.namespace}.{method.name}`: {method.summary}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    API_MD.write_text(render())
    sys.stdout.write(f"wrote {API_MD}\n")
