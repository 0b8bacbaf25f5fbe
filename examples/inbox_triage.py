"""Triage the Master Inbox: categorise unread replies by keyword and mark them read.

    python examples/inbox_triage.py            # dry run: print what it would do
    python examples/inbox_triage.py --apply    # set categories and mark read

Against the local sandbox (no SMARTLEAD_API_KEY) the changes are always applied.
"""

from __future__ import annotations

import argparse
import re

from _connect import connect, run, using_sandbox

# Keyword rules, first match wins; category names as the workspace shows them.
RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"unsubscribe|remove me|stop emailing", re.I), "Do Not Contact"),
    (re.compile(r"out of (the )?office|on leave|vacation", re.I), "Out Of Office"),
    (re.compile(r"\b(thursday|call|meet|demo|calendar)\b", re.I), "Meeting Request"),
    (re.compile(r"pricing|details|more info", re.I), "Information Request"),
    (re.compile(r"not (a fit|interested)|no thanks", re.I), "Not Interested"),
]


def classify(text: str) -> str | None:
    for pattern, category in RULES:
        if pattern.search(text):
            return category
    return None


async def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--apply", action="store_true", help="write the changes")
    parser.add_argument("--max", type=int, default=200, help="conversations to look at")
    args = parser.parse_args(argv)
    apply = args.apply or using_sandbox()

    async with connect(seed=lambda sb: sb.seed_workspace(campaigns=4)) as sl:
        # Category ids differ per workspace: look them up by name.
        categories = {c.name: c.id for c in await sl.leads.list_categories() if c.name}
        decisions: list[tuple[int, int]] = []
        read: list[int] = []
        async for conversation in sl.inbox.iter_replies(
            view="unread", fetch_message_history=True, max_items=args.max
        ):
            replies = [m for m in conversation.email_history if m.type == "REPLY"]
            text = re.sub(r"<[^>]+>", " ", replies[-1].email_body or "") if replies else ""
            category = classify(text)
            print(f"{conversation.lead_email:<40} -> {category or '(leave as is)'}")
            read.append(conversation.email_lead_map_id)
            if category in categories:
                decisions.append((conversation.email_lead_map_id, categories[category]))

        if not apply:
            print(f"\ndry run: {len(decisions)} categories to set; rerun with --apply")
            return
        # Bulk helpers: one request per conversation, all inside the rate gate.
        updated = await sl.bulk.set_inbox_categories(decisions) if decisions else []
        marked = await sl.bulk.mark_read(read) if read else []
        print(f"\nset {len(updated)} categories, marked {len(marked)} conversations read")
        remaining = [c async for c in sl.inbox.iter_replies(view="unread", max_items=args.max)]
        print(f"{len(remaining)} unread conversations left")


if __name__ == "__main__":
    run(main)
