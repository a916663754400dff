"""The payment register at scale (issue #15): ``python -m tools.bench.payments``.

Run by ``make bench`` after the pages. Creates its own database (``BENCH_PAYMENTS_DB``,
default ``bench_payments``; the name must start with ``bench_``) on ``BENCH_POSTGRES`` (default postgres://postgres@127.0.0.1:5432/postgres),
migrates it, generates ``BENCH_ENTITLEMENTS`` entitlements (default 100,000) of one
office with SQL (``INSERT … SELECT`` over ``generate_series``, through
tools/bench/generate.py's ``insert_select``): their decided applications, 1–3 children
each (born over 17 years), five years of starts, 3 % ended early, 2 % suspended; then
measures, for the current month, preparing the register (the clerk), preparing it again,
approving it (the head), the XLSX and the bank CSV, and prints each time against its
target (``TARGETS``, seconds) and as JSON in var/bench/. The signed-off PDF list is
not measured here (at this size it is thousands of pages; see the README). The database
is dropped unless ``BENCH_KEEP=1``.
"""

# ruff: noqa: S608

from __future__ import annotations

import json
import os
import sys
import time
from datetime import date
from pathlib import Path

from tools.bench.__main__ import DEFAULT_SERVER, PREFIX, WORK_DIR, Config, admin, database_exists

DEFAULT_ENTITLEMENTS = 100_000
# Seconds, on the development machine (2 cores shared): what the accountant waits for.
TARGETS = {"prepare": 60.0, "prepare again": 60.0, "approve": 10.0, "xlsx": 60.0, "bank csv": 30.0}


def log(message: str) -> None:
    print(message, flush=True)


def generate(count: int, today: date) -> dict[str, int]:
    from django.db import connection

    from applications.models import Application, Child
    from guardianship_portal.accounts.models import Role, User
    from guardianship_portal.organisations.models import Organisation, ProvidedService, Region
    from payments.models import Entitlement, EntitlementChild, EntitlementPause
    from services.guardian_allowance.models import MonthlyCalculationIndex
    from services.patronat.models import PaymentNorm
    from tools.bench.generate import execute, insert_select, table

    region = Region.objects.create(name_kk="Бенч облысы", name_ru="Бенч область")
    office = Organisation.objects.create(
        kind=Organisation.Kind.CITY_DEPARTMENT,
        code="PAY-BENCH",
        name_kk="Бенч білім бөлімі",
        name_ru="Бенч отдел образования",
        region=region,
        district_kk="Бенч",
        district_ru="Бенч",
        address_kk="Абай к-сі, 1",
        address_ru="ул. Абая, 1",
        phone="+77160000000",
    )
    for service in ("patronat", "guardian_allowance"):
        ProvidedService.objects.create(organisation=office, service=service)
    PaymentNorm.objects.create(
        region=region,
        effective_from=date(2015, 1, 1),
        monthly_amount=62_000,
        decision_reference_kk="Бенч қаулысы",
        decision_reference_ru="Бенч постановление",
    )
    for year in range(today.year - 6, today.year + 2):
        MonthlyCalculationIndex.objects.create(year=year, value=4325, legal_reference="Бенч заң")
    clerk = User.objects.create_user(
        "900903323026",
        "bench",
        role=Role.CLERK,
        organisation=office,
        last_name="Бенч",
        first_name="Маман",
    )
    head = User.objects.create_user(
        "790125434033",
        "bench",
        role=Role.SUPERVISOR,
        organisation=office,
        last_name="Бенч",
        first_name="Басшы",
    )
    from guardianship_portal.accounts.roles import ensure_role_groups

    ensure_role_groups()
    for user in (clerk, head):
        user.save()  # the role's group (accounts.signals)
    started = time.monotonic()
    source = (
        "FROM (SELECT i, CASE WHEN mod(i, 3) = 0 THEN 'guardian_allowance' ELSE 'patronat' END AS service, "
        "(%s::date - (mod(i * 7919, 1826))::integer) AS starts "
        "FROM generate_series(1, %s) AS i) g"
    )
    base = int(execute(f"SELECT coalesce(max(id), 0) FROM {table(Application)}") or 0)
    insert_select(
        Application,
        {
            "id": (f"{base} + g.i", []),
            "number": "'PAY-BENCH-' || lpad(g.i::text, 7, '0')",
            "service": "g.service",
            "edition": "'bench'",
            "organisation_id": (str(office.pk), []),
            "applicant_id": "NULL",
            "applicant_iin": "lpad((100000000000 + g.i)::text, 12, '0')",
            "applicant_name": "'Сейітова Айгүл ' || g.i",
            "applicant_phone": "'+77050000000'",
            "channel": "'office'",
            "language": "CASE WHEN mod(g.i, 10) < 7 THEN 'kk' ELSE 'ru' END",
            "state": "'completed'",
            "answers": "jsonb_build_object('bank_account', 'KZ86125KZT5004100100', 'bank_name', 'Halyk Bank')",
            "completed_on": "g.starts",
        },
        source,
        [today, count],
    )
    insert_select(
        Child,
        {
            "application_id": f"{base} + g.i",
            "last_name": "'Серіков'",
            "first_name": "'Нұрлан ' || c.n",
            "middle_name": "''",
            "birth_date": "g.starts - (mod(g.i * 31 + c.n * 997, 6200))::integer",
            "iin": "''",
            "birth_certificate_number": "''",
            "birth_certificate_date": "NULL",
        },
        source.replace(
            ") g",
            ") g CROSS JOIN LATERAL generate_series(1, 1 + (mod(g.i, 5) = 0)::integer "
            "+ (mod(g.i, 20) = 0)::integer) AS c(n)",
        ),
        [today, count],
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{Application._meta.db_table}', 'id'), "
            f"(SELECT max(id) FROM {table(Application)}))"
        )
    # The children's 18th birthdays; the planned end is the youngest's.
    execute(
        "CREATE TEMP TABLE bench_kids AS SELECT c.id, c.application_id, c.birth_date, "
        "c.last_name || ' ' || c.first_name AS full_name, "
        "(c.birth_date + interval '18 years')::date AS ends_on "
        f"FROM {table(Child)} c JOIN {table(Application)} a ON a.id = c.application_id "
        "WHERE a.organisation_id = %s",
        [office.pk],
    )
    execute(
        f"INSERT INTO {table(Entitlement)} (number, application_id, service, organisation_id, "
        "recipient_id, recipient_iin, recipient_name, bank_name, bank_account, language, state, "
        "decided_on, starts_on, planned_end_on, ends_on, end_ground, end_note, recalculate_from, "
        "created_at, updated_at) "
        "SELECT a.number || '/E', a.id, a.service, a.organisation_id, NULL, a.applicant_iin, "
        "a.applicant_name, 'Halyk Bank', 'KZ86125KZT5004100100', a.language, "
        "CASE WHEN k.ends_on <= %s OR mod(a.id, 33) = 0 THEN 'ended' "
        "WHEN mod(a.id, 50) = 0 THEN 'suspended' ELSE 'active' END, "
        "a.completed_on, date_trunc('month', a.completed_on)::date, greatest(k.ends_on, date_trunc('month', a.completed_on)::date), "
        "CASE WHEN k.ends_on <= %s THEN greatest(k.ends_on, date_trunc('month', a.completed_on)::date) "
        "WHEN mod(a.id, 33) = 0 THEN greatest(date_trunc('month', a.completed_on)::date, %s::date - 40) END, "
        "CASE WHEN k.ends_on <= %s THEN 'term_reached' WHEN mod(a.id, 33) = 0 THEN 'adopted' ELSE '' END, "
        "'', NULL, now(), now() "
        f"FROM {table(Application)} a JOIN (SELECT application_id, max(ends_on) AS ends_on FROM bench_kids "
        "GROUP BY application_id) k ON k.application_id = a.id WHERE a.organisation_id = %s",
        [today, today, today, today, office.pk],
    )
    execute(
        f"INSERT INTO {table(EntitlementChild)} (entitlement_id, child_id, full_name, birth_date, ends_on) "
        "SELECT e.id, k.id, k.full_name, k.birth_date, least(k.ends_on, e.planned_end_on) "
        f"FROM bench_kids k JOIN {table(Entitlement)} e ON e.application_id = k.application_id"
    )
    execute(
        f"INSERT INTO {table(EntitlementPause)} (entitlement_id, starts_on, ends_on) "
        f"SELECT id, greatest(starts_on, %s::date - 20), NULL FROM {table(Entitlement)} "
        "WHERE state = 'suspended'",
        [today],
    )
    execute("ANALYZE")
    log(f"generated in {time.monotonic() - started:.1f} s")
    return {
        "office": office.pk,
        "clerk": clerk.pk,
        "head": head.pk,
        "entitlements": Entitlement.objects.count(),
        "children": EntitlementChild.objects.count(),
    }


def measure(counts: dict[str, int], month: date) -> dict[str, float]:
    from guardianship_portal.accounts.models import User
    from guardianship_portal.organisations.models import Organisation
    from payments import exports
    from payments.actions import register_approve, register_prepare

    office = Organisation.objects.get(pk=counts["office"])
    clerk, head = User.objects.get(pk=counts["clerk"]), User.objects.get(pk=counts["head"])
    timings: dict[str, float] = {}

    def timed(name, call):
        started = time.monotonic()
        result = call()
        timings[name] = round(time.monotonic() - started, 2)
        return result

    register = timed(
        "prepare", lambda: register_prepare(organisation=office, month=month, actor=clerk)
    )
    register = timed(
        "prepare again", lambda: register_prepare(organisation=office, month=month, actor=clerk)
    )
    register = timed(
        "approve",
        lambda: register_approve(
            register=register, actor=head, version=register.version, expected_state="prepared"
        ),
    )
    timed("xlsx", lambda: exports.register_xlsx(register, "kk"))
    timed("bank csv", lambda: exports.bank_csv(register))
    counts.update(
        lines=register.lines.count(),
        children_paid=register.children_paid,
        recipients=register.recipients,
    )
    log(
        f"register {month:%Y-%m}: {counts['lines']} lines, {register.recipients} recipients, {register.total} tenge"
    )
    return timings


def main() -> int:
    environ = dict(os.environ)
    # Its own variable: `make bench` runs this after the pages' bench, and a BENCH_DB
    # meant for that one (BENCH_REUSE of a kept database) must not be dropped here.
    environ["BENCH_DB"] = environ.get("BENCH_PAYMENTS_DB") or "bench_payments"
    environ.setdefault("BENCH_ROWS", "100")  # Config checks it; unused here
    config = Config(environ)
    count = int(str(environ.get("BENCH_ENTITLEMENTS") or DEFAULT_ENTITLEMENTS).replace("_", ""))
    assert config.database.startswith(PREFIX)
    if database_exists(config):
        admin(config, f'DROP DATABASE "{config.database}"')
    admin(config, f'CREATE DATABASE "{config.database}"')
    os.environ.update(
        DJANGO_SETTINGS_MODULE="guardianship_portal.settings.local",
        DATABASE_URL=config.database_url,
        MEDIA_ROOT=str(WORK_DIR / "media" / config.database),
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from django.utils import timezone

    try:
        call_command("migrate", interactive=False, verbosity=0)
        today = timezone.localdate()
        counts = generate(count, today)
        month = today.replace(day=1)
        timings = measure(counts, month)
    finally:
        connections.close_all()
        if environ.get("BENCH_KEEP") != "1":
            admin(config, f'DROP DATABASE "{config.database}"')
        else:
            log(f"kept: DATABASE_URL={config.database_url}")
    failed = []
    log(f"{'step':<16}{'seconds':>10}{'target':>10}")
    for name, seconds in timings.items():
        target = TARGETS[name]
        log(f"{name:<16}{seconds:>10.2f}{target:>10.1f}{'' if seconds <= target else '  over'}")
        if seconds > target:
            failed.append(name)
    config.out.mkdir(parents=True, exist_ok=True)
    out = Path(config.out) / f"payments-{count}-{int(time.time())}.json"
    out.write_text(
        json.dumps(
            {"entitlements": count, "counts": counts, "timings": timings, "targets": TARGETS},
            indent=2,
        )
    )
    log(f"written to {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

__all__ = ["DEFAULT_SERVER", "main"]
