"""Client CPU per request: the SDK against raw aiohttp + orjson doing the same walk (P4).

The sandbox runs in its own process with no effective rate limit. A campaign is filled with
``--leads`` leads, then both clients walk every page of ``GET /campaigns/{id}/leads``
(``limit=100``): the SDK through ``iter_leads`` (typed models), the raw client with
``aiohttp`` + ``orjson.loads`` and dicts; then both make 200 ``GET /campaigns/{id}`` calls
(the per-request overhead, with little to decode); then both import the same ``--leads`` generated
rows into fresh campaigns, the SDK through ``import_leads`` (validation, dedupe, batches of 400)
and the raw client posting ``orjson.dumps`` of each 400 rows as they are. Each walk is repeated
and the least CPU kept; the ratio SDK CPU / raw CPU is measured in one run.
Run: ``.venv/bin/python benchmarks/cpu.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import secrets
from typing import Any

import aiohttp
import orjson
from bulk import _cpu_seconds, _leads, _start_sandbox

from smartlead_async import RateLimit, SmartleadClient

PAGE = 100
IMPORT_BATCH = 400
UNLIMITED = RateLimit(1_000_000, 0.1)


async def _sdk_walk(client: SmartleadClient, campaign: int) -> tuple[int, int]:
    sent = client.requests_sent
    count = 0
    async for _lead in client.campaigns.iter_leads(campaign, limit=PAGE):
        count += 1
    return count, client.requests_sent - sent


async def _raw_walk(base_url: str, api_key: str, campaign: int) -> tuple[int, int]:
    count = requests = offset = 0
    async with aiohttp.ClientSession() as session:
        while True:
            params = {"api_key": api_key, "offset": offset, "limit": PAGE}
            async with session.get(f"{base_url}/campaigns/{campaign}/leads", params=params) as r:
                body = orjson.loads(await r.read())
            requests += 1
            rows = body["data"]
            count += len(rows)
            offset += len(rows)
            if len(rows) < PAGE or offset >= int(body["total_leads"]):
                return count, requests


async def _sdk_gets(client: SmartleadClient, campaign: int, count: int) -> tuple[int, int]:
    for _ in range(count):
        await client.campaigns.get(campaign)
    return count, count


async def _raw_gets(base_url: str, api_key: str, campaign: int, count: int) -> tuple[int, int]:
    async with aiohttp.ClientSession() as session:
        for _ in range(count):
            params = {"api_key": api_key}
            async with session.get(f"{base_url}/campaigns/{campaign}", params=params) as r:
                orjson.loads(await r.read())
    return count, count


async def _sdk_import(client: SmartleadClient, campaign: int, leads: int) -> tuple[int, int]:
    sent = client.requests_sent
    report = await client.campaigns.import_leads(campaign, _leads(leads, f"sdk{campaign}-"))
    report.check()
    return report.uploaded, client.requests_sent - sent


async def _raw_import(base_url: str, api_key: str, campaign: int, leads: int) -> tuple[int, int]:
    count = requests = 0
    rows = _leads(leads, f"raw{campaign}-")
    async with aiohttp.ClientSession() as session:
        while batch := list(itertools.islice(rows, IMPORT_BATCH)):
            body = orjson.dumps({"lead_list": batch})
            url = f"{base_url}/campaigns/{campaign}/leads"
            params = {"api_key": api_key}
            headers = {"Content-Type": "application/json"}
            async with session.post(url, params=params, data=body, headers=headers) as r:
                answer = orjson.loads(await r.read())
            requests += 1
            count += int(answer["upload_count"])
    return count, requests


async def _measure(base_url: str, api_key: str, leads: int, repeats: int) -> dict[str, Any]:
    async with SmartleadClient(api_key, base_url=base_url, rate_limit=UNLIMITED) as client:
        campaign = (await client.campaigns.create(name="cpu benchmark")).id
        (await client.campaigns.import_leads(campaign, _leads(leads))).check()
        walks = {
            "sdk": lambda: _sdk_walk(client, campaign),
            "raw": lambda: _raw_walk(base_url, api_key, campaign),
            "sdk_get": lambda: _sdk_gets(client, campaign, 200),
            "raw_get": lambda: _raw_gets(base_url, api_key, campaign, 200),
        }
        best: dict[str, tuple[float, int, int]] = {}
        for _ in range(repeats):
            imports = {
                "sdk_import": (await client.campaigns.create(name="cpu import sdk")).id,
                "raw_import": (await client.campaigns.create(name="cpu import raw")).id,
            }
            sdk_target, raw_target = imports["sdk_import"], imports["raw_import"]
            walks["sdk_import"] = lambda c=sdk_target: _sdk_import(client, c, leads)
            walks["raw_import"] = lambda c=raw_target: _raw_import(base_url, api_key, c, leads)
            for name, walk in walks.items():
                cpu = _cpu_seconds()
                count, requests = await walk()
                spent = _cpu_seconds() - cpu
                if name not in best or spent < best[name][0]:
                    best[name] = (spent, count, requests)
    sdk, raw, sdk_get, raw_get, sdk_import, raw_import = (best[name] for name in walks)
    return {
        "leads": leads,
        "page_requests": sdk[2],
        "sdk_cpu_ms_per_page": round(sdk[0] * 1000 / sdk[2], 3),
        "raw_cpu_ms_per_page": round(raw[0] * 1000 / raw[2], 3),
        "sdk_vs_raw_cpu_pages": round(sdk[0] / raw[0], 3) if raw[0] else 0.0,
        "sdk_cpu_ms_per_get": round(sdk_get[0] * 1000 / sdk_get[2], 3),
        "raw_cpu_ms_per_get": round(raw_get[0] * 1000 / raw_get[2], 3),
        "sdk_vs_raw_cpu_gets": round(sdk_get[0] / raw_get[0], 3) if raw_get[0] else 0.0,
        "sdk_import_cpu_ms_per_1k_rows": round(sdk_import[0] * 1e6 / leads, 2),
        "raw_import_cpu_ms_per_1k_rows": round(raw_import[0] * 1e6 / leads, 2),
        "sdk_vs_raw_cpu_import": (
            round(sdk_import[0] / raw_import[0], 3) if raw_import[0] else 0.0
        ),
        "rows_match": sdk[1] == raw[1] == sdk_import[1] == raw_import[1] == leads,
    }


def measure(leads: int = 20_000, repeats: int = 3) -> dict[str, Any]:
    """Fill a sandbox campaign and compare the two walks' CPU; returns the figures."""
    api_key = "sl_bench_" + secrets.token_hex(8)
    proc, base_url = _start_sandbox("1000000/0.1s", api_key)
    try:
        return asyncio.run(_measure(base_url, api_key, leads, repeats))
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leads", type=int, default=20_000)
    args = parser.parse_args()
    print(json.dumps(measure(args.leads), indent=2))
