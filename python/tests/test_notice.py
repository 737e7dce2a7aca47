"""kefu.calendar_from_notice: a State Council holiday notice read into a calendar.years entry."""

import datetime

import pytest

import kefu
from conftest import ROOT

NOTICES = ROOT / "tests" / "calendar" / "notices"


def notice(year: int) -> str:
    return (NOTICES / f"{year}.txt").read_text(encoding="utf-8")


def test_the_2026_notice() -> None:
    years = kefu.calendar_from_notice(notice(2026))
    assert list(years) == ["2026"]
    assert years["2026"]["workdays"] == [
        "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
    ]
    spring = [h for h in years["2026"]["holidays"] if h["name"] == "春节"]
    assert [(h["from"], h["to"]) for h in spring] == [("2026-02-15", "2026-02-23")]
    engine = kefu.Engine({"calendar": {"years": years}})
    assert engine.is_workday("2026-02-14") and not engine.is_workday("2026-02-16")
    assert kefu.calendar_from_notice(notice(2026)) == years


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_an_imported_year_is_the_built_in_year(year: int) -> None:
    entry = kefu.calendar_from_notice(notice(year))
    assert list(entry) == [str(year)]
    imported = kefu.Engine({"calendar": {"years": entry}})
    builtin = kefu.Engine()
    day = datetime.date(year, 1, 1)
    while day.year == year:
        iso = day.isoformat()
        assert imported.is_workday(iso) == builtin.is_workday(iso), iso
        day += datetime.timedelta(days=1)


def test_a_wrong_weekday_is_refused_with_its_sentence() -> None:
    text = notice(2026)
    wrong = text.replace("5月9日（周六）上班", "5月9日（周日）上班")
    assert wrong != text
    with pytest.raises(kefu.InvalidInputError) as caught:
        kefu.calendar_from_notice(wrong)
    assert caught.value.code == "INVALID_INPUT"
    assert caught.value.path == "/text"
    assert "5月9日（周日）上班" in caught.value.message


@pytest.mark.parametrize("value", [42, None, b"bytes", {"text": "x"}, ["x"], 1.5])
def test_anything_but_a_str_is_invalid_input_at_text(value: object) -> None:
    with pytest.raises(kefu.InvalidInputError) as caught:
        kefu.calendar_from_notice(value)  # type: ignore[arg-type]
    assert caught.value.code == "INVALID_INPUT"
    assert caught.value.path == "/text"


def test_exported() -> None:
    assert "calendar_from_notice" in kefu.__all__
    assert kefu.calendar_from_notice is kefu._kefu.calendar_from_notice
