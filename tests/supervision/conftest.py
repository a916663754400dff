"""A hand-computed history for the dashboard tests (patronat, edition 2024-10wd:
10 working days for the service; stage terms completeness 1, inspection 2, …).

February 2026 has no public holiday; 9 March 2026 is a day off (8 March on a Sunday).
"Today" for the snapshot figures is Wednesday 4 March 2026; the period is February 2026.

Office A (patronat_office), clerks c1 and c2:

    app  registered  result (by)                    due_on  completed  wd  on time
    A1   Mon 02.02   completed Thu 12.02 (c1)       16.02   12.02       8  yes
    A2   Tue 03.02   completed Tue 17.02 (c1)       17.02   17.02      10  yes (on the day)
    A3   Wed 04.02   completed Fri 20.02 (c2)       18.02   20.02      12  no
    A4   Mon 09.02   completed Fri 27.02 (c2)       23.02   27.02      14  no
    A5   Tue 10.02   refused Mon 16.02 (c1)         24.02   16.02       4  yes
    A6   Wed 11.02   refused to accept Thu 12.02    25.02   12.02       1  yes
    A7   Thu 05.02   withdrawn Mon 09.02 (applicant)                    2  (not counted)
    A8   Thu 15.01   completed Mon 02.02 (c2)       29.01   02.02      12  no

    decided in February: A1 A2 A3 A4 A5 A6 A8 = 7; on time A1 A2 A5 A6 = 4 → 4/7
    working days sorted: 1 4 8 10 12 12 14 (n = 7)
      median: position 0.5 × 6 = 3 → 10
      p90:    position 0.9 × 6 = 5.4 → 12 + 0.4 × (14 − 12) = 12.8
    refused 1/7, refused to accept 1/7, granted 5, late 3, withdrawn 1

Open on Wed 04.03 (stage due = stored stage deadline):

    app  registered  stage (started)               stage due  service due  assigned
    O1   Wed 04.03   completeness (04.03, 1 WD)    Thu 05.03  ...          c1   → due soon
    O2   Tue 03.03   completeness (03.03, 1 WD)    Wed 04.03  ...          —    → due today
    O3   Mon 23.02   inspection (24.02, 2 WD)      Thu 26.02  Tue 10.03    c1   → overdue, late 4 WD (not > 4)
    O4   Mon 16.02   inspection (17.02, 2 WD)      Thu 19.02  Mon 02.03    c2   → overdue, late 9 WD (> 4), past service term
    O5   Fri 20.02   completeness (20.02, 1 WD)    Mon 23.02  Fri 06.03    —    → overdue, late 7 WD (> 2)

    open 5; due today 1; due soon 1; overdue 3; overdue > 2× term 2; past service term 1
    registered in February: A1–A7, O3, O4, O5 = 10

Office B (other_office) has one decided and one open application: never counted for A.
"""

from __future__ import annotations

from datetime import date, datetime, time
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from applications.actions import (
    application_assign,
    application_create_draft,
    application_submit,
    application_transition,
)
from applications.registry import Channel
from guardianship_portal.accounts.iin import make_iin
from tests.factories import (
    ClerkFactory,
    OrganisationFactory,
    ProvidedServiceFactory,
    SupervisorFactory,
    UserFactory,
)

ALMATY = ZoneInfo("Asia/Almaty")
TODAY = date(2026, 3, 4)
PATH = [
    "accept_documents",
    "record_inspection",
    "issue_contract_notice",
    "sign_contract",
    "decide_payment",
]

_serial = iter(range(300, 5000))


def at(day: date, hour: int = 11) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=ALMATY)


def paper(office, clerk, registered: date, *, applicant=None, name="Ахметова Дана"):
    """A paper filing registered by the clerk at 10:00 on ``registered`` (a child under
    ten, so the consent stage is skipped)."""
    draft = application_create_draft(
        service="patronat",
        organisation=office,
        applicant=applicant,
        applicant_data={
            "applicant_iin": make_iin(date(1988, 3, 14), male=False, serial=next(_serial)),
            "applicant_name": name,
            "applicant_phone": "+77015554433",
            "applicant_address": "Көкшетау қ., Абай к-сі, 1",
        },
        children=[
            {
                "last_name": "Серіков",
                "first_name": "Нұрлан",
                "middle_name": "",
                "birth_date": date(2019, 5, 17),
                "iin": "",
            }
        ],
        answers={
            "married": False,
            "home_owner": True,
            "close_relative": False,
            "relative_or_step_parent": False,
            "marriage_not_in_registry": False,
            "child_under_ten": True,
        },
        language="kk",
        channel=Channel.OFFICE,
    )
    return application_submit(application=draft, actor=clerk, accepted_at=at(registered, 10))


def step(application, action, actor, day, **data):
    extra = {}
    if action == "record_inspection":
        data = {"findings": "Жағдай жақсы.", "inspected_on": day.isoformat()}
    if action in ("refuse", "refuse_to_accept", "withdraw"):
        extra["reason"] = "Себебі"
    return application_transition(
        application=application, action=action, actor=actor, at=at(day), data=data, **extra
    )


def complete(application, actor, day):
    for action in PATH:
        application = step(application, action, actor, day)
    return application


def assign(application, clerk):
    return application_assign(application=application, clerk=clerk, actor=clerk)


@pytest.fixture
def history(patronat_office, patronat_clerk):
    office = patronat_office
    c1 = patronat_clerk
    c2 = ClerkFactory(organisation=office, last_name="Ясауи")
    supervisor = SupervisorFactory(organisation=office)
    applicant = UserFactory()
    d = date
    apps = {}
    apps["A1"] = complete(paper(office, c1, d(2026, 2, 2)), c1, d(2026, 2, 12))
    apps["A2"] = complete(paper(office, c1, d(2026, 2, 3)), c1, d(2026, 2, 17))
    apps["A3"] = complete(paper(office, c2, d(2026, 2, 4)), c2, d(2026, 2, 20))
    apps["A4"] = complete(paper(office, c2, d(2026, 2, 9)), c2, d(2026, 2, 27))
    a5 = step(paper(office, c1, d(2026, 2, 10)), "accept_documents", c1, d(2026, 2, 11))
    apps["A5"] = step(a5, "refuse", c1, d(2026, 2, 16), ground="family_code_restriction")
    apps["A6"] = step(
        paper(office, c1, d(2026, 2, 11)),
        "refuse_to_accept",
        c1,
        d(2026, 2, 12),
        missing=["education_diploma"],
    )
    apps["A7"] = step(
        paper(office, c1, d(2026, 2, 5), applicant=applicant), "withdraw", applicant, d(2026, 2, 9)
    )
    apps["A8"] = complete(paper(office, c2, d(2026, 1, 15)), c2, d(2026, 2, 2))

    apps["O1"] = assign(paper(office, c1, d(2026, 3, 4)), c1)
    apps["O2"] = paper(office, c1, d(2026, 3, 3))
    apps["O3"] = assign(
        step(paper(office, c1, d(2026, 2, 23)), "accept_documents", c1, d(2026, 2, 24)), c1
    )
    apps["O4"] = assign(
        step(paper(office, c2, d(2026, 2, 16)), "accept_documents", c2, d(2026, 2, 17)), c2
    )
    apps["O5"] = paper(office, c1, d(2026, 2, 20))

    # Same region (one payment norm), another city: not a school, so never in A's scope.
    other = OrganisationFactory(
        code="AST-EDU", region=office.region, district_kk="Степногорск қаласы"
    )
    ProvidedServiceFactory(organisation=other, service="patronat")
    other_clerk = ClerkFactory(organisation=other)
    other_supervisor = SupervisorFactory(organisation=other)
    apps["B1"] = complete(paper(other, other_clerk, d(2026, 2, 2)), other_clerk, d(2026, 2, 5))
    apps["B2"] = assign(paper(other, other_clerk, d(2026, 2, 20)), other_clerk)

    for key, application in apps.items():
        application.refresh_from_db()
        apps[key] = application
    return SimpleNamespace(
        office=office,
        c1=c1,
        c2=c2,
        supervisor=supervisor,
        applicant=applicant,
        apps=apps,
        other=other,
        other_clerk=other_clerk,
        other_supervisor=other_supervisor,
    )


@pytest.fixture
def fixed_today(monkeypatch):
    """The dashboard's today is Wednesday 4 March 2026."""
    monkeypatch.setattr("supervision.views.today", lambda: TODAY)
    return TODAY


def numbers(*applications) -> set[str]:
    return {application.number for application in applications}
