"""Free text → tokens: jieba for Chinese (with the taxonomy as its user dictionary), a small
suffix stemmer for English, stop words removed.

Tokens are computed when a profile or need is saved (in the services) and stored; the matcher
reads the stored lists and never segments at match time.
"""

import re

from profiles import taxonomy
from profiles.words import STOP_EN, STOP_ZH, english_tokens, stem

__all__ = ["english_tokens", "split_labels", "stem", "tokenize"]

_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"^[a-z][a-z0-9+#&._\-]*$")


def tokenize(text: str) -> list[str]:
    """Tokens of a mixed Chinese/English text, in order (repeats kept, for term frequencies)."""
    text = (text or "").lower()
    if not text.strip():
        return []
    out: list[str] = []
    for piece in taxonomy.segmenter().lcut(text):
        piece = piece.strip()
        if not piece:
            continue
        if _HAN.search(piece):
            if len(piece) > 1 and piece not in STOP_ZH:
                out.append(piece)
        elif _LATIN.match(piece) or piece[0].isdigit():
            if piece in STOP_EN or len(piece) < 2:
                continue
            out.append(stem(piece) if piece.isalpha() else piece)
    return out


def split_labels(value: str) -> list[str]:
    """Split a cell or field of labels on ; ； 、 , ， and new lines, without blanks or repeats.

    Commas are safe separators here: no topic name or keyword contains one.
    """
    seen: dict[str, str] = {}
    for part in re.split(r"[;；、,，\n]+", value or ""):
        part = part.strip()
        if part and part.casefold() not in seen:
            seen[part.casefold()] = part
    return list(seen.values())
