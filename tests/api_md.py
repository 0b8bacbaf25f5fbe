"""Generate api.md (every namespace, method and HTTP endpoint) from the resource docstrings.

Run ``python -m tests.api_md`` from the repo root to rewrite api.md; ``tests/test_api_md.py``
fails when the file is out of date.
"""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path

from smartlead_async.bulk import Bulk
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
ENDPOINT = re.compile(r"``(GET|POST|PUT|PATCH|DELETE) (/[^`]*)``\s*\(([A-Z]+\d+)\)")
API_MD = Path(__file__).resolve().parent.parent / "api.md"


def endpoint_methods() -> list[tuple[str, str, str, str, str, str]]:
    """(namespace, method, signature, http method, path, catalog id) for every endpoint method."""
    client = SmartleadClient("doc-key", base_url="http://127.0.0.1/api/v1")
    rows = []
    for namespace in NAMESPACES:
        resource = getattr(client, namespace)
        assert isinstance(resource, Resource)
        for name, member in inspect.getmembers(type(resource), inspect.isfunction):
            if name.startswith("_"):
                continue
            doc = inspect.getdoc(member) or ""
            if ENDPOINT.search(doc.split("\n\n", 1)[0]) is None:
                continue
            signature = str(inspect.signature(member))
            signature = signature.replace("(self, ", "(").replace("(self)", "()")
            signature = signature.replace("'", "").replace("builtins.", "")
            # The first paragraph names the endpoint; a method covering several routes (the
            # Master Inbox views) names the others further down in the same form.
            seen = set()
            for match in ENDPOINT.finditer(doc):
                if (match[1], match[2]) not in seen:
                    seen.add((match[1], match[2]))
                    rows.append((namespace, name, signature, match[1], match[2], match[3]))
    return rows


def helper_methods() -> list[tuple[str, str, str]]:
    """Public methods that are not one endpoint (bulk helpers, imports)."""
    client = SmartleadClient("doc-key", base_url="http://127.0.0.1/api/v1")
    rows = []
    for namespace in (*NAMESPACES, "bulk"):
        resource = getattr(client, namespace)
        assert isinstance(resource, (Resource, Bulk))
        for name, member in inspect.getmembers(type(resource), inspect.isfunction):
            doc = inspect.getdoc(member) or ""
            if name.startswith("_") or ENDPOINT.search(doc.split("\n\n", 1)[0]):
                continue
            summary = doc.split("\n", 1)[0] if doc else ""
            rows.append((namespace, name, summary))
    return rows


def render() -> str:
    rows = endpoint_methods()
    endpoints = {(row[3], row[4]) for row in rows}
    methods = {(row[0], row[1]) for row in rows}
    lines = [
        "# smartlead_async API reference",
        "",
        "Every Smartlead endpoint the SDK covers, by namespace: the Python method, the HTTP",
        "endpoint it calls and its id in the endpoint catalog. Generated from the docstrings",
        "by `python -m tests.api_md`; search this page for a path or a method name.",
        "",
        f"{len(methods)} methods covering {len(endpoints)} HTTP endpoints.",
        "",
    ]
    current = ""
    for namespace, name, signature, http, path, catalog_id in rows:
        if namespace != current:
            current = namespace
            lines += ["", f"## client.{namespace}", ""]
        lines.append(f"- `{http} {path}` ({catalog_id}): `{namespace}.{name}{signature}`")
    helpers = helper_methods()
    if helpers:
        lines += ["", "## Helpers beyond single endpoints", ""]
        for namespace, name, summary in helpers:
            lines.append(f"- `client.{namespace}.{name}`: {summary}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    API_MD.write_text(render())
    sys.stdout.write(f"wrote {API_MD}\n")
