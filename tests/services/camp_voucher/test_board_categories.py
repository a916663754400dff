"""Category 5 (set by the school's board of trustees): camps and meals go through the
board's recorded decision instead of a clerk's confirmation of the category."""

from datetime import date

import pytest

from applications.actions import application_transition, available_actions
from applications.errors import TransitionRefused
from applications.models import Application
from tests.services.camp_voucher.school import submitted, walk

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("service", ["camp_voucher", "free_meals"])
def test_board_category_records_the_boards_decision(
    service, client, school, school_clerk, school_applicant
):
    application = walk(
        submitted(service, school_applicant, school, category="board_decided"),
        school_clerk,
        [("accept_documents", {})],
    )
    assert application.state == "review"
    names = available_actions(application, school_clerk)
    assert "record_board_decision" in names and "confirm_category" not in names
    with pytest.raises(TransitionRefused):
        application_transition(
            application=application,
            action="confirm_category",
            actor=school_clerk,
            expected_state="review",
        )
    client.force_login(school_clerk)
    page = client.get(f"/kk/office/{application.pk}/").content.decode()
    assert 'name="record_board_decision-board_number"' in page
    client.post(
        f"/kk/office/{application.pk}/act/",
        {
            "action": "record_board_decision",
            "expected_state": "review",
            "record_board_decision-board_number": "№ 4 хаттама",
            "record_board_decision-board_date": "2026-11-20",
        },
    )
    done = Application.objects.get(pk=application.pk)
    assert done.state == "decision"
    assert done.answers["board_decision"] == {"number": "№ 4 хаттама", "date": "2026-11-20"}


@pytest.mark.parametrize("service", ["camp_voucher", "free_meals"])
def test_other_categories_are_confirmed_by_the_clerk(
    service, school, school_clerk, school_applicant
):
    application = walk(
        submitted(service, school_applicant, school, category="low_income"),
        school_clerk,
        [("accept_documents", {})],
    )
    names = available_actions(application, school_clerk)
    assert "confirm_category" in names and "record_board_decision" not in names


def test_a_board_decision_in_the_future_is_refused(school, school_clerk, school_applicant):
    application = walk(
        submitted("camp_voucher", school_applicant, school, category="board_decided"),
        school_clerk,
        [("accept_documents", {})],
    )
    with pytest.raises(TransitionRefused):
        application_transition(
            application=application,
            action="record_board_decision",
            actor=school_clerk,
            expected_state="review",
            data={"board_number": "5", "board_date": date(2099, 1, 1).isoformat()},
        )
    assert Application.objects.get(pk=application.pk).state == "review"
