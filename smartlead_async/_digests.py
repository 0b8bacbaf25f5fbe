"""A set of 64-bit digests whose memory stays flat however many it holds.

The newest digests live in a Python set; past ``memory_limit`` of them they move, in one
batch, into a private temporary SQLite database on disk (deleted when the set is closed), and
lookups consult both. An import of ten million rows with dedupe on keeps at most
``memory_limit`` digests in memory, instead of some 80 bytes per row in one Python set.
"""

from __future__ import annotations

import sqlite3

#: Digests kept in memory before they move to disk (about 16 MiB of Python set).
DEFAULT_MEMORY_LIMIT = 200_000


class DigestSet:
    """Signed 64-bit integers, added once each: :meth:`add` says whether one is new."""

    def __init__(self, memory_limit: int | None = None) -> None:
        self._limit = DEFAULT_MEMORY_LIMIT if memory_limit is None else memory_limit
        self._recent: set[int] = set()
        self._disk: sqlite3.Connection | None = None
        self._spilled = 0

    def __len__(self) -> int:
        return len(self._recent) + self._spilled

    def __contains__(self, digest: int) -> bool:
        if digest in self._recent:
            return True
        if self._disk is None:
            return False
        found = self._disk.execute("SELECT 1 FROM seen WHERE k = ?", (digest,)).fetchone()
        return found is not None

    def add(self, digest: int) -> bool:
        """Add ``digest``; True when it was not in the set before."""
        recent = self._recent
        if digest in recent or (self._disk is not None and digest in self):
            return False
        recent.add(digest)
        if len(self._recent) >= self._limit:
            self._spill()
        return True

    def _spill(self) -> None:
        if self._disk is None:
            # "" opens a private temporary database on disk, removed when it is closed
            self._disk = sqlite3.connect("", isolation_level=None)
            self._disk.execute("PRAGMA journal_mode = OFF")
            self._disk.execute("PRAGMA synchronous = OFF")
            self._disk.execute("CREATE TABLE seen (k INTEGER PRIMARY KEY)")
        self._disk.execute("BEGIN")
        self._disk.executemany("INSERT INTO seen VALUES (?)", ((d,) for d in self._recent))
        self._disk.execute("COMMIT")
        self._spilled += len(self._recent)
        self._recent.clear()

    def close(self) -> None:
        """Drop every digest and remove the temporary database."""
        self._recent.clear()
        if self._disk is not None:
            self._disk.close()
            self._disk = None
        self._spilled = 0
