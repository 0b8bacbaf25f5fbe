"""The package's import graph has no cycles.

Every import counts: module level, ``TYPE_CHECKING`` blocks and imports inside functions.
A cycle means two modules each need the other, which the layering (DESIGN section 1) forbids.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import smartlead_async

PACKAGE = Path(smartlead_async.__file__).resolve().parent
NAME = "smartlead_async"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imported(module: str, path: Path, known: set[str]) -> Iterator[str]:
    """The package modules ``module`` imports (``from x import y`` counts ``x.y`` if a module)."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            names = [source, *(f"{source}.{alias.name}" for alias in node.names)]
        else:
            continue
        for name in names:
            if name in known and name != module:
                yield name


def import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports."""
    modules = _modules()
    known = set(modules)
    return {module: set(_imported(module, path, known)) for module, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def _package_parent_edges(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Importing ``a.b`` runs ``a/__init__`` first: the importer depends on the package too."""
    edges = {module: set(targets) for module, targets in graph.items()}
    for module, targets in graph.items():
        for target in targets:
            parts = target.split(".")
            for depth in range(2, len(parts)):
                parent = ".".join(parts[:depth])
                if parent in graph and parent != module and not module.startswith(parent + "."):
                    edges[module].add(parent)
    return edges


def test_the_import_graph_is_found() -> None:
    graph = import_graph()
    assert "smartlead_async.client" in graph
    assert "smartlead_async.resources._base" in graph["smartlead_async.resources.clients"]


def test_cycles_are_detected() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_no_import_cycles() -> None:
    found = cycles(_package_parent_edges(import_graph()))
    assert found == [], "import cycles:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_every_exception_class_is_defined_in_errors() -> None:
    import importlib
    import inspect
    import pkgutil

    import smartlead_async

    outside: list[str] = []
    for info in pkgutil.walk_packages(smartlead_async.__path__, "smartlead_async."):
        if info.name.endswith("__main__"):
            continue  # running it is the CLI
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__.startswith("smartlead_async")
                and value.__module__ != "smartlead_async.errors"
            ):
                outside.append(f"{value.__module__}.{name}")
    assert outside == []
