"""The environment file every Yizhan process reads (systemd's `EnvironmentFile=` format).

Plain Python with no Django import: settings, `deploy/serve.py` and `deploy/render.py` use it
before Django is set up. The subset understood is the one systemd and a POSIX shell agree on:
`NAME=value` lines, blank lines, comments starting with `#` or `;`, and a value in matching
single or double quotes (kept as written, quotes removed).
"""

import re
from pathlib import Path

NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class EnvFileError(ValueError):
    """A line that is not `NAME=value`, a comment or blank."""


def parse_env(text: str, *, source: str = "environment file") -> dict[str, str]:
    """{name: value} of the assignments in `text`, the last one winning."""
    values: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        name, sep, value = line.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not NAME.fullmatch(name):
            raise EnvFileError(f"{source}, line {number}: expected NAME=value, got {raw!r}")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[name] = value
    return values


def read_env_file(path: str | Path) -> dict[str, str]:
    path = Path(path)
    return parse_env(path.read_text(encoding="utf-8"), source=str(path))


def format_env(values: dict[str, str]) -> str:
    """The lines of an environment file for `values` (values with spaces double-quoted)."""
    lines = []
    for name, value in values.items():
        if not NAME.fullmatch(name) or any(c in value for c in '\n"\\'):
            raise EnvFileError(f"{name}: cannot be written to an environment file")
        needs_quotes = value != value.strip() or any(c in value for c in " #;<>|&$'`")
        lines.append(f'{name}="{value}"' if needs_quotes else f"{name}={value}")
    return "\n".join(lines) + "\n"
