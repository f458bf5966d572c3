"""The Chinese catalogue: every message has a translation that is not fuzzy, every message the
code uses is in it, and Chinese text uses full-width punctuation (docs/glossary.md)."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"

HAN = r"[\u3400-\u9fff\uf900-\ufaff]"
# Placeholders and markup are not text: `%(name)s`, `%d`, `{{ x }}`, `<a href="…">`, `%%`.
NOT_TEXT = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|%%|\{\{[^}]*\}\}|<[^>]+>")
# ASCII punctuation directly before or after a Chinese character.
ASCII_NEXT_TO_HAN = re.compile(rf"(?<={HAN})[:,?!()]|[:,?!()](?={HAN})")
# Real exceptions, each with why (msgid → the ASCII punctuation it may keep). Times such as
# "12:00" and placeholders are already left out above; so far nothing else needs to be here.
ALLOWED: dict[str, str] = {}


def _messages():
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    return [message for message in catalogue if message.id]


def _strings(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def _key(message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def test_every_message_has_a_chinese_translation_that_is_not_fuzzy():
    untranslated = [_key(m) for m in _messages() if not all(_strings(m))]
    fuzzy = [_key(m) for m in _messages() if m.fuzzy]
    assert (untranslated, fuzzy) == ([], [])


def test_chinese_translations_use_full_width_punctuation():
    found = []
    for message in _messages():
        for text in _strings(message):
            text = NOT_TEXT.sub("", text)
            for match in ASCII_NEXT_TO_HAN.finditer(text):
                if ALLOWED.get(_key(message)) != match.group():
                    found.append(f"{_key(message)!r} → {match.group()!r}")
    assert found == []


def test_the_punctuation_check_knows_times_and_placeholders():
    samples = {
        "会议 12:00 开始。": [],
        "%(name)s（%(institution)s）：%(email)s": [],
        "时间: 下午": [":"],
        "请登录,然后报名": [","],
        "(专家)": ["(", ")"],
    }
    found = {
        text: [m.group() for m in ASCII_NEXT_TO_HAN.finditer(NOT_TEXT.sub("", text))]
        for text in samples
    }
    assert found == samples


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext (xgettext) not installed")
def test_every_message_the_code_uses_is_in_the_catalogue(tmp_path):
    """makemessages over a copy of the sources (so the real catalogue is left alone)."""
    listed = subprocess.run(  # noqa: S603 - git on our own tree
        ["git", "ls-files", "-co", "--exclude-standard"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in listed:
        source = ROOT / name
        if name.startswith((".venv/", "build/", "static/")) or not source.is_file():
            continue
        if source.suffix in {".py", ".html", ".txt", ".po"}:
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, tmp_path / name)
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-location"],
        cwd=tmp_path,
        capture_output=True,
        check=True,
    )
    with (tmp_path / CATALOGUE.relative_to(ROOT)).open("rb") as handle:
        extracted = read_po(handle)
    known = {(m.context, _key(m)) for m in _messages()}
    missing = [_key(m) for m in extracted if m.id and (m.context, _key(m)) not in known]
    assert missing == []
