"""Import inputs for the reliability suites: valid rows mixed with poison rows and repeats."""

from __future__ import annotations

import random
from typing import Any

import attrs

from smartlead_async.testing import SandboxServer


@attrs.frozen
class Mix:
    """An input and what an honest import of it must report."""

    rows: list[dict[str, Any]]
    #: Lower-cased emails of the valid rows, each once: what the server must hold afterwards.
    unique: frozenset[str]
    poison: int
    repeats: int


def _poison(n: int, rng: random.Random) -> dict[str, Any]:
    """A row that must be rejected client-side, one of several kinds."""
    kinds: list[dict[str, Any]] = [
        {"email": f"no-at-sign-{n}.example.com"},
        {"email": f"surrogate{n}@example.com", "first_name": "\ud800"},
        {"email": f"huge{n}@example.com", "custom_fields": {"score": 2**64 + n}},
        {"email": f"nan{n}@example.com", "custom_fields": {"score": float("nan")}},
        {"email": f"nul\x00{n}@example.com"},
        {"email": f"nested{n}@example.com", "custom_fields": {"deep": {"a": [1, {"b": 2}]}}},
        {"first_name": f"no email {n}"},
        {"email": f"x{n}@" + "d" * 300 + ".com"},
    ]
    return rng.choice(kinds)


def mixed_rows(count: int, *, poison_every: int = 50, repeat_every: int = 47, seed: int = 1) -> Mix:
    """``count`` rows: mostly valid unique leads, with poison rows and case-changed repeats."""
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = []
    unique: list[str] = []
    poison = repeats = 0
    for n in range(count):
        if n % poison_every == poison_every - 1:
            rows.append(_poison(n, rng))
            poison += 1
        elif n % repeat_every == repeat_every - 1 and unique:
            rows.append({"email": rng.choice(unique).upper(), "first_name": "Again"})
            repeats += 1
        else:
            email = f"soak{n}@example.com"
            unique.append(email)
            rows.append({"email": email, "first_name": f"Soak {n}", "company_name": "Acme"})
    return Mix(rows, frozenset(unique), poison, repeats)


def campaign_emails(sb: SandboxServer, campaign_id: int) -> list[str]:
    """The lower-cased emails enrolled in a sandbox campaign, one per enrolment."""
    state = sb.state
    camp = state.campaigns[campaign_id]
    return [
        state.leads[state.campaign_leads[map_id].lead_id].email.lower()
        for map_id in camp.lead_map_ids
    ]
