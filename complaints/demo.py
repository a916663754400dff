"""Demo complaints for `make run`: a few complaints on the demo applicant's filed
applications, walked at past moments: answered in time (justified), answered late (not
justified), one taken but overdue, one forwarded and one waiting to be forwarded, and
one forwarded and answered by the quality-control body.

Called by ``seed_demo`` (``complaints.demo.seed_complaints()``). Idempotent: each
complaint carries the submission key ``demo-complaint-<n>``; an existing key is skipped.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from applications.models import Application
from guardianship_portal.accounts.models import Role, User
from guardianship_portal.organisations.scope import organisations_headed
from guardianship_portal.workdays.calendar import add_working_days, is_working_day

from .actions import complaint_answer, complaint_file, complaint_forward, complaint_take
from .models import Complaint

KEY_PREFIX = "demo-complaint"

# (filed N working days ago, addressed to, what happens: (step, working days after filing))
SCENARIOS = [
    (12, Complaint.AddressedTo.PROVIDER_HEAD, [("take", 1), ("answer_justified", 3)]),
    (10, Complaint.AddressedTo.PROVIDER_HEAD, [("take", 2), ("answer_unjustified", 7)]),
    (9, Complaint.AddressedTo.PROVIDER_HEAD, [("take", 1)]),  # overdue, still under review
    (6, Complaint.AddressedTo.QUALITY_BODY, [("forward", 2)]),
    (1, Complaint.AddressedTo.QUALITY_BODY, []),
    (11, Complaint.AddressedTo.QUALITY_BODY, [("forward", 1), ("body_answer_justified", 8)]),
]
# What the applicant and the reviewer write, in the complaint's language (the
# application's): typed text is printed as typed, so a Russian complaint is in Russian.
TEXTS = {
    "kk": {
        Complaint.AddressedTo.PROVIDER_HEAD: "Тұрғын үй жағдайын тексеру мерзімінде "
        "өткізілмеді, маған ешкім хабарласқан жоқ.",
        Complaint.AddressedTo.QUALITY_BODY: "Құжаттарымды қабылдаған кезде маман қажетсіз "
        "анықтамаларды талап етті.",
    },
    "ru": {
        Complaint.AddressedTo.PROVIDER_HEAD: "Обследование жилищных условий не проведено в "
        "срок, со мной никто не связался.",
        Complaint.AddressedTo.QUALITY_BODY: "При приёме документов специалист требовал "
        "ненужные справки.",
    },
}
ANSWERS = {
    "kk": {
        True: "Шағым негізді деп танылды. Тексеру 2 жұмыс күні ішінде өткізіледі, жауапты "
        "маманға тәртіптік шара қолданылды.",
        False: "Шағым негізсіз деп танылды: тексеру қызмет стандартында белгіленген мерзімде "
        "өткізілді, актінің көшірмесі жеке кабинетке жіберілді.",
    },
    "ru": {
        True: "Жалоба признана обоснованной. Обследование будет проведено в течение 2 рабочих "
        "дней, к ответственному специалисту применена дисциплинарная мера.",
        False: "Жалоба признана необоснованной: обследование проведено в срок, установленный "
        "стандартом услуги, копия акта направлена в личный кабинет.",
    },
}


def _language(application: Application) -> str:
    return "ru" if application.language == "ru" else "kk"


def working_days_ago(days: int, today: date) -> date:
    day = today
    while days > 0:
        day -= timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def _moment(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _head_for(application: Application) -> User | None:
    for user in User.objects.filter(role=Role.SUPERVISOR, is_active=True).select_related(
        "organisation"
    ):
        if organisations_headed(user).filter(pk=application.organisation_id).exists():
            return user
    return None


def _body_officer_for(complaint: Complaint) -> User | None:
    if complaint.quality_body_id is None:
        return None  # not forwarded: no body, no officer
    return (
        User.objects.filter(
            role=Role.QUALITY_CONTROLLER, is_active=True, organisation_id=complaint.quality_body_id
        )
        .order_by("pk")
        .first()
    )


def seed_complaints(*, stdout=None, demo_applicant: User | None = None) -> int:
    """Create the demo complaints that do not exist yet; returns how many were created.
    They go on ``demo_applicant``'s applications where theirs are old enough (the login
    printed by seed_demo then follows them in the cabinet), else on anyone's."""
    today = timezone.localdate()
    candidates = list(
        Application.objects.filter(
            applicant__role=Role.APPLICANT, number__isnull=False, registered_on__isnull=False
        )
        .exclude(state="draft")
        .select_related("applicant", "organisation")
        .order_by("registered_on", "pk")
    )
    if demo_applicant is not None:  # theirs first, in the same order (a stable sort)
        candidates.sort(key=lambda a: a.applicant_id != demo_applicant.pk)
    created = 0
    for index, (ago, addressed_to, steps) in enumerate(SCENARIOS, start=1):
        key = f"{KEY_PREFIX}-{index}"
        if Complaint.objects.filter(submission_key=key).exists():
            continue
        filed_on = working_days_ago(ago, today)
        application = next(
            (a for a in candidates if a.registered_on <= filed_on and _head_for(a)), None
        )
        if application is None:
            continue
        head = _head_for(application)
        complaint = complaint_file(
            application=application,
            applicant=application.applicant,
            addressed_to=addressed_to,
            subject=Complaint.Subject.INACTION,
            text=TEXTS[_language(application)][addressed_to],
            language=application.language,
            submission_key=key,
            at=_moment(filed_on, 11),
        )
        for step, after in steps:
            moment = _moment(add_working_days(filed_on, after), 12)
            if step == "take":
                complaint = complaint_take(complaint=complaint, actor=head, at=moment)
            elif step == "forward":
                complaint = complaint_forward(
                    complaint=complaint, actor=head, expected_state=complaint.state, at=moment
                )
            else:
                justified = step in ("answer_justified", "body_answer_justified")
                by_body = step.startswith("body_")
                actor = _body_officer_for(complaint) if by_body else head
                if actor is None:
                    break  # no officer of that body in the demo: leave it at the body
                complaint = complaint_answer(
                    complaint=complaint,
                    actor=actor,
                    justified=justified,
                    answer=ANSWERS[_language(application)][justified],
                    expected_state=complaint.state,
                    at=moment,
                    action="body_answer" if by_body else "answer",
                )
        created += 1
    if stdout is not None and created:
        stdout.write(f"  complaints: {created} demo complaints")
    return created
