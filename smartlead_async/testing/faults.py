"""Seeded fault injection for the sandbox server.

Each request that matches the optional path filter draws the same number of values from one
``random.Random(seed)``, so the same seed and the same request sequence give the same faults.
The kinds other than ``slow`` are mutually exclusive (their probabilities must sum to <= 1);
``slow`` is drawn independently and can be combined with any of them.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, fields
from typing import Final, Literal

__all__ = ["FaultInjector", "FaultPlan", "Faults"]

FaultKind = Literal["server_error", "rate_limit", "drop", "malformed", "truncated", "html_502"]
_EXCLUSIVE: Final[tuple[FaultKind, ...]] = (
    "server_error",
    "rate_limit",
    "drop",
    "malformed",
    "truncated",
    "html_502",
)
_SERVER_ERROR_CODES: Final = (500, 502, 503)
_IMPORT_ROUTE: Final = re.compile(r"/campaigns/\d+/leads/?$|/lead-list/\d+/import/?$")


@dataclass(frozen=True, slots=True)
class Faults:
    """Per-request fault probabilities.

    ``server_error``: a 500/502/503 JSON answer; ``rate_limit``: a spurious 429; ``drop``: the
    connection is closed without an answer; ``malformed``/``truncated``: a 200 whose JSON body
    is broken or cut short (the request *was* processed); ``html_502``: a proxy's HTML 502 page;
    ``slow``: the answer is delayed by ``slow_delay`` seconds. ``path`` is a regular expression
    searched in the request path; only matching requests can fault. For lead imports (campaign
    and Lead List), ``after_store_share`` of the 5xx and drops happen after the rows were stored,
    and with ``slow_after_store`` a slow import answer with no other fault is held after its rows
    were stored (the moment a client crash loses the answer of a stored batch).
    """

    seed: int = 0
    server_error: float = 0.0
    rate_limit: float = 0.0
    drop: float = 0.0
    malformed: float = 0.0
    truncated: float = 0.0
    html_502: float = 0.0
    slow: float = 0.0
    slow_delay: float = 1.0
    path: str | None = None
    after_store_share: float = 0.5
    slow_after_store: bool = False
    retry_after: int = 1

    def __post_init__(self) -> None:
        for f in fields(self):
            if f.name in (*_EXCLUSIVE, "slow", "after_store_share"):
                value = getattr(self, f.name)
                if not 0.0 <= value <= 1.0:
                    raise ValueError(
                        f"Faults.{f.name} must be a probability in [0, 1], got {value}"
                    )
        total = sum(getattr(self, kind) for kind in _EXCLUSIVE)
        if total > 1.0 + 1e-9:
            raise ValueError(
                f"Faults probabilities other than slow must sum to <= 1, got {total:.3f}"
            )
        if self.slow_delay < 0:
            raise ValueError(f"Faults.slow_delay must be >= 0 seconds, got {self.slow_delay}")
        if self.retry_after < 1:
            raise ValueError(f"Faults.retry_after must be >= 1 second, got {self.retry_after}")
        if self.path is not None:
            try:
                re.compile(self.path)
            except re.error as exc:
                raise ValueError(f"Faults.path is not a valid regular expression: {exc}") from None

    @classmethod
    def uniform(cls, rate: float, *, seed: int = 0, path: str | None = None) -> Faults:
        """Total fault probability ``rate`` spread evenly over every exclusive kind."""
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"fault rate must be in [0, 1], got {rate}")
        share = rate / len(_EXCLUSIVE)
        return cls(
            seed=seed,
            path=path,
            server_error=share,
            rate_limit=share,
            drop=share,
            malformed=share,
            truncated=share,
            html_502=share,
        )

    @property
    def active(self) -> bool:
        """True if any fault can happen."""
        return self.slow > 0 or any(getattr(self, kind) > 0 for kind in _EXCLUSIVE)


@dataclass(frozen=True, slots=True)
class FaultPlan:
    """What to do to one request: ``kind`` (None = answer normally) and a ``delay``.

    ``status`` is the 5xx code for ``server_error``; ``after_handler`` means run the handler
    first (the request's effects are kept) and then fail; ``delay_after_handler`` means the
    delay comes after the handler ran instead of before it.
    """

    kind: FaultKind | None
    delay: float = 0.0
    status: int = 200
    after_handler: bool = False
    delay_after_handler: bool = False


class FaultInjector:
    """Draws a :class:`FaultPlan` per request from a seeded RNG; counts what it injected."""

    def __init__(self, faults: Faults | None = None) -> None:
        self.injected: dict[str, int] = {}
        self.configure(faults)

    def configure(self, faults: Faults | None) -> None:
        """Switch to ``faults`` (None = no faults); restarts the seeded sequence."""
        self.faults = faults if faults is not None else Faults()
        self._rng = random.Random(self.faults.seed)
        self._path = re.compile(self.faults.path) if self.faults.path else None

    def plan(self, method: str, path: str) -> FaultPlan | None:
        """Decide the fault for one request; None when nothing happens."""
        if not self.faults.active:
            return None
        if self._path is not None and not self._path.search(path):
            return None
        u_kind, u_code, u_after, u_slow = (self._rng.random() for _ in range(4))
        delay = self.faults.slow_delay if u_slow < self.faults.slow else 0.0
        is_import = method == "POST" and _IMPORT_ROUTE.search(path) is not None
        held = bool(delay) and self.faults.slow_after_store and is_import
        kind = self._pick(u_kind)
        if kind is None:
            if delay:
                self._count("slow")
                return FaultPlan(None, delay, delay_after_handler=held)
            return None
        self._count(kind)
        if delay:
            self._count("slow")
        status = 200
        after = False
        if kind == "server_error":
            status = _SERVER_ERROR_CODES[int(u_code * len(_SERVER_ERROR_CODES))]
        if kind in ("server_error", "drop") and is_import:
            after = u_after < self.faults.after_store_share
        if kind in ("malformed", "truncated"):
            after = True
        return FaultPlan(kind, delay, status, after)

    def _pick(self, u: float) -> FaultKind | None:
        edge = 0.0
        for kind in _EXCLUSIVE:
            edge += getattr(self.faults, kind)
            if u < edge:
                return kind
        return None

    def _count(self, kind: str) -> None:
        self.injected[kind] = self.injected.get(kind, 0) + 1
