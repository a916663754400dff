"""Free meals: the transition matrix, the checklist by category, the meals choice."""

import pytest

from applications.actions import application_transition
from applications.errors import TransitionRefused
from applications.models import Application
from tests.services.camp_voucher.school import (
    check_checklist_by_category,
    check_form_stores_the_category,
    check_matrix_case,
    submitted,
    walk,
)

pytestmark = pytest.mark.django_db

SERVICE = "free_meals"
MATRIX = {
    "completeness_check": {
        "accept_documents": "review",
        "refuse_to_accept": "refused_to_accept",
        "refuse": "refused",
        "withdraw": "withdrawn",
    },
    "review": {"confirm_category": "decision", "refuse": "refused", "withdraw": "withdrawn"},
    "decision": {"grant_meals": "completed", "refuse": "refused", "withdraw": "withdrawn"},
}
ALL_ACTIONS = sorted({a for row in MATRIX.values() for a in row})
PATH = {"accept_documents": {}, "confirm_category": {}, "grant_meals": {"meals": "free"}}


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


@pytest.mark.parametrize("meals", ["", "half", None])
def test_meals_must_be_free_or_reduced(meals, school, school_clerk, school_applicant):
    application = walk(
        submitted(SERVICE, school_applicant, school),
        school_clerk,
        list(PATH.items()),
        until="decision",
    )
    with pytest.raises(TransitionRefused):
        application_transition(
            application=application,
            action="grant_meals",
            actor=school_clerk,
            expected_state="decision",
            data={} if meals is None else {"meals": meals},
        )
    assert Application.objects.get(pk=application.pk).state == "decision"


def test_reduced_meals_are_recorded(school, school_clerk, school_applicant):
    path = {**PATH, "grant_meals": {"meals": "reduced"}}
    application = walk(
        submitted(SERVICE, school_applicant, school), school_clerk, list(path.items())
    )
    assert application.state == "completed"
    assert application.answers["meals"] == "reduced"
