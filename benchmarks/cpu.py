"""Client CPU per request: the SDK against raw aiohttp + orjson doing the same walk (P4).

The sandbox runs in its own process with no effective rate limit. A campaign is filled with
``--leads`` leads, then both clients walk every page of ``GET /campaigns/{id}/leads``
(``limit=100``): the SDK through ``iter_leads`` (typed models), the raw client with
``aiohttp`` + ``orjson.loads`` and dicts; then both make 200 ``GET /campaigns/{id}`` calls
(the per-request overhead, with little to decode); then both import the same ``--leads`` generated
rows into fresh campaigns, the SDK through ``import_leads`` (validation, dedupe, batches of 400)
and the raw client posting ``orjson.dumps`` of each 400 rows as they are; last, the CLI imports
the rows from a CSV file (its CPU per 1,000 rows less that of a one-row import) against a raw
client reading the file with ``csv.DictReader``. Each walk is repeated
and the least CPU kept; the ratio SDK CPU / raw CPU is measured in one run.
Run: ``.venv/bin/python benchmarks/cpu.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import itertools
import json
import os
import resource
import secrets
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
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
    return await _post_batches(base_url, api_key, campaign, _leads(leads, f"raw{campaign}-"))


async def _post_batches(
    base_url: str, api_key: str, campaign: int, rows: Iterator[dict[str, Any]]
) -> tuple[int, int]:
    """``rows`` posted to the campaign as they are, 400 at a time: rows uploaded, requests."""
    count = requests = 0
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


LEAD_COLUMNS = ("email", "first_name", "last_name", "company_name")


def _write_csv(path: Path, leads: int, prefix: str) -> None:
    """The generated rows as a CSV file: lead fields, then the custom fields as columns."""
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow([*LEAD_COLUMNS, "segment", "score"])
        for row in _leads(leads, prefix):
            custom = row["custom_fields"]
            writer.writerow([*(row[c] for c in LEAD_COLUMNS), custom["segment"], custom["score"]])


async def _cli_import(base_url: str, api_key: str, campaign: int, path: Path) -> tuple[float, int]:
    """CPU seconds of ``smartlead-async import`` of ``path`` (its own process, journal on as
    by default) and the rows it uploaded."""
    cpu = _cpu_seconds(resource.RUSAGE_CHILDREN)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "smartlead_async", "import", str(path), "--campaign",
        str(campaign), "--base-url", base_url, "--rate-limit", "1000000/0.1s", "--json",
        "--journal", str(path.with_name(f"{path.stem}-{campaign}.journal")),
        env={**os.environ, "SMARTLEAD_API_KEY": api_key},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    out, _ = await proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"the CLI import failed with exit code {proc.returncode}")
    return _cpu_seconds(resource.RUSAGE_CHILDREN) - cpu, int(json.loads(out)["buckets"]["uploaded"])


async def _raw_csv_import(
    base_url: str, api_key: str, campaign: int, path: Path
) -> tuple[int, int]:
    """A raw client's CSV import: ``csv.DictReader`` rows, the other columns as custom
    fields, posted 400 at a time with ``orjson.dumps``."""

    def row(record: dict[str, str]) -> dict[str, Any]:
        custom = {k: v for k, v in record.items() if k not in LEAD_COLUMNS}
        return {**{c: record[c] for c in LEAD_COLUMNS}, "custom_fields": custom}

    with path.open(newline="", encoding="utf-8") as source:
        return await _post_batches(base_url, api_key, campaign, map(row, csv.DictReader(source)))


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
        cli = await _measure_cli(client, base_url, api_key, leads, repeats)
    sdk, raw, sdk_get, raw_get, sdk_import, raw_import = (best[name] for name in walks)
    return {
        **cli,
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


async def _measure_cli(
    client: SmartleadClient, base_url: str, api_key: str, leads: int, repeats: int
) -> dict[str, Any]:
    """The CLI's CPU per 1,000 rows of a CSV import (less a one-row import: the start of
    the interpreter and its imports), against a raw client importing the same file."""
    best: dict[str, float] = {}
    uploaded: set[int] = set()
    with tempfile.TemporaryDirectory() as folder:
        for repeat in range(repeats):
            files = {"cli": Path(folder, f"rows{repeat}.csv"), "cli_one": Path(folder, "one.csv")}
            _write_csv(files["cli"], leads, f"cli{repeat}-")
            _write_csv(files["cli_one"], 1, f"one{repeat}-")
            for name, path in files.items():
                campaign = (await client.campaigns.create(name=f"cpu {name}")).id
                spent, count = await _cli_import(base_url, api_key, campaign, path)
                best[name] = min(best.get(name, spent), spent)
                if name == "cli":
                    uploaded.add(count)
            campaign = (await client.campaigns.create(name="cpu raw csv")).id
            _write_csv(files["cli"], leads, f"rawcsv{repeat}-")
            cpu = _cpu_seconds()
            count, _ = await _raw_csv_import(base_url, api_key, campaign, files["cli"])
            spent = _cpu_seconds() - cpu
            best["raw_csv"] = min(best.get("raw_csv", spent), spent)
            uploaded.add(count)
    per_row = max(0.0, best["cli"] - best["cli_one"]) / max(1, leads - 1)
    return {
        "cli_import_cpu_ms_per_1k_rows": round(per_row * 1e6, 2),
        "cli_start_cpu_ms": round(best["cli_one"] * 1000, 1),
        "raw_csv_import_cpu_ms_per_1k_rows": round(best["raw_csv"] * 1e6 / leads, 2),
        "cli_vs_raw_cpu_csv_import": (
            round(per_row * leads / best["raw_csv"], 3) if best["raw_csv"] else 0.0
        ),
        "cli_rows_match": uploaded == {leads},
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
