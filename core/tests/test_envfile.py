"""The environment file every process reads (systemd's EnvironmentFile format)."""

import pytest

from core.envfile import EnvFileError, format_env, parse_env, read_env_file


def test_parse_env_reads_assignments_comments_and_quotes():
    text = """
# a comment
; another
DJANGO_DEBUG=0
DJANGO_DEFAULT_FROM_EMAIL="驿站 Yizhan <noreply@example.org>"
  METRICS_TOKEN = 'abc def'
EMPTY=
DJANGO_DEBUG=1
"""
    assert parse_env(text) == {
        "DJANGO_DEBUG": "1",
        "DJANGO_DEFAULT_FROM_EMAIL": "驿站 Yizhan <noreply@example.org>",
        "METRICS_TOKEN": "abc def",
        "EMPTY": "",
    }


@pytest.mark.parametrize("line", ["export A=1", "no equals sign", "1A=2", "=value"])
def test_parse_env_refuses_a_line_that_is_no_assignment(line):
    with pytest.raises(EnvFileError) as caught:
        parse_env(f"A=1\n{line}\n", source="yizhan.env")
    assert str(caught.value) == f"yizhan.env, line 2: expected NAME=value, got {line!r}"


def test_format_env_round_trips_through_the_parser(tmp_path):
    values = {
        "DJANGO_SECRET_KEY": "k-_9AbC",
        "DJANGO_DEFAULT_FROM_EMAIL": "驿站 Yizhan <noreply@example.org>",
        "METRICS_ALLOWED_IPS": "127.0.0.1,::1",
        "EMPTY": "",
    }
    path = tmp_path / "yizhan.env"
    path.write_text(format_env(values), encoding="utf-8")
    assert read_env_file(path) == values
    assert path.read_text(encoding="utf-8").splitlines()[1] == (
        'DJANGO_DEFAULT_FROM_EMAIL="驿站 Yizhan <noreply@example.org>"'
    )


@pytest.mark.parametrize("value", ["two\nlines", 'a "quote"', "back\\slash"])
def test_format_env_refuses_what_systemd_would_read_otherwise(value):
    with pytest.raises(EnvFileError) as caught:
        format_env({"NAME": value})
    assert str(caught.value) == "NAME: cannot be written to an environment file"
