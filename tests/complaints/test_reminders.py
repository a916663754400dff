"""Complaint deadline reminders (complaints/reminders.py, run by check_deadlines).

Hand-computed (2026; 21–25 March are the Nauryz days off):
    to the head, filed Mon 16.03 → registered 16.03, answer due (5 working days)
    17 18 19 20 | 26 → Thu 26.03: BEFORE on Fri 20.03, DUE on 26.03, OVERDUE from 27.03.
    to the body, filed Mon 16.03 → forwarding due (3) Thu 19.03: DUE on 19.03.
"""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from applications.models import Notification
from complaints.actions import complaint_answer, complaint_forward, complaint_take
from complaints.models import Complaint, ComplaintReminderSent
from complaints.reminders import check_complaint_deadlines, plan
from tests.factories import SupervisorFactory

from .conftest import at, file

pytestmark = pytest.mark.django_db
QUALITY = Complaint.AddressedTo.QUALITY_BODY


def kinds(day):
    return {(r.complaint.number, r.kind, r.recipient.pk) for r in plan(day)}


def test_before_due_and_overdue_around_nauryz(world):
    complaint = file(world, when=at(date(2026, 3, 16)))
    assert complaint.due_on == date(2026, 3, 26)
    head = world.head.pk
    assert kinds(date(2026, 3, 19)) == set()
    assert kinds(date(2026, 3, 20)) == {(complaint.number, "before", head)}
    assert kinds(date(2026, 3, 26)) == {(complaint.number, "due", head)}
    assert kinds(date(2026, 3, 27)) == {(complaint.number, "overdue", head)}


def test_each_reminder_is_sent_once(world):
    file(world, when=at(date(2026, 3, 16)))
    assert check_complaint_deadlines(today=date(2026, 3, 20)) == {"before": 1}
    assert check_complaint_deadlines(today=date(2026, 3, 20)) == {}
    assert ComplaintReminderSent.objects.count() == 1
    note = Notification.objects.get(recipient=world.head)
    assert "26.03.2026" in note.message_kk and "26.03.2026" in note.message_ru
    assert [m.to for m in mail.outbox] == [[world.head.email]]
    assert "/complaints/office/" in mail.outbox[0].body


def test_the_reviewer_alone_once_taken(world):
    complaint = file(world, when=at(date(2026, 3, 16)))
    SupervisorFactory(organisation=world.office)  # a second head of the office
    assert len(plan(date(2026, 3, 20))) == 2
    complaint_take(complaint=complaint, actor=world.head, at=at(date(2026, 3, 17)))
    assert [r.recipient for r in plan(date(2026, 3, 20))] == [world.head]


def test_forwarding_then_the_bodys_answer(world):
    complaint = file(world, addressed_to=QUALITY, when=at(date(2026, 3, 16)))
    assert kinds(date(2026, 3, 19)) == {(complaint.number, "due", world.head.pk)}
    complaint = complaint_forward(
        complaint=complaint, actor=world.head, expected_state="registered", at=at(date(2026, 3, 19))
    )
    # At the body: due 15 working days from 19.03 → 14.04; the officers are reminded.
    assert complaint.due_on == date(2026, 4, 14)
    assert kinds(date(2026, 4, 13)) == {(complaint.number, "before", world.body_officer.pk)}
    assert kinds(date(2026, 4, 15)) == {(complaint.number, "overdue", world.body_officer.pk)}


def test_answered_complaints_are_not_reminded(world):
    complaint = file(world, when=at(date(2026, 3, 16)))
    complaint_take(complaint=complaint, actor=world.head, at=at(date(2026, 3, 17)))
    complaint_answer(
        complaint=complaint,
        actor=world.head,
        justified=False,
        answer="Негізсіз.",
        expected_state="under_review",
        at=at(date(2026, 3, 18)),
    )
    assert plan(date(2026, 3, 27)) == []


def test_the_command_reports_complaints_on_working_days_only(world, capsys):
    file(world, when=at(date(2026, 3, 16)))
    call_command("check_deadlines", "--date", "2026-03-21")  # Saturday, Nauryz
    assert "complaints" not in capsys.readouterr().out
    call_command("check_deadlines", "--date", "2026-03-27")
    assert "complaints, sent: 0 due next working day, 0 due today, 1 overdue" in (
        capsys.readouterr().out
    )
