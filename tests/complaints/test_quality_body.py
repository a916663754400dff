"""The quality-control body's side of a complaint (services.md, "Common rules"; seed
001: 15 working days at the body): forwarding picks the body of the provider's region
and starts its term; only that body's officers answer; the answer PDF comes from the
body; a regional supervisor reads complaints but does not answer for a provider's head.

Hand-computed dates (2026; 21–25 March are the Nauryz days off):
    filed Mon 16.03 11:00 → registered 16.03, forwarding due 19.03 (3 working days)
    forwarded Fri 20.03 12:00 → registered at the body 20.03 (a working day, in hours)
    15 working days from 20.03: 26 27 30 31 | 1 2 3 6 7 8 9 10 13 14 15 → due Wed 15.04
"""

from datetime import date

import pytest

from complaints.actions import (
    complaint_answer,
    complaint_body_answer,
    complaint_forward,
    complaint_take,
)
from complaints.errors import ComplaintNotPermitted, ComplaintTransitionRefused, NoQualityBody
from complaints.models import Complaint
from guardianship_portal.organisations.models import Organisation
from tests.factories import OrganisationFactory, QualityControllerFactory, SupervisorFactory

from .conftest import at, file, filed_application, pdf_text

pytestmark = pytest.mark.django_db

QUALITY = Complaint.AddressedTo.QUALITY_BODY


def forwarded(world, *, filed=date(2026, 3, 16), on=date(2026, 3, 20), hour=12):
    complaint = file(world, addressed_to=QUALITY, when=at(filed))
    return complaint_forward(
        complaint=complaint, actor=world.head, expected_state="registered", at=at(on, hour)
    )


def test_forwarding_starts_the_bodys_fifteen_working_days(world):
    complaint = forwarded(world)
    assert complaint.state == Complaint.State.FORWARDED
    assert complaint.quality_body == world.quality_body
    assert complaint.forward_due_on == date(2026, 3, 19)
    assert complaint.forwarded_on == date(2026, 3, 20)
    assert complaint.forwarded_in_time is False  # a day late: recorded, not hidden
    assert complaint.body_registered_on == date(2026, 3, 20)
    assert complaint.due_on == date(2026, 4, 15)
    assert complaint.is_open
    stored = Complaint.objects.get(pk=complaint.pk)
    assert (stored.due_on, stored.forward_due_on) == (date(2026, 4, 15), date(2026, 3, 19))


def test_forwarded_after_hours_is_registered_at_the_body_next_working_day(world):
    """Thu 19.03 19:00 (after 18:30): the provider's day is Fri 20.03 → late; the body
    registers it on Fri 20.03 too, so its due date is the same 15.04."""
    complaint = forwarded(world, on=date(2026, 3, 19), hour=19)
    assert complaint.forwarded_on == date(2026, 3, 20)
    assert complaint.body_registered_on == date(2026, 3, 20)
    assert complaint.due_on == date(2026, 4, 15)


@pytest.mark.parametrize(
    ("answered", "in_time"),
    [(date(2026, 4, 15), True), (date(2026, 4, 16), False)],
)
def test_the_body_answers_in_time_or_late(world, answered, in_time):
    complaint = forwarded(world)
    complaint = complaint_body_answer(
        complaint=complaint,
        actor=world.body_officer,
        justified=True,
        answer="Шағым негізді. Берушіге нұсқама берілді.",
        expected_state="forwarded",
        at=at(answered, 15),
    )
    assert complaint.state == Complaint.State.ANSWERED
    assert complaint.reviewer == world.body_officer
    assert complaint.answered_on == answered
    assert complaint.answered_in_time is in_time
    assert complaint.answered_by_body
    assert list(complaint.events.values_list("action", flat=True)) == [
        "filed",
        "forward",
        "body_answer",
    ]


def test_only_the_officers_of_that_body_answer(world):
    complaint = forwarded(world)
    other_body = OrganisationFactory(code="KAR-QC", kind=Organisation.Kind.QUALITY_CONTROL_BODY)
    for actor in (
        world.head,  # the provider's head: the complaint is no longer theirs
        world.other_head,
        world.clerk,
        world.applicant,
        QualityControllerFactory(organisation=other_body),
    ):
        with pytest.raises(ComplaintNotPermitted):
            complaint_body_answer(
                complaint=complaint,
                actor=actor,
                justified=False,
                answer="x",
                expected_state="forwarded",
            )
    # ...and the provider's own answer path is closed for a forwarded complaint.
    with pytest.raises(ComplaintTransitionRefused):
        complaint_answer(
            complaint=complaint,
            actor=world.head,
            justified=False,
            answer="x",
            expected_state="forwarded",
        )
    assert Complaint.objects.get(pk=complaint.pk).state == "forwarded"


def test_a_body_officer_cannot_act_for_the_provider(world):
    to_head = file(world)
    to_body = file(world, addressed_to=QUALITY)
    with pytest.raises(ComplaintNotPermitted):
        complaint_take(complaint=to_head, actor=world.body_officer)
    with pytest.raises(ComplaintNotPermitted):
        complaint_forward(complaint=to_body, actor=world.body_officer, expected_state="registered")
    with pytest.raises(ComplaintNotPermitted):  # not forwarded yet: not the body's
        complaint_body_answer(
            complaint=to_body,
            actor=world.body_officer,
            justified=True,
            answer="x",
            expected_state="registered",
        )


def test_no_body_in_the_region_is_a_clear_refusal_and_changes_nothing(world):
    """The other office lies in a region without a quality-control body."""
    application = filed_application(world.other_office, world.other_clerk, world.other_applicant)
    complaint = file(
        world, application=application, applicant=world.other_applicant, addressed_to=QUALITY
    )
    with pytest.raises(NoQualityBody) as refused:
        complaint_forward(complaint=complaint, actor=world.other_head, expected_state="registered")
    from django.utils import translation

    with translation.override("kk"):
        assert "әкімші" in str(refused.value.message).lower()
    with translation.override("ru"):
        assert "администратора" in str(refused.value.message)
    stored = Complaint.objects.get(pk=complaint.pk)
    assert (stored.state, stored.quality_body_id, stored.forwarded_on) == ("registered", None, None)
    assert list(stored.events.values_list("action", flat=True)) == ["filed"]


def test_a_regional_supervisor_reads_but_does_not_answer_for_the_head(world):
    regional = OrganisationFactory(
        code="AKM-EDU",
        kind=Organisation.Kind.REGIONAL_DEPARTMENT,
        region=world.office.region,
    )
    supervisor = SupervisorFactory(organisation=regional)
    complaint = file(world)
    assert list(Complaint.objects.visible_to(supervisor)) == [complaint]
    with pytest.raises(ComplaintNotPermitted):
        complaint_take(complaint=complaint, actor=supervisor)
    # The other region's complaints are not theirs to read.
    other = filed_application(world.other_office, world.other_clerk, world.other_applicant)
    theirs = file(world, application=other, applicant=world.other_applicant)
    assert theirs not in Complaint.objects.visible_to(supervisor)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_answer_pdf_comes_from_the_body(world, language, django_capture_on_commit_callbacks):
    complaint = forwarded(world)
    with django_capture_on_commit_callbacks(execute=True):
        complaint = complaint_body_answer(
            complaint=complaint,
            actor=world.body_officer,
            justified=False,
            answer="Шағым негізсіз: мерзім сақталған.",
            expected_state="forwarded",
            at=at(date(2026, 4, 1), 15),
        )
    from complaints.documents import ANSWER, issue_complaint_document

    document = issue_complaint_document(complaint=complaint, kind=ANSWER, language=language)
    text = pdf_text(document)
    body_name = world.quality_body.name_kk if language == "kk" else world.quality_body.name_ru
    assert body_name in text
    assert world.office.name_kk not in text and world.office.name_ru not in text
    assert "Шағым негізсіз: мерзім сақталған." in text
    assert world.body_officer.full_name in text
    assert document.issuer_name == body_name
    from django.utils import translation

    with translation.override(language):
        court = translation.gettext("If you disagree with this answer, you may go to court.")
        signer = translation.gettext("Authorised body for quality control of state services")
    assert " ".join(court.split()) in text and " ".join(signer.split()) in text
    assert "go to court" not in text  # the translation, not the English msgid


# ------------------------------------------------------------------ over HTTP


def url(name, *args, language="kk"):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        return reverse(f"complaints:{name}", args=args)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_officer_lands_on_the_bodys_complaints_and_answers(
    client, world, language, django_capture_on_commit_callbacks
):
    waiting = file(world, addressed_to=QUALITY)  # not forwarded yet: not the body's
    to_head = file(world)
    complaint = forwarded(world)
    client.force_login(world.body_officer)
    landing = client.get(f"/{language}/me/", follow=True)
    assert landing.redirect_chain[-1][0] == url("office_list", language=language)
    listed = landing.content.decode()
    assert complaint.number in listed
    assert waiting.number not in listed and to_head.number not in listed
    assert client.get(url("office_detail", waiting.pk, language=language)).status_code == 404
    page = client.get(url("office_detail", complaint.pk, language=language))
    assert page.status_code == 200
    content = page.content.decode()
    assert 'data-testid="answer-form"' in content
    assert world.quality_body.name in content or world.quality_body.name_ru in content
    assert f"/office/{world.application.pk}/" not in content  # no clerk page for the body
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("answer", complaint.pk, language=language),
            {"expected_state": "forwarded", "justified": "yes", "answer": "Негізді."},
            follow=True,
        )
    assert response.status_code == 200 and b"alert-danger" not in response.content
    stored = Complaint.objects.get(pk=complaint.pk)
    assert (stored.state, stored.justified, stored.reviewer) == (
        "answered",
        True,
        world.body_officer,
    )
    # The applicant reads the body's answer in the cabinet and as a PDF.
    client.force_login(world.applicant)
    from .conftest import response_pdf_text

    pdf = client.get(url("document", complaint.pk, "complaint_answer", language))
    assert pdf.status_code == 200
    text = response_pdf_text(pdf)
    assert "Негізді." in text
    name = world.quality_body.name_kk if language == "kk" else world.quality_body.name_ru
    assert name in text


def test_the_officer_has_no_dashboard_and_no_queue(client, world):
    client.force_login(world.body_officer)
    assert client.get("/kk/supervision/").status_code == 403
    assert client.get("/kk/office/").status_code == 403


def test_the_head_sees_the_forwarded_complaint_without_an_answer_form(client, world):
    complaint = forwarded(world)
    client.force_login(world.head)
    page = client.get(url("office_detail", complaint.pk))
    assert page.status_code == 200
    content = page.content.decode()
    assert 'data-testid="answer-form"' not in content
    assert 'data-testid="complaint-body"' in content
    # Posting the answer anyway is refused with a message, and nothing changes.
    response = client.post(
        url("answer", complaint.pk),
        {"expected_state": "forwarded", "justified": "yes", "answer": "x"},
        follow=True,
    )
    assert b"alert-danger" in response.content
    assert Complaint.objects.get(pk=complaint.pk).state == "forwarded"


def test_a_regional_supervisor_reads_the_regions_complaints_without_buttons(client, world):
    regional = OrganisationFactory(
        code="AKM-EDU", kind=Organisation.Kind.REGIONAL_DEPARTMENT, region=world.office.region
    )
    supervisor = SupervisorFactory(organisation=regional)
    complaint = file(world)
    client.force_login(supervisor)
    assert complaint.number in client.get(url("office_list")).content.decode()
    content = client.get(url("office_detail", complaint.pk)).content.decode()
    assert 'data-testid="take-form"' not in content
    response = client.post(url("take", complaint.pk), {"expected_state": "registered"}, follow=True)
    assert b"alert-danger" in response.content
    assert Complaint.objects.get(pk=complaint.pk).state == "registered"
