"""check_deadlines: who is reminded when, never twice, and the working day before a
holiday."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from applications.models import Notification
from supervision.models import ReminderSent
from supervision.reminders import Reminder, check_deadlines, plan, send
from tests.factories import ClerkFactory, OrganisationFactory, SupervisorFactory
from tests.supervision.conftest import assign, paper, step

pytestmark = pytest.mark.django_db

FRIDAY_BEFORE_NAURYZ = date(2026, 3, 20)
AFTER_NAURYZ = date(2026, 3, 26)  # 21–25 March 2026 are days off (Nauryz and the moved days)


def run(day: date) -> str:
    out = StringIO()
    call_command("check_deadlines", date=day.isoformat(), stdout=out)
    return out.getvalue()


@pytest.fixture
def office_staff(patronat_office, patronat_clerk):
    other_clerk = ClerkFactory(organisation=patronat_office, preferred_language="ru")
    supervisor = SupervisorFactory(organisation=patronat_office)
    return patronat_clerk, other_clerk, supervisor


def test_reminders_around_nauryz(office_staff, patronat_office):
    clerk, _other, supervisor = office_staff
    application = assign(paper(patronat_office, clerk, FRIDAY_BEFORE_NAURYZ), clerk)
    assert application.stage_due_on == AFTER_NAURYZ  # 1 working day after Friday 20 March

    assert "0 due next working day" in run(date(2026, 3, 19))
    # Friday 20 March is the working day before Thursday 26 March.
    assert "1 due next working day" in run(FRIDAY_BEFORE_NAURYZ)
    # Days off: nothing at all.
    for day in (date(2026, 3, 21), date(2026, 3, 23), date(2026, 3, 25)):
        assert "0 due next working day, 0 due today, 0 overdue" in run(day)
    assert "1 due today" in run(AFTER_NAURYZ)
    assert "1 overdue" in run(date(2026, 3, 27))
    kinds = list(ReminderSent.objects.order_by("pk").values_list("kind", "recipient_id", "due_on"))
    assert kinds == [
        ("before", clerk.pk, AFTER_NAURYZ),
        ("due", clerk.pk, AFTER_NAURYZ),
        ("overdue", supervisor.pk, AFTER_NAURYZ),
    ]


def test_running_twice_sends_each_reminder_once(office_staff, patronat_office):
    clerk, other_clerk, supervisor = office_staff
    today = date(2026, 3, 4)
    due_tomorrow = assign(paper(patronat_office, clerk, today), clerk)  # completeness due Thu 05.03
    due_today = paper(patronat_office, clerk, date(2026, 3, 3))  # due Wed 04.03, nobody assigned
    overdue = assign(
        step(
            paper(patronat_office, clerk, date(2026, 2, 23)),
            "accept_documents",
            clerk,
            date(2026, 2, 24),
        ),
        clerk,
    )
    assert (due_tomorrow.stage_due_on, due_today.stage_due_on) == (date(2026, 3, 5), today)
    assert overdue.stage_due_on == date(2026, 2, 26)

    first = check_deadlines(today=today)
    # Due today and nobody assigned: both clerks.
    assert first == {"before": 1, "due": 2, "overdue": 1}
    second = check_deadlines(today=today)
    assert sum(second.values()) == 0
    out = run(today)
    assert "0 due next working day, 0 due today, 0 overdue" in out

    assert Notification.objects.count() == 4
    per_person = {(n.recipient_id, n.application_id) for n in Notification.objects.all()}
    assert per_person == {
        (clerk.pk, due_tomorrow.pk),
        (clerk.pk, due_today.pk),
        (other_clerk.pk, due_today.pk),
        (supervisor.pk, overdue.pk),
    }
    assert len(mail.outbox) == 4
    # The supervisor is not reminded of stages that are merely due; clerks not of overdue ones.
    assert not Notification.objects.filter(recipient=supervisor, application=due_today).exists()
    assert not Notification.objects.filter(recipient=clerk, application=overdue).exists()
    # Next working day: the stage due today is now overdue (one new reminder, to the
    # supervisor), the one due tomorrow is due (to its clerk); the old overdue one is not repeated.
    assert check_deadlines(today=date(2026, 3, 5)) == {"due": 1, "overdue": 1}


def test_messages_in_both_languages_and_the_email_in_the_recipients(office_staff, patronat_office):
    clerk, other_clerk, _supervisor = office_staff
    application = paper(patronat_office, clerk, date(2026, 3, 3))
    check_deadlines(today=date(2026, 3, 4))
    note = Notification.objects.get(recipient=other_clerk)
    assert application.number in note.message_kk and application.number in note.message_ru
    assert "04.03.2026" in note.message_kk and "04.03.2026" in note.message_ru
    email = next(m for m in mail.outbox if m.to == [other_clerk.email])
    assert email.body.startswith(note.message_ru)  # other_clerk reads Russian
    assert f"/ru/office/{application.pk}/" in email.body


def test_a_new_stage_is_a_new_reminder(office_staff, patronat_office):
    clerk, _other, _supervisor = office_staff
    application = assign(paper(patronat_office, clerk, date(2026, 3, 4)), clerk)
    assert check_deadlines(today=date(2026, 3, 4)) == {"before": 1}
    # The inspection is due on Friday 06.03.
    application = step(application, "accept_documents", clerk, date(2026, 3, 4))
    assert check_deadlines(today=date(2026, 3, 5)) == {"before": 1}
    assert ReminderSent.objects.filter(application=application).count() == 2


def test_finished_applications_are_not_reminded(office_staff, patronat_office):
    clerk, _other, _supervisor = office_staff
    application = paper(patronat_office, clerk, date(2026, 3, 3))
    step(application, "refuse_to_accept", clerk, date(2026, 3, 3), missing=["education_diploma"])
    assert sum(check_deadlines(today=date(2026, 3, 10)).values()) == 0


def test_a_schools_overdue_goes_to_its_supervisors_and_its_departments(patronat_office):
    department = patronat_office
    school = OrganisationFactory(
        kind="school", code="KOK-SCH7", region=department.region, district_kk=department.district_kk
    )
    school_clerk = ClerkFactory(organisation=school)
    school_supervisor = SupervisorFactory(organisation=school)
    department_supervisor = SupervisorFactory(organisation=department)
    elsewhere = OrganisationFactory(
        kind="district_department",
        code="ZER-EDU",
        region=department.region,
        district_kk="Зеренді ауданы",
    )
    SupervisorFactory(organisation=elsewhere)
    # The regional department watches the dashboard; it is not sent every overdue stage.
    regional = OrganisationFactory(
        kind="regional_department", code="AKM-EDU", region=department.region
    )
    SupervisorFactory(organisation=regional)
    application = paper(school, school_clerk, date(2026, 2, 20))
    reminders = [r for r in plan(date(2026, 3, 4)) if r.application.pk == application.pk]
    assert {(r.kind, r.recipient) for r in reminders} == {
        ("overdue", school_supervisor),
        ("overdue", department_supervisor),
    }
    check_deadlines(today=date(2026, 3, 4))
    email = next(m for m in mail.outbox if m.to == [department_supervisor.email])
    assert f"figure=overdue&org={school.pk}" in email.body  # not the school's clerk page


def test_an_assigned_clerk_who_left_is_replaced_by_the_office(office_staff, patronat_office):
    clerk, other_clerk, _supervisor = office_staff
    application = assign(paper(patronat_office, clerk, date(2026, 3, 3)), clerk)
    clerk.is_active = False
    clerk.save()
    reminders = [r for r in plan(date(2026, 3, 4)) if r.application.pk == application.pk]
    assert [r.recipient for r in reminders] == [other_clerk]


def test_sending_the_same_reminder_twice_is_refused_by_the_database(office_staff, patronat_office):
    """Two runs at the same moment: both planned it, only one sends it."""
    clerk, _other, _supervisor = office_staff
    application = assign(paper(patronat_office, clerk, date(2026, 3, 3)), clerk)
    reminder = Reminder(application, "due", clerk)
    assert send(reminder) is True
    assert send(reminder) is False
    assert Notification.objects.filter(recipient=clerk).count() == 1
    assert len(mail.outbox) == 1


def test_bad_date_is_a_command_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("check_deadlines", date="yesterday")


def test_dry_run_sends_nothing(office_staff, patronat_office):
    clerk, _other, _supervisor = office_staff
    paper(patronat_office, clerk, date(2026, 3, 3))
    out = StringIO()
    call_command("check_deadlines", date="2026-03-04", dry_run=True, stdout=out)
    assert "would send: 0 due next working day, 2 due today" in out.getvalue()
    assert not ReminderSent.objects.exists() and not mail.outbox
