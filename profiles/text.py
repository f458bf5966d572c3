"""Free text → tokens: the one tokenizer of import, storage, matching, evaluation and benchmarks.

Mixed text is split by script first. Latin words stay whole words, stemmed by Snowball
(`profiles.words.stem`); only runs of Chinese characters go to jieba, which has the taxonomy's
terms as user words (so 水处理膜技术 stays whole). English never passes through jieba, so no
English word is cut into fragments ("maintain" never yields "ai"). Stop words are dropped.

Tokens are computed when a profile or need is saved (in the services) and stored; the matcher
reads the stored lists and never segments at match time.
"""

import re
import unicodedata

from profiles import taxonomy
from profiles.words import STOP_EN, STOP_ZH, english_tokens, stem

__all__ = ["english_tokens", "normalise", "split_labels", "stem", "tokenize"]

# A run of Chinese characters, or a Latin/digit word (C++, C#, R&D, 5G, PM2.5, e-CNY).
_PIECE = re.compile(r"[\u3400-\u9fff]+|[a-z0-9][a-z0-9+#&.\-]*[a-z0-9+#]|[a-z0-9]")


def normalise(text: str) -> str:
    """Full-width to half-width (NFKC) and lower case."""
    return unicodedata.normalize("NFKC", text or "").lower()


def tokenize(text: str) -> list[str]:
    """Tokens of a mixed Chinese/English text, in order (repeats kept, for term frequencies)."""
    text = normalise(text)
    if not text.strip():
        return []
    out: list[str] = []
    segmenter = None
    for piece in _PIECE.findall(text):
        if "\u3400" <= piece[0] <= "\u9fff":
            if segmenter is None:
                segmenter = taxonomy.segmenter()
            for word in segmenter.lcut(piece, HMM=True):
                if len(word) > 1 and word not in STOP_ZH:
                    out.append(word)
        elif piece not in STOP_EN and len(piece) > 1:
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
