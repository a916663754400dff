"""Patronat transition matrix: every allowed transition works for the right role, every
other one is refused; stage deadlines are stored on entry."""

from datetime import date

import pytest

from applications.actions import (
    application_submit,
    application_transition,
    attachment_add,
    available_actions,
    missing_documents,
)
from applications.errors import ActionNotPermitted, StaleApplication, TransitionRefused
from applications.models import Application, ApplicationEvent
from tests.applications.conftest import draft_for
from tests.factories import ClerkFactory, OrganisationFactory, UserFactory
from tests.files import pdf_upload

pytestmark = pytest.mark.django_db

# state → {action: next state} for a child aged 10+ (consent stage runs)
MATRIX = {
    "completeness_check": {
        "accept_documents": "home_inspection",
        "refuse_to_accept": "refused_to_accept",
        "refuse": "refused",
        "withdraw": "withdrawn",
    },
    "home_inspection": {
        "record_inspection": "child_consent",
        "refuse": "refused",
        "withdraw": "withdrawn",
    },
    "child_consent": {
        "record_child_consent": "contract_notice",
        "refuse": "refused",
        "withdraw": "withdrawn",
    },
    "contract_notice": {
        "issue_contract_notice": "contract_signing",
        "refuse": "refused",
        "withdraw": "withdrawn",
    },
    "contract_signing": {
        "sign_contract": "payment_decision",
        "refuse": "refused",
        "withdraw": "withdrawn",
    },
    "payment_decision": {"decide_payment": "completed", "refuse": "refused"},
}
PATH = [
    "accept_documents",
    "record_inspection",
    "record_child_consent",
    "issue_contract_notice",
    "sign_contract",
    "decide_payment",
]
ALL_ACTIONS = sorted({a for row in MATRIX.values() for a in row})
APPLICANT_ACTIONS = {"withdraw"}


def submitted(applicant, office, **kwargs) -> Application:
    draft = draft_for(applicant, office, **kwargs)
    for item in missing_documents(draft):
        attachment_add(application=draft, item=item.code, upload=pdf_upload(), actor=applicant)
    return application_submit(application=draft, actor=applicant)


def advance_to(application, state, clerk):
    for action in PATH:
        if application.state == state:
            return application
        application = application_transition(
            application=application, action=action, actor=clerk, expected_state=application.state
        )
    assert application.state == state
    return application


@pytest.mark.parametrize("state", list(MATRIX))
@pytest.mark.parametrize("action", ALL_ACTIONS)
def test_transition_matrix(state, action, patronat_applicant, patronat_office, patronat_clerk):
    application = advance_to(submitted(patronat_applicant, patronat_office), state, patronat_clerk)
    expected = MATRIX[state].get(action)
    right_actor = patronat_applicant if action in APPLICANT_ACTIONS else patronat_clerk
    wrong_actor = patronat_clerk if action in APPLICANT_ACTIONS else patronat_applicant
    data = {
        "reason": "Негіз",
        "data": {"missing": ["education_diploma"]}
        if action == "refuse_to_accept"
        else {"ground": "family_code_restriction"}
        if action == "refuse"
        else {},
    }
    if expected is None:
        with pytest.raises(TransitionRefused):
            application_transition(
                application=application,
                action=action,
                actor=right_actor,
                expected_state=state,
                **data,
            )
        assert Application.objects.get(pk=application.pk).state == state
        return
    with pytest.raises(ActionNotPermitted):
        application_transition(
            application=application, action=action, actor=wrong_actor, expected_state=state, **data
        )
    assert Application.objects.get(pk=application.pk).state == state
    done = application_transition(
        application=application, action=action, actor=right_actor, expected_state=state, **data
    )
    assert done.state == expected
    event = ApplicationEvent.objects.filter(application=application, action=action).get()
    assert (event.from_state, event.to_state, event.actor) == (state, expected, right_actor)


def test_clerk_of_another_office_cannot_act(patronat_applicant, patronat_office):
    application = submitted(patronat_applicant, patronat_office)
    stranger = ClerkFactory(organisation=OrganisationFactory())
    with pytest.raises(ActionNotPermitted):
        application_transition(
            application=application,
            action="accept_documents",
            actor=stranger,
            expected_state="completeness_check",
        )
    assert available_actions(application, stranger) == []


def test_consent_stage_is_skipped_for_a_child_under_ten(
    patronat_applicant, patronat_office, patronat_clerk
):
    application = submitted(patronat_applicant, patronat_office, child_born=date(2020, 1, 10))
    application = advance_to(application, "home_inspection", patronat_clerk)
    application = application_transition(
        application=application,
        action="record_inspection",
        actor=patronat_clerk,
        expected_state="home_inspection",
    )
    assert application.state == "contract_notice"


def test_a_second_clerk_acting_on_a_stale_page_is_told_and_nothing_changes(
    patronat_applicant, patronat_office, patronat_clerk
):
    application = submitted(patronat_applicant, patronat_office)
    colleague = ClerkFactory(organisation=patronat_office)
    application_transition(
        application=application,
        action="accept_documents",
        actor=patronat_clerk,
        expected_state="completeness_check",
    )
    events_before = ApplicationEvent.objects.count()
    with pytest.raises(StaleApplication):
        application_transition(
            application=application,
            action="refuse_to_accept",
            actor=colleague,
            expected_state="completeness_check",
            reason="x",
        )
    assert Application.objects.get(pk=application.pk).state == "home_inspection"
    assert ApplicationEvent.objects.count() == events_before


def test_an_unknown_action_is_refused(patronat_applicant, patronat_office, patronat_clerk):
    application = submitted(patronat_applicant, patronat_office)
    for action in ["delete", "save", "submit", "__class__"]:
        with pytest.raises(TransitionRefused):
            application_transition(application=application, action=action, actor=patronat_clerk)


def test_state_cannot_be_set_by_hand(patronat_draft):
    with pytest.raises(AttributeError):
        patronat_draft.state = "completed"


def test_applicant_cannot_submit_someone_elses_draft(patronat_draft):
    intruder = UserFactory()
    with pytest.raises(ActionNotPermitted):
        application_submit(application=patronat_draft, actor=intruder)


def test_payment_is_not_decided_without_a_regional_norm(
    patronat_applicant, patronat_office, patronat_clerk
):
    from django.utils import translation

    from services.patronat.models import PaymentNorm

    application = advance_to(
        submitted(patronat_applicant, patronat_office), "payment_decision", patronat_clerk
    )
    PaymentNorm.objects.all().delete()
    with pytest.raises(TransitionRefused) as raised:
        application_transition(
            application=application,
            action="decide_payment",
            actor=patronat_clerk,
            expected_state="payment_decision",
        )
    with translation.override("ru"):
        expected = translation.gettext(
            "The regional payment norm is not entered yet: ask the administrator to enter it, then decide."
        )
        assert str(raised.value.message) == expected
    assert Application.objects.get(pk=application.pk).state == "payment_decision"
    assert not ApplicationEvent.objects.filter(
        application=application, action="decide_payment"
    ).exists()
