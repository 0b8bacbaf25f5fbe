"""The sandbox fixtures' types, where earlier versions defined the pytest plugin.

The plugin itself is the top-level module :mod:`smartlead_async_pytest` (so that loading it
imports nothing of the SDK); this module re-exports its public names.
"""

from __future__ import annotations

from smartlead_async_pytest import UNLIMITED_CLIENT_WINDOW, SandboxClient

__all__ = ["UNLIMITED_CLIENT_WINDOW", "SandboxClient"]
