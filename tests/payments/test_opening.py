"""A decision opens the entitlement: the patronat payment decision and the allowance's
decision, run through the real workflow, each leave one entitlement (opened by a job
enqueued in the decision's transaction), with its children, account and planned end."""

from datetime import date

import pytest

from applications.actions import application_transition
from payments.actions import entitlement_open
from payments.models import Entitlement, EntitlementEvent
from tests.services.patronat.test_workflow import PATH, advance_to, submitted

pytestmark = pytest.mark.django_db


def test_the_patronat_decision_opens_the_entitlement(
    patronat_applicant, patronat_office, patronat_clerk, django_capture_on_commit_callbacks
):
    application = advance_to(
        submitted(patronat_applicant, patronat_office, child_born=date(2012, 5, 17)),
        "payment_decision",
        patronat_clerk,
    )
    assert not Entitlement.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(
            application=application,
            action=PATH[-1],
            actor=patronat_clerk,
            expected_state="payment_decision",
        )
    entitlement = Entitlement.objects.get(application=application)
    assert entitlement.service == "patronat" and entitlement.state == "active"
    assert entitlement.recipient == patronat_applicant
    assert entitlement.bank_account == "KZ86125KZT5004100100"
    assert entitlement.starts_on.day == 1
    assert entitlement.planned_end_on == date(2030, 5, 17)  # the child's 18th birthday
    (child,) = entitlement.children.all()
    assert child.ends_on == date(2030, 5, 17) and child.full_name.startswith("Серіков Нұрлан")
    event = EntitlementEvent.objects.get(entitlement=entitlement)
    assert event.action == "opened" and event.actor == patronat_clerk
    # Opening again (a retried job) changes nothing.
    assert (
        entitlement_open(application=application, decided_on=date(2026, 1, 1)).pk == entitlement.pk
    )
    assert Entitlement.objects.count() == 1


def test_a_refused_decision_opens_nothing(patronat_applicant, patronat_office, patronat_clerk):
    application = advance_to(
        submitted(patronat_applicant, patronat_office), "payment_decision", patronat_clerk
    )
    application_transition(
        application=application,
        action="refuse",
        actor=patronat_clerk,
        expected_state="payment_decision",
        reason="Негіз",
        data={"ground": "family_code_restriction"},
    )
    assert not Entitlement.objects.exists()
