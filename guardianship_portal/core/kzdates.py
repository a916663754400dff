"""Long official dates: «2026 жылғы 21 қарашадағы» (kk) and «21 ноября 2026 г.» (ru).

Written out here rather than through gettext because the Kazakh form depends on the
month's vowel harmony (қарашадағы / сәуірдегі), which a translation catalogue cannot
express per month and case.
"""

from datetime import date, datetime

KK_MONTHS = (
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
)
# Locative-attributive form (-дағы/-дегі/-тағы/-тегі) used in «... жылғы 21 қарашадағы».
KK_MONTHS_LOCATIVE = (
    "қаңтардағы",
    "ақпандағы",
    "наурыздағы",
    "сәуірдегі",
    "мамырдағы",
    "маусымдағы",
    "шілдедегі",
    "тамыздағы",
    "қыркүйектегі",
    "қазандағы",
    "қарашадағы",
    "желтоқсандағы",
)
RU_MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


def long_date(value: date | datetime, language: str) -> str:
    """The official long form of a date in kk or ru (any other language gets ru)."""
    if isinstance(value, datetime):
        value = value.date()
    if language.startswith("kk"):
        return f"{value.year} жылғы {value.day} {KK_MONTHS_LOCATIVE[value.month - 1]}"
    return f"{value.day} {RU_MONTHS_GENITIVE[value.month - 1]} {value.year} г."


def long_date_nominative(value: date | datetime, language: str) -> str:
    """A date on its own line: «2026 жылғы 21 қараша» (kk), «21 ноября 2026 г.» (ru)."""
    if isinstance(value, datetime):
        value = value.date()
    if language.startswith("kk"):
        return f"{value.year} жылғы {value.day} {KK_MONTHS[value.month - 1]}"
    return long_date(value, language)


def month_name(month: int, language: str) -> str:
    """A month on its own, as a period's label names it: in Kazakh lowercase, since it
    follows the year («2026 ж. желтоқсан»; Django's kk catalogue capitalises it), in
    Russian the nominative that starts the label («Декабрь 2026»)."""
    if language.startswith("kk"):
        return KK_MONTHS[month - 1]
    from django.utils import translation
    from django.utils.dates import MONTHS

    with translation.override(language):
        return str(MONTHS[month])
