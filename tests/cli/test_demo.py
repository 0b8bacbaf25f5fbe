"""``smartlead-async demo`` against its in-process sandbox (small sizes, to stay fast)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest

from smartlead_async.cli.demo import BLOCKED_DOMAIN, generate_rows, rate_bound
from smartlead_async.gates import RateLimit
from tests.helpers.cli import Cli


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("SMARTLEAD_API_KEY", raising=False)
    monkeypatch.delenv("SMARTLEAD_RATE_LIMIT", raising=False)


def test_demo_json_summary_shows_every_bucket(cli: Cli, tmp_path: Path):
    kept = tmp_path / "demo.csv"

    warehouse = tmp_path / "demo.duckdb"
    warehouse.write_bytes(b"an older demo's file")  # replaced

    result = cli(
        "demo", "--rows", "2000", "--campaigns", "5", "--keep-csv", str(kept),
        "--warehouse", str(warehouse), "--json",
    )  # fmt: skip

    assert result.code == 0, result.err
    summary = json.loads(result.out)
    buckets = summary["import"]["buckets"]
    assert summary["import"]["total_rows"] == summary["import"]["accounted"] == 2000
    for name in (
        "uploaded", "duplicates", "invalid", "already_in_campaign", "unsubscribed", "blocked",
        "rejected_client_side",
    ):  # fmt: skip
        assert buckets[name] > 0, name
    assert buckets["failed"] == 0
    walked = buckets["uploaded"] + buckets["recovered"] + buckets["already_in_campaign"]
    assert summary["leads_walked"] == walked
    assert summary["analytics_ok"] == 5 and summary["analytics_failed"] == 0
    assert summary["replies"] > 0
    assert summary["windows"] == ["10/0.2s"] and summary["speedup"] == 10
    assert summary["client_requests"] >= summary["server_requests"] > 0
    assert summary["server_429"] == summary["client_429"]
    phases = {phase["name"]: phase for phase in summary["phases"]}
    assert set(phases) == {"setup", "import", "walk leads", "analytics", "master inbox", "sync"}
    assert sum(p["requests"] for p in phases.values()) == summary["server_requests"]
    assert phases["walk leads"]["bound"] == rate_bound(
        phases["walk leads"]["requests"], [RateLimit(10, 0.2)]
    )
    with kept.open(newline="") as handle:
        assert sum(1 for _ in csv.DictReader(handle)) == 2000
    assert "no API key or network used" in result.err
    # the sync read the whole workspace: the import's campaign and 5 seeded ones of 20 leads
    tables = summary["warehouse_tables"]
    assert summary["warehouse"] == str(warehouse)
    assert tables["campaigns"] == 6
    assert tables["campaign_leads"] == summary["leads_walked"] + 5 * 20
    assert tables["campaign_analytics"] == 6
    assert tables["inbox_replies"] == summary["replies"]
    assert tables["lead_lists"] == 0  # the demo makes none (and dlt creates no empty table)
    assert all(rows > 0 for name, rows in tables.items() if name != "lead_lists"), tables
    with duckdb.connect(str(warehouse), read_only=True) as db:
        [(leads,)] = db.sql("select count(*) from smartlead_data.campaign_leads").fetchall()
    assert leads == tables["campaign_leads"]


def test_demo_tables_and_custom_rate_limit(cli: Cli, tmp_path: Path):
    warehouse = tmp_path / "w.duckdb"
    result = cli(
        "demo", "--rows", "400", "--campaigns", "2", "--rate-limit", "20/0.2s",
        "--warehouse", str(warehouse),
    )  # fmt: skip

    assert result.code == 0, result.err
    for text in (
        "Import report (rows per bucket)", "Requests and time per phase", "bound/elapsed",
        "rate limit 20/0.2s on both sides", "20x the real API's 10/2s", "elapsed vs rate bound",
    ):  # fmt: skip
        assert text in result.out, text
    assert "requests as one run" in result.out and "bounds add up to" in result.out
    assert f"Warehouse: {warehouse}" in result.out and "campaign_leads" in result.out
    assert "Query it:" in result.out


def test_demo_without_the_sync(cli: Cli, tmp_path: Path):
    result = cli("demo", "--rows", "200", "--campaigns", "1", "--no-sync", "--json")

    assert result.code == 0, result.err
    summary = json.loads(result.out)
    assert summary["warehouse"] is None and summary["warehouse_tables"] == {}
    assert "sync" not in {phase["name"] for phase in summary["phases"]}


def test_generated_rows_have_the_advertised_shares():
    unsubscribed = [f"u{n}@gone.example" for n in range(100)]

    rows, already = generate_rows(20_000, 3, unsubscribed)

    emails = [row["email"] for row in rows]
    assert len(rows) == 20_000
    lowered = [email.lower() for email in emails]
    assert len(lowered) - len(set(lowered)) >= 390  # ~2% repeats (plus the odd blank)
    assert sum(1 for e in emails if e.endswith("@" + BLOCKED_DOMAIN)) == 100
    assert sum(1 for e in emails if e in set(unsubscribed)) == 100
    assert sum(1 for e in emails if "@" not in e or " " in e) == 100
    assert len(already) == 150 and all(row in rows for row in already[:5])
    assert generate_rows(20_000, 3, unsubscribed) == (rows, already), "deterministic"


def test_rate_bound():
    windows = [RateLimit(10, 2.0), RateLimit(60, 60.0)]

    assert rate_bound(0, windows) == 0.0
    assert rate_bound(10, windows) == 0.0
    assert rate_bound(11, [RateLimit(10, 2.0)]) == 2.0
    assert rate_bound(61, windows) == 60.0
