"""Export global leads created since the last run to JSONL (an incremental sync).

    python examples/incremental_export.py --state leads.state.json --output new_leads.jsonl

The first run starts at --since (default: 30 days ago); each run saves the newest
``created_at`` it exported in the state file, and the next run asks only for leads created
after it (``created_at_gt``). Without SMARTLEAD_API_KEY it runs against a seeded sandbox.
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _connect import connect, run


def load_since(state: Path, default: str) -> str:
    if state.exists():
        return str(json.loads(state.read_text())["created_at_gt"])
    return default


async def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--state", type=Path, default=Path("leads.state.json"))
    parser.add_argument("--output", type=Path, default=Path("new_leads.jsonl"))
    month_ago = (datetime.now(UTC) - timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    parser.add_argument("--since", default=month_ago, help="start of the first run")
    args = parser.parse_args(argv)

    since = load_since(args.state, args.since)
    newest: datetime | None = None
    count = 0
    async with connect(seed=lambda sb: sb.seed_global_leads(40)) as sl:
        with args.output.open("a", encoding="utf-8") as out:
            # iter_all walks /leads/global-leads page by page (hasMore); write as items arrive.
            async for lead in sl.leads.iter_all(created_at_gt=since):
                out.write(json.dumps(lead.to_dict(), default=str) + "\n")
                count += 1
                if lead.created_at and (newest is None or lead.created_at > newest):
                    newest = lead.created_at

    if newest is not None:  # only move forward when something was exported
        stamp = newest.astimezone(UTC).isoformat().replace("+00:00", "Z")
        args.state.write_text(json.dumps({"created_at_gt": stamp}))
        since = stamp
    print(f"exported {count} leads to {args.output}; next run starts after {since}")


if __name__ == "__main__":
    run(main)
