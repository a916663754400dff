"""Demo patronat applications for `make run`: every state, both departments, real
scans, history replayed at past moments so that some stages are overdue."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

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


def seed(*, demo_applicant: User, stdout=None) -> int:
    """Create the demo applications once; return how many were created."""
    for region in Region.objects.all():
        PaymentNorm.objects.get_or_create(
            region=region,
            effective_from=date(2026, 1, 1),
            defaults={
                "monthly_amount": 62_000,
                "decision_reference": "Demo: regional norm, to be replaced by the akimat's decision",
            },
        )
    created = 0
    offices = offices_providing("patronat")
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
                    "bank_name": "Halyk Bank",
                    "bank_account": "KZ86125KZT5004100100",
                    "identity_document": f"№ 0{45678900 + index}, ҚР ІІМ",
                },
                language="kk" if index % 3 else "ru",
            )
            created += 1
            if state == "draft":
                continue
            for item in missing_documents(application):
                attachment_add(
                    application=application,
                    item=item.code,
                    actor=applicant,
                    upload=SimpleUploadedFile(f"{item.code}.pdf", scan, "application/pdf"),
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
    final_actions = {
        "refused_to_accept": (
            "refuse_to_accept",
            {"missing": ["education_diploma"]},
            "Білімі туралы диплом жоқ",
        ),
        "refused": (
            "refuse",
            {"ground": "Неке және отбасы туралы кодекс бойынша шектеу"},
            "Психиатриялық диспансерде есепте тұрады",
        ),
        "withdrawn": ("withdraw", {}, "Отбасылық жағдай өзгерді"),
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
                "findings": "Тұрғын үй жағдайлары баланы тәрбиелеуге сай.",
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
