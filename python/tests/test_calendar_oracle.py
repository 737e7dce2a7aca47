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


@pytest.mark.parametrize("date", ["2003-12-31", "1999-06-01", "2100-01-01"])
def test_years_outside_the_calendar_are_errors_not_guesses(date: str) -> None:
    with pytest.raises(kefu.CalendarYearUnknownError) as info:
        kefu.is_workday(date)
    assert info.value.code == "CALENDAR_YEAR_UNKNOWN"
    assert info.value.path == "/date"
    assert date in str(info.value)


def test_a_year_after_the_notices_is_provisional_or_refused() -> None:
    day = kefu.evaluate("is_workday", {"date": "2027-01-01"})
    assert (day["workday"], day["holiday"], day["provisional"]) == (False, "元旦", True)
    assert [r["code"] for r in day["reasons"]] == ["CALENDAR_PROVISIONAL"]
    assert "2027" in day["reasons"][0]["message"]
    strict = kefu.Engine({"calendar": {"unknown_years": "error"}})
    with pytest.raises(kefu.CalendarYearUnknownError) as info:
        strict.is_workday("2027-01-01")
    assert info.value.path == "/date"
    assert "2027-01-01 falls in 2027" in str(info.value)


STATUTORY_2027 = [
    {"name": "元旦", "from": "2027-01-01", "to": "2027-01-01"},
    {"name": "春节", "from": "2027-02-05", "to": "2027-02-08"},
    {"name": "清明节", "from": "2027-04-05", "to": "2027-04-05"},
    {"name": "劳动节", "from": "2027-05-01", "to": "2027-05-02"},
    {"name": "端午节", "from": "2027-06-09", "to": "2027-06-09"},
    {"name": "中秋节", "from": "2027-09-15", "to": "2027-09-15"},
    {"name": "国庆节", "from": "2027-10-01", "to": "2027-10-03"},
]


def test_a_policy_can_add_a_year() -> None:
    engine = kefu.Engine({"calendar": {"unknown_years": "error", "years": {"2027": {"holidays": STATUTORY_2027, "workdays": ["2027-02-20"]}}}})
    assert engine.is_workday("2027-01-01") is False
    assert engine.is_workday("2027-01-04") is True
    assert engine.is_workday("2027-02-20") is True
    with pytest.raises(kefu.CalendarYearUnknownError):
        engine.is_workday("2028-01-03")
