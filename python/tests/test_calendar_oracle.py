"""The business calendar against the PyPI package chinesecalendar, every day 2004–2026."""

import datetime as dt

import chinese_calendar
import pytest

import kefu


def test_every_day_2004_to_2026_agrees_with_chinesecalendar() -> None:
    engine = kefu.Engine()
    day = dt.date(2004, 1, 1)
    checked, disagreements = 0, []
    while day <= dt.date(2026, 12, 31):
        ours = engine.is_workday(day.isoformat())
        theirs = chinese_calendar.is_workday(day)
        if ours != theirs:
            disagreements.append((day.isoformat(), ours, theirs))
        checked += 1
        day += dt.timedelta(days=1)
    assert checked == 8401
    assert disagreements == []


@pytest.mark.parametrize("date", ["2003-12-31", "2027-01-01", "1999-06-01", "2100-01-01"])
def test_years_outside_the_calendar_are_errors_not_guesses(date: str) -> None:
    with pytest.raises(kefu.CalendarYearUnknownError) as info:
        kefu.is_workday(date)
    assert info.value.code == "CALENDAR_YEAR_UNKNOWN"
    assert info.value.path == "/date"


def test_a_policy_can_add_a_year() -> None:
    engine = kefu.Engine({"calendar": {"years": {"2027": {"holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-01"}]}}}})
    assert engine.is_workday("2027-01-01") is False
    assert engine.is_workday("2027-01-04") is True
    with pytest.raises(kefu.CalendarYearUnknownError):
        engine.is_workday("2028-01-03")
