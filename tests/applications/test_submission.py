"""Submitting: completeness, numbering, registration dates, double submits."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from applications.actions import (
    application_create_draft,
    application_submit,
    attachment_add,
    missing_documents,
)
from applications.errors import IncompleteApplication
from applications.models import Application, ApplicationEvent
from tests.applications.conftest import draft_for
from tests.files import pdf_upload

pytestmark = pytest.mark.django_db
ALMATY = ZoneInfo("Asia/Almaty")


def attach_all(application, actor):
    for item in missing_documents(application):
        attachment_add(application=application, item=item.code, upload=pdf_upload(), actor=actor)


def test_portal_submission_needs_every_required_scan(patronat_draft, patronat_applicant):
    with pytest.raises(IncompleteApplication):
        application_submit(application=patronat_draft, actor=patronat_applicant)
    assert Application.objects.get(pk=patronat_draft.pk).state == "draft"
    assert Application.objects.get(pk=patronat_draft.pk).number is None


def test_checklist_follows_the_answers(patronat_applicant, patronat_office):
    single = draft_for(patronat_applicant, patronat_office, married=False)
    married = draft_for(patronat_applicant, patronat_office, married=True)
    assert "spouse_consent" not in {i.code for i in missing_documents(single)}
    assert "spouse_consent" in {i.code for i in missing_documents(married)}


def test_numbers_are_per_office_and_year_and_consecutive(patronat_applicant, patronat_office):
    numbers = []
    for _ in range(3):
        draft = draft_for(patronat_applicant, patronat_office)
        attach_all(draft, patronat_applicant)
        numbers.append(application_submit(application=draft, actor=patronat_applicant).number)
    year = datetime.now(ALMATY).year
    assert numbers == [f"KOK-EDU-{year}-{n:06d}" for n in (1, 2, 3)]


@pytest.mark.parametrize(
    ("accepted_at", "registered_on", "due_on"),
    [
        # Friday 20 March 2026 19:05: after hours on the eve of Nauryz; the calendar's own
        # tests pin those dates, here the engine must store what the calendar says.
        pytest.param(
            datetime(2026, 3, 20, 19, 5, tzinfo=ALMATY),
            None,
            None,
            id="friday-evening-before-nauryz",
        ),
        # Friday 20 Nov 2026 11:00, in office hours, no holiday for two weeks: day 0 is the
        # 20th; working days 23-27 Nov (1-5), 30 Nov-4 Dec (6-10).
        pytest.param(
            datetime(2026, 11, 20, 11, 0, tzinfo=ALMATY),
            "2026-11-20",
            "2026-12-04",
            id="friday-morning",
        ),
    ],
)
def test_registration_and_due_dates_follow_the_calendar(
    patronat_applicant, patronat_office, accepted_at, registered_on, due_on
):
    from guardianship_portal.workdays.calendar import add_working_days, registration_date

    draft = draft_for(patronat_applicant, patronat_office)
    attach_all(draft, patronat_applicant)
    application = application_submit(
        application=draft, actor=patronat_applicant, accepted_at=accepted_at
    )
    expected_registered = registration_date(accepted_at)
    assert application.registered_on == expected_registered
    assert application.due_on == add_working_days(expected_registered, 10)
    if registered_on:
        assert str(application.registered_on) == registered_on
        assert str(application.due_on) == due_on
    assert application.stage == "completeness_check"
    assert application.stage_due_on == add_working_days(expected_registered, 1)


def test_double_click_on_the_start_form_makes_one_draft(patronat_applicant, patronat_office):
    kwargs = {
        "service": "patronat",
        "organisation": patronat_office,
        "applicant": patronat_applicant,
        "applicant_data": {
            "applicant_iin": patronat_applicant.iin,
            "applicant_name": "X",
            "applicant_phone": "+77010000000",
        },
        "children": [],
        "answers": {},
        "language": "kk",
        "submission_key": "same-key",
    }
    first = application_create_draft(**kwargs)
    second = application_create_draft(**kwargs)
    assert first.pk == second.pk
    assert Application.objects.filter(applicant=patronat_applicant).count() == 1


def test_double_submit_files_once(patronat_draft, patronat_applicant):
    attach_all(patronat_draft, patronat_applicant)
    application_submit(application=patronat_draft, actor=patronat_applicant)
    with pytest.raises(Exception) as raised:
        application_submit(application=patronat_draft, actor=patronat_applicant)
    assert type(raised.value).__name__ in {"StaleApplication", "TransitionRefused"}
    assert ApplicationEvent.objects.filter(application=patronat_draft, action="submit").count() == 1


def test_a_final_state_records_the_result_figures(
    patronat_draft, patronat_applicant, patronat_clerk
):
    from applications.actions import application_transition

    attach_all(patronat_draft, patronat_applicant)
    accepted = datetime(2026, 11, 20, 11, 0, tzinfo=ALMATY)  # Friday
    application = application_submit(
        application=patronat_draft, actor=patronat_applicant, accepted_at=accepted
    )
    refused = application_transition(
        application=application,
        action="refuse",
        actor=patronat_clerk,
        reason="x",
        data={"ground": "false_documents"},
        expected_state="completeness_check",
        at=datetime(2026, 11, 24, 19, 0, tzinfo=ALMATY),
    )
    # Tuesday 24 Nov after hours counts as Wednesday 25 Nov: 3 working days after Friday 20.
    assert str(refused.completed_on) == "2026-11-25"
    assert refused.working_days_to_result == 3
    assert refused.completed_by == patronat_clerk
