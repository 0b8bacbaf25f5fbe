"""A set of 64-bit digests whose memory stays flat however many it holds.

The newest digests live in a Python set; past ``memory_limit`` of them they move, in one
batch, into a private temporary SQLite database on disk (deleted when the set is closed), and
lookups consult both. An import of ten million rows with dedupe on keeps at most
``memory_limit`` digests in memory, instead of some 80 bytes per row in one Python set.

Once digests are on disk, a fixed bitmap (16 MiB, one bit per digest's low 27 bits) says
which ones may be there: a new digest whose bit is clear (most of them: 93% with ten million
on disk) is known not to be on disk without a query.
"""

from __future__ import annotations

import sqlite3

#: Digests kept in memory before they move to disk (about 16 MiB of Python set).
DEFAULT_MEMORY_LIMIT = 200_000
#: The bits of the bitmap of the digests on disk (a power of two).
_DISK_BITS = 1 << 27


def _position(digest: int) -> tuple[int, int]:
    """The byte of the bitmap that holds ``digest``'s bit, and that bit."""
    low = digest & (_DISK_BITS - 1)
    return low >> 3, 1 << (low & 7)


class DigestSet:
    """Signed 64-bit integers, added once each: :meth:`add` says whether one is new."""

    def __init__(self, memory_limit: int | None = None) -> None:
        self._limit = DEFAULT_MEMORY_LIMIT if memory_limit is None else memory_limit
        self._recent: set[int] = set()
        self._disk: sqlite3.Connection | None = None
        self._on_disk = bytearray()  # the bitmap, allocated with the database
        self._spilled = 0

    def __len__(self) -> int:
        return len(self._recent) + self._spilled

    def __contains__(self, digest: int) -> bool:
        return digest in self._recent or self._stored(digest)

    def _stored(self, digest: int) -> bool:
        """Whether ``digest`` is in the database (the bitmap answers most misses)."""
        if self._disk is None:
            return False
        index, bit = _position(digest)
        if not self._on_disk[index] & bit:
            return False
        found = self._disk.execute("SELECT 1 FROM seen WHERE k = ?", (digest,)).fetchone()
        return found is not None

    def add(self, digest: int) -> bool:
        """Add ``digest``; True when it was not in the set before."""
        if digest in self:
            return False
        self._recent.add(digest)
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
            self._on_disk = bytearray(_DISK_BITS // 8)
        bitmap = self._on_disk
        for index, bit in map(_position, self._recent):
            bitmap[index] |= bit
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
        self._on_disk = bytearray()
        self._spilled = 0
