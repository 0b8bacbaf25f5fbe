"""``smartlead_source``: a dlt source whose resources are fed by the SDK's async iterators.

Each table is one dlt resource: an async generator that walks every workspace at once (each
inside its own rate gate, since each has its own key) and, for per-campaign tables, several
campaigns at once. A workspace or campaign that fails is recorded and skipped; its state does
not move, so the next sync reads it again.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import (
    AsyncGenerator,
    Callable,
    Iterable,
    Mapping,
    MutableMapping,
    Sequence,
)
from datetime import UTC, date, datetime, timedelta
from typing import Any, Final, TypeVar

import attrs

from smartlead_async._redact import drop_credentials
from smartlead_async._validate import check_datetime
from smartlead_async.errors import (
    InvalidTypeError,
    ResponseValidationError,
    SmartleadError,
    SyncFailedError,
    ValidationError,
)
from smartlead_async.sync._columns import column_hints
from smartlead_async.sync._state import ScopeWalk
from smartlead_async.sync._tables import TABLES, Read, Table
from smartlead_async.sync._workspaces import (
    Workspace,
    WorkspaceSession,
    check_workspaces,
    client_factory,
)

T = TypeVar("T")

#: How far back of the last sync's start each incremental walk reads again: covers clock
#: skew and rows the API indexes late. Rows it reads unchanged are not loaded again.
DEFAULT_LOOKBACK: Final = timedelta(minutes=10)
#: Campaigns walked at once per workspace and table (the rate gate paces the requests).
CAMPAIGN_CONCURRENCY: Final = 8
#: Batches buffered per table between the walks and dlt.
_BUFFER = 16


@attrs.frozen
class SyncFailure:
    """One part of a sync that failed: a workspace's table, or one campaign of it."""

    workspace: str
    resource: str
    error: BaseException = attrs.field(eq=False)
    campaign_id: int | None = None

    def __str__(self) -> str:
        where = f" campaign {self.campaign_id}" if self.campaign_id is not None else ""
        return f"{self.workspace} {self.resource}{where}: {type(self.error).__name__}: {self.error}"


class SyncTracker:
    """Rows read per (resource, workspace) and the failures of one sync (thread-safe).

    ``on_rows(resource, workspace, rows)`` is called as batches reach dlt (from dlt's thread).
    """

    def __init__(self, on_rows: Callable[[str, str, int], None] | None = None) -> None:
        self._lock = threading.Lock()
        self._on_rows = on_rows
        self.rows: dict[tuple[str, str], int] = {}
        self.unchanged: dict[tuple[str, str], int] = {}
        self.failures: list[SyncFailure] = []
        self.requests: dict[str, int] = {}
        self.rate_limited: dict[str, int] = {}

    def sent(self, workspace: str, requests: int, rate_limited: int) -> None:
        """Record the HTTP requests a workspace's client sent and the 429s it received."""
        with self._lock:
            self.requests[workspace] = self.requests.get(workspace, 0) + requests
            self.rate_limited[workspace] = self.rate_limited.get(workspace, 0) + rate_limited

    def count(self, resource: str, workspace: str, rows: int, unchanged: int) -> None:
        """Record a batch: ``rows`` handed to dlt, ``unchanged`` skipped."""
        with self._lock:
            key = (resource, workspace)
            self.rows[key] = self.rows.get(key, 0) + rows
            self.unchanged[key] = self.unchanged.get(key, 0) + unchanged
        if self._on_rows is not None and rows:
            self._on_rows(resource, workspace, rows)

    def fail(self, failure: SyncFailure) -> None:
        """Record a failed part."""
        with self._lock:
            self.failures.append(failure)


def select_tables(resources: Iterable[str] | str | None) -> list[Table]:
    """The tables named by ``resources`` (None: all), in the catalog's order."""
    if resources is None:
        return list(TABLES.values())
    names = [resources] if isinstance(resources, str) else list(resources)
    unknown = [name for name in names if name not in TABLES]
    if unknown or not names:
        raise ValidationError(
            f"unknown resource(s) {', '.join(map(repr, unknown)) or '(none given)'}; "
            f"choose from {', '.join(TABLES)}"
        )
    chosen = set(names)
    return [table for name, table in TABLES.items() if name in chosen]


def check_lookback(lookback: timedelta) -> timedelta:
    """A non-negative :class:`timedelta`."""
    if not isinstance(lookback, timedelta):
        raise InvalidTypeError(f"lookback must be a timedelta, got {type(lookback).__name__}")
    if lookback < timedelta(0):
        raise ValidationError(f"lookback must not be negative, got {lookback}")
    return lookback


def _key_of(table: Table, row: Mapping[str, Any]) -> str:
    parts = []
    for name in table.key:
        value = row.get(name)
        if value is None or value == "":
            raise ResponseValidationError(
                f"a {table.name} row has no {name!r}, its key; it cannot be merged",
                model=table.name,
                field=name,
            )
        parts.append(str(value))
    return "|".join(parts)


def _add_columns(row: dict[str, Any], columns: Mapping[str, Any]) -> dict[str, Any]:
    """``row`` with ``columns`` set; a different wire value moves to ``wire_<name>``."""
    for name, value in columns.items():
        current = row.get(name)
        if current is not None and current != value:
            row[f"wire_{name}"] = current
        row[name] = value
    return row


class _Sync:
    """The shared facts of one source: workspaces, options, sessions, state and tracker."""

    def __init__(
        self,
        workspaces: list[Workspace],
        *,
        since: datetime | None,
        full_refresh: bool,
        lookback: timedelta,
        client_options: Mapping[str, Any] | None,
        tracker: SyncTracker | None,
    ) -> None:
        make = client_factory(client_options)
        self.tracker = tracker if tracker is not None else SyncTracker()
        self.sessions = [WorkspaceSession(space, make, self.tracker.sent) for space in workspaces]
        self.since = since
        self.full_refresh = full_refresh
        self.lookback = lookback
        self.started = datetime.now(UTC)
        self.snapshot_date = self.started.date()
        self.raise_failures = tracker is None

    async def table_rows(
        self, table: Table, state: MutableMapping[str, Any]
    ) -> AsyncGenerator[list[dict[str, Any]], None]:
        """Every new or changed row of ``table``, all workspaces at once, in batches."""
        walks = [
            _factory(self._workspace_rows, table, session, _child(state, session.workspace.name))
            for session in self.sessions
        ]
        async for batch in merged(walks, concurrency=len(walks)):
            yield batch
        mine = [f for f in self.tracker.failures if f.resource == table.name]
        if mine and self.raise_failures:
            raise SyncFailedError(mine)

    async def _workspace_rows(
        self, table: Table, session: WorkspaceSession, state: MutableMapping[str, Any]
    ) -> AsyncGenerator[list[dict[str, Any]], None]:
        name = session.workspace.name
        try:
            async with session.client() as client:
                if not table.per_campaign:
                    async for batch in self._scope_rows(
                        table, Read(client, session, None, None, self.started), state
                    ):
                        yield batch
                    return
                campaigns = [c.id for c in await session.campaigns(client)]
                walks = [
                    _factory(
                        self._scope_rows,
                        table,
                        Read(client, session, campaign, None, self.started),
                        _child(state, str(campaign)),
                    )
                    for campaign in campaigns
                ]
                async for batch in merged(walks, concurrency=CAMPAIGN_CONCURRENCY):
                    yield batch
        except SmartleadError as exc:
            self.tracker.fail(SyncFailure(name, table.name, exc))

    async def _scope_rows(
        self, table: Table, read: Read, saved: MutableMapping[str, Any]
    ) -> AsyncGenerator[list[dict[str, Any]], None]:
        walk = ScopeWalk(
            saved,
            started=self.started,
            lookback=self.lookback,
            incremental=table.incremental is not None,
            recent=table.recent,
            full_refresh=self.full_refresh,
            since=self.since,
        )
        read = attrs.evolve(read, since=walk.since, noted=walk.noted, known=walk.known)
        added: dict[str, Any] = {}
        if read.campaign is not None:
            added["campaign_id"] = read.campaign
        if table.snapshot:
            added["snapshot_date"] = self.snapshot_date.isoformat()
        stamp = {"workspace": read.session.workspace.name, "synced_at": self.started}
        try:
            async for models, dated in table.fetch(read):
                batch = []
                for model in models:
                    row = _add_columns(drop_credentials(model.to_dict()), added)
                    if walk.fresh(_key_of(table, row), row, dated=dated):
                        batch.append(_add_columns(row, stamp))
                self.tracker.count(
                    table.name, read.session.workspace.name, len(batch), len(models) - len(batch)
                )
                if batch:
                    yield batch
        except SmartleadError as exc:
            if read.campaign is None:
                raise
            failure = SyncFailure(read.session.workspace.name, table.name, exc, read.campaign)
            self.tracker.fail(failure)
            return
        walk.commit(read.notes)


def _child(state: MutableMapping[str, Any], name: str) -> MutableMapping[str, Any]:
    child = state.get(name)
    if not isinstance(child, dict):
        child = state[name] = {}
    return child


def _factory(
    fn: Callable[..., AsyncGenerator[list[dict[str, Any]], None]], *args: Any
) -> Callable[[], AsyncGenerator[list[dict[str, Any]], None]]:
    return lambda: fn(*args)


async def merged(
    streams: Sequence[Callable[[], AsyncGenerator[T, None]]], *, concurrency: int
) -> AsyncGenerator[T, None]:
    """The items of many async streams as they arrive, at most ``concurrency`` at once.

    An error in a stream cancels the rest and is raised here; closing this generator cancels
    every stream still running.
    """
    queue: asyncio.Queue[tuple[bool, Any]] = asyncio.Queue(_BUFFER)
    pending = iter(streams)

    async def worker() -> None:
        for start in pending:
            async with contextlib.aclosing(start()) as stream:
                async for item in stream:
                    await queue.put((True, item))

    async def run() -> None:
        try:
            async with asyncio.TaskGroup() as group:
                for _ in range(max(1, min(concurrency, len(streams)))):
                    group.create_task(worker())
        except Exception as exc:  # handed to the consumer, which raises it
            first = exc.exceptions[0] if isinstance(exc, ExceptionGroup) else exc
            await queue.put((False, first))
            return
        await queue.put((False, None))

    task = asyncio.ensure_future(run())
    try:
        while True:
            ok, item = await queue.get()
            if ok:
                yield item
            elif item is not None:
                raise item
            else:
                return
    finally:
        if not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)


def smartlead_source(
    workspaces: Workspace | Iterable[Workspace] | None = None,
    *,
    resources: Iterable[str] | str | None = None,
    since: datetime | date | str | None = None,
    full_refresh: bool = False,
    lookback: timedelta = DEFAULT_LOOKBACK,
    client_options: Mapping[str, Any] | None = None,
    tracker: SyncTracker | None = None,
) -> Any:
    """A dlt source of Smartlead data: ``pipeline.run(smartlead_source([...]))``.

    ``workspaces``: one :class:`Workspace` per API key (None: ``SMARTLEAD_API_KEY`` as
    ``default``). ``resources``: which tables (names in :data:`TABLES`; default all).
    ``since``: where the first sync of incremental tables starts (later syncs continue from
    their state). ``full_refresh``: read and load everything again, ignoring the state.
    ``lookback``: how far before the last sync's start incremental walks read again.
    ``client_options``: keywords for each workspace's :class:`SmartleadClient` (rate limits,
    timeout, retry). With a ``tracker``, failed workspaces and campaigns are recorded there and
    the rest loads; without one, they raise :class:`SyncFailedError` once the rest is read.
    """
    import dlt

    chosen = select_tables(resources)
    sync = _Sync(
        check_workspaces(workspaces),
        since=check_datetime("since", since),
        full_refresh=bool(full_refresh),
        lookback=check_lookback(lookback),
        client_options=client_options,
        tracker=tracker,
    )
    made = [_resource(dlt, sync, table) for table in chosen]

    @dlt.source(name="smartlead")
    def smartlead() -> Any:
        return made

    return smartlead()


def _resource(dlt: Any, sync: _Sync, table: Table) -> Any:
    columns = column_hints(table.model)
    columns["workspace"] = {"data_type": "text", "nullable": False}
    columns["synced_at"] = {"data_type": "timestamp"}
    if table.per_campaign:
        columns["campaign_id"] = {"data_type": "bigint"}
    if table.snapshot:
        columns["snapshot_date"] = {"data_type": "date"}

    async def rows() -> AsyncGenerator[list[dict[str, Any]], None]:
        state = dlt.current.resource_state()
        async for batch in sync.table_rows(table, state):
            yield batch

    return dlt.resource(
        rows,
        name=table.name,
        primary_key=list(table.primary_key),
        write_disposition="merge",
        columns=columns,
    )
