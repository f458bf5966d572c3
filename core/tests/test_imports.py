"""The import contracts of pyproject.toml hold: apps import only the apps below them, the
engines stay pure, and no module takes part in an import cycle (imports inside functions and a
submodule importing its own package's __init__ included). `make test` runs `lint-imports`; this
test keeps the contracts checked wherever the suite runs."""

import subprocess
import sys
from pathlib import Path

import pytest

from tools.import_contracts import strongly_connected

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow  # a subprocess: import-linter builds its graph outside Django's process
def test_import_contracts_are_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(  # noqa: S603 - our own tool, fixed arguments
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_cycle_finder_reports_each_group_once():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert strongly_connected(set(edges), edges) == [["a", "b", "c"]]
