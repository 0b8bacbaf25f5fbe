"""Scale: 100k leads page by slicing, lookups use indexes, the server sustains many requests."""

from __future__ import annotations

import asyncio
import time

import aiohttp

from smartlead_async.testing import SandboxServer


async def test_hundred_thousand_leads_page_and_dedupe() -> None:
    async with SandboxServer(rate_limits=None, seed=3) as sb:
        camp = sb.state.add_campaign("big")
        rows = sb.seed_leads(camp, 100_000)
        last = sb.state.leads[rows[-1].lead_id]
        params = {"api_key": sb.api_key}
        started = time.monotonic()
        async with aiohttp.ClientSession() as session:
            url = sb.url(f"/campaigns/{camp.id}/leads")
            async with session.get(url, params={**params, "offset": "99950"}) as resp:
                page = await resp.json()
            assert page["total_leads"] == "100000" and len(page["data"]) == 50
            assert page["data"][-1]["lead"]["id"] == last.id
            async with session.get(sb.url("/leads/"), params={**params, "email": last.email}) as r:
                assert (await r.json())["id"] == last.id
            batch = [{"email": sb.state.leads[row.lead_id].email} for row in rows[-200:]]
            batch += [{"email": f"fresh{i}@new.io"} for i in range(200)]
            async with session.post(url, params=params, json={"lead_list": batch}) as resp:
                report = await resp.json()
            assert report["already_added_to_campaign"] == 200 and report["upload_count"] == 200
            async with session.get(
                sb.url("/leads/global-leads"), params={**params, "offset": "100100", "limit": "100"}
            ) as resp:
                tail = await resp.json()
            assert len(tail["data"]) == 100 and tail["hasMore"] is False
        assert time.monotonic() - started < 20, "deep pages must not scan every lead"


async def test_sustained_request_rate() -> None:
    async with SandboxServer(rate_limits=None) as sb:
        sb.seed_campaign(leads=20)
        url = sb.url(f"/campaigns/?api_key={sb.api_key}")
        connector = aiohttp.TCPConnector(limit=50)
        async with aiohttp.ClientSession(connector=connector) as session:

            async def worker(n: int) -> None:
                for _ in range(n):
                    async with session.get(url) as resp:
                        assert resp.status == 200
                        await resp.read()

            started = time.monotonic()
            await asyncio.gather(*(worker(40) for _ in range(50)))
            elapsed = time.monotonic() - started
        assert sb.counters.total == sb.counters.by_status[200] == 2000
        assert elapsed < 60
