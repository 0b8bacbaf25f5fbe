"""``sync()``: run the Smartlead source through a dlt pipeline and report what landed."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Final

import attrs

from smartlead_async._redact import redact_secrets
from smartlead_async._validate import check_int
from smartlead_async.errors import ConfigurationError, SyncFailedError, SyncLoadError
from smartlead_async.sync._source import (
    DEFAULT_LOOKBACK,
    SyncFailure,
    SyncTracker,
    smartlead_source,
)
from smartlead_async.sync._workspaces import Workspace, check_workspaces

#: Where ``sync()`` loads by default: a DuckDB file in the working directory.
DEFAULT_DESTINATION: Final = "duckdb:///smartlead.duckdb"
DEFAULT_DATASET: Final = "smartlead_data"
DEFAULT_PIPELINE: Final = "smartlead"
_DUCKDB = "duckdb:///"
_PASSWORD_IN_URL = re.compile(r"(?<=://)([^:/@]*):[^@/]*@")


def redact_destination(text: str) -> str:
    """A destination reference fit to print: any password in a URL masked."""
    return _PASSWORD_IN_URL.sub(r"\1:***@", text)


def resolve_destination(destination: Any) -> tuple[Any, str | None]:
    """A dlt destination for ``destination`` and the loader file format to use with it.

    ``duckdb:///PATH`` is a DuckDB file (relative to the working directory); a bare name
    (``postgres``, ``bigquery``, ``snowflake``...) takes its credentials from dlt's config;
    ``NAME://...`` passes the URL as the credentials. Anything else is handed to dlt as is.
    """
    from dlt.common.destination import Destination

    if not isinstance(destination, str):
        return destination, None
    text = destination.strip()
    if not text:
        raise ConfigurationError("destination is empty; e.g. duckdb:///smartlead.duckdb")
    try:
        if text.startswith(_DUCKDB):
            path = text[len(_DUCKDB) :]
            if not path:
                raise ConfigurationError("duckdb:/// needs a file path, e.g. duckdb:///sl.duckdb")
            return Destination.from_reference("duckdb", credentials=path), "jsonl"
        name, sep, _ = text.partition("://")
        if sep:
            name = {"postgresql": "postgres"}.get(name, name)
            return Destination.from_reference(name, credentials=text), None
        return Destination.from_reference(text), "jsonl" if text == "duckdb" else None
    except ConfigurationError:
        raise
    except Exception as exc:
        raise ConfigurationError(
            f"unknown or unusable destination {redact_destination(text)!r}: {exc}"
        ) from None


@attrs.frozen
class SyncReport:
    """What one sync did.

    ``loaded``: rows written per destination table (nested tables such as
    ``campaign_sequences__seq_variants`` included). ``read``/``unchanged``: per
    ``(resource, workspace)``, rows handed to dlt and rows skipped as already loaded.
    ``failures``: the parts that failed (their state did not move). ``requests``: HTTP
    requests per workspace; ``rate_limited``: the 429 answers among them.
    """

    pipeline_name: str
    dataset_name: str
    destination: str
    workspaces: tuple[str, ...]
    resources: tuple[str, ...]
    loaded: dict[str, int]
    read: dict[tuple[str, str], int]
    unchanged: dict[tuple[str, str], int]
    failures: tuple[SyncFailure, ...]
    elapsed: float
    #: The dlt load ids this sync wrote (``_dlt_load_id`` of the rows it loaded).
    load_ids: tuple[str, ...] = ()
    #: Load ids of an interrupted earlier sync that this one finished loading first.
    resumed_load_ids: tuple[str, ...] = ()
    requests: dict[str, int] = attrs.field(factory=dict)
    rate_limited: dict[str, int] = attrs.field(factory=dict)
    #: Seconds spent in each dlt step of this sync: ``extract`` (the reads), ``normalize``
    #: and ``load``.
    steps: dict[str, float] = attrs.field(factory=dict)

    @property
    def ok(self) -> bool:
        """True when every workspace and resource synced."""
        return not self.failures

    @property
    def failed_workspaces(self) -> tuple[str, ...]:
        """The workspaces with at least one failed part."""
        return tuple(dict.fromkeys(f.workspace for f in self.failures))

    def rows_loaded(self, resource: str) -> int:
        """Rows written to ``resource``'s own table (nested tables not counted)."""
        return self.loaded.get(resource, 0)

    def raise_for_failures(self) -> None:
        """Raise :class:`SyncFailedError` when any part failed."""
        if self.failures:
            raise SyncFailedError(self.failures)


def sync(
    workspaces: Workspace | Iterable[Workspace] | None = None,
    *,
    destination: Any = DEFAULT_DESTINATION,
    dataset_name: str = DEFAULT_DATASET,
    pipeline_name: str = DEFAULT_PIPELINE,
    pipelines_dir: str | Path | None = None,
    resources: Iterable[str] | str | None = None,
    since: datetime | date | str | None = None,
    full_refresh: bool = False,
    lookback: timedelta = DEFAULT_LOOKBACK,
    client_options: Mapping[str, Any] | None = None,
    on_rows: Callable[[str, str, int], None] | None = None,
    normalize_workers: int | None = None,
) -> SyncReport:
    """Sync Smartlead into a warehouse (DuckDB file by default); blocks until loaded.

    Every workspace is read at once, each inside its own rate gate; one that fails does not
    stop the others (see :attr:`SyncReport.failures`). State lives in the destination with
    the data (and in dlt's ``pipelines_dir``), so an interrupted sync simply runs again.
    From async code use :func:`sync_async`. ``on_rows(resource, workspace, rows)`` reports
    progress from dlt's extraction thread. ``normalize_workers``: processes dlt normalizes
    the rows in once they are read (None: dlt's config, 1 by default); more than 1 shortens a
    large sync on a multi-core machine, and like any process pool needs the main module to
    guard its entry point with ``if __name__ == "__main__":``. The other arguments are those
    of :func:`smartlead_source`.
    """
    import dlt

    os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")
    _quiet_null_column_warnings()
    if normalize_workers is not None:
        check_int("normalize_workers", normalize_workers, 1, 256)
    spaces = check_workspaces(workspaces)
    tracker = SyncTracker(on_rows)
    source = smartlead_source(
        spaces,
        resources=resources,
        since=since,
        full_refresh=full_refresh,
        lookback=lookback,
        client_options=client_options,
        tracker=tracker,
    )
    target, file_format = resolve_destination(destination)
    shown = redact_destination(destination) if isinstance(destination, str) else repr(target)
    options: dict[str, Any] = {"pipelines_dir": str(pipelines_dir)} if pipelines_dir else {}
    pipeline = dlt.pipeline(
        pipeline_name=pipeline_name, destination=target, dataset_name=dataset_name, **options
    )
    began = time.monotonic()
    try:
        with _dlt_settings(normalize_workers):
            resumed = _finish_interrupted(pipeline)
            info = pipeline.run(source, loader_file_format=file_format)
    except Exception as exc:
        secrets = [space.api_key for space in spaces]
        raise SyncLoadError(_failure_text(exc, secrets), destination=shown) from None
    normalized = pipeline.last_trace.last_normalize_info if pipeline.last_trace else None
    counts = normalized.row_counts if normalized is not None else {}
    return SyncReport(
        pipeline_name=pipeline_name,
        dataset_name=dataset_name,
        destination=shown,
        workspaces=tuple(space.name for space in spaces),
        resources=tuple(source.resources.keys()),
        loaded={table: rows for table, rows in counts.items() if not table.startswith("_dlt")},
        read=dict(tracker.rows),
        unchanged=dict(tracker.unchanged),
        failures=tuple(tracker.failures),
        elapsed=time.monotonic() - began,
        load_ids=tuple(info.loads_ids),
        resumed_load_ids=resumed,
        requests=dict(tracker.requests),
        rate_limited=dict(tracker.rate_limited),
        steps=_step_seconds(pipeline.last_trace),
    )


#: Rows per extracted file when several workers normalize (files are what they share; at
#: 20,000 the two workers of a 2-core machine finished 545k rows in 12.8 s, at 50,000 15.3 s).
_ROWS_PER_FILE = 20_000
#: dlt settings every sync uses unless the environment sets them: its intermediate files live
#: only until they are loaded, so they are written uncompressed (compressing them cost a
#: quarter of normalize and competed with the reads for the CPU), and a load's files are
#: deleted once the destination holds their rows (only the package's state is kept).
_RUN_DEFAULTS = {
    "DATA_WRITER__DISABLE_COMPRESSION": "true",
    "LOAD__DELETE_COMPLETED_JOBS": "true",
}


@contextlib.contextmanager
def _dlt_settings(workers: int | None) -> Iterator[None]:
    """dlt's settings for one run: :data:`_RUN_DEFAULTS` and ``workers`` normalize processes."""
    settings = {name: value for name, value in _RUN_DEFAULTS.items() if name not in os.environ}
    if workers is not None:
        settings["NORMALIZE__WORKERS"] = str(workers)
        if workers > 1:
            settings["EXTRACT__DATA_WRITER__FILE_MAX_ITEMS"] = str(_ROWS_PER_FILE)
    saved = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _step_seconds(trace: Any) -> dict[str, float]:
    steps: dict[str, float] = {}
    for step in getattr(trace, "steps", None) or ():
        if step.finished_at is not None and step.step in ("extract", "normalize", "load"):
            seconds = (step.finished_at - step.started_at).total_seconds()
            steps[step.step] = steps.get(step.step, 0.0) + seconds
    return steps


class _NullColumnNotice(logging.Filter):
    """Drops dlt's warning about columns that held only nulls in a load.

    Such a column (an extra key the API sent as null, say) is created, with the type dlt
    infers, by the first load that carries a value for it; nothing is lost meanwhile. The
    warning would otherwise repeat on every sync.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return "did not receive any data during this load" not in record.getMessage()


def _quiet_null_column_warnings() -> None:
    logger = logging.getLogger("dlt")
    if not any(isinstance(f, _NullColumnNotice) for f in logger.filters):
        logger.addFilter(_NullColumnNotice())


def _finish_interrupted(pipeline: Any) -> tuple[str, ...]:
    """Load what a killed earlier sync left extracted or normalized; its load ids.

    dlt keeps such packages (rows and the state they move to) in the pipeline's folder, and
    its ``run`` loads them *instead of* extracting anew; loading them first lets this sync
    then read what changed since, from the state they carry.
    """
    if not pipeline.has_pending_data:
        return ()
    info = pipeline.run()
    return tuple(info.loads_ids) if info is not None else ()


def _failure_text(exc: BaseException, secrets: list[str]) -> str:
    """The innermost cause of a dlt failure, as one line without any key."""
    inner: BaseException = exc
    while inner.__cause__ is not None or inner.__context__ is not None:
        nxt = inner.__cause__ or inner.__context__
        assert nxt is not None
        inner = nxt
    text = f"{type(inner).__name__}: {inner}" if inner is not exc else str(exc)
    return " ".join(redact_secrets(text, secrets).split())[:2000]


async def sync_async(*args: Any, **kwargs: Any) -> SyncReport:
    """:func:`sync` from async code: runs it in a worker thread so the event loop stays free."""
    return await asyncio.to_thread(sync, *args, **kwargs)
