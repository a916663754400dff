from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import formats, translation

from guardianship_portal.core.kzdates import long_date, long_date_nominative


@pytest.mark.parametrize(
    ("day", "kk", "ru"),
    [
        (date(2026, 11, 21), "2026 жылғы 21 қарашадағы", "21 ноября 2026 г."),
        (date(2026, 1, 1), "2026 жылғы 1 қаңтардағы", "1 января 2026 г."),
        (date(2026, 2, 14), "2026 жылғы 14 ақпандағы", "14 февраля 2026 г."),
        (date(2026, 3, 22), "2026 жылғы 22 наурыздағы", "22 марта 2026 г."),
        (date(2026, 4, 30), "2026 жылғы 30 сәуірдегі", "30 апреля 2026 г."),
        (date(2026, 5, 9), "2026 жылғы 9 мамырдағы", "9 мая 2026 г."),
        (date(2026, 6, 1), "2026 жылғы 1 маусымдағы", "1 июня 2026 г."),
        (date(2026, 7, 6), "2026 жылғы 6 шілдедегі", "6 июля 2026 г."),
        (date(2026, 8, 30), "2026 жылғы 30 тамыздағы", "30 августа 2026 г."),
        (date(2026, 9, 1), "2026 жылғы 1 қыркүйектегі", "1 сентября 2026 г."),
        (date(2026, 10, 25), "2026 жылғы 25 қазандағы", "25 октября 2026 г."),
        (date(2026, 12, 16), "2026 жылғы 16 желтоқсандағы", "16 декабря 2026 г."),
    ],
)
def test_long_official_date(day, kk, ru):
    assert long_date(day, "kk") == kk
    assert long_date(day, "ru") == ru


def test_nominative_form_for_a_date_on_its_own():
    assert long_date_nominative(date(2026, 11, 21), "kk") == "2026 жылғы 21 қараша"


def test_filter_uses_the_active_language_and_local_time():
    # 21 Nov 2026 20:30 UTC is already 22 Nov in Almaty (UTC+5).
    moment = datetime(2026, 11, 21, 20, 30, tzinfo=ZoneInfo("UTC"))
    template = Template("{% load kzdates %}{{ moment|long_date }}|{{ moment|long_date:'ru' }}")
    with translation.override("kk"):
        assert (
            template.render(Context({"moment": moment}))
            == "2026 жылғы 22 қарашадағы|22 ноября 2026 г."
        )


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_short_dates_read_day_month_year(language):
    with translation.override(language):
        assert formats.date_format(date(2026, 3, 9), "SHORT_DATE_FORMAT") == "09.03.2026"


def test_kazakh_week_starts_on_monday():
    with translation.override("kk"):
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1
