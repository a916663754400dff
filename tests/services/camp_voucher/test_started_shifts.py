"""A voucher is issued only for a camp shift that has not started yet: a started shift is
not offered on the clerk's page, and a posted one (a page left open overnight, a forged
form) is refused with a message, by the form and by the transition under the row lock."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from applications.actions import application_transition
from applications.errors import TransitionRefused
from applications.models import Application, ApplicationEvent
from services.camp_voucher.forms import IssueVoucherForm
from services.camp_voucher.models import Camp, Shift, Voucher
from tests.services.camp_voucher.school import submitted, walk

pytestmark = pytest.mark.django_db
PATH = [("accept_documents", {}), ("confirm_category", {})]
STARTED = (
    "The shift %(shift)s has already started: a voucher is issued only for a shift that "
    "has not started yet."
)


@pytest.fixture
def shifts(school):
    """The school's camp with a shift that started today, one that ended, and one that
    starts tomorrow (the fixture's own shift starts next summer)."""
    camp = Camp.objects.get(organisation=school)
    today = timezone.localdate()
    return {
        "today": Shift.objects.create(
            camp=camp, starts_on=today, ends_on=today + timedelta(days=20), places=10
        ),
        "past": Shift.objects.create(
            camp=camp,
            starts_on=today - timedelta(days=40),
            ends_on=today - timedelta(days=20),
            places=10,
        ),
        "tomorrow": Shift.objects.create(
            camp=camp,
            starts_on=today + timedelta(days=1),
            ends_on=today + timedelta(days=21),
            places=10,
        ),
    }


@pytest.fixture
def deciding(school, school_clerk, school_applicant):
    return walk(submitted("camp_voucher", school_applicant, school), school_clerk, PATH)


def offered(form: IssueVoucherForm) -> set[int]:
    return {int(value) for value, _label in form.fields["shift"].widget.choices if value}


def test_only_shifts_not_started_are_offered(shifts, deciding):
    form = IssueVoucherForm(application=deciding, prefix="issue_voucher")
    upcoming = set(
        Shift.objects.filter(starts_on__gt=timezone.localdate()).values_list("pk", flat=True)
    )
    assert offered(form) == upcoming
    assert shifts["tomorrow"].pk in upcoming
    assert shifts["today"].pk not in offered(form)
    assert shifts["past"].pk not in offered(form)


def test_the_clerks_page_does_not_offer_a_started_shift(client, shifts, deciding, school_clerk):
    client.force_login(school_clerk)
    html = client.get(f"/ru/office/{deciding.pk}/").content.decode()
    assert f'value="{shifts["tomorrow"].pk}"' in html
    assert f'value="{shifts["today"].pk}"' not in html
    assert f'value="{shifts["past"].pk}"' not in html


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("which", ["today", "past"])
def test_a_posted_started_shift_is_refused_with_its_reason(
    client, shifts, deciding, school_clerk, language, which
):
    shift = shifts[which]
    client.force_login(school_clerk)
    response = client.post(
        f"/{language}/office/{deciding.pk}/act/",
        {"action": "issue_voucher", "issue_voucher-shift": shift.pk, "expected_state": "decision"},
        follow=True,
    )
    # The page again (not a redirect), its form as sent: a refused form answers 400.
    assert response.status_code == 400
    assert not response.redirect_chain
    with translation.override(language):
        expected = translation.gettext(STARTED) % {"shift": Shift.objects.get(pk=shift.pk)}
    messages = [(m.level_tag, str(m)) for m in response.context["messages"]]
    assert messages == [("error", expected)]
    assert Application.objects.get(pk=deciding.pk).state == "decision"
    assert not Voucher.objects.exists()
    assert not ApplicationEvent.objects.filter(application=deciding, action="issue_voucher")


def test_the_form_refuses_a_started_shift(shifts, deciding):
    form = IssueVoucherForm(
        {"issue_voucher-shift": shifts["today"].pk}, application=deciding, prefix="issue_voucher"
    )
    assert not form.is_valid()
    assert form.has_error("shift", code="started")


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_transition_refuses_a_started_shift_under_the_lock(
    shifts, deciding, school_clerk, language
):
    """Whatever the form said (a page left open past midnight): nothing half-saved."""
    with translation.override(language):
        with pytest.raises(TransitionRefused) as refused:
            application_transition(
                application=deciding,
                action="issue_voucher",
                actor=school_clerk,
                expected_state="decision",
                data={"shift": shifts["today"].pk},
            )
        expected = translation.gettext(STARTED) % {"shift": shifts["today"]}
    assert refused.value.message == expected
    stored = Application.objects.get(pk=deciding.pk)
    assert stored.state == "decision"
    assert "voucher_shift" not in stored.answers
    assert not Voucher.objects.exists()
    assert not ApplicationEvent.objects.filter(application=deciding, action="issue_voucher")


def test_a_shift_starting_tomorrow_gets_the_voucher(shifts, deciding, school_clerk):
    done = application_transition(
        application=deciding,
        action="issue_voucher",
        actor=school_clerk,
        expected_state="decision",
        data={"shift": shifts["tomorrow"].pk},
    )
    assert done.state == "completed"
    assert Voucher.objects.get().shift == shifts["tomorrow"]


def test_without_a_shift_to_come_the_clerk_is_told(school, deciding):
    Shift.objects.filter(camp__organisation=school).update(
        starts_on=timezone.localdate(), ends_on=timezone.localdate() + timedelta(days=5)
    )
    form = IssueVoucherForm(application=deciding, prefix="issue_voucher")
    assert offered(form) == set()
    assert form.fields["shift"].help_text
