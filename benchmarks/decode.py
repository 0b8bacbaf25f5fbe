"""Decode speed: a 100-row campaign-leads page (L1) into models, against orjson and msgspec.

The SDK column decodes the page the way the client does: ``orjson.loads`` and the L1 row's
envelope (unwrap, shape check, one model per row).

Run: ``python benchmarks/decode.py``. Writes ``benchmarks/results/decode.json``. The msgspec
column appears only when msgspec is importable (it is not a dependency).
"""

from __future__ import annotations

import json
import platform
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from smartlead_async._response import Response
from smartlead_async.catalog import ENDPOINTS
from smartlead_async.models.campaigns import CampaignLead

try:
    import msgspec
except ImportError:
    msgspec = None
else:

    class Info(msgspec.Struct):
        id: int
        first_name: str | None = None
        last_name: str | None = None
        email: str | None = None
        phone_number: str | None = None
        company_name: str | None = None
        website: str | None = None
        location: str | None = None
        custom_fields: dict[str, Any] = {}
        linkedin_profile: str | None = None
        company_url: str | None = None
        is_unsubscribed: bool | None = None
        unsubscribed_client_id_map: dict[str, Any] = {}
        created_at: datetime | None = None

    class Row(msgspec.Struct):
        lead: Info
        campaign_lead_map_id: int | None = None
        lead_category_id: int | None = None
        status: str | None = None
        created_at: datetime | None = None

    class Page(msgspec.Struct):
        data: list[Row]


ROWS = 100


def _page() -> bytes:
    rows = [
        {
            "campaign_lead_map_id": 1000 + i,
            "lead_category_id": None,
            "status": "INPROGRESS",
            "created_at": "2026-03-01T10:00:00.000Z",
            "lead": {
                "id": 5000 + i,
                "first_name": f"First{i}",
                "last_name": f"Last{i}",
                "email": f"lead{i}@example.com",
                "phone_number": None,
                "company_name": "Acme",
                "website": "acme.example",
                "location": "Berlin",
                "custom_fields": {"Title": "CTO"},
                "linkedin_profile": None,
                "company_url": None,
                "is_unsubscribed": False,
                "unsubscribed_client_id_map": {},
                "created_at": "2026-03-01T10:00:00.000Z",
            },
        }
        for i in range(ROWS)
    ]
    return orjson.dumps({"total_leads": str(ROWS), "offset": 0, "limit": ROWS, "data": rows})


def _rates(contenders: dict[str, Callable[[], Any]], seconds: float) -> dict[str, float]:
    """Rows per second of each contender (one call decodes one page): the best of eight short
    rounds, the contenders taking turns within each round, so the machine's noise falls on
    all of them alike and the ratios hold."""
    best = dict.fromkeys(contenders, 0.0)
    for _ in range(8):
        for name, fn in contenders.items():
            calls = 0
            start = time.perf_counter()
            while time.perf_counter() - start < seconds / 8:
                fn()
                calls += 1
            best[name] = max(best[name], calls * ROWS / (time.perf_counter() - start))
    return best


def main(seconds: float = 1.5, write: bool = True) -> dict[str, Any]:
    """Measure (each rate over ``seconds``) and write the results file; returns the figures."""
    body = _page()

    envelope = ENDPOINTS["L1"].envelope

    def sdk() -> list[CampaignLead]:
        response = Response(200, {}, orjson.loads(body), "", "application/json")
        rows: list[CampaignLead] = envelope.read(response, CampaignLead)
        return rows

    contenders: dict[str, Callable[[], Any]] = {
        "orjson_dicts": lambda: orjson.loads(body)["data"],
        "sdk_models": sdk,
    }
    if msgspec is not None:
        decoder = msgspec.json.Decoder(Page)
        contenders["msgspec_structs"] = lambda: decoder.decode(body).data
    rates = _rates(contenders, seconds)
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "page_rows": ROWS,
        **{f"{name}_rows_per_s": round(rate) for name, rate in rates.items()},
    }
    if msgspec is not None:
        results["sdk_vs_msgspec"] = round(rates["sdk_models"] / rates["msgspec_structs"], 3)
    if write:
        out = Path(__file__).parent / "results" / "decode.json"
        out.write_text(json.dumps(results, indent=2) + "\n")
    return results


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
