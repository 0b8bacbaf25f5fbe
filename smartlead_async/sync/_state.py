"""What one sync remembers per scope (a workspace's table, or one campaign of it).

Each scope keeps, in dlt's resource state:

- ``cursor``: when the last complete walk of the scope started (UTC ISO text). The next walk
  asks the API only for rows since ``cursor - lookback`` where the API offers such a filter;
- ``digests``: a short content digest per row key, for the rows the next walk may read again.
  A row whose digest is unchanged is not loaded again, so an unchanged source loads 0 rows.

The state moves only when a walk completes: a failed or interrupted walk leaves it as it was,
and dlt commits it together with the rows it describes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, MutableMapping
from datetime import datetime, timedelta
from typing import Any

import orjson

from smartlead_async._convert import parse_datetime
from smartlead_async._validate import utc_text

_DIGEST_BYTES = 8
_ORJSON_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS


def row_digest(row: Mapping[str, Any]) -> str:
    """A 16-hex-digit digest of a row's content (key order does not matter)."""
    data = orjson.dumps(row, option=_ORJSON_OPTIONS)
    return hashlib.blake2b(data, digest_size=_DIGEST_BYTES).hexdigest()


def _moment(value: Any) -> datetime | None:
    if value is None:
        return None
    try:
        return parse_datetime(value)
    except (TypeError, ValueError):
        return None


class ScopeWalk:
    """One walk of one scope: where it starts, which rows are new, and the state it leaves.

    ``saved`` is the scope's state dict (dlt's resource state), changed only by :meth:`commit`.
    ``incremental`` says whether the table has a time cursor; ``recent`` names the row field
    (e.g. ``created_at``) that tells whether an unfiltered walk's row may be read again by the
    next filtered walk, so that only those rows' digests are kept.
    """

    def __init__(
        self,
        saved: MutableMapping[str, Any],
        *,
        started: datetime,
        lookback: timedelta,
        incremental: bool,
        recent: str | None = None,
        full_refresh: bool = False,
        since: datetime | None = None,
    ) -> None:
        self._saved = saved
        self._started = started
        self._incremental = incremental
        self._recent = recent
        previous = saved.get("digests")
        self._previous: dict[str, str] = (
            {} if full_refresh or not isinstance(previous, dict) else previous
        )
        # without a ``recent`` field no row can be told to be out of the next walk's reach:
        # the digests of rows this walk does not read again are kept as they were
        self._digests: dict[str, str] = (
            dict(self._previous) if incremental and recent is None else {}
        )
        cursor = None if full_refresh else _moment(saved.get("cursor"))
        #: The lower time bound of this walk (None: read everything).
        self.since: datetime | None = None
        if incremental:
            self.since = cursor - lookback if cursor is not None else since
        self._horizon = started - lookback

    @property
    def noted(self) -> Mapping[str, Any]:
        """What the last complete walk noted (see :meth:`commit`)."""
        notes = self._saved.get("notes")
        return notes if isinstance(notes, dict) else {}

    def known(self, key: str) -> bool:
        """Whether the last complete walk loaded a row under ``key``."""
        return key in self._previous

    def fresh(self, key: str, row: Mapping[str, Any], *, dated: bool = False) -> bool:
        """Whether ``row`` (under ``key``) must be loaded: new, changed, or not known.

        ``dated``: the row came from a time-filtered request, so the next walk, which reads
        from a little before this one started, may read it again: its digest is kept.
        """
        digest = row_digest(row)
        seen = digest in (self._previous.get(key), self._digests.get(key))
        if dated or self._keeps(row):
            self._digests[key] = digest
        return not seen

    def _keeps(self, row: Mapping[str, Any]) -> bool:
        if not self._incremental or self._recent is None:
            return True
        moment = _moment(row.get(self._recent))
        return moment is None or moment >= self._horizon

    def commit(self, notes: Mapping[str, Any] | None = None) -> None:
        """The walk completed: move the cursor to its start, keep this walk's digests and
        ``notes`` (what the next walk compares against)."""
        if self._incremental:
            self._saved["cursor"] = utc_text(self._started)
        self._saved["digests"] = self._digests
        if notes:
            self._saved["notes"] = dict(notes)
