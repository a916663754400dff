"""The clerk chooses the camp shift on the application page: the issue_voucher
transition names its form (custom["form"]) and the clerk page renders and checks it."""

import pytest

from applications.models import Application
from services.camp_voucher.models import Shift, Voucher
from tests.factories import UserFactory
from tests.services.camp_voucher.school import submitted, walk

pytestmark = pytest.mark.django_db
PATH = [("accept_documents", {}), ("confirm_category", {})]


def test_clerk_chooses_a_shift_and_the_voucher_is_issued(
    client, school, school_clerk, school_applicant
):
    application = walk(submitted("camp_voucher", school_applicant, school), school_clerk, PATH)
    shift = Shift.objects.get()
    client.force_login(school_clerk)
    page = client.get(f"/ru/office/{application.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="issue_voucher-shift"' in html
    assert "Балдырған" in html
    response = client.post(
        f"/ru/office/{application.pk}/act/",
        {"action": "issue_voucher", "issue_voucher-shift": shift.pk, "expected_state": "decision"},
    )
    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).state == "completed"
    assert Voucher.objects.get().shift == shift


def test_full_shift_is_refused_with_a_message(client, school, school_clerk, school_applicant):
    shift = Shift.objects.get()
    shift.places = 0
    shift.save()
    application = walk(submitted("camp_voucher", school_applicant, school), school_clerk, PATH)
    client.force_login(school_clerk)
    response = client.post(
        f"/kk/office/{application.pk}/act/",
        {"action": "issue_voucher", "issue_voucher-shift": shift.pk, "expected_state": "decision"},
        follow=True,
    )
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert Application.objects.get(pk=application.pk).state == "decision"


def test_a_missing_shift_is_explained_and_nothing_changes(
    client, school, school_clerk, school_applicant
):
    application = walk(submitted("camp_voucher", school_applicant, school), school_clerk, PATH)
    client.force_login(school_clerk)
    response = client.post(
        f"/kk/office/{application.pk}/act/",
        {"action": "issue_voucher", "expected_state": "decision"},
        follow=True,
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert Application.objects.get(pk=application.pk).state == "decision"
    assert not Voucher.objects.exists()


def test_the_applicant_and_strangers_cannot_issue(client, school, school_clerk, school_applicant):
    application = walk(submitted("camp_voucher", school_applicant, school), school_clerk, PATH)
    shift = Shift.objects.get()
    post = {
        "action": "issue_voucher",
        "issue_voucher-shift": shift.pk,
        "expected_state": "decision",
    }
    client.force_login(school_applicant)
    assert client.post(f"/kk/office/{application.pk}/act/", post).status_code == 403
    client.force_login(UserFactory())
    assert client.post(f"/kk/office/{application.pk}/act/", post).status_code == 403
    assert not Voucher.objects.exists()
