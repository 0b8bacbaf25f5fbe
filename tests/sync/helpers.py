"""What the sync tests share: a sync into a DuckDB file, queries on it, and the SDK's oracle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from smartlead_async import RateLimit, SmartleadClient
from smartlead_async.sync import TABLES, SyncReport, Workspace, sync_async
from smartlead_async.testing import SandboxServer

FAST = {"rate_limit": RateLimit(1000, 1.0)}


async def run_sync(tmp_path: Path, *spaces: Workspace, **kwargs: Any) -> SyncReport:
    return await sync_async(
        list(spaces),
        destination=f"duckdb:///{tmp_path / 'sl.duckdb'}",
        pipelines_dir=tmp_path / "dlt",
        client_options=FAST,
        **kwargs,
    )


def query(tmp_path: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(tmp_path / "sl.duckdb"), read_only=True) as db:
        return db.sql(sql).fetchall()


def count(tmp_path: Path, table: str, workspace: str | None = None) -> int:
    where = f" where workspace = '{workspace}'" if workspace else ""
    [(n,)] = query(tmp_path, f"select count(*) from smartlead_data.{table}{where}")
    return int(n)


def all_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def workspace(sb: SandboxServer, name: str = "acme") -> Workspace:
    return Workspace(name, sb.api_key, base_url=sb.base_url)


async def wire_rows(sb: SandboxServer) -> dict[str, dict[str, dict[str, Any]]]:
    """Every table's rows as the SDK reads them, keyed like the sync keys them: the oracle."""
    out: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in TABLES}
    async with SmartleadClient(sb.api_key, base_url=sb.base_url, **FAST) as sl:
        campaigns = await sl.campaigns.list()
        out["campaigns"] = {str(c.id): c.to_dict() for c in campaigns}
        for c in campaigns:
            for step in await sl.campaigns.get_sequences(c.id):
                out["campaign_sequences"][str(step.id)] = step.to_dict()
            async for lead in sl.campaigns.iter_leads(c.id):
                out["campaign_leads"][str(lead.campaign_lead_map_id)] = lead.to_dict()
            async for stat in sl.campaigns.iter_statistics(c.id):
                out["campaign_statistics"][str(stat.stats_id)] = stat.to_dict()
            out["campaign_analytics"][str(c.id)] = (
                await sl.campaigns.get_analytics(c.id)
            ).to_dict()
        out["lead_lists"] = {str(x.id): x.to_dict() async for x in sl.lead_lists.iter_all()}
        out["global_leads"] = {str(x.id): x.to_dict() async for x in sl.leads.iter_all()}
        out["inbox_replies"] = {
            str(x.email_lead_map_id): x.to_dict() async for x in sl.inbox.iter_replies()
        }
        out["email_accounts"] = {str(x.id): x.to_dict() async for x in sl.email_accounts.iter_all()}
    return out


KEYS = {
    "campaigns": "id",
    "campaign_sequences": "id",
    "campaign_leads": "campaign_lead_map_id",
    "campaign_statistics": "stats_id",
    "campaign_analytics": "campaign_id",
    "lead_lists": "id",
    "global_leads": "id",
    "inbox_replies": "email_lead_map_id",
    "email_accounts": "id",
}


def loaded_keys(tmp_path: Path, table: str, load_id: str) -> set[str]:
    column = KEYS[table]
    rows = query(
        tmp_path, f"select {column} from smartlead_data.{table} where _dlt_load_id = '{load_id}'"
    )
    return {str(key) for (key,) in rows}
