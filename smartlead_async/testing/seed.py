"""Deterministic data generators for the sandbox (every choice comes from a seeded RNG).

:func:`seed_campaign` builds a campaign with sequences, sender accounts, leads and a realistic
message history: one SENT message per step reached, opens and clicks, bounces (with the
mailer-daemon notice), unsubscribes, replies with threads, categories and inbox flags. The
statistics and analytics routes compute everything from that history.
"""

from __future__ import annotations

import random
from collections.abc import Sequence as Seq
from datetime import datetime, timedelta
from typing import Final

from smartlead_async.testing.state import (
    Campaign,
    CampaignLead,
    Category,
    Client,
    EmailAccount,
    Lead,
    LeadList,
    Message,
    SandboxState,
    TeamMember,
    UntrackedReply,
)

__all__ = [
    "DEFAULT_CATEGORIES",
    "seed_block_list",
    "seed_campaign",
    "seed_categories",
    "seed_clients",
    "seed_defaults",
    "seed_email_accounts",
    "seed_global_leads",
    "seed_lead_list",
    "seed_leads",
    "seed_untracked_replies",
    "seed_workspace",
]

DEFAULT_CATEGORIES: Final = (
    ("Interested", "positive"),
    ("Meeting Request", "positive"),
    ("Not Interested", "negative"),
    ("Do Not Contact", "negative"),
    ("Information Request", "neutral"),
    ("Out Of Office", "neutral"),
    ("Wrong Person", "neutral"),
    ("Uncategorizable by AI", "neutral"),
    ("Sender Originated Bounce", "negative"),
)
_FIRST: Final = (
    "Ada", "Alan", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Radia", "Tim",
    "Frances", "Edsger", "Katherine", "Donald", "Sophie", "Guido", "Hedy", "John", "Anita",
    "Niklaus",
)  # fmt: skip
_LAST: Final = (
    "Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie",
    "Perlman", "Berners-Lee", "Allen", "Dijkstra", "Johnson", "Knuth", "Wilson", "Rossum",
    "Lamarr", "McCarthy", "Borg", "Wirth",
)  # fmt: skip
_COMPANIES: Final = (
    ("Acme", "acme.io"), ("Globex", "globex.com"), ("Initech", "initech.com"),
    ("Umbrella", "umbrella.co"), ("Hooli", "hooli.com"), ("Pied Piper", "piedpiper.com"),
    ("Stark Industries", "stark.dev"), ("Wayne Enterprises", "wayne.org"),
    ("Soylent", "soylent.net"), ("Cyberdyne", "cyberdyne.ai"), ("Tyrell", "tyrell.tech"),
    ("Wonka", "wonka.shop"),
)  # fmt: skip
_CITIES: Final = ("Berlin", "Austin", "London", "Toronto", "Lisbon", "Singapore", "Denver")
_SUBJECTS: Final = (
    "Quick question, {{first_name}}",
    "Following up",
    "Worth a chat?",
    "Last note from me",
    "Ideas for {{company_name}}",
)
_REPLIES: Final = (
    ("Interested", "Sounds interesting - can you send more details?"),
    ("Meeting Request", "Happy to talk. Does Thursday 3pm work?"),
    ("Not Interested", "Not a fit for us right now, thanks."),
    ("Information Request", "What does pricing look like?"),
    ("Out Of Office", "I am out of office until next week with limited access to email."),
    ("Wrong Person", "I am not the right person, try my colleague."),
)
_SENDER_DOMAINS: Final = ("outreach-mail.com", "getsales.io", "hello-team.co")


def seed_categories(state: SandboxState) -> list[Category]:
    """Create the default lead categories (idempotent by name)."""
    existing = {c.name for c in state.categories.values()}
    created: list[Category] = []
    for name, sentiment in DEFAULT_CATEGORIES:
        if name in existing:
            continue
        cat = Category(state.next_id("category"), name, state.now(), sentiment)
        state.categories[cat.id] = cat
        created.append(cat)
    return created


def seed_defaults(state: SandboxState) -> None:
    """What every workspace has: the lead categories and one team member (the owner)."""
    seed_categories(state)
    if not state.team_members:
        member = TeamMember(state.next_id("team_member"), "Workspace Owner", "owner@sandbox.test")
        state.team_members[member.id] = member


def _category_id(state: SandboxState, name: str) -> int | None:
    for cat in state.categories.values():
        if cat.name == name:
            return cat.id
    return None


def seed_clients(state: SandboxState, rng: random.Random, count: int) -> list[Client]:
    """``count`` agency clients with unique emails."""
    clients: list[Client] = []
    for _ in range(count):
        company, domain = rng.choice(_COMPANIES)
        cid = state.next_id("client")
        client = Client(
            id=cid,
            name=f"{company} {cid}",
            email=f"owner{cid}@{domain}",
            uuid=state.new_uuid(),
            created_at=state.now() - timedelta(days=rng.randint(30, 400)),
            permission=[rng.choice(["full_access", "reply_master_inbox"])],
        )
        state.clients[client.id] = client
        clients.append(client)
    return clients


def seed_email_accounts(
    state: SandboxState, rng: random.Random, count: int, *, client_id: int | None = None
) -> list[EmailAccount]:
    """``count`` sender accounts (mixed GMAIL/OUTLOOK/SMTP) with warmup data."""
    accounts: list[EmailAccount] = []
    for _ in range(count):
        first = rng.choice(_FIRST)
        domain = rng.choice(_SENDER_DOMAINS)
        number = state.next_id("sender_address")
        email = f"{first.lower()}.{number}@{domain}"
        kind = rng.choice(("GMAIL", "OUTLOOK", "SMTP"))
        account = state.add_email_account(
            email,
            first,
            type=kind,
            password=f"pw-{state.new_uuid()[:8]}",
            smtp_host=f"smtp.{domain}",
            imap_host=f"imap.{domain}",
            message_per_day=rng.choice((30, 40, 50, 100)),
            client_id=client_id,
            created_at=state.now() - timedelta(days=rng.randint(10, 300)),
        )
        warm = account.warmup
        warm.enabled = rng.random() < 0.8
        warm.status = "ACTIVE" if warm.enabled else "INACTIVE"
        warm.reputation = rng.randint(80, 100)
        warm.total_sent_count = rng.randint(50, 2000)
        warm.total_spam_count = rng.randint(0, warm.total_sent_count // 50)
        warm.warmup_key_id = f"warm-{account.id}"
        accounts.append(account)
    return accounts


def _new_lead(state: SandboxState, rng: random.Random, created_at: datetime) -> Lead:
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    company, domain = rng.choice(_COMPANIES)
    number = state.next_id("lead_address")
    email = f"{first.lower()}.{last.lower()}.{number}@{domain}"
    return state.add_lead(
        email,
        first_name=first,
        last_name=last,
        company_name=company,
        website=f"https://{domain}",
        company_url=domain,
        location=rng.choice(_CITIES),
        phone_number=f"+1555{rng.randint(1000000, 9999999)}",
        linkedin_profile=f"https://linkedin.com/in/{first.lower()}-{last.lower()}-{number}",
        custom_fields={"title": rng.choice(("CTO", "VP Sales", "Founder", "Head of Growth"))},
        created_at=created_at,
    )


def seed_global_leads(state: SandboxState, rng: random.Random, count: int) -> list[Lead]:
    """``count`` workspace leads that belong to no campaign."""
    now = state.now()
    return [_new_lead(state, rng, now - timedelta(days=rng.randint(0, 60))) for _ in range(count)]


def seed_leads(
    state: SandboxState,
    camp: Campaign,
    rng: random.Random,
    count: int,
) -> list[CampaignLead]:
    """Enrol ``count`` new leads in ``camp`` without history (fast; for scale tests)."""
    now = state.now()
    rows: list[CampaignLead] = []
    for _ in range(count):
        lead = _new_lead(state, rng, now)
        rows.append(state.enrol(camp, lead, created_at=now))
    return rows


def seed_block_list(state: SandboxState, rng: random.Random, count: int) -> None:
    """``count`` block-list entries (domains and addresses)."""
    for i in range(count):
        if rng.random() < 0.5:
            state.add_block_entry(f"blocked-{i}.example", source="manual")
        else:
            state.add_block_entry(f"spamtrap{i}@blocked.example", source="bounce")


def seed_lead_list(
    state: SandboxState, rng: random.Random, name: str, leads: Seq[Lead] | int
) -> LeadList:
    """A Lead List holding ``leads`` (or that many new workspace leads)."""
    now = state.now()
    members = seed_global_leads(state, rng, leads) if isinstance(leads, int) else list(leads)
    lst = LeadList(state.next_id("lead_list"), name, now, now)
    for lead in members:
        lst.lead_ids.add(lead.id)
        lead.list_ids.append(lst.id)
    state.lead_lists[lst.id] = lst
    return lst


def seed_untracked_replies(
    state: SandboxState, rng: random.Random, count: int
) -> list[UntrackedReply]:
    """Replies that match no campaign lead (M11)."""
    accounts = list(state.email_accounts.values())
    replies: list[UntrackedReply] = []
    for _ in range(count):
        account = rng.choice(accounts) if accounts else None
        reply = UntrackedReply(
            id=state.next_id("untracked"),
            from_email=f"someone{rng.randint(1, 9999)}@{rng.choice(_COMPANIES)[1]}",
            to_email=account.from_email if account else "inbox@sandbox.test",
            subject="Re: hello",
            body=rng.choice(_REPLIES)[1],
            time=state.now() - timedelta(hours=rng.randint(1, 240)),
            email_account_id=account.id if account else None,
        )
        state.untracked_replies.append(reply)
        replies.append(reply)
    return replies


# --------------------------------------------------------------------------- campaigns


def _sequences(state: SandboxState, camp: Campaign, steps: int) -> None:
    for number in range(1, steps + 1):
        subject = _SUBJECTS[(number - 1) % len(_SUBJECTS)] if number == 1 else ""
        body = f"<p>Hi {{{{first_name}}}},</p><p>Step {number} of our outreach.</p>"
        variants = (
            [("A", subject, body), ("B", subject + " (B)", body + "<p>P.S. B</p>")]
            if number == 1
            else None
        )
        camp.sequences.append(
            state.new_sequence(camp, number, subject, body, 0 if number == 1 else 2, variants)
        )


def _send(
    state: SandboxState, row: CampaignLead, lead: Lead, step: int, when: datetime, subject: str
) -> Message:
    account = state.email_accounts.get(row.email_account_id or -1)
    return state.add_message(
        row,
        "SENT",
        time=when,
        subject=subject or "Re: " + _SUBJECTS[0],
        body=f"<p>Hi {lead.first_name},</p><p>Step {step} of our outreach.</p>",
        seq_number=step,
        from_email=account.from_email if account else "sender@sandbox.test",
        to_email=lead.email,
        email_account_id=row.email_account_id,
    )


def _simulate_history(
    state: SandboxState,
    camp: Campaign,
    row: CampaignLead,
    rng: random.Random,
    start: datetime,
    now: datetime,
) -> None:
    """Walk one lead through the sequence, drawing engagement events."""
    lead = state.leads[row.lead_id]
    when = start + timedelta(minutes=rng.randint(0, 60 * 24 * 3))
    steps_reached = rng.choice(range(len(camp.sequences) + 1)) if rng.random() < 0.3 else None
    for seq in camp.sequences:
        if seq.seq_number > 1:
            when += timedelta(days=seq.delay_in_days, minutes=rng.randint(0, 600))
        if when >= now or (steps_reached is not None and seq.seq_number > steps_reached):
            return
        msg = _send(state, row, lead, seq.seq_number, when, seq.subject)
        if rng.random() < 0.03:
            state.record_bounce(msg)
            state.add_message(
                row,
                "REPLY",
                time=when + timedelta(minutes=1),
                subject=f"Undelivered Mail Returned to Sender: {msg.subject}",
                body="<p>Delivery to the following recipient failed permanently.</p>",
                seq_number=seq.seq_number,
                from_email="mailer-daemon@googlemail.com",
                to_email=msg.from_email,
                email_account_id=row.email_account_id,
                in_reply_to=msg.stats_id,
                is_bounce_notice=True,
            )
            row.has_new_unread_email = False
            row.status = "BLOCKED"
            row.category_id = _category_id(state, "Sender Originated Bounce")
            return
        if rng.random() < 0.55:
            for _ in range(rng.randint(1, 3)):
                state.record_open(msg, min(now, when + timedelta(hours=rng.randint(1, 48))))
            if rng.random() < 0.25:
                url = rng.choice(("https://example.com/demo", "https://example.com/pricing"))
                state.record_click(msg, min(now, when + timedelta(hours=rng.randint(1, 72))), url)
        if rng.random() < 0.02:
            msg.is_unsubscribed = True
            row.is_unsubscribed = True
            row.status = "STOPPED"
            return
        if rng.random() < 0.12:
            _reply_thread(state, row, lead, msg, rng, now)
            return
    row.status = "COMPLETED" if len(camp.sequences) else row.status


def _reply_thread(
    state: SandboxState,
    row: CampaignLead,
    lead: Lead,
    sent: Message,
    rng: random.Random,
    now: datetime,
) -> None:
    category, text = rng.choice(_REPLIES)
    reply_at = min(now, sent.time + timedelta(hours=rng.randint(1, 72)))
    reply = state.add_message(
        row,
        "REPLY",
        time=reply_at,
        subject="Re: " + (sent.subject or _SUBJECTS[0]),
        body=f"<p>{text}</p>",
        seq_number=sent.seq_number,
        from_email=lead.email,
        to_email=sent.from_email,
        email_account_id=row.email_account_id,
        in_reply_to=sent.stats_id,
    )
    if category in ("Interested", "Meeting Request", "Information Request") and rng.random() < 0.6:
        answer_at = min(now, reply_at + timedelta(hours=rng.randint(1, 24)))
        answer = state.add_message(
            row,
            "SENT",
            time=answer_at,
            subject=reply.subject,
            body="<p>Great - here is a link to book a time.</p>",
            seq_number=sent.seq_number,
            from_email=sent.from_email,
            to_email=lead.email,
            email_account_id=row.email_account_id,
            in_reply_to=reply.stats_id,
            is_manual=True,
        )
        if rng.random() < 0.5:
            state.add_message(
                row,
                "REPLY",
                time=min(now, answer_at + timedelta(hours=rng.randint(1, 24))),
                subject=reply.subject,
                body="<p>Booked, thanks!</p>",
                seq_number=sent.seq_number,
                from_email=lead.email,
                to_email=sent.from_email,
                email_account_id=row.email_account_id,
                in_reply_to=answer.stats_id,
            )
    row.category_id = _category_id(state, category)
    row.status = "STOPPED"
    row.has_new_unread_email = rng.random() < 0.5
    row.is_important = category in ("Interested", "Meeting Request") and rng.random() < 0.5
    row.is_archived = category in ("Not Interested", "Wrong Person") and rng.random() < 0.3
    if category == "Out Of Office" and rng.random() < 0.5:
        row.is_snoozed = True
        row.snoozed_until = now + timedelta(days=rng.randint(1, 7))
    if category == "Meeting Request":
        row.revenue = float(rng.choice((500, 1000, 2500, 5000)))


def seed_campaign(
    state: SandboxState,
    rng: random.Random,
    *,
    name: str | None = None,
    leads: int = 50,
    steps: int = 3,
    accounts: int | Seq[EmailAccount] = 2,
    status: str = "ACTIVE",
    client_id: int | None = None,
    history: bool = True,
    days_ago: int = 21,
) -> Campaign:
    """A campaign with ``steps`` sequence steps, sender accounts and ``leads`` leads.

    With ``history`` the leads get a simulated message history that started ``days_ago``
    days before the sandbox clock's now (keep it within 30 days for analytics-by-date).
    """
    if leads < 0 or steps < 0 or days_ago < 0:
        raise ValueError("seed_campaign: leads, steps and days_ago must be >= 0")
    now = state.now()
    start = now - timedelta(days=days_ago)
    camp = state.add_campaign(
        name or f"Campaign {len(state.campaigns) + 1}", client_id=client_id, created_at=start
    )
    camp.status = status
    camp.track_settings = []
    _sequences(state, camp, steps)
    senders = (
        seed_email_accounts(state, rng, accounts, client_id=client_id)
        if isinstance(accounts, int)
        else list(accounts)
    )
    state.attach_accounts(camp, [a.id for a in senders])
    for _ in range(leads):
        lead = _new_lead(state, rng, start)
        row = state.enrol(camp, lead, created_at=start)
        if history and status != "DRAFTED":
            _simulate_history(state, camp, row, rng, start, now)
    for account in senders:
        account.daily_sent_count = min(account.message_per_day, rng.randint(0, 30))
    return camp


def seed_workspace(
    state: SandboxState,
    seed: int = 0,
    *,
    campaigns: int = 3,
    leads_per_campaign: int = 50,
    clients: int = 2,
    global_leads: int = 20,
    block_list: int = 5,
    lead_lists: int = 2,
    untracked_replies: int = 3,
) -> random.Random:
    """A whole demo workspace; returns the RNG so callers can keep drawing deterministically."""
    rng = random.Random(seed)
    seed_defaults(state)
    made_clients = seed_clients(state, rng, clients)
    for index in range(campaigns):
        client = made_clients[index % len(made_clients)] if made_clients and index % 2 else None
        seed_campaign(
            state,
            rng,
            name=f"Sandbox campaign {index + 1}",
            leads=leads_per_campaign,
            client_id=client.id if client else None,
        )
    seed_global_leads(state, rng, global_leads)
    seed_block_list(state, rng, block_list)
    for index in range(lead_lists):
        seed_lead_list(state, rng, f"Sandbox list {index + 1}", 10)
    seed_untracked_replies(state, rng, untracked_replies)
    return rng
