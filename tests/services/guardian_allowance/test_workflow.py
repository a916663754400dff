"""Guardian allowance transition matrix: every allowed transition works for the right
role, every other one is refused; deadlines by channel; the decision needs the MRP."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from applications.actions import (
    application_create_draft,
    application_submit,
    application_transition,
    available_actions,
)
from applications.errors import ActionNotPermitted, TransitionRefused
from applications.models import Application, ApplicationEvent
from applications.registry import Channel
from guardianship_portal.workdays.calendar import add_working_days
from services.guardian_allowance.models import (
    MRP_PER_CHILD,
    GuardianAllowanceApplication,
    MonthlyCalculationIndex,
)
from tests.factories import ClerkFactory, OrganisationFactory
from tests.services.guardian_allowance.helpers import child, draft_for, submitted

pytestmark = pytest.mark.django_db

MATRIX = {
    "completeness_check": {
        "accept_documents": "review",
        "refuse_to_accept": "refused_to_accept",
        "withdraw": "withdrawn",
    },
    "review": {"complete_review": "decision", "refuse": "refused", "withdraw": "withdrawn"},
    "decision": {"decide_allowance": "completed", "refuse": "refused"},
    "completed": {},
}
FORWARD = {
    "completeness_check": "accept_documents",
    "review": "complete_review",
    "decision": "decide_allowance",
}
ALL_ACTIONS = sorted({a for row in MATRIX.values() for a in row})
APPLICANT_ACTIONS = {"withdraw"}
DATA = {
    "refuse_to_accept": {"missing": ["bank_account_contract"]},
    "refuse": {"ground": "requirements_not_met"},
}


def advance_to(application, state, clerk):
    while application.state != state:
        application = application_transition(
            application=application,
            action=FORWARD[application.state],
            actor=clerk,
            expected_state=application.state,
        )
    return application


@pytest.mark.parametrize("state", list(MATRIX))
@pytest.mark.parametrize("action", ALL_ACTIONS)
def test_transition_matrix(state, action, allowance_applicant, allowance_office, allowance_clerk):
    application = advance_to(
        submitted(allowance_applicant, allowance_office), state, allowance_clerk
    )
    expected = MATRIX[state].get(action)
    right_actor = allowance_applicant if action in APPLICANT_ACTIONS else allowance_clerk
    wrong_actor = allowance_clerk if action in APPLICANT_ACTIONS else allowance_applicant
    kwargs = {"reason": "Негіз", "data": DATA.get(action, {})}
    if expected is None:
        with pytest.raises(TransitionRefused):
            application_transition(
                application=application,
                action=action,
                actor=right_actor,
                expected_state=state,
                **kwargs,
            )
        assert Application.objects.get(pk=application.pk).state == state
        return
    with pytest.raises(ActionNotPermitted):
        application_transition(
            application=application,
            action=action,
            actor=wrong_actor,
            expected_state=state,
            **kwargs,
        )
    assert Application.objects.get(pk=application.pk).state == state
    done = application_transition(
        application=application, action=action, actor=right_actor, expected_state=state, **kwargs
    )
    assert done.state == expected
    event = ApplicationEvent.objects.filter(application=application, action=action).get()
    assert (event.from_state, event.to_state, event.actor) == (state, expected, right_actor)


def test_the_workflow_model_is_the_proxy(allowance_draft):
    assert isinstance(allowance_draft, GuardianAllowanceApplication)


def test_the_clerk_sees_the_buttons_of_each_stage(
    allowance_applicant, allowance_office, allowance_clerk
):
    application = submitted(allowance_applicant, allowance_office)
    assert set(available_actions(application, allowance_clerk)) == {
        "accept_documents",
        "refuse_to_accept",
    }
    assert available_actions(application, allowance_applicant) == ["withdraw"]
    application = advance_to(application, "decision", allowance_clerk)
    assert set(available_actions(application, allowance_clerk)) == {"decide_allowance", "refuse"}
    assert available_actions(application, allowance_applicant) == []


def test_clerk_of_another_office_cannot_act(allowance_applicant, allowance_office):
    application = submitted(allowance_applicant, allowance_office)
    stranger = ClerkFactory(organisation=OrganisationFactory())
    with pytest.raises(ActionNotPermitted):
        application_transition(
            application=application,
            action="accept_documents",
            actor=stranger,
            expected_state="completeness_check",
        )
    assert available_actions(application, stranger) == []


def test_stage_deadlines_chain_one_seven_two(
    allowance_applicant, allowance_office, allowance_clerk
):
    application = submitted(allowance_applicant, allowance_office)
    assert application.stage == "completeness_check"
    assert application.stage_due_on == add_working_days(application.stage_started_on, 1)
    assert application.due_on == add_working_days(application.registered_on, 10)
    application = advance_to(application, "review", allowance_clerk)
    assert application.stage == "review"
    assert application.stage_due_on == add_working_days(application.stage_started_on, 7)
    application = advance_to(application, "decision", allowance_clerk)
    assert application.stage_due_on == add_working_days(application.stage_started_on, 2)


def test_decide_fixes_ten_mrp_per_child_from_the_registration_month(
    allowance_applicant, allowance_office, allowance_clerk
):
    two = [child(), child(date(2015, 3, 1), first_name="Аружан", last_name="Серікова")]
    application = advance_to(
        submitted(allowance_applicant, allowance_office, children=two),
        "completed",
        allowance_clerk,
    )
    allowance = application.answers["allowance"]
    year = application.registered_on.year
    index = MonthlyCalculationIndex.objects.get(year=year)
    assert MRP_PER_CHILD == 10
    assert Decimal(allowance["per_child"]) == index.value * 10 == Decimal("43250")
    assert Decimal(allowance["total"]) == Decimal("86500")
    assert allowance["children"] == 2
    assert allowance["starts_on"] == application.registered_on.replace(day=1).isoformat()
    # Editing the index later does not change a decision already made.
    MonthlyCalculationIndex.objects.filter(year=year).update(value=5000)
    application.refresh_from_db()
    assert Decimal(application.answers["allowance"]["per_child"]) == Decimal("43250")


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_decide_is_refused_without_the_mrp_of_the_year(
    language, allowance_applicant, allowance_office, allowance_clerk
):
    application = advance_to(
        submitted(allowance_applicant, allowance_office), "decision", allowance_clerk
    )
    MonthlyCalculationIndex.objects.all().delete()
    year = application.registered_on.year
    with translation.override(language), pytest.raises(TransitionRefused) as raised:
        application_transition(
            application=application,
            action="decide_allowance",
            actor=allowance_clerk,
            expected_state="decision",
        )
    with translation.override(language):
        expected = translation.gettext(
            "The monthly calculation index for %(year)s is not entered yet: ask the administrator to enter it, then decide."
        ) % {"year": year}
    assert str(raised.value.message) == expected
    assert str(year) in expected
    assert Application.objects.get(pk=application.pk).state == "decision"
    assert "allowance" not in Application.objects.get(pk=application.pk).answers
    assert not ApplicationEvent.objects.filter(
        application=application, action="decide_allowance"
    ).exists()


def paper(office, clerk, channel, accepted_at):
    draft = application_create_draft(
        service="guardian_allowance",
        organisation=office,
        applicant=None,
        channel=channel,
        applicant_data={
            "applicant_iin": "",
            "applicant_name": "Омаров Қайрат Ержанұлы",
            "applicant_phone": "+77015550000",
            "applicant_address": "Қарағанды қ.",
        },
        children=[child()],
        answers={"child_born_abroad": False, "child_born_before_registry": False},
        language="kk",
    )
    return application_submit(application=draft, actor=clerk, accepted_at=accepted_at)


def test_state_corporation_due_date_is_the_offices(allowance_office, allowance_clerk):
    """Seed 002: at the State Corporation the day of acceptance is not counted. It is
    working day 0 (as at the office), so it is left out once: the same due date. (This
    test asserted a day later before: the acceptance day was excluded twice.)"""
    accepted_at = timezone.make_aware(datetime(2026, 11, 16, 10, 30))  # Monday, office hours
    office = paper(allowance_office, allowance_clerk, Channel.OFFICE, accepted_at)
    centre = paper(allowance_office, allowance_clerk, Channel.STATE_CORPORATION, accepted_at)
    assert office.registered_on == centre.registered_on == date(2026, 11, 16)
    # 17–20 Nov (4), 23–27 Nov (9), Mon 30 Nov (10).
    assert office.due_on == centre.due_on == date(2026, 11, 30)
    assert centre.applicant_id is None
    # A paper filing is checked by the clerk, not refused for missing scans.
    assert centre.state == "completeness_check"


def test_nobody_withdraws_a_state_corporation_filing_without_an_account(
    allowance_office, allowance_clerk, allowance_applicant
):
    centre = paper(
        allowance_office,
        allowance_clerk,
        Channel.STATE_CORPORATION,
        timezone.make_aware(datetime(2026, 11, 16, 10, 30)),
    )
    for actor in (allowance_clerk, allowance_applicant):
        with pytest.raises(ActionNotPermitted):
            application_transition(
                application=centre, action="withdraw", actor=actor, expected_state=centre.state
            )


def test_a_draft_is_submitted_only_by_its_applicant(allowance_draft, allowance_clerk):
    with pytest.raises(ActionNotPermitted):
        application_submit(application=allowance_draft, actor=allowance_clerk)
    assert draft_for  # the helper builds portal drafts owned by the applicant
