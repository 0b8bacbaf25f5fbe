"""Quickstart: list campaigns, read one campaign's analytics and walk its leads.

    python examples/quickstart.py

Uses SMARTLEAD_API_KEY when set (read-only calls), else a seeded local sandbox.
"""

from __future__ import annotations

from _connect import connect, run

from smartlead_async import NotFoundError


async def main() -> None:
    # seed: what the sandbox holds when no key is set (three campaigns with history).
    async with connect(seed=lambda sb: sb.seed_workspace(campaigns=3)) as sl:
        # One call returns every campaign (C1).
        campaigns = await sl.campaigns.list()
        print(f"{len(campaigns)} campaigns")
        for campaign in campaigns[:5]:
            print(f"  #{campaign.id} {campaign.name!r} ({campaign.status})")
        if not campaigns:
            print("create a campaign first: await sl.campaigns.create(name='Q1')")
            return

        campaign = campaigns[0]
        try:
            stats = await sl.campaigns.get_analytics(campaign.id)  # counts arrive as ints
        except NotFoundError:
            print(f"campaign {campaign.id} was deleted meanwhile")
            return
        print(
            f"\n{stats.name}: {stats.sent_count} sent, {stats.unique_open_count} opened, "
            f"{stats.reply_count} replied"
        )

        # iter_* methods page for you; max_items stops early.
        print("\nfirst leads:")
        async for row in sl.campaigns.iter_leads(campaign.id, max_items=5):
            print(f"  {row.email:<40} {row.status}")


if __name__ == "__main__":
    run(main)
