"""Every variable the settings read is in README's configuration table and in .env.example."""

import re

from core.tests.test_settings import ROOT

READS = re.compile(
    r'(?:os\.environ\.get\(|os\.environ\[|env_bool\(|env_int\(|env_list\()\s*"([A-Z0-9_]+)"'
)
# Read by the programs around Django rather than by the settings.
ALSO_READ = {"WEB_CONCURRENCY": "deploy/gunicorn.conf.py", "PROMETHEUS_MULTIPROC_DIR": "core"}


def variables() -> set[str]:
    settings = (ROOT / "forum" / "settings.py").read_text()
    return set(READS.findall(settings)) | set(ALSO_READ)


def test_every_variable_is_in_the_readme_table():
    readme = (ROOT / "README.md").read_text()
    rows = [line for line in readme.splitlines() if line.startswith("| `")]
    documented = {name for row in rows for name in re.findall(r"`([A-Z0-9_]+)`", row)}
    assert sorted(variables() - documented) == []


def test_every_variable_is_in_env_example():
    example = (ROOT / ".env.example").read_text()
    assert sorted(name for name in variables() if name not in example) == []
