"""Demo guardian allowance applications for `make run`: every state in each office that
provides the service, real scans, history replayed at past moments so that some stages
are overdue, and one paper application from the State Corporation (no applicant account)."""

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
from applications.registry import Channel
from guardianship_portal.accounts.iin import make_iin
from guardianship_portal.accounts.models import Role, User
from guardianship_portal.core.validators import make_kz_iban
from guardianship_portal.workdays.calendar import add_working_days
from services.demo_offices import offices_providing, state_corporation_centre

from .definition import DEFINITION
from .models import MonthlyCalculationIndex

KEY_PREFIX = "demo-guardian_allowance"
# 4 325 tenge: the MRP for 2026 in the law on the republican budget for 2026–2028 (signed
# 8 December 2025, as reported). Demo data: the administrator checks it against the law.
DEMO_MRP = {
    2026: (
        4325,
        "2026–2028 жылдарға арналған республикалық бюджет туралы Қазақстан Республикасының "
        "Заңы (демо, тексеру керек)",
        "Закон Республики Казахстан «О республиканском бюджете на 2026–2028 годы» "
        "(демо, требует проверки)",
    ),
}
PATH = ["accept_documents", "complete_review", "decide_allowance"]
# What the applicant and the clerk type, in the application's language (typed text is
# printed as typed: a Russian application gets Russian words, never English).
TYPED = {
    "kk": {
        "issuer": "ҚР ІІМ",
        "appointment": "Әкімдіктің 2025 жылғы 3 наурыздағы № %(number)s қаулысы",
        "bank": "«Қазақстан Халық Банкі» АҚ",
        "address": "%(district)s, Бейбітшілік к-сі, %(number)s",
        "refuse_to_accept": "Дербес шот туралы шарттың көшірмесі және баланың табысы туралы "
        "құжаттар жоқ",
        "refuse": "Қамқоршы тағайындау туралы шешімнің күші жойылған",
        "withdraw": "Бала ата-анасына қайтарылды",
    },
    "ru": {
        "issuer": "МВД РК",
        "appointment": "Постановление акимата от 3 марта 2025 года № %(number)s",
        "bank": "АО «Народный Банк Казахстана»",
        "address": "%(district)s, ул. Бейбитшилик, %(number)s",
        "refuse_to_accept": "Нет копии договора о личном счёте и документов о доходах ребёнка",
        "refuse": "Решение о назначении опекуна отменено",
        "withdraw": "Ребёнок возвращён родителям",
    },
}
# What the set refused to accept at the counter lacks.
REFUSED_TO_ACCEPT_MISSING = ("bank_account_contract", "child_income_documents")

# (target state, working days ago it was filed, child's birth date, born abroad, channel)
SCENARIOS = [
    ("draft", 0, date(2014, 6, 3), False, Channel.PORTAL),
    ("completeness_check", 0, date(2013, 2, 11), False, Channel.PORTAL),
    ("completeness_check", 3, date(2016, 9, 22), True, Channel.PORTAL),  # overdue
    ("review", 2, date(2012, 12, 1), False, Channel.PORTAL),
    ("review", 11, date(2011, 4, 17), False, Channel.OFFICE),  # overdue, past the term
    ("review", 1, date(2015, 3, 14), False, Channel.STATE_CORPORATION),
    ("decision", 8, date(2019, 7, 30), True, Channel.PORTAL),
    ("completed", 12, date(2012, 5, 27), False, Channel.PORTAL),
    ("completed", 14, date(2010, 10, 5), False, Channel.STATE_CORPORATION),
    ("refused_to_accept", 2, date(2014, 11, 14), False, Channel.OFFICE),
    ("refused", 6, date(2013, 8, 9), False, Channel.PORTAL),
    ("withdrawn", 4, date(2016, 2, 2), False, Channel.PORTAL),
]
PEOPLE = [
    ("Бекова", "Раушан", "Серікқызы", "Бектұров", "Ерасыл"),
    ("Смирнова", "Ольга", "Викторовна", "Смирнов", "Даниил"),
    ("Омаров", "Қайрат", "Ержанұлы", "Омарова", "Жансая"),
    ("Пак", "Марина", "Сергеевна", "Пак", "Алина"),
    ("Нұрпейісова", "Динара", "Болатқызы", "Нұрпейісов", "Әлихан"),
    ("Жақыпов", "Мұрат", "Асқарұлы", "Жақыпова", "Томирис"),
]
# The demo applicant's own applications in the first office (the cabinet shows them).
DEMO_APPLICANT_ROWS = (0, 2, 6, 7)


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


def ensure_indices() -> None:
    for year, (value, reference, reference_ru) in DEMO_MRP.items():
        MonthlyCalculationIndex.objects.get_or_create(
            year=year,
            defaults={
                "value": value,
                "legal_reference": reference,
                "legal_reference_ru": reference_ru,
            },
        )
    # The demo decides allowances registered this year, and the accountant prepares
    # next month's register (in December, January's): a year without its law's figure
    # gets a copy of the latest known one, plainly labelled as such.
    this_year = timezone.localdate().year
    latest = max(DEMO_MRP)
    for year in (this_year, this_year + 1):
        if MonthlyCalculationIndex.for_year(year) is None:
            MonthlyCalculationIndex.objects.create(
                year=year,
                value=DEMO_MRP[latest][0],
                legal_reference=f"Демо: {latest} жылғы мән көшірілді, заңдағы мәнді енгізіңіз",
                legal_reference_ru=(
                    f"Демо: скопировано значение {latest} года, введите значение из закона"
                ),
            )


def seed(*, demo_applicant: User, stdout=None) -> int:
    """Create the demo applications once; return how many were created."""
    ensure_indices()
    created = 0
    offices = offices_providing("guardian_allowance")
    scan = pdf_bytes()
    for office_index, office in enumerate(offices):
        clerk = User.objects.filter(organisation=office, role=Role.CLERK).order_by("pk").first()
        if clerk is None:
            continue
        for index, (state, days_ago, child_born, abroad, channel) in enumerate(SCENARIOS):
            key = f"{KEY_PREFIX}-{office.code}-{index}"
            if Application.objects.filter(organisation=office, submission_key=key).exists():
                continue
            if channel == Channel.STATE_CORPORATION:
                applicant = None  # filed at a State Corporation centre: no portal account
            elif office_index == 0 and index in DEMO_APPLICANT_ROWS:
                applicant = demo_applicant
            else:
                applicant = demo_person(office_index * 20 + index)
            last, first, middle, child_last, child_first = PEOPLE[index % len(PEOPLE)]
            person_iin = applicant.iin if applicant else paper_iin(office_index * 20 + index)
            language = "kk" if index % 3 else "ru"
            words = TYPED[language]
            answers = {
                "child_born_abroad": abroad,
                "child_born_before_registry": child_born < date(2007, 8, 13),
                "identity_document": f"№ 0{47000000 + index}, {words['issuer']}",
                "guardian_appointment": words["appointment"] % {"number": 100 + index},
                "bank_name": words["bank"],
                "bank_account": make_kz_iban(int(person_iin) % 10**10),
            }
            if channel != Channel.PORTAL:
                # What the clerk ticked as handed over (the receipt lists it); the set
                # refused to accept lacks what its refusal names.
                lacking = set(REFUSED_TO_ACCEPT_MISSING) if state == "refused_to_accept" else set()
                answers["brought_documents"] = [
                    item.code
                    for item in DEFINITION.checklist_for(answers, channel)
                    if item.code not in lacking
                ]
            filed_day = working_days_back(days_ago)
            application = application_create_draft(
                service="guardian_allowance",
                organisation=office,
                applicant=applicant,
                submission_key=key,
                channel=channel,
                applicant_data={
                    "applicant_iin": person_iin,
                    "applicant_name": applicant.full_name
                    if applicant
                    else f"{last} {first} {middle}",
                    "applicant_phone": (applicant.phone if applicant else "") or "+77010000000",
                    "applicant_email": applicant.email if applicant else "",
                    "applicant_address": words["address"]
                    % {
                        "district": office.district_ru if language == "ru" else office.district_kk,
                        "number": 20 + index,
                    },
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
                answers=answers,
                language=language,
                # Accepted at the region's State Corporation centre (its hours, its
                # address on the receipt); none in the region: the provider's hours.
                intake_office=state_corporation_centre(office)
                if channel == Channel.STATE_CORPORATION
                else None,
                # A portal draft is begun before it is filed; a paper one when it is accepted.
                at=moment(filed_day, 9 if channel == Channel.PORTAL else 10),
            )
            created += 1
            if state == "draft":
                continue
            # A portal application is filed by its applicant (every portal scenario has
            # one), with its scans; the others by the clerk.
            actor = clerk
            if channel == Channel.PORTAL and applicant is not None:
                actor = applicant
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
                application=application, actor=actor, accepted_at=moment(filed_day, 10)
            )
            replay(application, state, clerk, applicant, filed_day)
    return created


def replay(
    application: Application, target: str, clerk: User, applicant: User | None, filed_day: date
) -> None:
    """Walk the workflow to ``target``, one working day per step after filing (the
    overdue ones wait where they are)."""
    day = filed_day
    words = TYPED["ru" if application.language == "ru" else "kk"]
    # target state: (action, its data, its typed reason)
    final_actions: dict[str, tuple[str, dict[str, Any], str]] = {
        "refused_to_accept": (
            "refuse_to_accept",
            {"missing": list(REFUSED_TO_ACCEPT_MISSING)},
            words["refuse_to_accept"],
        ),
        # The ground is a code: the refusal prints its words in its own language.
        "refused": ("refuse", {"ground": "requirements_not_met"}, words["refuse"]),
        "withdrawn": ("withdraw", {}, words["withdraw"]),
    }
    if target in final_actions:
        action, data, reason = final_actions[target]
        if target == "refused":
            day = add_working_days(day, 1)
            application = application_transition(
                application=application, action="accept_documents", actor=clerk, at=moment(day, 11)
            )
        application_transition(
            application=application,
            action=action,
            # Only portal applications are withdrawn here, and they have an applicant.
            actor=applicant if action == "withdraw" and applicant is not None else clerk,
            reason=reason,
            data=data,
            at=moment(min(add_working_days(day, 1), timezone.localdate()), 12),
        )
        return
    for action in PATH:
        if application.state == target:
            return
        day = min(
            add_working_days(day, 1 if action == "accept_documents" else 4), timezone.localdate()
        )
        application = application_transition(
            application=application, action=action, actor=clerk, at=moment(day, 11)
        )


def working_days_back(days: int) -> date:
    day = timezone.localdate()
    while days > 0:
        day -= timedelta(days=1)
        if add_working_days(day, 0) == day:
            days -= 1
    return day


def paper_iin(serial: int) -> str:
    return make_iin(
        date(1975 + serial % 15, 1 + serial % 12, 2 + serial % 26), male=False, serial=7800 + serial
    )


def demo_person(serial: int) -> User:
    last, first, middle, *_ = PEOPLE[serial % len(PEOPLE)]
    iin = make_iin(
        date(1978 + serial % 15, 1 + serial % 12, 1 + serial % 27),
        male=first in ("Қайрат", "Мұрат"),
        serial=7500 + serial,
    )
    user, _ = User.objects.get_or_create(
        iin=iin,
        defaults={
            "last_name": last,
            "first_name": first,
            "middle_name": middle,
            "role": Role.APPLICANT,
            "phone": f"+7705{serial:07d}",
            "email": f"guardian{serial}@example.kz",
        },
    )
    return user


# --- For supervision's generic history of the dashboard (supervision/demo.py asks the
# service's demo module for these; it names no service).

HISTORY_WORDS = {
    "missing": ["child_income_documents"],
    "ground": "requirements_not_met",
    "refuse_to_accept": {
        "kk": "Баланың табысы туралы құжаттар жоқ",
        "ru": "Нет документов о доходах ребёнка",
    },
    "refuse": {
        "kk": "Қамқоршы тағайындау туралы шешімнің күші жойылған",
        "ru": "Решение о назначении опекуна отменено",
    },
}
HISTORY_FORM_WORDS = {
    "kk": {"bank": "«Қазақстан Халық Банкі» АҚ", "issuer": "ҚР ІІМ"},
    "ru": {"bank": "АО «Народный Банк Казахстана»", "issuer": "МВД РК"},
}


def history_answers(
    *,
    index: int,
    language: str,
    district: str,
    child_born: date,
    today: date,
    applicant_iin: str,
) -> dict:
    """The allowance's answers on a paper form of the history."""
    words = HISTORY_FORM_WORDS[language]
    return {
        "bank_name": words["bank"],
        "bank_account": make_kz_iban(int(applicant_iin) % 10**10),
        "identity_document": f"№ 0{46000000 + index}, {words['issuer']}",
    }
