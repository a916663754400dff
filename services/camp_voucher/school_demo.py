"""Demo applications of services 3–5 (camp vouchers, free meals, material aid) for
`make run`: every state at each office providing the service, with real scans and the
history replayed at past moments (some stages are overdue). Idempotent: each application
has a submission_key ``demo-<service>-<office>-<n>``. Offices without a clerk get only the
states an applicant reaches alone (draft, filed)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from applications.actions import (
    application_create_draft,
    application_register_paper,
    application_submit,
    application_transition,
    attachment_add,
    missing_documents,
)
from applications.models import Application
from applications.registry import Channel, get_service
from guardianship_portal.accounts.models import Role, User
from guardianship_portal.workdays.calendar import add_working_days
from services.common_categories import CATEGORY_CODES
from services.demo_offices import offices_providing, state_corporation_centre
from services.patronat.demo import demo_person, moment, pdf_bytes, working_days_back

# (target state, working days ago it was filed)
SCENARIOS = [
    ("draft", 0),
    ("completeness_check", 0),
    ("completeness_check", 3),  # overdue
    ("second", 1),
    ("second", 4),  # overdue
    ("decision", 3),
    ("completed", 5),
    ("refused_to_accept", 2),
    ("refused", 4),
    ("withdrawn", 2),
]
CLERKLESS = ("draft", "completeness_check")
# What the clerk and the applicant type, in the application's language (typed text is
# printed as typed, so a Russian application gets Russian words).
TYPED = {
    "refuse_to_accept": {
        "kk": "Санатты растайтын құжат жоқ",
        "ru": "Нет документа, подтверждающего категорию",
    },
    "withdraw": {"kk": "Отбасылық жағдай өзгерді", "ru": "Изменились семейные обстоятельства"},
    "refuse": {
        "kk": "Отбасының табысы ең төменгі күнкөріс деңгейінен жоғары",
        "ru": "Доход семьи выше величины прожиточного минимума",
    },
}


def typed(action: str, language: str) -> str:
    return TYPED[action]["ru" if language == "ru" else "kk"]


def demo_address(office, language: str, number: int) -> str:
    if language == "ru":
        return f"{office.district_ru}, ул. Абая, {number}"
    return f"{office.district_kk}, Абай к-сі, {number}"


def demo_applicant_data(person: User, office, language: str, house: int) -> dict[str, str]:
    return {
        "applicant_iin": person.iin,
        "applicant_name": person.full_name,
        "applicant_phone": person.phone or "+77010000000",
        "applicant_email": person.email,
        "applicant_address": demo_address(office, language, house),
    }


def demo_child(last_name: str, first_name: str, born: date) -> dict:
    return {
        "last_name": last_name,
        "first_name": first_name,
        "middle_name": "",
        "birth_date": born,
        "iin": "",
    }


CHILDREN = [
    ("Әбенов", "Дархан", date(2013, 3, 14)),
    ("Иванова", "Полина", date(2012, 10, 2)),
    ("Қасымова", "Аружан", date(2015, 6, 21)),
    ("Ким", "Виктор", date(2011, 1, 30)),
    ("Төлеуова", "Айша", date(2014, 9, 8)),
    ("Жүсіпов", "Нұрсұлтан", date(2016, 4, 17)),
    ("Серікова", "Томирис", date(2010, 12, 5)),
    ("Петров", "Андрей", date(2013, 7, 11)),
    ("Оспанова", "Жансая", date(2012, 2, 26)),
    ("Байжанов", "Әлихан", date(2015, 11, 3)),
]
# Pupils of the paper filings: others than the portal's (material aid is once a year).
PAPER_CHILDREN = {
    Channel.OFFICE: ("Смағұлова", "Дана", date(2014, 4, 9)),
    Channel.STATE_CORPORATION: ("Нұрланов", "Ерасыл", date(2012, 8, 15)),
}


def seed_service(
    *,
    service: str,
    demo_applicant: User,
    path: list[tuple[str, Callable[[Application, date], dict]]],
    second_state: str,
    serial_base: int,
) -> int:
    """``path``: the clerk's actions from the completeness check to completion, each with
    a function giving its data; ``second_state``: the state after accept_documents."""
    created = 0
    scan = pdf_bytes()
    offices = offices_providing(service)
    for office_index, office in enumerate(offices):
        clerk = User.objects.filter(organisation=office, role=Role.CLERK).first()
        for index, (state, days_ago) in enumerate(SCENARIOS):
            state = second_state if state == "second" else state
            if clerk is None and state not in CLERKLESS:
                continue
            key = f"demo-{service}-{office.code}-{index}"
            applicant = (
                demo_applicant
                if (office_index == 0 and index in (0, 2, 6))
                else demo_person(serial_base + office_index * 20 + index)
            )
            if Application.objects.filter(applicant=applicant, submission_key=key).exists():
                continue
            child_last, child_first, born = CHILDREN[index % len(CHILDREN)]
            language = "kk" if index % 3 else "ru"
            filed_day = working_days_back(days_ago)
            application = application_create_draft(
                service=service,
                organisation=office,
                applicant=applicant,
                submission_key=key,
                applicant_data=demo_applicant_data(applicant, office, language, 20 + index),
                children=[demo_child(child_last, child_first, born)],
                answers={
                    "category": CATEGORY_CODES[index % len(CATEGORY_CODES)],
                    "child_birth_not_in_registry": index % 4 == 0,
                    "marriage_record_not_in_registry": False,
                },
                language=language,
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
            replay(application, state, clerk, applicant, filed_day, path)
        if clerk is not None:
            created += seed_paper_filings(service, office, clerk, serial_base + office_index * 20)
    return created


def seed_paper_filings(service: str, office, clerk: User, serial_base: int) -> int:
    """One complete set handed over at the office's counter and, where the service is
    provided through the State Corporation, one at its centre: their receipts list what
    was handed over and name where the result is given."""
    definition = get_service(service)
    created = 0
    for offset, channel in enumerate((Channel.OFFICE, Channel.STATE_CORPORATION), start=15):
        centre = state_corporation_centre(office) if channel == Channel.STATE_CORPORATION else None
        if channel not in definition.channels or (
            channel == Channel.STATE_CORPORATION and centre is None
        ):
            continue
        key = f"demo-{service}-{office.code}-paper-{channel}"
        if Application.objects.filter(organisation=office, submission_key=key).exists():
            continue
        person = demo_person(serial_base + offset)
        language = "ru" if channel == Channel.OFFICE else "kk"
        answers = {
            "category": CATEGORY_CODES[offset % len(CATEGORY_CODES)],
            "child_birth_not_in_registry": False,
            "marriage_record_not_in_registry": False,
        }
        child_last, child_first, born = PAPER_CHILDREN[channel]
        application_register_paper(
            service=service,
            organisation=office,
            clerk=clerk,
            applicant=None,
            applicant_data={
                **demo_applicant_data(person, office, language, 40 + offset),
                "applicant_email": "",  # a paper filing: the clerk has no e-mail to note
            },
            children=[demo_child(child_last, child_first, born)],
            answers=answers,
            language=language,
            channel=channel,
            accepted_at=moment(working_days_back(1), 11),
            brought=[item.code for item in definition.checklist_for(answers, channel)],
            intake_office=centre,
            submission_key=key,
        )
        created += 1
    return created


def replay(application, target, clerk, applicant, filed_day, path) -> None:
    day = filed_day

    def next_day() -> date:
        nonlocal day
        day = min(add_working_days(day, 1), timezone.localdate())
        return day

    if target == "refused_to_accept":
        application_transition(
            application=application,
            action="refuse_to_accept",
            actor=clerk,
            reason=typed("refuse_to_accept", application.language),
            data={"missing": [f"category_document_{application.answers['category']}"]},
            at=moment(next_day(), 12),
        )
        return
    if target == "withdrawn":
        application_transition(
            application=application,
            action="withdraw",
            actor=applicant,
            reason=typed("withdraw", application.language),
            at=moment(next_day(), 12),
        )
        return
    if target == "refused":
        application = application_transition(
            application=application,
            action="accept_documents",
            actor=clerk,
            at=moment(next_day(), 11),
        )
        application_transition(
            application=application,
            action="refuse",
            actor=clerk,
            reason=typed("refuse", application.language),
            data={"ground": "not_in_category"},
            at=moment(next_day(), 12),
        )
        return
    for action, data in path:
        if application.state == target:
            return
        when = next_day()
        application = application_transition(
            application=application,
            action=action,
            actor=clerk,
            data=data(application, when),
            at=moment(when, 11),
        )


# --- For supervision's generic history of the dashboard (the demo modules of services
# 3–5 give these to supervision/demo.py): the category document is missing, or the
# family is not in the category.

CATEGORY_HISTORY_WORDS = {
    "missing": ["category_document_targeted_assistance"],
    "ground": "not_in_category",
    "refuse_to_accept": {
        "kk": "Санатты растайтын құжат жоқ",
        "ru": "Нет документа, подтверждающего категорию",
    },
    "refuse": {
        "kk": "Отбасының табысы ең төменгі күнкөріс деңгейінен жоғары",
        "ru": "Доход семьи выше величины прожиточного минимума",
    },
}


def category_history_answers(**_form) -> dict:
    """The pupil's category on a paper form of the history."""
    return {"category": "targeted_assistance"}
