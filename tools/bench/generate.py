"""The benchmark's data: a national-scale portal database, generated with SQL.

Everything the generator writes is in this one module, so that a change to a model is
adapted here and nowhere else. The few hundred rows of structure (regions, offices,
the services they provide, their staff) go through the ORM; the large tables
(applicants, applications, children, attachments, events, notifications, complaints)
are written with ``INSERT … SELECT`` over ``generate_series``, never row by row.

The column lists are read from the models at run time (``insert_select``): a column the
generator gives no expression for gets the field's default, NULL, or an empty string,
and a required column it cannot fill stops the run with the model and field named, so
that a new field is noticed rather than silently wrong.

What is generated (``BENCH_ROWS`` = N applications, 1,000,000 by default):

* 4 regions, each with a regional department (supervisors), a quality-control body, a
  State Corporation centre, a city department and 6 district departments, each
  department with 8 schools: 252 providers. The structure does not grow with N, so
  a 10× larger N puts 10× more applications in every office's queue.
* The services each kind of office may provide (``ServiceDefinition.provider_kinds``,
  read from the registry), weighted like a national year: free meals and camps most.
* Five years of filings up to today, spread evenly; the last two weeks' filings are
  open in the workflow states of their service (a few older ones badly overdue, a few
  drafts), the rest are final (80 % granted, 8 % refused, 7 % refused to accept, 5 %
  withdrawn), with their stored deadlines, completion day and working days to result.
  Numbers follow the application numbering (per office and year, no gaps) and the
  counters continue after them.
* About N/5 applicant accounts with valid IINs (200,000 at 1M), 1–3 children per
  application, the scans of the first checklist items of portal filings (a placeholder
  path: no file exists), the audit events the timeline shows (created, filed, the last
  transition), a notification per filing, and a complaint per ~300 decided
  applications.

Random choices come from PostgreSQL's ``random()`` after ``setseed``: the same N gives
the same database.
"""

# The SQL here is built from the models' table and column names and the module's own
# constants; every value from outside is a parameter.
# ruff: noqa: S608

from __future__ import annotations

import json
import math
import time as clock
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models
from django.db.models.fields import AutoFieldMixin

from applications.models import (
    Application,
    ApplicationEvent,
    Attachment,
    Child,
    Notification,
    NumberSequence,
)
from applications.registry import Channel, TermUnit, all_services
from applications.workflow import COMPLETED, DRAFT, REFUSED, REFUSED_TO_ACCEPT, WITHDRAWN
from complaints.models import Complaint
from guardianship_portal.accounts.iin import iin_check_digit
from guardianship_portal.accounts.models import Role, User
from guardianship_portal.accounts.roles import ensure_role_groups, role_group_name
from guardianship_portal.organisations.models import Organisation, ProvidedService, Region

# ----------------------------------------------------------------------------- shape

REGIONS = (
    # code prefix, name kk, name ru, city kk, city ru
    ("AKM", "Ақмола облысы", "Акмолинская область", "Көкшетау", "Кокшетау"),
    ("KAR", "Қарағанды облысы", "Карагандинская область", "Қарағанды", "Караганда"),
    ("PVL", "Павлодар облысы", "Павлодарская область", "Павлодар", "Павлодар"),
    (
        "VKO",
        "Шығыс Қазақстан облысы",
        "Восточно-Казахстанская область",
        "Өскемен",
        "Усть-Каменогорск",
    ),
)
DISTRICTS_PER_REGION = 6
SCHOOLS_PER_DEPARTMENT = 8
YEARS = 5
APPLICANTS_PER_APPLICATION = 0.2  # 200,000 accounts at 1M applications
# Applications per provided service, relative: a city department takes many more than a
# district one, a school fewer; free meals and camps are filed for every eligible pupil.
OFFICE_WEIGHTS: dict[str, int] = {
    Organisation.Kind.CITY_DEPARTMENT: 12,
    Organisation.Kind.DISTRICT_DEPARTMENT: 4,
    Organisation.Kind.SCHOOL: 1,
}
SERVICE_WEIGHTS = {
    "free_meals": 40,
    "camp_voucher": 30,
    "material_aid": 15,
    "guardian_allowance": 10,
    "patronat": 5,
}
DEFAULT_SERVICE_WEIGHT = 10  # a service app installed later
# Staff per office: (clerks, supervisors).
STAFF: dict[str, tuple[int, int]] = {
    Organisation.Kind.CITY_DEPARTMENT: (6, 2),
    Organisation.Kind.DISTRICT_DEPARTMENT: (3, 1),
    Organisation.Kind.SCHOOL: (1, 1),
    Organisation.Kind.REGIONAL_DEPARTMENT: (0, 2),
}
OPEN_DAYS = 14  # filings of the last two weeks are still in the workflow
# The last applications of the measured office wait at the completeness check, for the
# document-issuing transition the benchmark posts (each post uses one up).
RESERVED_FOR_TRANSITIONS = 60
BUCKETS = 10_000  # resolution of the weighted choice of office and service
SEED = 0.42
# Every generated account has this password, so that one can also log in by hand on a
# kept database (BENCH_KEEP=1); the measuring tool makes its sessions in the database.
PASSWORD = "bench-portal-2026"  # noqa: S105 (a throw-away benchmark database)
PLACEHOLDER_FILE = "bench/placeholder.pdf"
TZ = "Asia/Almaty"  # TIME_ZONE: office hours and completion days are local

# Names spread as a country's do (issue #11: 28 last names x 16 first names made one
# full name 3 % of the country, so a search by name read the whole trigram index):
# 80 roots x 4 endings plus a few borrowed names = 330 last names, picked with a
# Zipf-like skew (the commonest about 1.5 %, as the commonest surnames in Kazakhstan),
# 40 first names per sex; a full name is then tens to a few hundred applications in
# the country, a handful in an office.
SURNAME_ROOTS = [
    "Ахмет", "Омар", "Серік", "Жұма", "Нұрлан", "Қасым", "Әбен", "Төлеу", "Сейіт",
    "Бекмұрат", "Садық", "Мұқан", "Есен", "Байжан", "Смағұл", "Тоқтар", "Ержан",
    "Құдайберген", "Рахим", "Иса", "Жақсылық", "Оспан", "Ғабит", "Мамыр", "Абдулла",
    "Айтбай", "Амангелді", "Асан", "Бақыт", "Болат", "Дүйсен", "Ермек", "Жаңабай",
    "Жолдас", "Жүсіп", "Ибрагим", "Кәрім", "Қайрат", "Қали", "Құрман", "Қуаныш",
    "Мақсұт", "Марат", "Медет", "Мұрат", "Мұхамед", "Назар", "Орал", "Сәрсен", "Сапар",
    "Сұлтан", "Талғат", "Тұрсын", "Үсен", "Хасен", "Шәкен", "Ыбырай", "Әлімжан",
    "Бейсен", "Дәулет", "Ерболат", "Жанат", "Кенже", "Мейрам", "Нұржан", "Рүстем",
    "Сағын", "Темір", "Төлеген", "Уәли", "Шынтас", "Ысқақ", "Әділ", "Бердібек",
    "Дауле", "Елубай", "Жарылқап", "Ізбасар", "Қожахмет", "Сыздық",
]  # fmt: skip
SURNAME_ENDINGS = ["ов", "баев", "беков", "жанов"]
BORROWED_SURNAMES = [
    "Иванов", "Петров", "Ким", "Ли", "Пак", "Цой", "Смирнов", "Кузнецов", "Шмидт", "Попов",
]  # fmt: skip


def _surname(root: str, ending: str) -> str:
    # After a vowel the Russian-style ending is "-ев" (Жұмаев, Исаев).
    if ending == "ов" and root[-1] in "аеиоуыэюяәөүұі":
        return root + "ев"
    return root + ending


SURNAMES = [_surname(root, ending) for ending in SURNAME_ENDINGS for root in SURNAME_ROOTS]
SURNAMES[20:20] = BORROWED_SURNAMES  # among the common ones, as they are
FIRST_MALE = [
    "Айдар", "Ерлан", "Нұрсұлтан", "Дәурен", "Асхат", "Бауыржан", "Сергей", "Тимур",
    "Арман", "Мирас", "Алмас", "Ержан", "Руслан", "Қанат", "Ілияс", "Дамир", "Әлихан",
    "Нұрлан", "Ерасыл", "Бекзат", "Дархан", "Жандос", "Ақжол", "Санжар", "Темірлан",
    "Айбек", "Мақсат", "Ернар", "Алихан", "Әмір", "Нұрдәулет", "Ильяс", "Александр",
    "Дмитрий", "Азамат", "Бақытжан", "Серікбол", "Талғат", "Жарас", "Ислам",
]  # fmt: skip
FIRST_FEMALE = [
    "Айгүл", "Гүлнар", "Динара", "Жанар", "Әсел", "Меруерт", "Ольга", "Сәуле",
    "Аружан", "Камила", "Дана", "Ләззат", "Маржан", "Анар", "Томирис", "Алия", "Айым",
    "Іңкәр", "Жансая", "Аяулым", "Балнұр", "Дильназ", "Еркежан", "Зере", "Мадина",
    "Назерке", "Перизат", "Салтанат", "Толқын", "Ұлжан", "Фариза", "Шолпан", "Әйгерім",
    "Ақбота", "Гаухар", "Елена", "Наталья", "Асем", "Баян", "Раушан",
]  # fmt: skip
# A father's name for the patronymic: -ұлы for a son, -қызы for a daughter.
PATRONYMIC_ROOTS = SURNAME_ROOTS[:40]


def picked_name(names: list[str], key: str, salt: int, *, skew: float = 1.0) -> Parametrised:
    """SQL for a name of ``names`` chosen by ``key`` (an integer expression): the key is
    scattered by a multiplier modulo a prime (consecutive keys land far apart, the same
    key always on the same name), and ``skew`` > 1 makes the first names of the list the
    commonest (rank = n * u ** skew)."""
    spread = f"(mod(({key})::bigint * {salt}, 100003)::float8 / 100003)"
    return (
        f"(%s::text[])[1 + floor(power({spread}, {skew}) * {len(names)})::integer]",
        [names],
    )


FEMININE_AFTER = ("ов", "ев", "ин")  # a woman's surname adds -а after these


def feminine(surname: str) -> str:
    return surname + "а" if surname.endswith(FEMININE_AFTER) else surname


def surname_for(key: str, salt: int, male: str) -> Parametrised:
    """A skewed surname, in its feminine form (-ова, -ева, -ина) for a woman."""
    pick, params = picked_name(SURNAMES, key, salt, skew=SURNAME_SKEW)
    endings = "|".join(FEMININE_AFTER)
    return (
        f"CASE WHEN NOT ({male}) AND {pick} ~ '({endings})$' THEN {pick} || 'а' ELSE {pick} END",
        params * 3,
    )


def first_name_for(key: str, salt: int, male: str) -> Parametrised:
    male_pick, male_params = picked_name(FIRST_MALE, key, salt, skew=FIRST_NAME_SKEW)
    female_pick, female_params = picked_name(FIRST_FEMALE, key, salt, skew=FIRST_NAME_SKEW)
    return (
        f"CASE WHEN {male} THEN {male_pick} ELSE {female_pick} END",
        male_params + female_params,
    )


def full_name_sql(known: str, *, key: str, male: str) -> Parametrised:
    """The account's full name (``known``, NULL without an account), else one made up
    the same way for a filing from the counter."""
    parts = [surname_for(key, 7919, male), first_name_for(key, 4217, male)]
    patronymic, patronymic_params = patronymic_for(key, 6007, male)
    parts.append((f"nullif({patronymic}, '')", patronymic_params))
    sql = ", ".join(part for part, _ in parts)
    params = [param for _, part_params in parts for param in part_params]
    return (f"coalesce(nullif({known}, ''), concat_ws(' ', {sql}))", params)


def patronymic_for(key: str, salt: int, male: str) -> Parametrised:
    """Six in seven have one (the father's name with -ұлы / -қызы)."""
    pick, params = picked_name(PATRONYMIC_ROOTS, key, salt)
    return (
        f"CASE WHEN mod(({key})::bigint, 7) = 6 THEN '' "
        f"WHEN {male} THEN {pick} || 'ұлы' ELSE {pick} || 'қызы' END",
        params * 2,
    )


# The share of the commonest name is (1 / n) ** (1 / skew): 1.6 % of 330 last names,
# 3.5 % of 40 first names.
SURNAME_SKEW = 1.4
FIRST_NAME_SKEW = 1.1
STREETS = ["Абай даңғылы", "Сәтпаев көшесі", "Бейбітшілік көшесі", "Тәуелсіздік даңғылы"]


def application_number_sql(code: str, year: str, value: str) -> str:
    """``KOK-EDU-2026-000042``: as applications/models/numbering.py formats it."""
    return f"{code} || '-' || {year} || '-' || lpad({value}::text, 6, '0')"


def complaint_number_sql(code: str, year: str, value: str) -> str:
    """``KOK-EDU-C-2026-00007``: as complaints/models.py formats it."""
    return f"{code} || '-C-' || {year} || '-' || lpad({value}::text, 5, '0')"


# ----------------------------------------------------------------------------- helpers


class GeneratorError(RuntimeError):
    pass


Parametrised = tuple[str, list[Any]]  # SQL and its parameters
Expression = str | Parametrised
T = TypeVar("T")


def insert_select(
    model: type[models.Model],
    values: dict[str, Expression],
    source: str,
    params: Iterable[Any] = (),
) -> int:
    """``INSERT INTO <model's table> (<every concrete column>) SELECT <expr per column>
    <source>``. ``values`` maps a column (or field name) to an SQL expression over
    ``source``, or to ``(expression, its parameters)``; any other column gets its
    field's default (as a parameter), now() for auto_now fields, NULL when nullable,
    '' when it may be blank, and otherwise the run stops naming the field. ``params``
    are those of ``source``. Returns the number of rows inserted."""
    values = dict(values)
    columns: list[str] = []
    expressions: list[str] = []
    select_params: list[Any] = []
    for field in model._meta.concrete_fields:
        if field.generated:
            continue  # the database computes it (a GENERATED ALWAYS column)
        given = values.pop(field.column, None)
        if given is None:
            given = values.pop(field.name, None)
        if given is None:
            if field.primary_key and isinstance(field, AutoFieldMixin):
                continue
            given = _fallback(model, field)
        expression, expression_params = (given, []) if isinstance(given, str) else given
        columns.append(connection.ops.quote_name(field.column))
        expressions.append(expression)
        select_params.extend(expression_params)
    if values:
        raise GeneratorError(f"{model.__name__} has no column(s) {sorted(values)}")
    sql = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} "
        f"({', '.join(columns)}) SELECT {', '.join(expressions)} {source}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*select_params, *params])
        return cursor.rowcount


def _fallback(model, field) -> Expression:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return "now()"
    if field.has_default():
        return "%s", [field.get_db_prep_save(field.get_default(), connection)]
    if field.null:
        return "NULL"
    if field.blank and isinstance(field, models.CharField | models.TextField):
        return "''"
    raise GeneratorError(
        f"{model.__name__}.{field.name} is required and the generator gives it no value: "
        "add it to tools/bench/generate.py"
    )


def execute(sql: str, params: dict[str, Any] | Iterable[Any] = ()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params if isinstance(params, dict) else list(params))
        return cursor.rowcount


def scalar(sql: str, params: Iterable[Any] = ()) -> Any:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        row = cursor.fetchone()
        return row[0] if row else None


def table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def has_field(model: type[models.Model], name: str) -> bool:
    return any(f.name == name for f in model._meta.concrete_fields)


def python_iin(born: date, male: bool, serial: int) -> str:
    century = 5 if born.year >= 2000 else 3
    body = f"{born:%y%m%d}{century + (0 if male else 1)}{serial:04d}"
    digit = iin_check_digit(body)
    if digit is None:
        return python_iin(born, male, serial + 5000)
    return f"{body}{digit}"


# The same rule in SQL (accounts/iin.py): YYMMDD, century-and-sex digit, a 4-digit
# serial, the check digit. A body no digit can make valid moves its serial up by 5000
# (the generator's serials stay below 5000, so the moved one is still unique).
IIN_FUNCTION = """
CREATE OR REPLACE FUNCTION pg_temp.bench_iin(born date, male boolean, serial integer)
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE body text; total integer; remainder integer;
BEGIN
  FOR attempt IN 0..1 LOOP
    body := to_char(born, 'YYMMDD')
      || CASE WHEN born >= DATE '2000-01-01' THEN (CASE WHEN male THEN '5' ELSE '6' END)
              ELSE (CASE WHEN male THEN '3' ELSE '4' END) END
      || lpad((serial + attempt * 5000)::text, 4, '0');
    total := 0;
    FOR k IN 1..11 LOOP total := total + substr(body, k, 1)::integer * k; END LOOP;
    remainder := mod(total, 11);
    IF remainder = 10 THEN
      total := 0;
      FOR k IN 1..11 LOOP
        total := total + substr(body, k, 1)::integer * (mod(k + 1, 11) + 1);
      END LOOP;
      remainder := mod(total, 11);
    END IF;
    IF remainder <> 10 THEN RETURN body || remainder::text; END IF;
  END LOOP;
  RETURN body || '0';
END $$;
"""


@dataclass
class Progress:
    log: Callable[[str], None]

    def step(self, what: str, action: Callable[[], T]) -> T:
        began = clock.monotonic()
        result = action()
        done = ""
        if isinstance(result, int) and result >= 0:
            done = f"{result:,} rows, "
        elif isinstance(result, list):
            done = f"{len(result)} indexes, "
        self.log(f"  {what}: {done}{clock.monotonic() - began:.1f} s")
        return result


# ----------------------------------------------------------------------------- entry


def generate(*, rows: int, today: date, log: Callable[[str], None] = print) -> dict[str, int]:
    """Fill the (freshly migrated, empty) database with ``rows`` applications."""
    if Application.objects.exists():
        raise GeneratorError("the database already holds applications: generate into a new one")
    progress = Progress(log)
    execute("SET synchronous_commit = off")
    execute("SET work_mem = '64MB'")
    execute("SET maintenance_work_mem = '256MB'")
    execute(IIN_FUNCTION)
    execute("SELECT setseed(%s)", [SEED])
    password = make_password(PASSWORD)
    applicants = max(10, round(rows * APPLICANTS_PER_APPLICATION))

    progress.step("offices and staff", lambda: _structure(password=password, today=today))
    progress.step("lookup tables", lambda: _lookups(today=today))
    progress.step("applicant accounts", lambda: _applicants(applicants, password, today))
    progress.step("plan", lambda: _plan(rows=rows, applicants=applicants, today=today))
    # Indexes are built once after the big inserts (a sorted build) rather than kept
    # up to date row by row; foreign keys are not re-checked per row (the rows are
    # consistent by construction). Both only for this session.
    indexes = progress.step("dropping indexes", lambda: _drop_indexes(BULK_MODELS))
    replica = _skip_foreign_key_triggers(log)
    progress.step("applications", lambda: _applications(today=today))
    progress.step("children", _children)
    progress.step("attachments", _attachments)
    progress.step("events", _events)
    progress.step("notifications", _notifications)
    progress.step("complaints", lambda: _complaints(today=today))
    progress.step("counters", _counters)
    if replica:
        execute("SET session_replication_role = DEFAULT")
    progress.step("building indexes", lambda: _create_indexes(indexes))
    progress.step("sequences", _reset_sequences)
    progress.step("vacuum analyze", _vacuum)
    return {
        "applications": Application.objects.count(),
        "applicants": User.objects.filter(role=Role.APPLICANT).count(),
        "staff": User.objects.exclude(role=Role.APPLICANT).count(),
        "organisations": Organisation.objects.count(),
        "children": Child.objects.count(),
        "attachments": Attachment.objects.count(),
        "events": ApplicationEvent.objects.count(),
        "notifications": Notification.objects.count(),
        "complaints": Complaint.objects.count(),
    }


def _skip_foreign_key_triggers(log: Callable[[str], None]) -> bool:
    """Only a superuser may; another role just checks the keys (slower, same rows)."""
    try:
        execute("SET session_replication_role = replica")
    except DatabaseError:
        log("  (not a superuser: foreign keys are checked row by row)")
        return False
    return True


BULK_MODELS = (Application, Child, Attachment, ApplicationEvent, Notification, Complaint)


def _drop_indexes(models_: Iterable[type[models.Model]]) -> list[str]:
    """Drop the indexes of these tables that no constraint owns (primary keys and
    unique constraints stay), read from the catalogue so that an index someone adds
    is rebuilt too; returns their definitions."""
    tables = [m._meta.db_table for m in models_]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relname = ANY(%s) AND t.relnamespace = 'public'::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            """,
            [tables],
        )
        found = cursor.fetchall()
        for name, _definition in found:
            cursor.execute(f"DROP INDEX {name}")
    return [definition for _name, definition in found]


def _create_indexes(definitions: list[str]) -> int:
    for definition in definitions:
        execute(definition)
    return -1


# ----------------------------------------------------------------------------- structure


def office_code(region: str, department: int | None = None, school: int | None = None) -> str:
    base = f"{region}-CITY" if department is None else f"{region}-D{department}"
    return base if school is None else f"{base}-S{school:02d}"


# What the measuring code looks up (measure.py): the first region's city department.
MEASURED_REGION = REGIONS[0][0]
MEASURED_OFFICE = office_code(MEASURED_REGION)
REGIONAL_OFFICE = f"{MEASURED_REGION}-REG"


def _structure(*, password: str, today: date) -> int:
    ensure_role_groups()
    organisations: list[Organisation] = []
    for prefix, name_kk, name_ru, city_kk, city_ru in REGIONS:
        region = Region.objects.create(name_kk=name_kk, name_ru=name_ru)

        def office(kind, code, kk, ru, district_kk, district_ru, region=region):
            organisations.append(
                Organisation(
                    kind=kind,
                    code=code,
                    name_kk=kk,
                    name_ru=ru,
                    region=region,
                    district_kk=district_kk,
                    district_ru=district_ru,
                    address_kk=f"{district_kk}, {STREETS[len(organisations) % len(STREETS)]}, 1",
                    address_ru=f"{district_ru}, ул. Абая, 1",
                    phone="+77172000000",
                    head_name="Бенчмарк Басшы",
                )
            )

        office(
            Organisation.Kind.REGIONAL_DEPARTMENT,
            f"{prefix}-REG",
            f"{name_kk} білім басқармасы",
            f"Управление образования: {name_ru}",
            city_kk,
            city_ru,
        )
        office(
            Organisation.Kind.QUALITY_CONTROL_BODY,
            f"{prefix}-QCB",
            f"{name_kk}: мемлекеттік қызметтер сапасын бақылау департаменті",
            f"{name_ru}: департамент по контролю качества госуслуг",
            city_kk,
            city_ru,
        )
        office(
            Organisation.Kind.STATE_CORPORATION,
            f"{prefix}-GOV",
            f"«Азаматтарға арналған үкімет» {city_kk} ХҚКО",
            f"ЦОН «Правительство для граждан», {city_ru}",
            city_kk,
            city_ru,
        )
        departments = [(None, city_kk, city_ru, Organisation.Kind.CITY_DEPARTMENT)] + [
            (n, f"{n}-аудан", f"{n}-й район", Organisation.Kind.DISTRICT_DEPARTMENT)
            for n in range(1, DISTRICTS_PER_REGION + 1)
        ]
        for number, district_kk, district_ru, kind in departments:
            code = office_code(prefix, number)
            office(
                kind,
                code,
                f"{district_kk} білім бөлімі",
                f"Отдел образования: {district_ru}",
                district_kk,
                district_ru,
            )
            for school in range(1, SCHOOLS_PER_DEPARTMENT + 1):
                office(
                    Organisation.Kind.SCHOOL,
                    office_code(prefix, number, school),
                    f"{district_kk}: № {school} мектеп",
                    f"{district_ru}: школа № {school}",
                    district_kk,
                    district_ru,
                )
    Organisation.objects.bulk_create(organisations)

    provided = [
        ProvidedService(organisation=org, service=definition.code)
        for org in organisations
        for definition in all_services()
        if org.kind in definition.provider_kinds
    ]
    ProvidedService.objects.bulk_create(provided)

    staff: list[User] = []
    serial = 0
    for org in organisations:
        clerks, supervisors = STAFF.get(org.kind, (0, 0))
        roles = [Role.CLERK] * clerks + [Role.SUPERVISOR] * supervisors
        if org.kind == Organisation.Kind.QUALITY_CONTROL_BODY:
            roles = [Role.QUALITY_CONTROLLER]
        for role in roles:
            serial += 1
            male = serial % 2 == 0
            first_names = FIRST_MALE if male else FIRST_FEMALE
            staff.append(
                User(
                    # Staff were born in 1950–1964, applicants later: their IINs never meet.
                    iin=python_iin(date(1950, 1, 1) + timedelta(days=serial * 7), male, serial),
                    password=password,
                    last_name=(
                        SURNAMES[serial * 7 % len(SURNAMES)]
                        if male
                        else feminine(SURNAMES[serial * 7 % len(SURNAMES)])
                    ),
                    first_name=first_names[serial % len(first_names)],
                    middle_name=PATRONYMIC_ROOTS[serial % len(PATRONYMIC_ROOTS)]
                    + ("ұлы" if male else "қызы"),
                    phone=f"+7702{serial:07d}",
                    email=f"staff{serial}@bench.example",
                    role=role,
                    organisation=org,
                    date_joined=datetime.combine(
                        today - timedelta(days=YEARS * 366), time(9), tzinfo=UTC
                    ),
                )
            )
    User.objects.bulk_create(staff)
    groups = {group.name: group.pk for group in Group.objects.filter(name__startswith="role:")}
    through = User.groups.through
    through.objects.bulk_create(
        through(user_id=user.pk, group_id=groups[role_group_name(user.role)]) for user in staff
    )
    return len(organisations) + len(provided) + len(staff)


# ----------------------------------------------------------------------------- lookups


def _transition_targets(service: str) -> dict[str, str]:
    """Target state → the name of a transition into it (for the audit events)."""
    from applications.actions import workflow_model

    model = workflow_model(service)
    targets: dict[str, str] = {}
    for name in dir(model):
        try:
            meta = getattr(getattr(model, name, None), "_django_fsm", None)
        except AttributeError:  # a descriptor that refuses class access: no transition
            continue
        if meta is None or name.startswith("_"):
            continue
        for transition in meta.transitions.values():
            targets.setdefault(str(transition.target), name)
    return targets


def _calendar_days(term: int, unit: str) -> int:
    return term if unit == TermUnit.CALENDAR_DAYS else math.ceil(term * 7 / 5)


def _lookups(*, today: date) -> int:
    """Temporary tables the big inserts join: one row per (office, service) with what
    its applications need, and the weighted buckets that choose one."""
    execute(
        """
        CREATE TEMP TABLE bench_slot (
            id integer PRIMARY KEY, org_id bigint, org_code text, region_id bigint,
            service text, weight integer, clerk_ids bigint[], reviewer_id bigint,
            centre_id bigint, qcb_id bigint, qco_id bigint, has_sc boolean,
            term_days integer, open_states text[], open_stages text[],
            final_granted text, final_refused text, final_not_accepted text,
            final_withdrawn text, categories text[], portal_items text[],
            first_item text, ground text, actions jsonb
        )
        """
    )
    staff: dict[tuple[int | None, str], list[int]] = {}
    for user in User.objects.exclude(role=Role.APPLICANT).order_by("pk"):
        staff.setdefault((user.organisation_id, user.role), []).append(user.pk)
    by_kind = {
        (org.region_id, org.kind): org
        for org in Organisation.objects.filter(
            kind__in=[Organisation.Kind.STATE_CORPORATION, Organisation.Kind.QUALITY_CONTROL_BODY]
        )
    }
    definitions = {d.code: d for d in all_services()}
    rows: list[list[Any]] = []
    for number, provided in enumerate(
        ProvidedService.objects.select_related("organisation").order_by(
            "organisation__code", "service"
        ),
        start=1,
    ):
        org = provided.organisation
        definition = definitions[provided.service]
        edition = definition.edition_on(today)
        finals = {info.outcome: info.code for info in definition.states if info.final}
        open_states = [s for s in definition.states if not s.final and s.code != DRAFT]
        portal_items = [
            item.code
            for item in definition.checklist_of(edition)
            if item.condition is None and Channel.PORTAL in item.channels
        ][:2]
        centre = by_kind.get((org.region_id, Organisation.Kind.STATE_CORPORATION))
        qcb = by_kind.get((org.region_id, Organisation.Kind.QUALITY_CONTROL_BODY))
        clerks = staff.get((org.pk, Role.CLERK)) or staff.get((org.pk, Role.SUPERVISOR)) or []
        rows.append(
            [
                number,
                org.pk,
                org.code,
                org.region_id,
                definition.code,
                OFFICE_WEIGHTS.get(org.kind, 1)
                * SERVICE_WEIGHTS.get(definition.code, DEFAULT_SERVICE_WEIGHT),
                clerks,
                next(iter(staff.get((org.pk, Role.SUPERVISOR)) or clerks), None),
                centre.pk if centre else None,
                qcb.pk if qcb else None,
                next(iter(staff.get((qcb.pk, Role.QUALITY_CONTROLLER), [])), None) if qcb else None,
                Channel.STATE_CORPORATION in definition.channels and centre is not None,
                _calendar_days(edition.total_term, edition.term_unit),
                [s.code for s in open_states],
                [s.stage or "" for s in open_states],
                finals.get("granted", COMPLETED),
                finals.get("refused", REFUSED),
                finals.get("not_accepted", REFUSED_TO_ACCEPT),
                finals.get("withdrawn", WITHDRAWN),
                [c.code for c in definition.categories],
                portal_items,
                (definition.checklist_of(edition) or definition.checklist)[0].code,
                definition.refusal_grounds[0].code if definition.refusal_grounds else "",
                json.dumps(_transition_targets(definition.code)),
            ]
        )
    with connection.cursor() as cursor:
        cursor.executemany("INSERT INTO bench_slot VALUES (" + ", ".join(["%s"] * 24) + ")", rows)
    # Weighted choice by equality join: bucket b (0 … BUCKETS-1) → a slot.
    total = sum(row[5] for row in rows)
    buckets: list[int] = []
    for row in rows:
        buckets.extend([row[0]] * max(1, round(row[5] * BUCKETS / total)))
    execute(
        "CREATE TEMP TABLE bench_bucket AS "
        "SELECT (n - 1)::integer AS bucket, slot FROM unnest(%s::integer[]) "
        "WITH ORDINALITY AS b(slot, n)",
        [buckets],
    )
    execute("CREATE UNIQUE INDEX ON bench_bucket (bucket)")
    execute("ANALYZE bench_slot")
    execute("ANALYZE bench_bucket")
    # The measured office's slot for the transitions: a service with a completeness check.
    execute(
        "CREATE TEMP TABLE bench_reserve AS SELECT id FROM bench_slot "
        "WHERE org_code = %s AND 'completeness_check' = ANY(open_states) "
        "ORDER BY weight DESC, id LIMIT 1",
        [MEASURED_OFFICE],
    )
    execute(
        "CREATE TEMP TABLE bench_buckets_count AS SELECT count(*) AS n FROM bench_bucket",
    )
    return len(rows)


# ----------------------------------------------------------------------------- people


def _applicants(count: int, password: str, today: date) -> int:
    base = scalar(f"SELECT coalesce(max(id), 0) FROM {table(User)}")
    execute(
        "CREATE TEMP TABLE bench_applicant_range AS SELECT %s::bigint AS lo, %s::bigint AS n",
        [base, count],
    )
    # k: 1 … count. Born 1965–2000 (12,775 days), sex alternating per cycle of days.
    born = "(DATE '1965-01-01' + mod(k, 12775)::integer)"
    male = "(mod(k / 12775, 2) = 0)"
    inserted = insert_select(
        User,
        {
            "id": f"{base} + k",
            "password": ("%s", [password]),
            "last_login": "NULL",
            "is_superuser": "false",
            "iin": f"pg_temp.bench_iin({born}, {male}, (k / 25550)::integer)",
            "last_name": surname_for("k", 7919, male),
            "first_name": first_name_for("k", 4217, male),
            "middle_name": patronymic_for("k", 6007, male),
            "phone": "'+7701' || lpad(k::text, 7, '0')",
            "email": "CASE WHEN mod(k, 3) = 0 THEN '' ELSE 'applicant' || k || '@mail.example' END",
            "role": ("%s", [Role.APPLICANT.value]),
            "organisation_id": "NULL",
            "preferred_language": "CASE WHEN mod(k, 10) < 7 THEN 'kk' ELSE 'ru' END",
            "is_active": "true",
            "is_staff": "false",
            "date_joined": (
                "%s::timestamptz - (mod(k, 1800) || ' days')::interval",
                [today.isoformat()],
            ),
        },
        "FROM generate_series(1, %s) AS k",
        [count],
    )
    group = Group.objects.get(name=role_group_name(Role.APPLICANT)).pk
    through = User.groups.through
    insert_select(
        through,
        {"user_id": "id", "group_id": str(int(group))},
        f"FROM {table(User)} WHERE id > %s",
        [base],
    )
    return inserted


# ----------------------------------------------------------------------------- applications


def _edition_case() -> tuple[str, list[Any]]:
    """SQL: the edition in force on the registration day ``p.day`` per service (the
    latest that had started; the earliest before any), as ServiceDefinition.edition_on."""
    parts: list[str] = []
    params: list[Any] = []
    for definition in all_services():
        editions = sorted(definition.editions, key=lambda e: e.effective_from, reverse=True)
        later, earliest = editions[:-1], editions[-1]
        whens = " ".join("WHEN p.day >= %s THEN %s" for _edition in later)
        parts.append(f"WHEN %s THEN CASE {whens} ELSE %s END" if later else "WHEN %s THEN %s")
        params.append(definition.code)
        for edition in later:
            params += [edition.effective_from, edition.code]
        params.append(earliest.code)
    return f"CASE s.service {' '.join(parts)} ELSE '' END", params


def _plan(*, rows: int, applicants: int, today: date) -> int:
    """One row per application to be: its office and service, day, state, stage and
    dates, number; the inserts of every table read it."""
    start = today - timedelta(days=YEARS * 365)
    span = (today - start).days
    reserve = min(RESERVED_FOR_TRANSITIONS, max(2, rows // 10))
    applicant_lo = scalar("SELECT lo FROM bench_applicant_range")
    execute(
        """
        CREATE TEMP TABLE bench_raw AS
        WITH g AS (
            SELECT i, random() AS r_slot, random() AS r_state, random() AS r_pick,
                   random() AS r_days, random() AS r_who, random() AS r_channel,
                   random() AS r_time, random() AS r_applicant, random() AS r_kids
            FROM generate_series(1, %(rows)s) AS i
        )
        SELECT g.*,
               (%(start)s::date + ((i - 1) * %(span)s / %(rows)s)::integer) AS day,
               CASE WHEN i > %(rows)s - %(reserve)s THEN (SELECT id FROM bench_reserve)
                    ELSE b.slot END AS slot
        FROM g JOIN bench_bucket b ON b.bucket = floor(g.r_slot * %(buckets)s)::integer
        """,
        {"rows": rows, "start": start, "span": span, "reserve": reserve, "buckets": BUCKETS},
    )
    execute(
        """
        CREATE TEMP TABLE bench_phase AS
        SELECT r.*, %(today)s::date - r.day AS age,
            CASE
                WHEN r.i > %(rows)s - %(reserve)s THEN 'reserved'
                WHEN %(today)s::date - r.day < 20 AND r.r_state < 0.05 THEN 'draft'
                WHEN %(today)s::date - r.day <= %(open_days)s THEN 'open'
                WHEN %(today)s::date - r.day <= 180 AND r.r_state < 0.02 THEN 'late'
                ELSE 'final'
            END AS phase,
            CASE
                WHEN r.r_channel < 0.85 OR r.r_state < 0.05 THEN %(portal)s
                WHEN r.r_channel < 0.97 OR NOT s.has_sc THEN %(office)s
                ELSE %(sc)s
            END AS channel
        FROM bench_raw r JOIN bench_slot s ON s.id = r.slot
        """,
        {
            "today": today,
            "rows": rows,
            "reserve": reserve,
            "open_days": OPEN_DAYS,
            "portal": Channel.PORTAL.value,
            "office": Channel.OFFICE.value,
            "sc": Channel.STATE_CORPORATION.value,
        },
    )
    execute(
        """
        CREATE TEMP TABLE bench_state AS
        SELECT p.*,
            CASE p.phase
                WHEN 'draft' THEN %(draft)s
                WHEN 'reserved' THEN 'completeness_check'
                WHEN 'final' THEN CASE
                    WHEN p.r_pick < 0.80 THEN s.final_granted
                    WHEN p.r_pick < 0.88 THEN s.final_refused
                    WHEN p.r_pick < 0.95 THEN s.final_not_accepted
                    ELSE s.final_withdrawn END
                ELSE s.open_states[1 + floor(p.r_pick * cardinality(s.open_states))::integer]
            END AS state,
            CASE WHEN p.phase IN ('open', 'late')
                 THEN s.open_stages[1 + floor(p.r_pick * cardinality(s.open_states))::integer]
                 WHEN p.phase = 'reserved' THEN 'completeness_check'
                 ELSE '' END AS stage,
            CASE WHEN p.channel = %(portal)s OR mod(p.i, 5) < 3
                 THEN %(lo)s + 1 + floor(p.r_applicant * %(applicants)s)::bigint END
                 AS applicant_id,
            ((p.day + time '09:00') AT TIME ZONE %(tz)s) + p.r_time * interval '8 hours'
                 AS created_at
        FROM bench_phase p JOIN bench_slot s ON s.id = p.slot
        """,
        {
            "draft": DRAFT,
            "portal": Channel.PORTAL.value,
            "lo": applicant_lo,
            "applicants": applicants,
            "tz": TZ,
        },
    )
    edition_sql, edition_params = _edition_case()
    execute(
        f"""
        CREATE TEMP TABLE bench_app AS
        SELECT p.*, %s::bigint + p.i AS app_id,
            CASE WHEN p.phase = 'draft' THEN NULL ELSE p.created_at + interval '12 minutes' END
                AS filed_at,
            CASE WHEN p.phase = 'draft' THEN NULL ELSE
                row_number() OVER (PARTITION BY s.org_id, extract(year FROM p.day),
                                   p.phase = 'draft' ORDER BY p.i) END AS seq,
            {edition_sql} AS edition,
            CASE p.phase
                WHEN 'open' THEN greatest(p.day, %s::date + (floor(p.r_days * 9)::integer - 3))
                WHEN 'late' THEN p.day + 3
                WHEN 'reserved' THEN p.day + 1 END AS stage_due_on,
            CASE WHEN p.phase = 'final' THEN least(%s::date, p.day + CASE
                WHEN p.state = s.final_not_accepted THEN 1 + floor(p.r_days * 2)::integer
                WHEN p.state = s.final_withdrawn THEN floor(p.r_days * s.term_days * 0.5)::integer
                ELSE floor(p.r_days * s.term_days * 1.3)::integer END) END AS completed_on,
            CASE WHEN p.phase = 'final' OR (p.phase <> 'draft' AND p.r_who < 0.6)
                 THEN s.clerk_ids[1 + floor(p.r_who * cardinality(s.clerk_ids))::integer] END
                 AS clerk_id
        FROM bench_state p JOIN bench_slot s ON s.id = p.slot
        """,
        [scalar(f"SELECT coalesce(max(id), 0) FROM {table(Application)}"), *edition_params]
        + [today, today],
    )
    execute("CREATE UNIQUE INDEX ON bench_app (app_id)")
    execute("ANALYZE bench_app")
    for name in ("bench_raw", "bench_phase", "bench_state"):
        execute(f"DROP TABLE {name}")
    return scalar("SELECT count(*) FROM bench_app")


def _applications(*, today: date) -> int:
    return insert_select(
        Application,
        {
            "id": "a.app_id",
            "number": "CASE WHEN a.seq IS NULL THEN NULL ELSE "
            + application_number_sql("s.org_code", "extract(year FROM a.day)::integer", "a.seq")
            + " END",
            "service": "s.service",
            "edition": "a.edition",
            "organisation_id": "s.org_id",
            "applicant_id": "a.applicant_id",
            "applicant_iin": "coalesce(u.iin, pg_temp.bench_iin("
            "DATE '1970-01-01' + mod(a.i, 9000)::integer, mod(a.i, 2) = 0, "
            "(4000 + a.i / 18000)::integer))",
            "applicant_name": full_name_sql(
                "concat_ws(' ', u.last_name, u.first_name, nullif(u.middle_name, ''))",
                key="a.i",
                male="mod(a.i, 2) = 0",
            ),
            "applicant_phone": "coalesce(nullif(u.phone, ''), '+7705' || lpad(mod(a.i, 10000000)::text, 7, '0'))",
            "applicant_email": "coalesce(u.email, '')",
            "applicant_address": (
                "(%s::text[])[1 + mod(a.i, %s)] || ', ' || (1 + mod(a.i, 200))",
                [STREETS, len(STREETS)],
            ),
            "channel": "a.channel",
            "intake_office_id": (
                "CASE WHEN a.channel = %s THEN s.centre_id END",
                [Channel.STATE_CORPORATION.value],
            ),
            "language": "CASE WHEN mod(a.i, 10) < 7 THEN 'kk' ELSE 'ru' END",
            "state": "a.state",
            "answers": "CASE WHEN cardinality(s.categories) > 0 THEN jsonb_build_object("
            "'category', s.categories[1 + mod(a.i, cardinality(s.categories))]) "
            "ELSE '{}'::jsonb END",
            "filed_at": "a.filed_at",
            "registered_on": "CASE WHEN a.filed_at IS NULL THEN NULL ELSE a.day END",
            "due_on": "CASE WHEN a.filed_at IS NULL THEN NULL ELSE a.day + s.term_days END",
            "stage": "a.stage",
            "stage_started_on": (
                "CASE WHEN a.stage_due_on IS NULL THEN NULL "
                "ELSE greatest(a.day, least(a.stage_due_on - 1, %s::date)) END",
                [today],
            ),
            "stage_due_on": "a.stage_due_on",
            "completed_at": ("((a.completed_on + time '15:00') AT TIME ZONE %s)", [TZ]),
            "completed_on": "a.completed_on",
            "working_days_to_result": "CASE WHEN a.completed_on IS NULL THEN NULL "
            "ELSE ((a.completed_on - a.day) * 5 / 7) END",
            "completed_by_id": "CASE WHEN a.completed_on IS NULL THEN NULL ELSE a.clerk_id END",
            "assigned_clerk_id": "a.clerk_id",
            "submission_key": "''",
            "created_at": "a.created_at",
            "updated_at": (
                "coalesce((a.completed_on + time '15:00') AT TIME ZONE %s, a.filed_at, "
                "a.created_at)",
                [TZ],
            ),
        },
        f"FROM bench_app a JOIN bench_slot s ON s.id = a.slot "
        f"LEFT JOIN {table(User)} u ON u.id = a.applicant_id ORDER BY a.i",
    )


def _children() -> int:
    # j numbers every child once: 3 per application at most (1 + 20 % + 5 %).
    j = "(a.i * 3 + c.n)"
    born = f"(DATE '2008-01-01' + mod({j}, 5800)::integer)"
    return insert_select(
        Child,
        {
            "application_id": "a.app_id",
            # Brothers and sisters share the family's name (by application, not child).
            "last_name": surname_for("a.i", 7919, f"mod({j} / 5800, 2) = 0"),
            "first_name": first_name_for(j, 4217, f"mod({j} / 5800, 2) = 0"),
            "middle_name": "''",
            "birth_date": born,
            "iin": f"pg_temp.bench_iin({born}, mod({j} / 5800, 2) = 0, ({j} / 11600)::integer)",
            "birth_certificate_number": "''",
            "birth_certificate_date": "NULL",
        },
        "FROM bench_app a CROSS JOIN LATERAL generate_series(1, 1 + (a.r_kids < 0.2)::integer "
        "+ (a.r_kids < 0.05)::integer) AS c(n) ORDER BY a.i, c.n",
    )


def _attachments() -> int:
    pending, accepted = Attachment.Review.PENDING.value, Attachment.Review.ACCEPTED.value
    return insert_select(
        Attachment,
        {
            "application_id": "a.app_id",
            "checklist_item": "it.code",
            "file": ("%s", [PLACEHOLDER_FILE]),
            "original_name": "it.code || '.pdf'",
            "content_type": "'application/pdf'",
            "size": "150000 + mod(a.i * 37 + it.n::integer, 900000)",
            "pages": "1 + mod(a.i, 3)",
            "sha256": "md5(a.app_id::text || it.code) || md5(it.code || a.app_id::text)",
            "is_current": "true",
            "review": (
                "CASE WHEN a.state IN ('draft', 'completeness_check') THEN %s ELSE %s END",
                [pending, accepted],
            ),
            "review_reason": "''",
            "reviewed_by_id": "CASE WHEN a.state IN ('draft', 'completeness_check') THEN NULL "
            "ELSE s.clerk_ids[1] END",
            "uploaded_by_id": "a.applicant_id",
            "uploaded_at": "a.created_at + it.n * interval '1 minute'",
        },
        "FROM bench_app a JOIN bench_slot s ON s.id = a.slot "
        "CROSS JOIN LATERAL unnest(s.portal_items) WITH ORDINALITY AS it(code, n) "
        "WHERE a.channel = %s ORDER BY a.i, it.n",
        [Channel.PORTAL.value],
    )


def _events() -> int:
    """The timeline as the pages read it: created, filed, and the transition into the
    current state (the intermediate steps are not written: nothing reads them in bulk)."""
    total = insert_select(
        ApplicationEvent,
        {
            "application_id": "a.app_id",
            "actor_id": "coalesce(a.applicant_id, a.clerk_id)",
            "at": "a.created_at",
            "action": "'created'",
            "from_state": "''",
            "to_state": ("%s", [DRAFT]),
            "reason": "''",
            "data": "'{}'::jsonb",
        },
        "FROM bench_app a ORDER BY a.i",
    )
    total += insert_select(
        ApplicationEvent,
        {
            "application_id": "a.app_id",
            "actor_id": (
                "CASE WHEN a.channel = %s THEN a.applicant_id ELSE a.clerk_id END",
                [Channel.PORTAL.value],
            ),
            "at": "a.filed_at",
            "action": "'submit'",
            "from_state": ("%s", [DRAFT]),
            "to_state": "'completeness_check'",
            "reason": "''",
            "data": "'{}'::jsonb",
        },
        "FROM bench_app a WHERE a.filed_at IS NOT NULL ORDER BY a.i",
    )
    total += insert_select(
        ApplicationEvent,
        {
            "application_id": "a.app_id",
            "actor_id": "CASE WHEN a.state = s.final_withdrawn THEN a.applicant_id "
            "ELSE a.clerk_id END",
            "at": (
                "coalesce((a.completed_on + time '15:00') AT TIME ZONE %s, "
                "a.filed_at + interval '1 day')",
                [TZ],
            ),
            "action": "coalesce(s.actions ->> a.state, 'step')",
            "from_state": "'completeness_check'",
            "to_state": "a.state",
            "reason": "CASE WHEN a.state IN (s.final_refused, s.final_not_accepted) "
            "THEN 'Бенчмарк: бас тарту себебі' ELSE '' END",
            "data": "CASE WHEN a.state = s.final_refused THEN jsonb_build_object('ground', s.ground) "
            "WHEN a.state = s.final_not_accepted THEN jsonb_build_object('missing', "
            "jsonb_build_array(s.first_item)) ELSE '{}'::jsonb END",
        },
        "FROM bench_app a JOIN bench_slot s ON s.id = a.slot "
        "WHERE a.state NOT IN ('draft', 'completeness_check') ORDER BY a.i",
    )
    return total


def _notifications() -> int:
    return insert_select(
        Notification,
        {
            "recipient_id": "a.applicant_id",
            "application_id": "a.app_id",
            "event_id": "NULL",
            "message_kk": "'Өтінішіңіз тіркелді: ' || n.number",
            "message_ru": "'Ваше заявление зарегистрировано: ' || n.number",
            "created_at": "a.filed_at",
            "read_at": "CASE WHEN a.age > 30 THEN a.filed_at + interval '1 day' END",
        },
        f"FROM bench_app a JOIN {table(Application)} n ON n.id = a.app_id "
        "WHERE a.applicant_id IS NOT NULL AND a.filed_at IS NOT NULL ORDER BY a.i",
    )


def _complaints(*, today: date) -> int:
    """One complaint per ~300 decided applications with an account: to the provider's
    head mostly, one in five to the quality-control body; answered unless recent."""
    state = Complaint.State
    to_body = Complaint.AddressedTo.QUALITY_BODY.value
    execute(
        """
        CREATE TEMP TABLE bench_complaint AS
        SELECT a.*, s.org_code, s.org_id, s.reviewer_id, s.qcb_id, s.qco_id,
               a.completed_on + 2 AS reg_on,
               (mod(a.i, 5) = 0 AND s.qcb_id IS NOT NULL) AS to_body,
               (%s::date - a.completed_on > 40) AS answered,
               row_number() OVER (PARTITION BY s.org_id,
                                  extract(year FROM a.completed_on + 2) ORDER BY a.i) AS cseq
        FROM bench_app a JOIN bench_slot s ON s.id = a.slot
        WHERE a.completed_on IS NOT NULL AND a.applicant_id IS NOT NULL AND mod(a.i, 300) = 7
        """,
        [today],
    )

    def at(day: str, hour: str) -> str:
        return f"(({day} + time '{hour}') AT TIME ZONE '{TZ}')"

    return insert_select(
        Complaint,
        {
            "number": complaint_number_sql(
                "c.org_code", "extract(year FROM c.reg_on)::integer", "c.cseq"
            ),
            "application_id": "c.app_id",
            "applicant_id": "c.applicant_id",
            "organisation_id": "c.org_id",
            "addressed_to": (
                "CASE WHEN c.to_body THEN %s ELSE %s END",
                [to_body, Complaint.AddressedTo.PROVIDER_HEAD.value],
            ),
            "subject": ("%s", [Complaint.Subject.DECISION.value]),
            "text": "'Шешіммен келіспеймін (бенчмарк).'",
            "language": "CASE WHEN mod(c.i, 10) < 7 THEN 'kk' ELSE 'ru' END",
            "state": (
                "CASE WHEN c.answered THEN %s WHEN c.to_body THEN %s ELSE %s END",
                [state.ANSWERED.value, state.FORWARDED.value, state.REGISTERED.value],
            ),
            "submission_key": "''",
            "filed_at": at("c.reg_on", "10:00"),
            "registered_on": "c.reg_on",
            "due_on": "CASE WHEN c.to_body THEN c.reg_on + 23 ELSE c.reg_on + 7 END",
            "forward_due_on": "CASE WHEN c.to_body THEN c.reg_on + 4 END",
            "quality_body_id": "CASE WHEN c.to_body THEN c.qcb_id END",
            "body_registered_on": "CASE WHEN c.to_body THEN c.reg_on + 2 END",
            "taken_at": f"CASE WHEN c.answered AND NOT c.to_body THEN {at('c.reg_on', '11:00')} END",
            "reviewer_id": "CASE WHEN NOT c.answered THEN NULL WHEN c.to_body THEN c.qco_id "
            "ELSE c.reviewer_id END",
            "justified": "CASE WHEN c.answered THEN mod(c.i, 3) = 0 END",
            "answer": "CASE WHEN c.answered THEN 'Жауап берілді (бенчмарк).' ELSE '' END",
            "answered_at": f"CASE WHEN c.answered THEN {at('c.reg_on + 5', '16:00')} END",
            "answered_on": "CASE WHEN c.answered THEN c.reg_on + 5 END",
            "answered_in_time": "CASE WHEN c.answered THEN mod(c.i, 7) <> 0 END",
            "forwarded_at": f"CASE WHEN c.to_body THEN {at('c.reg_on + 2', '12:00')} END",
            "forwarded_on": "CASE WHEN c.to_body THEN c.reg_on + 2 END",
            "forwarded_in_time": "CASE WHEN c.to_body THEN true END",
        },
        "FROM bench_complaint c ORDER BY c.i",
    )


def _counters() -> int:
    """The number counters continue after the generated numbers (one counter table for
    applications and complaints when NumberSequence has a ``kind``; a separate
    complaints.ComplaintSequence otherwise)."""
    kinded = has_field(NumberSequence, "kind")
    values: dict[str, Expression] = {
        "organisation_id": "c.org_id",
        "year": "c.year",
        "last_value": "c.last",
    }
    total = insert_select(
        NumberSequence,
        {**values, **({"kind": "'application'"} if kinded else {})},
        "FROM (SELECT s.org_id, extract(year FROM a.day)::integer AS year, max(a.seq) AS last "
        "FROM bench_app a JOIN bench_slot s ON s.id = a.slot WHERE a.seq IS NOT NULL "
        "GROUP BY 1, 2) AS c",
    )
    source = (
        "FROM (SELECT org_id, extract(year FROM reg_on)::integer AS year, max(cseq) AS last "
        "FROM bench_complaint GROUP BY 1, 2) AS c"
    )
    try:
        legacy = apps.get_model("complaints", "ComplaintSequence")
    except LookupError:
        legacy = None
    if legacy is not None:
        total += insert_select(legacy, values, source)
    elif kinded:
        from complaints import models as complaint_models

        kind = getattr(complaint_models, "NUMBER_KIND", "complaint")
        total += insert_select(NumberSequence, {**values, "kind": f"'{kind}'"}, source)
    return total


def _reset_sequences() -> int:
    statements = connection.ops.sequence_reset_sql(no_style(), [User, Application])
    for statement in statements:
        execute(statement)
    return -1


def _vacuum() -> int:
    # A production database has been vacuumed and analysed by autovacuum long since:
    # the plans and the visibility map (index-only scans) should be those of one.
    execute("VACUUM ANALYZE")
    return -1
