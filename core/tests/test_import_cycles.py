"""No import cycle between the project's modules (tools/import_cycles.py): imports inside
functions and under TYPE_CHECKING count, and so does a module importing its own package's
__init__ when that __init__ imports it back."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "import_cycles.py"


def _tool():
    spec = importlib.util.spec_from_file_location("import_cycles", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_import_cycle_between_project_modules():
    tool = _tool()
    assert tool.cycles(tool.import_graph()) == []


def test_cycle_finder_sees_function_level_and_package_init_imports(tmp_path):
    tool = _tool()
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("from app.run import go\n")
    (tmp_path / "app" / "run.py").write_text("from app import kinds\n\ndef go(): ...\n")
    (tmp_path / "app" / "kinds.py").write_text("")
    (tmp_path / "app" / "a.py").write_text("def f():\n    from app.b import g\n")
    (tmp_path / "app" / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from app.a import f\n"
    )
    assert tool.cycles(tool.import_graph(tmp_path)) == [["app", "app.run"], ["app.a", "app.b"]]
