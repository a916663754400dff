"""complaints.actions: numbering, stored deadlines (office hours, holidays), the state
machine, permissions and scope, stale states, the audit trail, notifications."""

from datetime import date

import pytest
from django.core import mail

from applications.models import Notification
from complaints.actions import (
    complaint_answer,
    complaint_file,
    complaint_forward,
    complaint_take,
)
from complaints.errors import (
    ComplaintNotPermitted,
    ComplaintTransitionRefused,
    InvalidComplaint,
    StaleComplaint,
)
from complaints.models import Complaint, ComplaintEvent
from guardianship_portal.organisations.models import Organisation
from tests.factories import ClerkFactory, OrganisationFactory, ProvidedServiceFactory
from tests.patronat import draft_for

from .conftest import at, file, filed_application

pytestmark = pytest.mark.django_db

HEAD = Complaint.AddressedTo.PROVIDER_HEAD
QUALITY = Complaint.AddressedTo.QUALITY_BODY


def test_filing_numbers_per_organisation_and_year(world):
    first = file(world, when=at(date(2026, 3, 2)))
    second = file(world, when=at(date(2026, 3, 3)))
    assert first.number == "KOK-EDU-C-2026-00001"
    assert second.number == "KOK-EDU-C-2026-00002"
    other_application = filed_application(
        world.other_office, world.other_clerk, world.other_applicant
    )
    other = complaint_file(
        application=other_application,
        applicant=world.other_applicant,
        addressed_to=HEAD,
        subject=Complaint.Subject.DECISION,
        text="Шешіммен келіспеймін.",
        language="ru",
        at=at(date(2026, 3, 3)),
    )
    assert other.number == "AST-EDU-C-2026-00001"
    assert other.organisation == world.other_office


def test_filing_in_office_hours_counts_the_same_day(world):
    """Mon 2 March 2026 11:00 → registered that day; 5 working days skip Mon 9 March
    (8 March falls on a Sunday) → due Tue 10 March."""
    complaint = file(world, when=at(date(2026, 3, 2), 11))
    assert complaint.state == Complaint.State.REGISTERED
    assert complaint.organisation == world.office
    assert complaint.registered_on == date(2026, 3, 2)
    assert complaint.due_on == date(2026, 3, 10)


def test_filed_friday_evening_before_nauryz(world):
    """Fri 20 March 2026 19:00 (after 18:30): the next working day is Thu 26 March
    (21–25 March are Nauryz days off); 5 working days later is Thu 2 April."""
    complaint = file(world, when=at(date(2026, 3, 20), 19))
    assert complaint.registered_on == date(2026, 3, 26)
    assert complaint.due_on == date(2026, 4, 2)


def test_forwarding_deadline_is_three_working_days(world):
    """Meant for the quality-control body: the provider forwards it within 3 working
    days: registered Thu 26 March → 27, 30, 31 March."""
    complaint = file(world, addressed_to=QUALITY, when=at(date(2026, 3, 20), 19))
    assert complaint.registered_on == date(2026, 3, 26)
    assert complaint.due_on == date(2026, 3, 31)


def test_forwarding_in_time_and_late(world):
    on_time = file(world, addressed_to=QUALITY, when=at(date(2026, 3, 2)))
    late = file(world, addressed_to=QUALITY, when=at(date(2026, 3, 2)))
    assert on_time.due_on == date(2026, 3, 5)
    on_time = complaint_forward(
        complaint=on_time, actor=world.head, expected_state="registered", at=at(date(2026, 3, 5))
    )
    late = complaint_forward(
        complaint=late, actor=world.head, expected_state="registered", at=at(date(2026, 3, 6))
    )
    assert on_time.state == Complaint.State.FORWARDED
    assert on_time.forwarded_on == date(2026, 3, 5) and on_time.forwarded_in_time is True
    assert late.forwarded_on == date(2026, 3, 6) and late.forwarded_in_time is False
    assert on_time.answered_in_time is None  # not answered by the provider


@pytest.mark.parametrize(
    ("hour", "answered_on", "in_time"),
    [
        (17, date(2026, 3, 10), True),  # on the due day, in office hours
        (19, date(2026, 3, 11), False),  # after hours on the due day counts for the next one
    ],
)
def test_answering_stores_whether_in_time(world, hour, answered_on, in_time):
    complaint = file(world, when=at(date(2026, 3, 2)))
    complaint = complaint_take(complaint=complaint, actor=world.head, at=at(date(2026, 3, 3)))
    assert complaint.state == Complaint.State.UNDER_REVIEW
    assert complaint.reviewer == world.head
    assert complaint.due_on == date(2026, 3, 10)  # counted from registration, not taking
    complaint = complaint_answer(
        complaint=complaint,
        actor=world.head,
        justified=True,
        answer="Негізді. Тексеру жүргізіледі.",
        expected_state="under_review",
        at=at(date(2026, 3, 10), hour),
    )
    assert complaint.state == Complaint.State.ANSWERED
    assert complaint.justified is True
    assert complaint.answered_on == answered_on
    assert complaint.answered_in_time is in_time
    stored = Complaint.objects.get(pk=complaint.pk)
    assert stored.answered_in_time is in_time
    assert stored.answer == "Негізді. Тексеру жүргізіледі."


def test_answering_late_after_a_holiday(world):
    complaint = file(world, when=at(date(2026, 3, 20), 19))  # due 2 April
    complaint_take(complaint=complaint, actor=world.head, at=at(date(2026, 3, 26)))
    complaint = complaint_answer(
        complaint=complaint,
        actor=world.head,
        justified=False,
        answer="Негізсіз.",
        expected_state="under_review",
        at=at(date(2026, 4, 3)),
    )
    assert complaint.answered_in_time is False
    assert complaint.justified is False


def test_every_change_is_audited(world):
    complaint = file(world, when=at(date(2026, 3, 2)))
    complaint_take(complaint=complaint, actor=world.head, at=at(date(2026, 3, 3)))
    complaint_answer(
        complaint=complaint,
        actor=world.head,
        justified=False,
        answer="Жауап.",
        expected_state="under_review",
        at=at(date(2026, 3, 4)),
    )
    events = list(ComplaintEvent.objects.filter(complaint=complaint).order_by("at", "pk"))
    assert [(e.action, e.from_state, e.to_state, e.actor) for e in events] == [
        ("filed", "", "registered", world.applicant),
        ("take", "registered", "under_review", world.head),
        ("answer", "under_review", "answered", world.head),
    ]
    assert events[2].note == "Жауап."


def test_stale_expected_state_changes_nothing(world):
    complaint = file(world, when=at(date(2026, 3, 2)))
    complaint_take(complaint=complaint, actor=world.head, expected_state="registered")
    # A second head saw the complaint still registered.
    with pytest.raises(StaleComplaint) as error:
        complaint_take(complaint=complaint, actor=world.head, expected_state="registered")
    assert str(error.value.message) == str(StaleComplaint.default_message)
    with pytest.raises(StaleComplaint):
        complaint_answer(
            complaint=complaint,
            actor=world.head,
            justified=True,
            answer="Жауап.",
            expected_state="registered",
        )
    stored = Complaint.objects.get(pk=complaint.pk)
    assert stored.state == Complaint.State.UNDER_REVIEW
    assert stored.answer == "" and stored.justified is None and stored.answered_at is None
    assert ComplaintEvent.objects.filter(complaint=complaint).count() == 2


def test_transitions_follow_the_addressee(world):
    to_head = file(world)
    to_body = file(world, addressed_to=QUALITY)
    with pytest.raises(ComplaintTransitionRefused):
        complaint_forward(complaint=to_head, actor=world.head, expected_state="registered")
    with pytest.raises(ComplaintTransitionRefused):
        complaint_take(complaint=to_body, actor=world.head)
    with pytest.raises(ComplaintTransitionRefused):  # not taken into review yet
        complaint_answer(
            complaint=to_head, actor=world.head, justified=True, answer="x", expected_state=None
        )
    assert Complaint.objects.get(pk=to_head.pk).state == "registered"
    assert Complaint.objects.get(pk=to_body.pk).state == "registered"


def test_only_the_applicant_of_a_filed_application_may_complain(world):
    with pytest.raises(ComplaintNotPermitted):
        file(world, applicant=world.other_applicant)
    with pytest.raises(ComplaintNotPermitted):
        file(world, applicant=world.clerk)
    draft = draft_for(world.applicant, world.office)
    with pytest.raises(ComplaintNotPermitted):
        file(world, application=draft)
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"addressed_to": "minister"},
        {"subject": "everything"},
        {"language": "en"},
        {"text": "   "},
        {"text": "x" * 5001},
    ],
)
def test_invalid_input_is_refused(world, changes):
    with pytest.raises(InvalidComplaint):
        file(world, **changes)
    assert not Complaint.objects.exists()


def test_a_repeated_submission_returns_the_first_complaint(world):
    first = file(world, submission_key="abc")
    again = file(world, submission_key="abc")
    assert again.pk == first.pk
    assert Complaint.objects.count() == 1


def test_staff_rights_and_scope(world):
    complaint = file(world)
    # A clerk of the office (no dashboard right) and the head of another office: no.
    for actor in (world.clerk, world.other_head, world.applicant):
        with pytest.raises(ComplaintNotPermitted):
            complaint_take(complaint=complaint, actor=actor)
    assert Complaint.objects.get(pk=complaint.pk).state == "registered"


def test_department_head_reviews_complaints_about_schools_in_scope(world):
    school = OrganisationFactory(
        code="KOK-SCH7",
        kind=Organisation.Kind.SCHOOL,
        region=world.office.region,
        district_kk=world.office.district_kk,
    )
    ProvidedServiceFactory(organisation=school, service="patronat")
    school_clerk = ClerkFactory(organisation=school)
    application = filed_application(school, school_clerk, world.applicant)
    complaint = file(world, application=application)
    assert complaint.organisation == school
    assert complaint.number.startswith("KOK-SCH7-C-")
    taken = complaint_take(complaint=complaint, actor=world.head)
    assert taken.state == Complaint.State.UNDER_REVIEW
    with pytest.raises(ComplaintNotPermitted):
        complaint_answer(
            complaint=complaint,
            actor=world.other_head,
            justified=True,
            answer="x",
            expected_state="under_review",
        )


def test_answer_needs_text_and_a_verdict(world):
    complaint = complaint_take(complaint=file(world), actor=world.head)
    with pytest.raises(InvalidComplaint):
        complaint_answer(
            complaint=complaint,
            actor=world.head,
            justified=True,
            answer="  ",
            expected_state="under_review",
        )
    with pytest.raises(InvalidComplaint):
        complaint_answer(
            complaint=complaint,
            actor=world.head,
            justified="yes",
            answer="Жауап",
            expected_state="under_review",
        )
    assert Complaint.objects.get(pk=complaint.pk).state == "under_review"


def test_applicant_is_notified_after_commit(world, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        complaint = file(world, when=at(date(2026, 3, 2)))
    with django_capture_on_commit_callbacks(execute=True):
        complaint_take(complaint=complaint, actor=world.head)
    notes = list(Notification.objects.filter(recipient=world.applicant, event=None))
    assert len(notes) == 2
    assert all(complaint.number in n.message_kk and complaint.number in n.message_ru for n in notes)
    assert all(n.application_id == world.application.pk for n in notes)
    assert len(mail.outbox) == 2
    assert complaint.number in mail.outbox[0].subject
