"""Demo data for `make run`: a small realistic region and one user per role.

Idempotent: running it again updates the same rows (keyed by code / IIN) and prints
the same logins. Later releases add demo applications here.
"""

import importlib
import importlib.util
from datetime import date, time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from guardianship_portal.accounts.iin import make_iin
from guardianship_portal.accounts.models import Role, User
from guardianship_portal.accounts.roles import ensure_role_groups
from guardianship_portal.accounts.second_factor import demo_secret_base32, enrol_demo_staff
from guardianship_portal.organisations.models import Organisation, ProvidedService, Region

DEMO_PASSWORD = "demo-portal-2026"  # noqa: S105 — printed demo login, local demo data only

REGIONS = {
    "akmola": ("Ақмола облысы", "Акмолинская область"),
    "karaganda": ("Қарағанды облысы", "Карагандинская область"),
}

ORGANISATIONS: list[dict[str, Any]] = [
    {
        "code": "KOK-EDU",
        "region": "akmola",
        "kind": Organisation.Kind.CITY_DEPARTMENT,
        "name_kk": "Көкшетау қаласының білім бөлімі",
        "name_ru": "Отдел образования города Кокшетау",
        "district_kk": "Көкшетау қаласы",
        "district_ru": "город Кокшетау",
        "address_kk": "Көкшетау қ., Абай к-сі, 89",
        "address_ru": "г. Кокшетау, ул. Абая, 89",
        "phone": "+77162250000",
        "email": "kokshetau-edu@example.kz",
        "head_name": "Жұмабеков Асқар Сәкенұлы",
        # Demo bank details (the treasury account a department is paid through).
        "bin": "010240000118",
        "bank_account": "KZ94070105KSN0000001",
        "bank_bik": "KKMFKZ2A",
        "bank_name_kk": "«Қазақстан Республикасы Қаржы министрлігінің Қазынашылық комитеті» РММ",
        "bank_name_ru": "РГУ «Комитет казначейства Министерства финансов Республики Казахстан»",
    },
    {
        "code": "KOK-SCH7",
        "region": "akmola",
        "kind": Organisation.Kind.SCHOOL,
        "name_kk": "Көкшетау қаласының № 7 мектеп-гимназиясы",
        "name_ru": "Школа-гимназия № 7 города Кокшетау",
        "district_kk": "Көкшетау қаласы",
        "district_ru": "город Кокшетау",
        "address_kk": "Көкшетау қ., Ауельбеков к-сі, 120",
        "address_ru": "г. Кокшетау, ул. Ауельбекова, 120",
        "phone": "+77162251177",
        "email": "school7@example.kz",
        "head_name": "Ахметова Гүлнар Ержанқызы",
    },
    {
        "code": "BUR-EDU",
        "region": "akmola",
        "kind": Organisation.Kind.DISTRICT_DEPARTMENT,
        "name_kk": "Бурабай ауданының білім бөлімі",
        "name_ru": "Отдел образования Бурабайского района",
        "district_kk": "Бурабай ауданы",
        "district_ru": "Бурабайский район",
        "address_kk": "Щучинск қ., Абылай хан к-сі, 32",
        "address_ru": "г. Щучинск, ул. Абылай хана, 32",
        "phone": "+77163640000",
        "email": "burabay-edu@example.kz",
        "head_name": "Сұлтанов Бекзат Нұрланұлы",
        # Demo bank details (the treasury account a department is paid through).
        "bin": "010340000227",
        "bank_account": "KZ67070105KSN0000002",
        "bank_bik": "KKMFKZ2A",
        "bank_name_kk": "«Қазақстан Республикасы Қаржы министрлігінің Қазынашылық комитеті» РММ",
        "bank_name_ru": "РГУ «Комитет казначейства Министерства финансов Республики Казахстан»",
    },
    {
        # Supervises every provider of the oblast; provides nothing itself.
        "code": "AKM-EDU",
        "region": "akmola",
        "kind": Organisation.Kind.REGIONAL_DEPARTMENT,
        "name_kk": "Ақмола облысының білім басқармасы",
        "name_ru": "Управление образования Акмолинской области",
        "district_kk": "Көкшетау қаласы",
        "district_ru": "город Кокшетау",
        "address_kk": "Көкшетау қ., Абай к-сі, 96",
        "address_ru": "г. Кокшетау, ул. Абая, 96",
        "phone": "+77162290000",
        "email": "akmola-edu@example.kz",
        "head_name": "Бекова Айнұр Серікқызы",
    },
    {
        # The authorised body for quality control of state services in the oblast.
        "code": "AKM-QC",
        "region": "akmola",
        "kind": Organisation.Kind.QUALITY_CONTROL_BODY,
        "name_kk": "Мемлекеттік қызмет істері агенттігінің Ақмола облысы бойынша департаменті",
        "name_ru": "Департамент Агентства по делам государственной службы по Акмолинской области",
        "district_kk": "Көкшетау қаласы",
        "district_ru": "город Кокшетау",
        "address_kk": "Көкшетау қ., Горький к-сі, 21",
        "address_ru": "г. Кокшетау, ул. Горького, 21",
        "phone": "+77162330000",
        "email": "akmola-qc@example.kz",
        "head_name": "Тоқтаров Ерлан Болатұлы",
    },
    {
        "code": "KAR-EDU",
        "region": "karaganda",
        "kind": Organisation.Kind.CITY_DEPARTMENT,
        "name_kk": "Қарағанды қаласының білім бөлімі",
        "name_ru": "Отдел образования города Караганды",
        "district_kk": "Қарағанды қаласы",
        "district_ru": "город Караганда",
        "address_kk": "Қарағанды қ., Бұқар жырау даңғылы, 47",
        "address_ru": "г. Караганда, пр. Бухар жырау, 47",
        "phone": "+77212420000",
        "email": "karaganda-edu@example.kz",
        "head_name": "Исабаев Ерлан Маратұлы",
        # Demo bank details (the treasury account a department is paid through).
        "bin": "010440000336",
        "bank_account": "KZ40070105KSN0000003",
        "bank_bik": "KKMFKZ2A",
        "bank_name_kk": "«Қазақстан Республикасы Қаржы министрлігінің Қазынашылық комитеті» РММ",
        "bank_name_ru": "РГУ «Комитет казначейства Министерства финансов Республики Казахстан»",
    },
    {
        "code": "KAR-SCH15",
        "region": "karaganda",
        "kind": Organisation.Kind.SCHOOL,
        "name_kk": "Қарағанды қаласының № 15 жалпы білім беретін мектебі",
        "name_ru": "Общеобразовательная школа № 15 города Караганды",
        "district_kk": "Қарағанды қаласы",
        "district_ru": "город Караганда",
        "address_kk": "Қарағанды қ., Ермеков к-сі, 58",
        "address_ru": "г. Караганда, ул. Ермекова, 58",
        "phone": "+77212431515",
        "email": "school15@example.kz",
        "head_name": "Ким Ольга Викторовна",
    },
    {
        "code": "KAR-QC",
        "region": "karaganda",
        "kind": Organisation.Kind.QUALITY_CONTROL_BODY,
        "name_kk": "Мемлекеттік қызмет істері агенттігінің Қарағанды облысы бойынша департаменті",
        "name_ru": "Департамент Агентства по делам государственной службы по Карагандинской области",
        "district_kk": "Қарағанды қаласы",
        "district_ru": "город Караганда",
        "address_kk": "Қарағанды қ., Бұқар жырау даңғылы, 41",
        "address_ru": "г. Караганда, пр. Бухар жырау, 41",
        "phone": "+77212410000",
        "email": "karaganda-qc@example.kz",
        "head_name": "Ким Виктор Андреевич",
    },
    *[
        {
            # A State Corporation service centre per region: it accepts guardian allowance
            # and free meals filings for the region's providers and hands out their
            # results. The seeds give no hours: 9:00–20:00 without a lunch break is a
            # demo value to verify (edit it in the admin); the calendar counts Monday to
            # Friday only, so a Saturday filing at a centre registers on Monday.
            **centre,
            "kind": Organisation.Kind.STATE_CORPORATION,
            "opens_at": time(9, 0),
            "closes_at": time(20, 0),
            "lunch_starts_at": None,
            "lunch_ends_at": None,
            "head_name": "",
        }
        for centre in [
            {
                "code": "KOK-GOVC",
                "region": "akmola",
                "name_kk": '«"Азаматтарға арналған үкімет" мемлекеттік корпорациясы» КЕАҚ '
                "Ақмола облысы бойынша филиалының Көкшетау қаласындағы халыққа қызмет "
                "көрсету орталығы",
                "name_ru": "Центр обслуживания населения города Кокшетау филиала НАО "
                "«Государственная корпорация «Правительство для граждан»» по Акмолинской "
                "области",
                "district_kk": "Көкшетау қаласы",
                "district_ru": "город Кокшетау",
                "address_kk": "Көкшетау қ., Ақан сері к-сі, 46",
                "address_ru": "г. Кокшетау, ул. Акан серы, 46",
                "phone": "1414",
                "email": "",
            },
            {
                "code": "KAR-GOVC",
                "region": "karaganda",
                "name_kk": '«"Азаматтарға арналған үкімет" мемлекеттік корпорациясы» КЕАҚ '
                "Қарағанды облысы бойынша филиалының Қарағанды қаласындағы халыққа қызмет "
                "көрсету орталығы",
                "name_ru": "Центр обслуживания населения города Караганды филиала НАО "
                "«Государственная корпорация «Правительство для граждан»» по Карагандинской "
                "области",
                "district_kk": "Қарағанды қаласы",
                "district_ru": "город Караганда",
                "address_kk": "Қарағанды қ., Шахтерлер даңғылы, 29",
                "address_ru": "г. Караганда, пр. Шахтёров, 29",
                "phone": "1414",
                "email": "",
            },
        ]
    ],
]

# (role, organisation code, last, first, middle, birth date, male, serial)
USERS = [
    (Role.APPLICANT, None, "Сейітова", "Айгүл", "Бауыржанқызы", date(1988, 4, 12), False, 1201),
    (Role.CLERK, "KOK-EDU", "Нұрланов", "Дәурен", "Қайратұлы", date(1990, 9, 3), True, 2302),
    (Role.SUPERVISOR, "KOK-EDU", "Мұқанова", "Сәуле", "Ерболқызы", date(1979, 1, 25), False, 3403),
    (Role.ADMINISTRATOR, None, "Админов", "Ерік", "", date(1985, 6, 30), True, 4504),
    (Role.CLERK, "KAR-EDU", "Петрова", "Анна", "Сергеевна", date(1993, 11, 17), False, 5605),
    (Role.CLERK, "KOK-SCH7", "Оспанов", "Марат", "Талғатұлы", date(1987, 2, 8), True, 6706),
    (Role.SUPERVISOR, "AKM-EDU", "Бекова", "Айнұр", "Серікқызы", date(1975, 5, 14), False, 7807),
    (
        Role.QUALITY_CONTROLLER,
        "AKM-QC",
        "Тоқтаров",
        "Ерлан",
        "Болатұлы",
        date(1982, 3, 9),
        True,
        8908,
    ),
    (Role.CLERK, "BUR-EDU", "Әлиева", "Динара", "Маратқызы", date(1991, 7, 21), False, 9101),
]


class Command(BaseCommand):
    help = "Create or refresh the demo region, offices and one user per role; print the logins."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--render-documents",
            action="store_true",
            help="render every demo document now (otherwise each is issued on its first download)",
        )

    def handle(self, *args, render_documents: bool = False, **options) -> None:
        from applications.result_documents import deferred_issuing

        # Rendering hundreds of PDFs would make `make run` wait minutes; the pages list
        # each due document and its first download issues it (idempotently). Demo data
        # sends no e-mail: the console backend would bury the logins under it.
        with (
            deferred_issuing(),
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
        ):
            rows = self.seed()
        if render_documents:
            call_command("issue_pending_documents")
        self.stdout.write(self.style.SUCCESS("Demo logins (IIN / password):"))
        for role_label, org_code, iin, name in rows:
            self.stdout.write(f"  {role_label!s:<24} {iin}  {DEMO_PASSWORD}  {org_code:<10} {name}")
        if settings.STAFF_SECOND_FACTOR:
            self.stdout.write(
                "Staff log in with a second factor (a TOTP code). Demo only: every demo staff\n"
                f"  member shares the secret {demo_secret_base32()} (add it to an authenticator\n"
                "  app), or run `.venv/bin/python manage.py demo_totp` for the current codes."
            )

    @transaction.atomic
    def seed(self) -> list[tuple]:
        call_command("loaddata", "calendar_overrides", verbosity=0)
        ensure_role_groups()
        regions = {
            key: Region.objects.update_or_create(name_kk=kk, defaults={"name_ru": ru})[0]
            for key, (kk, ru) in REGIONS.items()
        }
        from applications.registry import all_services

        organisations = {}
        for spec in ORGANISATIONS:
            spec = dict(spec)
            # Each organisation provides every installed service its kind may provide.
            services = [d.code for d in all_services() if spec["kind"] in d.provider_kinds]
            region = regions[spec.pop("region")]
            org, _ = Organisation.objects.update_or_create(
                code=spec.pop("code"), defaults={**spec, "region": region}
            )
            for service in services:
                ProvidedService.objects.get_or_create(organisation=org, service=service)
            organisations[org.code] = org

        rows = []
        for role, org_code, last, first, middle, born, male, serial in USERS:
            iin = make_iin(born, male=male, serial=serial)
            user, _ = User.objects.update_or_create(
                iin=iin,
                defaults={
                    "role": role,
                    "organisation": organisations.get(org_code) if org_code else None,
                    "last_name": last,
                    "first_name": first,
                    "middle_name": middle,
                    "phone": f"+7701{serial:07d}",
                    "email": f"{role}.{serial}@example.kz",
                    "is_staff": role == Role.ADMINISTRATOR,
                    "is_superuser": role == Role.ADMINISTRATOR,
                },
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            enrol_demo_staff([user])
            rows.append((role.label, org_code or "—", iin, user.full_name))

        self.seed_services(applicant=User.objects.get(iin=rows[0][2]))
        from supervision.demo import seed_history, seed_quality_targets

        year = timezone.localdate().year
        seed_quality_targets(years=[year - 1, year])
        history = seed_history(stdout=self.stdout)
        if history:
            self.stdout.write(
                f"  history for the dashboard: {history} applications over recent months"
            )
        from complaints.demo import seed_complaints

        seed_complaints(stdout=self.stdout, demo_applicant=User.objects.get(iin=rows[0][2]))
        from payments.demo import seed_payments

        seed_payments(stdout=self.stdout)
        from applications.signing import sign_demo_filings

        sign_demo_filings()
        return rows

    def seed_services(self, *, applicant: User) -> None:
        """Each service app may ship demo applications in its own ``demo.py`` (the app
        is the one whose proxy model is the service's workflow)."""
        from django.apps import apps

        from applications.registry import all_services

        for definition in all_services():
            app = apps.get_model(definition.workflow_model)._meta.app_config
            module_name = f"{app.name}.demo"
            if importlib.util.find_spec(module_name) is None:
                continue
            created = importlib.import_module(module_name).seed(demo_applicant=applicant)
            if created:
                self.stdout.write(f"  {definition.code}: {created} demo applications")
