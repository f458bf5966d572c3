"""Make the CJK font the PDF reports embed: Noto Sans CJK SC cut down to GB 2312.

The reports (outcomes/reports/pdf.py) need a font with Chinese glyphs inside the project, since
the machines they run on may have none. The whole Noto Sans CJK is 19 MB; the 6,763 hanzi of
GB 2312 with Latin letters and the usual punctuation cover what the reports print in 2.6 MB.
A character outside the subset prints as an empty box. Run once, by hand, to refresh the file:

    apt-get install fonts-noto-cjk
    .venv/bin/python tools/cjk_font_subset.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

Noto Sans CJK is under the SIL Open Font License 1.1 (outcomes/fonts/LICENSE-OFL.txt), which
allows subsetting and bundling; the subset keeps its name table and licence fields.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

OUT = Path(__file__).resolve().parents[1] / "outcomes" / "fonts" / "NotoSansSC-GB2312.otf"
RANGES = [
    (0x20, 0x7E),  # ASCII
    (0xA0, 0xFF),  # Latin-1
    (0x2000, 0x206F),  # general punctuation: “ ” ‘ ’ — … ·
    (0x2150, 0x21FF),  # number forms, arrows
    (0x2460, 0x24FF),  # ① ②
    (0x3000, 0x303F),  # CJK punctuation: 、。「」
    (0xFF00, 0xFFEF),  # full-width forms
]


def gb2312() -> set[int]:
    found = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes([high, low]).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return found


def main(source: str) -> None:
    collection = TTCollection(source)
    font = next(f for f in collection.fonts if f["name"].getDebugName(4) == "Noto Sans CJK SC")
    codepoints = gb2312() | {c for low, high in RANGES for c in range(low, high + 1)}
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.layout_features = []  # no shaping is needed for horizontal Chinese and Latin
    options.hinting = False
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    font.save(OUT)
    print(f"{OUT}: {OUT.stat().st_size} bytes, {len(font.getGlyphOrder())} glyphs")


if __name__ == "__main__":
    main(sys.argv[1])
