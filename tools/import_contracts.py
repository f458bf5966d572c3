"""An import-linter contract that no module takes part in an import cycle.

import-linter's own contracts check layers between packages and cycles between siblings; this one
looks at every module of the root packages at once, so it also catches a cycle inside one app
(`profiles.needs` ↔ `profiles.services`) and a submodule importing its own package's `__init__`
while the `__init__` imports it back. grimp records every import statement — inside functions and
under `TYPE_CHECKING` included — so an import moved into a function to dodge a cycle still counts.

Configured in pyproject.toml (`[tool.importlinter]`), run by `lint-imports` in `make test`.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import grimp
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


def strongly_connected(modules: set[str], edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative: the groups of two or more modules that import each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    counter = 0
    for root in sorted(modules):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def _source(module: str) -> Path | None:
    root, *rest = module.split(".")
    spec = importlib.util.find_spec(root)
    if spec is None or spec.origin is None:
        return None
    base = Path(spec.origin).parent.joinpath(*rest)
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.exists():
            return candidate
    return None


def _imports_of_own_packages(modules: set[str]):
    """(module, package) for each `from <package> import name` in a module of that package.

    grimp records `from pkg import submodule` as an import of the submodule only; but the
    statement runs the package's `__init__` in the middle of importing one of its own modules,
    which is a cycle whenever the `__init__` imports that module back."""
    for module in modules:
        path = _source(module)
        if path is None:
            continue
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                parts = module.split(".") if is_package else module.split(".")[:-1]
                parts = parts[: len(parts) - (node.level - 1)]
                target = ".".join([*parts, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target != module and module.startswith(target + ".") and target in modules:
                yield module, target


class AcyclicModulesContract(Contract):
    """No import cycle among the modules of `containers` (each a root package), ignoring
    modules whose name matches one of `skip` (e.g. tests, migrations)."""

    type_name = "acyclic_modules"

    containers = fields.ListField(subfield=fields.StringField())
    skip = fields.ListField(subfield=fields.StringField(), required=False)

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        skip = [s for s in (self.skip or [])]  # type: ignore[union-attr]
        modules = {
            m
            for container in self.containers  # type: ignore[union-attr]
            for m in graph.find_descendants(container) | {container}
            if not any(part in m.split(".") for part in skip)
        }
        edges = {
            m: {t for t in graph.find_modules_directly_imported_by(m) if t in modules}
            for m in modules
        }
        for module, package in _imports_of_own_packages(modules):
            edges[module].add(package)
        cycles = [
            {module: sorted(edges[module] & set(group)) for module in group}
            for group in strongly_connected(modules, edges)
        ]
        return ContractCheck(kept=not cycles, metadata={"cycles": cycles})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for cycle in check.metadata["cycles"]:
            output.print_error(f"Import cycle among {len(cycle)} modules:", bold=True)
            for module, imported in cycle.items():
                output.print(f"  {module} imports {', '.join(imported)}")
            output.new_line()
