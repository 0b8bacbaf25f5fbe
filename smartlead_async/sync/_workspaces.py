"""Workspaces (one API key each) and the client each one shares across a sync's tables."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from smartlead_async._redact import Secret
from smartlead_async.client import SmartleadClient
from smartlead_async.errors import ConfigurationError, InvalidTypeError, ValidationError
from smartlead_async.models.campaigns import Campaign

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
#: The workspace name used when one key comes from ``SMARTLEAD_API_KEY``.
DEFAULT_WORKSPACE = "default"


class Workspace:
    """One Smartlead workspace to sync: a ``name`` (the ``workspace`` column) and its API key.

    ``base_url`` overrides the API address for this workspace (a sandbox, a proxy). The key
    never shows in a ``repr`` and never reaches the destination, dlt's state or its logs.
    """

    __slots__ = ("_key", "base_url", "name")

    def __init__(self, name: str, api_key: str, *, base_url: str | None = None) -> None:
        if not isinstance(name, str) or not _NAME.match(name):
            raise ValidationError(
                f"workspace name {name!r} must be 1-64 letters, digits, '_', '.' or '-', "
                "starting with a letter or digit"
            )
        if not isinstance(api_key, str) or not api_key.strip():
            raise ValidationError(f"workspace {name!r} has an empty API key")
        if base_url is not None and not isinstance(base_url, str):
            raise InvalidTypeError(f"base_url must be a str, got {type(base_url).__name__}")
        self.name = name
        self._key = Secret(api_key.strip())
        self.base_url = base_url

    @property
    def api_key(self) -> str:
        """The workspace's API key (read only where it is sent)."""
        return self._key.value

    def __repr__(self) -> str:
        return f"Workspace({self.name!r}, api_key='***')"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Workspace) and (self.name, self.api_key, self.base_url) == (
            other.name,
            other.api_key,
            other.base_url,
        )

    def __hash__(self) -> int:
        return hash((self.name, self.base_url))


def parse_workspace(text: str, *, where: str = "workspace") -> Workspace:
    """A workspace from ``NAME=KEY`` text (the CLI's ``--workspace`` and ``--keys`` lines)."""
    name, sep, key = text.partition("=")
    if not sep or not name.strip() or not key.strip():
        raise ValidationError(f"{where}: expected NAME=KEY, got {_masked(text)!r}")
    return Workspace(name.strip(), key.strip())


def _masked(text: str) -> str:
    name, sep, _ = text.partition("=")
    return f"{name}=***" if sep else ("***" if len(text) > 8 else text)


def read_keys_file(path: str | Path) -> list[Workspace]:
    """Workspaces from a file of ``NAME=KEY`` lines (blank lines and ``#`` comments skipped)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"cannot read the keys file {path}: {exc}") from None
    spaces = [
        parse_workspace(line.strip(), where=f"{path} line {number}")
        for number, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not spaces:
        raise ConfigurationError(f"the keys file {path} holds no NAME=KEY line")
    return spaces


def check_workspaces(workspaces: Workspace | Iterable[Workspace] | None) -> list[Workspace]:
    """The workspaces to sync: distinct names and keys; None means ``SMARTLEAD_API_KEY``."""
    if workspaces is None:
        key = os.environ.get("SMARTLEAD_API_KEY", "").strip()
        if not key:
            raise ConfigurationError(
                "no workspace to sync: pass workspaces=[Workspace(name, api_key)] "
                "or set SMARTLEAD_API_KEY"
            )
        return [Workspace(DEFAULT_WORKSPACE, key, base_url=os.environ.get("SMARTLEAD_BASE_URL"))]
    spaces = [workspaces] if isinstance(workspaces, Workspace) else list(workspaces)
    names: set[str] = set()
    keys: dict[tuple[str, str | None], str] = {}
    for space in spaces:
        if not isinstance(space, Workspace):
            raise InvalidTypeError(f"workspaces must hold Workspace objects, got {space!r}")
        if space.name in names:
            raise ValidationError(f"workspace name {space.name!r} is given twice")
        twin = keys.get((space.api_key, space.base_url))
        if twin is not None:
            raise ValidationError(
                f"workspaces {twin!r} and {space.name!r} use the same API key; "
                "each workspace has its own"
            )
        names.add(space.name)
        keys[(space.api_key, space.base_url)] = space.name
    if not spaces:
        raise ValidationError("workspaces is empty: give at least one Workspace")
    return spaces


ClientFactory = Callable[[Workspace], SmartleadClient]


def client_factory(options: Mapping[str, Any] | None) -> ClientFactory:
    """Clients built with ``options`` (any :class:`SmartleadClient` keyword but the key)."""
    extra = dict(options or {})
    for name in ("api_key", "base_url", "session"):
        if name in extra:
            raise ValidationError(
                f"client_options must not set {name!r}: it comes from each Workspace"
            )

    def make(space: Workspace) -> SmartleadClient:
        return SmartleadClient(space.api_key, base_url=space.base_url, **extra)

    return make


class WorkspaceSession:
    """One workspace's client and campaign list, shared by every table of one extraction.

    The client opens with the first table that needs it and closes with the last one. Both
    belong to the event loop dlt runs the extraction on; a new loop starts afresh.
    """

    def __init__(
        self,
        workspace: Workspace,
        make_client: ClientFactory,
        on_close: Callable[[str, int, int], None] | None = None,
    ) -> None:
        self.workspace = workspace
        self._make_client = make_client
        #: Called with (workspace name, requests sent, 429s received) as each client closes.
        self._on_close = on_close
        self._loop: asyncio.AbstractEventLoop | None = None
        self._client: SmartleadClient | None = None
        self._users = 0
        self._campaigns: asyncio.Future[list[Campaign]] | None = None

    def _bind(self) -> None:
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            self._loop, self._client, self._users, self._campaigns = loop, None, 0, None

    @contextlib.asynccontextmanager
    async def client(self) -> AsyncIterator[SmartleadClient]:
        """The workspace's client for the duration of one table's walk."""
        self._bind()
        if self._client is None:
            self._client = self._make_client(self.workspace)
        client = self._client
        self._users += 1
        try:
            yield client
        finally:
            self._users -= 1
            if self._users == 0 and self._client is client:
                self._client = None
                try:
                    await client.aclose()
                finally:
                    if self._on_close is not None:
                        sent, limited = client.requests_sent, client.rate_limited
                        self._on_close(self.workspace.name, sent, limited)

    async def campaigns(self, client: SmartleadClient) -> list[Campaign]:
        """Every campaign of the workspace (one ``GET /campaigns`` per extraction)."""
        self._bind()
        if self._campaigns is None:
            self._campaigns = asyncio.ensure_future(client.campaigns.list())
        return list(await asyncio.shield(self._campaigns))
