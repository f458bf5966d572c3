"""No import cycle in or between matching and meetings, and nothing below meetings imports it.

Every import counts: at module level, inside functions and under `TYPE_CHECKING`; an import
inside a function that breaks a cycle is still a cycle. `from package import name` counts as
importing the package's `__init__` (and the submodule, when `name` is one), so a submodule
importing its own package's `__init__` that imports it back is a cycle too.

Run `python meetings/tests/test_imports.py` to list every import between project modules and
every cycle in the whole project.
"""

from __future__ import annotations

import ast
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".venv", "build", "node_modules", "static", "templates", "locale"}
CHECKED = ("matching", "meetings")
# Apps below meetings in the layers (README's architecture table).
BELOW_MEETINGS = ("core", "accounts", "hosts", "profiles", "needs", "events", "matching")


def project_modules() -> dict[str, Path]:
    """Dotted module name → file, for every Python file of the project's packages."""
    modules = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if any(part in SKIP or part.startswith(".") for part in parts) or len(parts) < 2:
            continue
        name = ".".join(parts)[: -len(".py")]
        modules[name.removesuffix(".__init__")] = path
    return modules


def _targets(node: ast.AST, here: str, is_package: bool, modules) -> set[str]:
    """The project modules one import statement loads by name."""
    found: set[str] = set()
    if isinstance(node, ast.Import):
        for alias in node.names:
            name = alias.name
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
        return found
    assert isinstance(node, ast.ImportFrom)
    base = node.module or ""
    if node.level:
        package = here if is_package else here.rpartition(".")[0]
        for _up in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    if base in modules:
        found.add(base)
    for alias in node.names:
        if f"{base}.{alias.name}" in modules:
            found.add(f"{base}.{alias.name}")
    return found


@cache
def import_graph() -> dict[str, set[str]]:
    """module → the project modules it imports anywhere in its body."""
    modules = project_modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        edges: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                edges |= _targets(node, name, is_package, modules)
        edges.discard(name)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
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
    return found


def _in(module: str, apps) -> bool:
    return module.split(".")[0] in apps


def test_cycle_finder_sees_imports_inside_functions_and_package_inits():
    graph = {"a": {"a.b"}, "a.b": {"a"}, "c": {"d"}, "d": set()}
    assert cycles(graph) == [["a", "a.b"]]
    tree = ast.parse("def f():\n    from matching.engine import institutions\n")
    node = next(n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom))
    modules = project_modules()
    assert _targets(node, "meetings.x", False, modules) == {
        "matching.engine",
        "matching.engine.institutions",
    }


def test_no_import_cycle_in_or_between_matching_and_meetings():
    graph = import_graph()
    assert {m for m in graph if _in(m, ("meetings",))} >= {"meetings.models", "meetings.api"}
    assert [c for c in cycles(graph) if any(_in(m, CHECKED) for m in c)] == []


def test_nothing_below_meetings_imports_it():
    graph = import_graph()
    upward = sorted(
        (module, target)
        for module, targets in graph.items()
        if _in(module, BELOW_MEETINGS)
        for target in targets
        if _in(target, ("meetings",))
    )
    assert upward == []


def test_the_meetings_engine_is_free_of_django():
    for path in (ROOT / "meetings" / "engine").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        ] + [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
        assert [n for n in names if n.split(".")[0] == "django"] == [], path.name


if __name__ == "__main__":
    graph = import_graph()
    for module in sorted(graph):
        for target in sorted(graph[module]):
            sys.stdout.write(f"{module} -> {target}\n")
    for component in cycles(graph):
        sys.stdout.write("cycle: " + " ".join(component) + "\n")
