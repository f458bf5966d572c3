"""The labelled set: needs, experts, graded labels, conflicts and kinds, split dev / held-out."""

from __future__ import annotations

import csv
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

NeedKey = tuple[str, str]  # (company, title): unique in needs.csv


@dataclass
class Dataset:
    directory: Path
    needs: list[dict]
    experts: list[dict]
    grades: dict[NeedKey, dict[str, int]] = field(default_factory=dict)  # need → email → 1|2
    conflicts: dict[NeedKey, set[str]] = field(default_factory=dict)
    kinds: dict[NeedKey, set[str]] = field(default_factory=dict)

    @property
    def experts_file(self) -> Path:
        return self.directory / "experts.csv"

    @property
    def needs_file(self) -> Path:
        return self.directory / "needs.csv"


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def load(directory: Path = DATA_DIR) -> Dataset:
    data = Dataset(directory, _rows(directory / "needs.csv"), _rows(directory / "experts.csv"))
    grades: dict = defaultdict(dict)
    for row in _rows(directory / "labels.csv"):
        grades[(row["company"], row["title"])][row["email"]] = int(row["grade"])
    conflicts: dict = defaultdict(set)
    for row in _rows(directory / "conflicts.csv"):
        conflicts[(row["company"], row["title"])].add(row["email"])
    kinds: dict = defaultdict(set)
    for row in _rows(directory / "kinds.csv"):
        kinds[(row["company"], row["title"])].add(row["kind"])
    data.grades, data.conflicts, data.kinds = dict(grades), dict(conflicts), dict(kinds)
    return data


def is_held_out(key: NeedKey) -> bool:
    """Half the needs, fixed by a hash of the need's key (not by file order or content)."""
    digest = hashlib.sha256(f"{key[0]}\n{key[1]}".encode()).digest()
    return digest[0] % 2 == 1
