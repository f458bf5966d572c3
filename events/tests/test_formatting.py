"""Dates and ranges in the active language and the event's zone (events/formatting.py)."""

import datetime as dt

import pytest
from django.utils import translation

from events.formatting import local_interval, local_iso, local_moment

START = dt.datetime(2025, 3, 21, 6, 30, tzinfo=dt.UTC)  # 14:30 in Shanghai
NNBSP = "\u202f"  # CLDR puts a narrow no-break space before AM/PM
THIN = "\u2009"  # and thin spaces around the dash of an English range


@pytest.mark.parametrize(
    ("language", "end", "expected"),
    [
        ("zh-hans", START + dt.timedelta(hours=3, minutes=30), "2025年3月21日 14:30–18:00"),
        (
            "zh-hans",
            START + dt.timedelta(days=1),
            "2025年3月21日 14:30 – 2025年3月22日 14:30",
        ),
        (
            "en",
            START + dt.timedelta(hours=3, minutes=30),
            f"Mar 21, 2025, 2:30{THIN}–{THIN}6:00{NNBSP}PM",
        ),
        (
            "en",
            START + dt.timedelta(days=1),
            f"Mar 21, 2025, 2:30{NNBSP}PM{THIN}–{THIN}Mar 22, 2025, 2:30{NNBSP}PM",
        ),
    ],
)
def test_local_interval_in_each_language(language, end, expected):
    with translation.override(language):
        assert local_interval(START, end, "Asia/Shanghai") == expected


def test_local_interval_uses_the_events_zone_for_the_day():
    with translation.override("zh-hans"):
        assert (
            local_interval(START, START + dt.timedelta(hours=1), "America/Los_Angeles")
            == "2025年3月20日 23:30 – 2025年3月21日 00:30"
        )


def test_moments_at_the_end_of_the_calendar_do_not_overflow():
    end_of_time = dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.UTC)
    with translation.override("zh-hans"):
        assert local_moment(end_of_time, "Asia/Shanghai") == "9999年12月31日 23:59"
    assert local_iso(end_of_time, "Asia/Shanghai") == "9999-12-31 23:59"
