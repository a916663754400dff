"""Demo patronat applications for `make run`: every state, both departments, real
scans, history replayed at past moments so that some stages are overdue."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from applications.actions import (
    application_create_draft,
    application_submit,
    application_transition,
    attachment_add,
    missing_documents,
)
from applications.models import Application
from guardianship_portal.accounts.iin import make_iin
from guardianship_portal.accounts.models import Role, User
from guardianship_portal.core.validators import make_kz_iban
from guardianship_portal.organisations.models import Region
from guardianship_portal.workdays.calendar import add_working_days
from services.demo_offices import offices_providing

from .models import PaymentNorm

PATH = [
    "accept_documents",
    "record_inspection",
    "record_child_consent",
    "issue_contract_notice",
    "sign_contract",
    "decide_payment",
]

# (target state, working days ago it was filed, child's birth date, married)
SCENARIOS = [
    ("draft", 0, date(2014, 6, 3), False),
    ("completeness_check", 0, date(2013, 2, 11), False),
    ("completeness_check", 3, date(2016, 9, 22), True),  # overdue
    ("home_inspection", 2, date(2012, 12, 1), False),
    ("home_inspection", 5, date(2011, 4, 17), True),  # overdue
    ("child_consent", 3, date(2012, 3, 8), False),
    ("contract_notice", 4, date(2019, 7, 30), False),  # under 10: consent skipped
    ("contract_signing", 6, date(2015, 1, 19), True),
    ("payment_decision", 8, date(2013, 10, 5), False),
    ("completed", 14, date(2012, 5, 27), False),
    ("refused_to_accept", 2, date(2014, 11, 14), False),
    ("refused", 6, date(2013, 8, 9), True),
    ("withdrawn", 4, date(2016, 2, 2), False),
]
PEOPLE = [
    ("Әбенова", "Сәуле", "Маратқызы", "Әбенов", "Дархан"),
    ("Иванова", "Елена", "Петровна", "Иванов", "Артём"),
    ("Қасымов", "Ерлан", "Болатұлы", "Қасымова", "Аружан"),
    ("Ким", "Наталья", "Игоревна", "Ким", "Виктория"),
    ("Төлеуов", "Бауыржан", "Серікұлы", "Төлеуова", "Айша"),
    ("Жүсіпова", "Гүлмира", "Асанқызы", "Жүсіпов", "Нұрсұлтан"),
]


# The region's payment norm as an administrator would enter it (one text for both
# languages of the decision: the model has a single field).
# The norm and its decision are demo values (verify): an administrator enters the real
# akimat decision in each language.
DEMO_NORM_REFERENCE = {
    "kk": "Облыс әкімдігінің 2025 жылғы 25 желтоқсандағы № 1-ші қаулысы (үлгі деректер)",
    "ru": "Постановление акимата области от 25 декабря 2025 года № 1 (демонстрационные данные)",
}
# What the applicant and the clerk type, in the application's language (typed text is
# printed as typed: a Russian application gets Russian words, never English).
TYPED = {
    "kk": {
        "bank": "«Қазақстан Халық Банкі» АҚ",
        "refuse_to_accept": "Білімі туралы диплом жоқ",
        "refuse": "Психиатриялық диспансерде есепте тұрады",
        "withdraw": "Отбасылық жағдай өзгерді",
        "findings": "Тұрғын үй жағдайлары баланы тәрбиелеуге сай.",
    },
    "ru": {
        "bank": "АО «Народный Банк Казахстана»",
        "refuse_to_accept": "Нет диплома об образовании",
        "refuse": "Состоит на учёте в психиатрическом диспансере",
        "withdraw": "Изменились семейные обстоятельства",
        "findings": "Жилищно-бытовые условия пригодны для воспитания ребёнка.",
    },
}

# As written in the applicant's identity document (typed text, printed as typed).
BIRTHPLACES = ["Көкшетау қаласы", "г. Караганда", "Зеренді ауылы", "г. Щучинск"]
# The demo office's own termination conditions for clause 12 of the typical contract.
CONTRACT_CONDITIONS_KK = (
    "Патронат тәрбиеші баланы күту, тәрбиелеу және оқыту жөніндегі міндеттерін орындамаған, "
    "сондай-ақ баланың мүддесіне қайшы әрекет еткен жағдайда шарт қорғаншы және қамқоршы "
    "органының бастамасы бойынша бұзылады; тарап екінші тарапқа бұл туралы бір ай бұрын "
    "жазбаша хабарлайды."
)
CONTRACT_CONDITIONS_RU = (
    "Договор расторгается по инициативе органа опеки и попечительства при неисполнении "
    "патронатным воспитателем обязанностей по содержанию, воспитанию и обучению ребенка, "
    "а также при действиях, противоречащих интересам ребенка; сторона письменно уведомляет "
    "другую сторону об этом за один месяц."
)


def pdf_bytes() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def moment(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 15)))


def ensure_payment_norms() -> None:
    """Patronat decides a payment only with the region's norm in force."""
    for region in Region.objects.all():
        PaymentNorm.objects.get_or_create(
            region=region,
            effective_from=date(2026, 1, 1),
            defaults={
                "monthly_amount": 62_000,
                "decision_reference_kk": DEMO_NORM_REFERENCE["kk"],
                "decision_reference_ru": DEMO_NORM_REFERENCE["ru"],
            },
        )


def seed(*, demo_applicant: User, stdout=None) -> int:
    """Create the demo applications once; return how many were created."""
    ensure_payment_norms()
    created = 0
    offices = offices_providing("patronat")
    # The demo applicant's office has its own clause 12 conditions; the others leave the
    # blank line of the typical contract to fill by hand.
    if offices:
        offices[0].provided_services.filter(
            service="patronat", contract_conditions_kk="", contract_conditions_ru=""
        ).update(
            contract_conditions_kk=CONTRACT_CONDITIONS_KK,
            contract_conditions_ru=CONTRACT_CONDITIONS_RU,
        )
    scan = pdf_bytes()
    for office_index, office in enumerate(offices):
        clerk = User.objects.filter(organisation=office, role=Role.CLERK).first()
        if clerk is None:
            continue
        for index, (state, days_ago, child_born, married) in enumerate(SCENARIOS):
            key = f"demo-patronat-{office.code}-{index}"
            applicant = (
                demo_applicant
                if (office_index == 0 and index in (0, 2, 7, 9))
                else demo_person(office_index * 20 + index)
            )
            if Application.objects.filter(applicant=applicant, submission_key=key).exists():
                continue
            last, first, middle, child_last, child_first = PEOPLE[index % len(PEOPLE)]
            filed_day = working_days_back(days_ago)
            application = application_create_draft(
                service="patronat",
                organisation=office,
                applicant=applicant,
                submission_key=key,
                applicant_data={
                    "applicant_iin": applicant.iin,
                    "applicant_name": applicant.full_name,
                    "applicant_phone": applicant.phone or "+77010000000",
                    "applicant_email": applicant.email,
                    "applicant_address": office.district_kk
                    + ", "
                    + ("Абай к-сі" if index % 2 else "Сәкен Сейфуллин к-сі")
                    + f", {10 + index}",
                },
                children=[
                    {
                        "last_name": child_last,
                        "first_name": child_first,
                        "middle_name": "",
                        "birth_date": child_born,
                        "iin": "",
                        "birth_certificate_number": f"{2400000 + office_index * 100 + index:07d}",
                        "birth_certificate_date": child_born + timedelta(days=12),
                    }
                ],
                answers={
                    "married": married,
                    "marriage_not_in_registry": False,
                    "home_owner": index % 3 != 0,
                    "close_relative": index % 4 == 0,
                    "relative_or_step_parent": index % 4 == 0,
                    "child_under_ten": (timezone.localdate() - child_born).days < 3653,
                    "spouse_name": f"{last} {first}" if married else "",
                    "bank_name": TYPED["kk" if index % 3 else "ru"]["bank"],
                    "bank_account": make_kz_iban(int(applicant.iin) % 10**10),
                    "place_of_birth": BIRTHPLACES[index % len(BIRTHPLACES)],
                    "identity_document_number": f"0{45678900 + index}",
                    "identity_document_issuer": "ҚР ІІМ" if index % 3 else "МВД РК",
                    "identity_document_date": date(
                        2018 + index % 6, 1 + index % 12, 3 + index
                    ).isoformat(),
                },
                language="kk" if index % 3 else "ru",
                at=moment(filed_day, 9),
            )
            created += 1
            if state == "draft":
                continue
            # Scans named by number, as a scanner names them (the receipt prints the name).
            for number, item in enumerate(missing_documents(application), start=1):
                attachment_add(
                    application=application,
                    item=item.code,
                    actor=applicant,
                    upload=SimpleUploadedFile(f"{number:04d}.PDF", scan, "application/pdf"),
                    at=moment(filed_day, 9),
                )
            application = application_submit(
                application=application, actor=applicant, accepted_at=moment(filed_day, 10)
            )
            replay(application, state, clerk, applicant, filed_day)
    return created


def replay(
    application: Application, target: str, clerk: User, applicant: User, filed_day: date
) -> None:
    """Walk the workflow to ``target``, one working day per step after filing."""
    day = filed_day
    words = TYPED["ru" if application.language == "ru" else "kk"]
    # target state: (action, its data, its typed reason)
    final_actions: dict[str, tuple[str, dict[str, Any], str]] = {
        "refused_to_accept": (
            "refuse_to_accept",
            {"missing": ["education_diploma"]},
            words["refuse_to_accept"],
        ),
        # The ground is a code: the refusal prints its words in its own language.
        "refused": ("refuse", {"ground": "family_code_restriction"}, words["refuse"]),
        "withdrawn": ("withdraw", {}, words["withdraw"]),
    }
    if target in final_actions:
        action, data, reason = final_actions[target]
        if target == "refused":
            application = application_transition(
                application=application,
                action="accept_documents",
                actor=clerk,
                at=moment(add_working_days(day, 1), 11),
            )
            day = add_working_days(day, 1)
        actor = applicant if action == "withdraw" else clerk
        application_transition(
            application=application,
            action=action,
            actor=actor,
            reason=reason,
            data=data,
            at=moment(add_working_days(day, 1), 12),
        )
        return
    for action in PATH:
        if application.state == target:
            return
        day = add_working_days(day, 1)
        if day > timezone.localdate():
            day = timezone.localdate()
        application = application_transition(
            application=application,
            action=action,
            actor=clerk,
            data={
                "findings": words["findings"],
                "inspected_on": str(day),
            }
            if action == "record_inspection"
            else {},
            at=moment(day, 11),
        )


def working_days_back(days: int) -> date:
    day = timezone.localdate()
    while days > 0:
        day -= timedelta(days=1)
        if add_working_days(day, 0) == day:
            days -= 1
    return day


def demo_person(serial: int) -> User:
    last, first, middle, *_ = PEOPLE[serial % len(PEOPLE)]
    iin = make_iin(
        date(1980 + serial % 15, 1 + serial % 12, 1 + serial % 27),
        male=first in ("Ерлан", "Бауыржан"),
        serial=7000 + serial,
    )
    user, _ = User.objects.get_or_create(
        iin=iin,
        defaults={
            "last_name": last,
            "first_name": first,
            "middle_name": middle,
            "role": Role.APPLICANT,
            "phone": f"+7702{serial:07d}",
            "email": f"applicant{serial}@example.kz",
        },
    )
    return user


# --- For supervision's generic history of the dashboard (supervision/demo.py asks the
# service's demo module for these; it names no service).

# The spouse of a married applicant in the history (by the application's index).
HISTORY_SPOUSES = [
    "Әбенов Марат Серікұлы",
    "Иванов Павел Сергеевич",
    "Қасымова Гүлнар Ержанқызы",
    "Ким Денис Олегович",
    "Төлеуова Ботагөз Маратқызы",
    "Жүсіпов Нұрлан Асқарұлы",
    "Омаров Қайрат Бекұлы",
    "Петрова Анна Викторовна",
    "Сұлтанов Ержан Болатұлы",
]
HISTORY_WORDS = {
    "missing": ["education_diploma"],
    "ground": "family_code_restriction",
    "refuse_to_accept": {"kk": "Білімі туралы диплом жоқ", "ru": "Нет диплома об образовании"},
    "refuse": {
        "kk": "Психиатриялық диспансерде есепте тұрады",
        "ru": "Состоит на учёте в психиатрическом диспансере",
    },
}
HISTORY_FINDINGS = {
    "kk": "Тұрғын үй жағдайлары баланы тәрбиелеуге сай.",
    "ru": "Жилищно-бытовые условия пригодны для воспитания ребёнка.",
}
HISTORY_FORM_WORDS = {
    "kk": {"bank": "«Қазақстан Халық Банкі» АҚ", "issuer": "ҚР ІІМ"},
    "ru": {"bank": "АО «Народный Банк Казахстана»", "issuer": "МВД РК"},
}


def prepare_history() -> None:
    """A payment is decided only with the region's norm in force."""
    ensure_payment_norms()


def history_answers(
    *,
    index: int,
    language: str,
    district: str,
    child_born: date,
    today: date,
    applicant_iin: str,
) -> dict:
    """Patronat's answers on a paper form of the history (the conditions, the spouse,
    the bank, the identity document as the typical contract names it)."""
    words = HISTORY_FORM_WORDS[language]
    return {
        "married": index % 3 == 0,
        "marriage_not_in_registry": False,
        "home_owner": index % 4 != 0,
        "close_relative": index % 5 == 0,
        "relative_or_step_parent": index % 5 == 0,
        "child_under_ten": (today - child_born).days < 3653,
        "spouse_name": HISTORY_SPOUSES[index % len(HISTORY_SPOUSES)] if index % 3 == 0 else "",
        "bank_name": words["bank"],
        "bank_account": make_kz_iban(int(applicant_iin) % 10**10),
        "place_of_birth": district,
        "identity_document_number": f"0{46000000 + index}",
        "identity_document_issuer": words["issuer"],
        "identity_document_date": date(2019, 1 + index % 12, 1 + index % 27).isoformat(),
    }


def transition_data(application, action: str, day: date) -> dict:
    """The data of patronat's own steps in a replay: the inspection's findings."""
    if action == "record_inspection":
        language = "ru" if application.language == "ru" else "kk"
        return {"findings": HISTORY_FINDINGS[language], "inspected_on": day.isoformat()}
    return {}
