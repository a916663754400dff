"""Material aid: the transition matrix, the checklist by category, the board's decision,
the subsistence minimum and once per academic year."""

from datetime import date, datetime

import pytest
from django.utils import timezone, translation

from applications.actions import (
    application_submit,
    application_transition,
    attachment_add,
    missing_documents,
)
from applications.errors import TransitionRefused
from applications.models import Application, ApplicationEvent
from services.material_aid.models import SubsistenceMinimum
from tests.factories import OrganisationFactory, ProvidedServiceFactory, UserFactory
from tests.files import pdf_upload
from tests.services.camp_voucher.school import (
    check_checklist_by_category,
    check_form_stores_the_category,
    check_matrix_case,
    draft,
    submitted,
    walk,
)

pytestmark = pytest.mark.django_db

SERVICE = "material_aid"
MATRIX = {
    "completeness_check": {
        "accept_documents": "board_review",
        "refuse_to_accept": "refused_to_accept",
        "refuse": "refused",
        "withdraw": "withdrawn",
    },
    "board_review": {
        "record_board_decision": "decision",
        "refuse": "refused",
        "withdraw": "withdrawn",
    },
    "decision": {"grant_aid": "completed", "refuse": "refused"},
}
ALL_ACTIONS = sorted({a for row in MATRIX.values() for a in row})
PATH = {
    "accept_documents": {},
    "record_board_decision": {"board_number": "4", "board_date": "2026-01-15"},
    "grant_aid": {"amount": "60000", "aid": "Ақшалай көмек"},
}


@pytest.mark.parametrize("state", list(MATRIX))
@pytest.mark.parametrize("action", ALL_ACTIONS)
def test_transition_matrix(state, action, school, school_clerk, school_applicant):
    check_matrix_case(
        service=SERVICE,
        matrix=MATRIX,
        path=PATH,
        state=state,
        action=action,
        applicant=school_applicant,
        office=school,
        clerk=school_clerk,
    )


def test_checklist_asks_the_chosen_category_document():
    check_checklist_by_category(SERVICE)


def test_form_requires_and_stores_the_category(school, school_applicant):
    check_form_stores_the_category(SERVICE, school, school_applicant)


def in_state(state, applicant, office, clerk, **kwargs):
    return walk(submitted(SERVICE, applicant, office, **kwargs), clerk, list(PATH.items()), state)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"board_number": "4"},
        {"board_date": "2026-01-15"},
        {"board_number": " ", "board_date": "2026-01-15"},
        {"board_number": "4", "board_date": "2999-01-01"},
    ],
)
def test_board_decision_needs_its_number_and_date(data, school, school_clerk, school_applicant):
    application = in_state("board_review", school_applicant, school, school_clerk)
    with pytest.raises(TransitionRefused):
        application_transition(
            application=application,
            action="record_board_decision",
            actor=school_clerk,
            expected_state="board_review",
            data=data,
        )
    assert Application.objects.get(pk=application.pk).state == "board_review"


def test_board_decision_is_recorded(school, school_clerk, school_applicant):
    application = in_state("decision", school_applicant, school, school_clerk)
    assert application.answers["board_decision"] == {"number": "4", "date": "2026-01-15"}
    event = ApplicationEvent.objects.get(application=application, action="record_board_decision")
    assert event.data == {"board_number": "4", "board_date": "2026-01-15"}


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_amount_below_the_minimum_is_refused(language, school, school_clerk, school_applicant):
    application = in_state("decision", school_applicant, school, school_clerk)
    year = timezone.localdate().year
    with translation.override(language), pytest.raises(TransitionRefused) as refused:
        application_transition(
            application=application,
            action="grant_aid",
            actor=school_clerk,
            expected_state="decision",
            data={"amount": "50850.99"},
        )
        expected = translation.gettext(
            "The aid cannot be less than the subsistence minimum of %(year)s: %(minimum)s tenge."
        ) % {"year": year, "minimum": "50 851.00"}
        assert str(refused.value.message) == expected
    for amount in ["", "abc", "NaN"]:
        with pytest.raises(TransitionRefused):
            application_transition(
                application=application,
                action="grant_aid",
                actor=school_clerk,
                expected_state="decision",
                data={"amount": amount},
            )
    done = application_transition(
        application=application,
        action="grant_aid",
        actor=school_clerk,
        expected_state="decision",
        data={"amount": "50851"},
    )
    assert done.state == "completed"
    assert done.answers["aid"]["amount"] == "50851.00"


def test_no_decision_without_the_subsistence_minimum(school, school_clerk, school_applicant):
    application = in_state("decision", school_applicant, school, school_clerk)
    SubsistenceMinimum.objects.filter(year=timezone.localdate().year).delete()
    with pytest.raises(TransitionRefused) as refused:
        application_transition(
            application=application,
            action="grant_aid",
            actor=school_clerk,
            expected_state="decision",
            data={"amount": "100000"},
        )
    assert str(timezone.localdate().year) in str(refused.value.message)
    assert Application.objects.get(pk=application.pk).state == "decision"


# ---------------------------------------------------------------- once per academic year

CHILD = ("Серіков", "Нұрлан", "Асқарұлы", date(2013, 5, 17), "")


def ready(applicant, office, child=CHILD):
    application = draft(SERVICE, applicant, office, child=child)
    for item in missing_documents(application):
        attachment_add(
            application=application, item=item.code, upload=pdf_upload(), actor=applicant
        )
    return application


def test_second_application_for_the_same_child_in_the_year_is_refused(
    school, school_clerk, school_applicant
):
    in_state("decision", school_applicant, school, school_clerk)
    # Another parent, the same child (name and birth date), different letter case.
    second = ready(UserFactory(), school, ("СЕРІКОВ", "нұрлан", "", date(2013, 5, 17), ""))
    with pytest.raises(TransitionRefused) as refused:
        application_submit(application=second, actor=second.applicant)
    assert "Серіков Нұрлан" in str(refused.value.message)
    assert Application.objects.get(pk=second.pk).state == "draft"
    assert Application.objects.get(pk=second.pk).number is None


def test_same_iin_counts_even_with_another_name(school, school_clerk, school_applicant):
    iin = "130517500017"
    submitted(
        SERVICE, school_applicant, school, child=("Серіков", "Нұрлан", "", date(2013, 5, 17), iin)
    )
    second = ready(school_applicant, school, ("Серикова", "Нурлан", "", date(2013, 5, 17), iin))
    with pytest.raises(TransitionRefused):
        application_submit(application=second, actor=school_applicant)


def test_other_children_other_schools_other_years_and_ended_applications_do_not_count(
    school, school_clerk, school_applicant
):
    # Ended without aid: refused to accept → a new application is possible.
    first = submitted(SERVICE, school_applicant, school)
    application_transition(
        application=first,
        action="refuse_to_accept",
        actor=school_clerk,
        expected_state="completeness_check",
        reason="x",
        data={"missing": ["category_document_low_income"]},
    )
    again = application_submit(application=ready(school_applicant, school), actor=school_applicant)
    assert again.state == "completeness_check"
    # A sibling at the same school.
    sibling = ready(school_applicant, school, ("Серіков", "Әли", "", date(2015, 1, 3), ""))
    assert application_submit(application=sibling, actor=school_applicant).number
    # The same child at another school.
    other = OrganisationFactory(kind="school")
    ProvidedServiceFactory(organisation=other, service=SERVICE)
    assert application_submit(
        application=ready(school_applicant, other), actor=school_applicant
    ).number


def test_an_application_of_the_previous_academic_year_does_not_count(
    school, school_clerk, school_applicant
):
    today = timezone.localdate()
    last_year = date(today.year - 1 if today.month >= 9 else today.year - 2, 10, 1)
    application = ready(school_applicant, school)
    application_submit(
        application=application,
        actor=school_applicant,
        accepted_at=timezone.make_aware(
            datetime.combine(last_year, datetime.min.time().replace(hour=10))
        ),
    )
    second = ready(school_applicant, school)
    assert application_submit(application=second, actor=school_applicant).number
