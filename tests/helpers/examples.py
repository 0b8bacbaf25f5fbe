"""The scripts under ``examples/``, loaded as modules for in-process tests."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from tests.helpers.paths import EXAMPLES


def load_example(name: str) -> ModuleType:
    """Import ``examples/<name>`` (a script, not a package) under a private module name."""
    path = EXAMPLES / name
    assert path.is_file(), f"no example {name} in {EXAMPLES}"
    spec = importlib.util.spec_from_file_location(f"example_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
