"""Warehouse sync: Smartlead into DuckDB or any dlt destination, incremental and resumable.

Needs the ``sync`` extra (``pip install 'smartlead-async[sync]'``: dlt and duckdb)::

    from smartlead_async.sync import Workspace, sync

    report = sync([Workspace("acme", KEY_A), Workspace("globex", KEY_B)])
    print(report.loaded)            # rows per table; a second run with no changes loads none

or, with a pipeline of your own, ``pipeline.run(smartlead_source([...]))``.
"""

from __future__ import annotations

try:
    import dlt as _dlt  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "smartlead_async.sync needs the 'sync' extra: pip install 'smartlead-async[sync]'"
    ) from exc

from smartlead_async.errors import SyncFailedError, SyncLoadError
from smartlead_async.sync._run import (
    DEFAULT_DATASET,
    DEFAULT_DESTINATION,
    DEFAULT_PIPELINE,
    SyncReport,
    redact_destination,
    resolve_destination,
    sync,
    sync_async,
)
from smartlead_async.sync._source import (
    DEFAULT_LOOKBACK,
    SyncFailure,
    SyncTracker,
    smartlead_source,
)
from smartlead_async.sync._tables import TABLES, Table
from smartlead_async.sync._workspaces import (
    DEFAULT_WORKSPACE,
    Workspace,
    parse_workspace,
    read_keys_file,
)

__all__ = [
    "DEFAULT_DATASET",
    "DEFAULT_DESTINATION",
    "DEFAULT_LOOKBACK",
    "DEFAULT_PIPELINE",
    "DEFAULT_WORKSPACE",
    "TABLES",
    "SyncFailedError",
    "SyncFailure",
    "SyncLoadError",
    "SyncReport",
    "SyncTracker",
    "Table",
    "Workspace",
    "parse_workspace",
    "read_keys_file",
    "redact_destination",
    "resolve_destination",
    "smartlead_source",
    "sync",
    "sync_async",
]
