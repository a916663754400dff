# Russian as used in Kazakhstan's documents: Django's ru formats, with ISO dates also
# accepted on input (what <input type="date"> sends).
from django.conf.locale.ru.formats import *  # noqa: F403
from django.conf.locale.ru.formats import DATE_INPUT_FORMATS as _RU_DATE_INPUT_FORMATS

DATE_INPUT_FORMATS = [*_RU_DATE_INPUT_FORMATS, "%Y-%m-%d"]
