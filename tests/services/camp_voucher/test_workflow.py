"""Camp vouchers: the transition matrix, the checklist by category, places per shift."""

import pytest
from django.utils import translation

from applications.actions import application_transition
from applications.errors import TransitionRefused
from applications.models import Application, ApplicationEvent
from services.camp_voucher.models import Camp, Shift, Voucher
from tests.factories import OrganisationFactory, UserFactory
from tests.services.camp_voucher.school import (
    check_checklist_by_category,
    check_form_stores_the_category,
    check_matrix_case,
    submitted,
    walk,
)

pytestmark = pytest.mark.django_db

SERVICE = "camp_voucher"
MATRIX = {
    "completeness_check": {
        "accept_documents": "review",
        "refuse_to_accept": "refused_to_accept",
        "refuse": "refused",
        "withdraw": "withdrawn",
    },
    "review": {"confirm_category": "decision", "refuse": "refused", "withdraw": "withdrawn"},
    "decision": {"issue_voucher": "completed", "refuse": "refused", "withdraw": "withdrawn"},
}
ALL_ACTIONS = sorted({a for row in MATRIX.values() for a in row})


def first_shift(application) -> dict:
    return {"shift": Shift.objects.get(camp__organisation=application.organisation).pk}


PATH = {"accept_documents": {}, "confirm_category": {}, "issue_voucher": first_shift}


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


def in_decision(applicant, office, clerk):
    return walk(submitted(SERVICE, applicant, office), clerk, list(PATH.items()), "decision")


def test_voucher_takes_a_place_of_the_shift(school, school_clerk, school_applicant):
    application = in_decision(school_applicant, school, school_clerk)
    shift = Shift.objects.get()
    assert shift.places_left() == 30
    done = application_transition(
        application=application,
        action="issue_voucher",
        actor=school_clerk,
        expected_state="decision",
        data={"shift": shift.pk},
    )
    assert done.state == "completed"
    assert Voucher.objects.get(application=application).shift == shift
    assert shift.places_left() == 29


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_voucher_when_the_shift_is_full(language, school, school_clerk, school_applicant):
    shift = Shift.objects.get()
    shift.places = 1
    shift.save()
    first = in_decision(school_applicant, school, school_clerk)
    second = in_decision(UserFactory(), school, school_clerk)
    application_transition(
        application=first,
        action="issue_voucher",
        actor=school_clerk,
        expected_state="decision",
        data={"shift": shift.pk},
    )
    with translation.override(language), pytest.raises(TransitionRefused) as refused:
        application_transition(
            application=second,
            action="issue_voucher",
            actor=school_clerk,
            expected_state="decision",
            data={"shift": shift.pk},
        )
        expected = translation.gettext(
            "No place is left in the shift %(shift)s: choose another shift or refuse with a reason."
        ) % {"shift": shift}
        assert str(refused.value.message) == expected
    assert Application.objects.get(pk=second.pk).state == "decision"
    assert Voucher.objects.filter(shift=shift).count() == 1
    assert not ApplicationEvent.objects.filter(application=second, action="issue_voucher").exists()


def test_voucher_needs_a_shift_of_the_office(school, school_clerk, school_applicant):
    application = in_decision(school_applicant, school, school_clerk)
    with pytest.raises(TransitionRefused):
        application_transition(
            application=application,
            action="issue_voucher",
            actor=school_clerk,
            expected_state="decision",
        )
    other = Camp.objects.create(
        organisation=OrganisationFactory(),
        name_kk="Басқа лагерь",
        name_ru="Другой лагерь",
        kind=Camp.Kind.SCHOOL,
        address="—",
    )
    foreign = Shift.objects.create(
        camp=other, starts_on="2027-06-01", ends_on="2027-06-10", places=10
    )
    with pytest.raises(TransitionRefused):
        application_transition(
            application=application,
            action="issue_voucher",
            actor=school_clerk,
            expected_state="decision",
            data={"shift": foreign.pk},
        )
    assert Application.objects.get(pk=application.pk).state == "decision"
    assert not Voucher.objects.exists()
