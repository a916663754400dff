"""Several months of history for the demo offices, so that the dashboard has something
to show: applications filed over the last five months, walked through their service's
workflow at past moments (``application_transition(at=...)``), most on time, some late
(a step that waited a few working days; more of them in the summer), some refused, some
not accepted, a few withdrawn and a few stuck, badly overdue.

Called by ``seed_demo`` (``supervision.demo.seed_history()``). Idempotent: every
application carries the submission key ``demo-history-<office>-<n>`` and an existing
key is skipped. Deterministic: the same offices get the same history (seeded random),
with dates counted back from today.

Every service that has a workflow is replayed generically (at each state the first
transition the clerk may take that is not a refusal or a withdrawal), in the offices
that provide it and have a clerk. What is the service's own comes from its app's
``demo`` module (the app of its workflow model), never named here; all of it optional:

* ``prepare_history()``: data the workflow needs first (patronat: the payment norms);
* ``history_answers(*, index, language, district, child_born, today, applicant_iin)``: the service's
  own answers on the paper form;
* ``HISTORY_WORDS``: what the clerk picks and types at a negative step — ``missing``
  (checklist codes), ``ground`` (a refusal ground's code), and the reasons typed for
  ``refuse_to_accept`` and ``refuse`` in kk and ru (printed as typed);
* ``transition_data(application, action, day)``: the data its own steps ask for.
"""

from __future__ import annotations

import importlib
import importlib.util
import random
from datetime import date, datetime, time, timedelta
from types import ModuleType

from django.apps import apps
from django.utils import timezone

from applications.actions import (
    application_assign,
    application_create_draft,
    application_submit,
    application_transition,
    available_actions,
)
from applications.errors import ApplicationActionError
from applications.models import Application
from applications.registry import Channel, all_services, get_service
from guardianship_portal.accounts.iin import make_iin
from guardianship_portal.accounts.models import Role, User
from guardianship_portal.organisations.models import Organisation
from guardianship_portal.workdays.calendar import add_working_days, is_working_day

KEY_PREFIX = "demo-history"
PER_OFFICE = 30
MONTHS_BACK = 4
MAX_STEPS = 12

# A negative step, for a service whose demo module gives no HISTORY_WORDS: the first
# item of its checklist, its first ground, and plain reasons.
NEGATIVE = {"refuse_to_accept", "refuse", "withdraw"}
WITHDRAW_REASON = {"kk": "Отбасылық жағдай өзгерді", "ru": "Изменились семейные обстоятельства"}
PLAIN_REASONS = {
    "refuse_to_accept": {"kk": "Құжаттар топтамасы толық емес", "ru": "Пакет документов неполный"},
    "refuse": {
        "kk": "Заң талаптарына сәйкес келмейді",
        "ru": "Не соответствует требованиям закона",
    },
}
# What the applicant writes on the paper form, in its language.
FORM_ADDRESS = {
    "kk": "%(district)s, Абай к-сі, %(number)s",
    "ru": "%(district)s, ул. Абая, %(number)s",
}


def service_demo(service: str) -> ModuleType | None:
    """The ``demo`` module of the app that declares the service's workflow, if any."""
    app = apps.get_model(get_service(service).workflow_model)._meta.app_config
    name = f"{app.name}.demo"
    return importlib.import_module(name) if importlib.util.find_spec(name) else None


def words_of(service: str) -> dict:
    words = getattr(service_demo(service), "HISTORY_WORDS", None)
    if words is not None:
        return words
    definition = get_service(service)
    return {
        "missing": [definition.checklist[0].code] if definition.checklist else [],
        "ground": definition.refusal_grounds[0].code if definition.refusal_grounds else "",
        **PLAIN_REASONS,
    }


def action_data(application: Application, action: str, day: date) -> dict:
    """The data a step asks for: the shared refusals' here, the service's own steps'
    from its demo module (other steps get none)."""
    if action == "refuse_to_accept":
        return {"missing": list(words_of(application.service)["missing"])}
    if action == "refuse":
        return {"ground": words_of(application.service)["ground"]}
    transition_data = getattr(service_demo(application.service), "transition_data", None)
    return transition_data(application, action, day) if transition_data else {}


def reason_for(application: Application, action: str) -> str:
    language = "ru" if application.language == "ru" else "kk"
    if action == "withdraw":
        return WITHDRAW_REASON[language]
    if action in ("refuse_to_accept", "refuse"):
        return words_of(application.service)[action][language]
    return ""


NAMES = [
    ("Әбенова", "Сәуле", "Маратқызы"),
    ("Иванова", "Елена", "Петровна"),
    ("Қасымов", "Ерлан", "Болатұлы"),
    ("Ким", "Наталья", "Игоревна"),
    ("Төлеуов", "Бауыржан", "Серікұлы"),
    ("Жүсіпова", "Гүлмира", "Асанқызы"),
    ("Омарова", "Динара", "Қайратқызы"),
    ("Петров", "Сергей", "Иванович"),
    ("Сұлтанова", "Айжан", "Ерланқызы"),
]
CHILDREN = [
    ("Әбенов", "Дархан"),
    ("Иванов", "Артём"),
    ("Қасымова", "Аружан"),
    ("Ким", "Виктория"),
    ("Төлеуова", "Айша"),
]


def moment(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 20)))


def working_days_back(today: date, days: int) -> date:
    day = today
    while days > 0:
        day -= timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def second_clerk(office: Organisation, index: int) -> User:
    """A second clerk per office, so that the per-clerk table compares two people
    (no password: not a demo login)."""
    iin = make_iin(
        date(1992, 1 + index % 12, 10 + index % 15), male=index % 2 == 0, serial=8100 + index
    )
    user, created = User.objects.get_or_create(
        iin=iin,
        defaults={
            "last_name": "Бекова" if index % 2 else "Серікбаев",
            "first_name": "Мадина" if index % 2 else "Арман",
            "role": Role.CLERK,
            "organisation": office,
            "email": f"clerk.{8100 + index}@example.kz",
        },
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


def applicant_account(serial: int) -> User:
    last, first, middle = NAMES[serial % len(NAMES)]
    iin = make_iin(
        date(1981 + serial % 14, 1 + serial % 12, 1 + serial % 27),
        male=first in ("Ерлан", "Бауыржан", "Сергей"),
        serial=8300 + serial,
    )
    user, created = User.objects.get_or_create(
        iin=iin,
        defaults={
            "last_name": last,
            "first_name": first,
            "middle_name": middle,
            "role": Role.APPLICANT,
            "phone": f"+7705{serial:07d}",
        },
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


def paper_iin(index: int, first_name: str) -> str:
    """The IIN written on a paper application (the applicant has no account)."""
    born = date(1980 + index % 15, 1 + index % 12, 2 + index % 26)
    return make_iin(born, male=first_name in ("Ерлан", "Бауыржан", "Сергей"), serial=8500 + index)


def seed_history(*, stdout=None, per_office: int = PER_OFFICE, today: date | None = None) -> int:
    """Create the history once; return how many applications were created."""
    today = today or timezone.localdate()
    created = 0
    # Services with a filing rule that depends on the pupil's history (material aid: once
    # per academic year) are left to their own demo, which covers every state: this
    # generic replay would only collect refused filings.
    services = [d.code for d in all_services() if d.workflow_model and not d.submission_check]
    for service in services:
        prepare = getattr(service_demo(service), "prepare_history", None)
        if prepare is not None:
            prepare()
        offices = Organisation.objects.filter(provided_services__service=service).order_by("code")
        for office_index, office in enumerate(offices):
            first = (
                User.objects.filter(organisation=office, role=Role.CLERK, is_active=True)
                .order_by("pk")
                .first()
            )
            if first is None:
                continue
            clerks = [first, second_clerk(office, office_index)]
            rng = random.Random(f"{service}:{office.code}")  # noqa: S311 (demo data, not security)
            for index in range(per_office):
                key = f"{KEY_PREFIX}-{service}-{office.code}-{index}"
                if Application.objects.filter(submission_key=key).exists():
                    continue
                try:
                    replay_one(service, office, clerks, rng, index, per_office, key, today)
                except ApplicationActionError as error:
                    # A service whose workflow wants more than this replay gives: say so, go on.
                    if stdout is not None:
                        stdout.write(f"  demo history {key}: {error}")
                    continue
                created += 1
    if stdout is not None and created:
        stdout.write(f"  supervision: {created} applications of history")
    return created


def replay_one(
    service: str,
    office: Organisation,
    clerks: list[User],
    rng: random.Random,
    index: int,
    total: int,
    key: str,
    today: date,
) -> Application:
    """One application: filed on a working day of the last months, then walked on."""
    span = MONTHS_BACK * 21  # working days in the window
    filed = working_days_back(today, 10 + int((span - 10) * (total - index) / total))
    roll = rng.random()
    if index % 15 == 7:
        outcome = "stuck"
    elif roll < 0.08:
        outcome = "refused_to_accept"
    elif roll < 0.18:
        outcome = "refused"
    elif roll < 0.24:
        outcome = "withdrawn"
    else:
        outcome = "completed"
    summer = filed.month in (7, 8)
    clerk = clerks[rng.random() < 0.45]
    applicant = applicant_account(index) if outcome == "withdrawn" else None
    last, first, middle = NAMES[index % len(NAMES)]
    # The child of the same index differs from service to service: one child is never
    # both in patronat and under guardianship (paid twice by the demo registers).
    seat = index + 37 * [d.code for d in all_services()].index(service)
    child_last, child_first = CHILDREN[seat % len(CHILDREN)]
    child_born = date(2011 + seat % 11, 1 + seat % 12, 1 + seat % 27)
    language = "kk" if index % 3 else "ru"
    district = office.district_ru if language == "ru" else office.district_kk
    applicant_iin = applicant.iin if applicant else paper_iin(index, first)
    history_answers = getattr(service_demo(service), "history_answers", None)
    answers = (
        history_answers(
            index=index,
            language=language,
            district=district,
            child_born=child_born,
            today=today,
            applicant_iin=applicant_iin,
        )
        if history_answers
        else {}
    )
    # What the clerk ticked as handed over (the receipt lists it): the set required under
    # the edition in force on the day, less what a refusal to accept will name.
    lacking = set(words_of(service)["missing"]) if outcome == "refused_to_accept" else set()
    definition = get_service(service)
    answers["brought_documents"] = [
        item.code
        for item in definition.checklist_for(answers, Channel.OFFICE, definition.edition_on(filed))
        if item.code not in lacking
    ]
    draft = application_create_draft(
        service=service,
        organisation=office,
        applicant=applicant,
        submission_key=key,
        applicant_data={
            "applicant_iin": applicant_iin,
            "applicant_name": f"{last} {first} {middle}",
            "applicant_phone": f"+7707{index:07d}",
            "applicant_address": FORM_ADDRESS[language]
            % {"district": district, "number": 1 + index},
        },
        children=[
            {
                "last_name": child_last,
                "first_name": child_first,
                "middle_name": "",
                "birth_date": child_born,
                "iin": "",
                "birth_certificate_number": f"{1200000 + seat}",
                "birth_certificate_date": child_born + timedelta(days=10),
            }
        ],
        answers=answers,
        language=language,
        channel=Channel.OFFICE,
        at=moment(filed, 10),
    )
    application = application_submit(application=draft, actor=clerk, accepted_at=moment(filed, 10))
    if outcome == "stuck" or rng.random() < 0.85:
        application = application_assign(application=application, clerk=clerk, actor=clerk)
    day = filed
    stop_after = rng.randint(1, 3)  # for refusals and withdrawals: how many steps first
    for step in range(MAX_STEPS):
        if get_service(service).state(application.state).final:
            break
        # Most steps take 0–1 working day; some wait longer (more often in the summer).
        wait = rng.choice((0, 0, 1, 1, 1))
        if rng.random() < (0.12 if summer else 0.05):
            wait += rng.randint(4, 8)
        next_day = add_working_days(day, wait) if wait else day
        if outcome == "stuck" and (step == 1 or next_day >= today):
            break  # left in its second stage, long overdue
        if next_day >= today:
            break  # the rest has not happened yet
        day = next_day
        actions = available_actions(application, clerk)
        if outcome in ("refused", "refused_to_accept", "withdrawn") and (
            step >= stop_after or outcome == "refused_to_accept"
        ):
            wanted = {
                "refused": "refuse",
                "refused_to_accept": "refuse_to_accept",
                "withdrawn": "withdraw",
            }[outcome]
            # (the withdrawn outcome is the one with an applicant account)
            actor = applicant if wanted == "withdraw" and applicant is not None else clerk
            # (a withdrawal only where the service's workflow still allows one)
            if wanted in (available_actions(application, actor) if actor is applicant else actions):
                application = act(application, wanted, actor, day)
                continue
        forward = [name for name in actions if name not in NEGATIVE]
        if not forward:
            break
        application = act(application, forward[0], clerk, day)
    return application


def act(application: Application, action: str, actor: User, day: date) -> Application:
    return application_transition(
        application=application,
        action=action,
        actor=actor,
        at=moment(day, 11 + len(action) % 5),
        reason=reason_for(application, action),
        data=action_data(application, action, day),
    )


# Appendix 1 of seed 003 (the 2008 standard, the only one that gives numbers): the
# normative value and the target for the following year, per indicator. Demo values:
# the working group approves the real ones every year, in the admin.
APPENDIX_1_VALUES = {
    "on_time": (85, 55),
    "accepted_first_time": (85, 65),
    "justified_complaints": (4, 8),
    "justified_complaints_in_time": (75, 50),
}


def seed_quality_targets(*, years: list[int]) -> int:
    """The indicator values for ``years`` where none are entered yet (an administrator's
    own values are never overwritten); returns how many were created."""
    from decimal import Decimal

    from .models import QualityIndicatorTarget

    created = 0
    for year in years:
        for indicator, (normative, target) in APPENDIX_1_VALUES.items():
            _row, made = QualityIndicatorTarget.objects.get_or_create(
                year=year,
                indicator=indicator,
                defaults={"normative": Decimal(normative), "target": Decimal(target)},
            )
            created += made
    return created
