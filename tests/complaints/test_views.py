"""Both sides over HTTP: the applicant files and follows; the head reviews. Another
applicant or another office's head gets 404; bad input never gives a 500."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from complaints.actions import complaint_answer, complaint_take
from complaints.errors import StaleComplaint
from complaints.models import Complaint

from .conftest import at, file, filed_application, response_pdf_text

pytestmark = pytest.mark.django_db


def url(name, *args, language="kk"):
    with translation.override(language):
        return reverse(f"complaints:{name}", args=args)


def test_application_page_links_to_complaints(client, world):
    client.force_login(world.applicant)
    with translation.override("kk"):
        page = client.get(reverse("cabinet:detail", args=[world.application.pk]))
    assert page.status_code == 200
    assert url("new", world.application.pk).encode() in page.content
    assert url("list").encode() in page.content


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_applicant_files_and_downloads_the_receipt(
    client, world, language, django_capture_on_commit_callbacks
):
    client.force_login(world.applicant)
    form = client.get(url("new", world.application.pk, language=language))
    assert form.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("new", world.application.pk, language=language),
            {
                "addressed_to": "provider_head",
                "subject": "inaction",
                "text": "Жауап жоқ.",
                "submission_key": "k1",
            },
        )
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", complaint.pk, language=language)
    assert complaint.language == language
    assert complaint.applicant == world.applicant
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert complaint.number.encode() in page.content
    listing = client.get(url("list", language=language))
    assert complaint.number.encode() in listing.content
    pdf = client.get(url("document", complaint.pk, "complaint_receipt", language))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = response_pdf_text(pdf)
    assert complaint.number in text and world.applicant.full_name in text
    # The other language's copy is issued on request.
    other = "ru" if language == "kk" else "kk"
    assert client.get(url("document", complaint.pk, "complaint_receipt", other)).status_code == 200


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"addressed_to": "minister", "subject": "inaction", "text": "x"},
        {"addressed_to": "provider_head", "subject": "nothing", "text": "x"},
        {"addressed_to": "provider_head", "subject": "inaction", "text": "   "},
        {"addressed_to": "provider_head", "subject": "inaction", "text": "x" * 6000},
    ],
)
def test_bad_input_shows_the_form_again(client, world, data):
    client.force_login(world.applicant)
    response = client.post(url("new", world.application.pk), data)
    assert response.status_code == 200
    assert b"is-invalid" in response.content
    assert not Complaint.objects.exists()


def test_control_characters_are_taken_out_before_the_form(client, world):
    """Issue #13: NUL and other control characters are taken out of every form in one
    place (guardianship_portal/core/middleware.py): a text of nothing else is empty, and
    the form says so as for any empty field."""
    client.force_login(world.applicant)
    data = {"addressed_to": ["a", "b"], "subject": "\x00", "text": "\x00"}
    response = client.post(url("new", world.application.pk), data)
    assert response.status_code in (200, 400)
    assert b"is-invalid" in response.content
    assert b'data-testid="bad-request"' not in response.content
    assert not Complaint.objects.exists()


def test_nobody_else_sees_a_complaint(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = file(world)
    paths = [
        url("detail", complaint.pk),
        url("document", complaint.pk, "complaint_receipt", "kk"),
        url("document", complaint.pk, "complaint_receipt", "ru"),
        url("office_detail", complaint.pk),
    ]
    client.force_login(world.other_applicant)
    for path in paths[:3]:
        assert client.get(path).status_code == 404, path
    assert client.get(url("new", world.application.pk)).status_code == 404
    assert client.get(url("list")).content.count(complaint.number.encode()) == 0
    client.force_login(world.other_head)
    for path in paths:
        assert client.get(path).status_code == 404, path
    assert complaint.number.encode() not in client.get(url("office_list")).content
    for action in ("take", "answer", "forward"):
        assert (
            client.post(url(action, complaint.pk), {"expected_state": "registered"}).status_code
            == 404
        )
    assert Complaint.objects.get(pk=complaint.pk).state == "registered"
    client.force_login(world.clerk)  # no dashboard right: the office side is closed
    assert client.get(url("office_list")).status_code == 403
    assert client.get(url("detail", complaint.pk)).status_code == 404


def test_bad_document_addresses_are_404(client, world):
    complaint = file(world)
    client.force_login(world.applicant)
    for kind, language in [
        ("nonsense", "kk"),
        ("complaint_receipt", "en"),
        ("complaint_answer", "kk"),
    ]:
        assert client.get(url("document", complaint.pk, kind, language)).status_code == 404
    assert client.get(url("detail", 999999)).status_code == 404


def test_head_takes_and_answers(client, world, django_capture_on_commit_callbacks):
    complaint = file(world)
    client.force_login(world.head)
    listing = client.get(url("office_list"))
    assert complaint.number.encode() in listing.content
    page = client.get(url("office_detail", complaint.pk))
    assert page.status_code == 200
    with translation.override("kk"):
        assert reverse("office:detail", args=[world.application.pk]).encode() in page.content
    assert b'data-testid="take-form"' in page.content
    response = client.post(url("take", complaint.pk), {"expected_state": "registered"})
    assert response.status_code == 302
    assert Complaint.objects.get(pk=complaint.pk).state == "under_review"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("answer", complaint.pk),
            {"expected_state": "under_review", "justified": "no", "answer": "Негізсіз."},
        )
    complaint.refresh_from_db()
    assert complaint.state == "answered" and complaint.justified is False
    assert complaint.answer == "Негізсіз."
    timeline = client.get(url("office_detail", complaint.pk)).content.decode()
    assert timeline.count('class="mb-1"') >= 3
    client.force_login(world.applicant)
    pdf = client.get(url("document", complaint.pk, "complaint_answer", "kk"))
    assert pdf.status_code == 200
    assert "Негізсіз." in response_pdf_text(pdf)


def test_head_forwards(client, world):
    complaint = file(world, addressed_to=Complaint.AddressedTo.QUALITY_BODY)
    client.force_login(world.head)
    page = client.get(url("office_detail", complaint.pk))
    assert b'data-testid="forward-form"' in page.content
    assert b'data-testid="take-form"' not in page.content
    client.post(url("forward", complaint.pk), {"expected_state": "registered"})
    assert Complaint.objects.get(pk=complaint.pk).state == "forwarded"


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("take", {"expected_state": "answered"}),
        ("take", {}),
        ("forward", {"expected_state": "registered"}),  # addressed to the head
        ("answer", {"expected_state": "registered", "justified": "yes", "answer": "x"}),
        ("answer", {"expected_state": "under_review", "justified": "maybe", "answer": ""}),
        ("answer", {}),
    ],
)
def test_bad_or_stale_posts_give_a_message_not_a_500(client, world, action, data):
    complaint = file(world)
    client.force_login(world.head)
    response = client.post(url(action, complaint.pk), data, follow=True)
    assert response.status_code == 200
    assert b"alert-danger" in response.content
    stored = Complaint.objects.get(pk=complaint.pk)
    assert stored.state == "registered" and stored.answer == ""
    assert stored.events.count() == 1


def test_stale_take_says_so(client, world):
    complaint = file(world)
    complaint_take(complaint=complaint, actor=world.head)
    client.force_login(world.head)
    response = client.post(url("take", complaint.pk), {"expected_state": "registered"}, follow=True)
    assert stale_message() in response.content.decode()
    # The answer form posted with a stale state: nothing changes.
    complaint_answer(
        complaint=complaint, actor=world.head, justified=True, answer="A", expected_state=None
    )
    response = client.post(
        url("answer", complaint.pk),
        {"expected_state": "under_review", "justified": "no", "answer": "B"},
        follow=True,
    )
    assert stale_message() in response.content.decode()
    stored = Complaint.objects.get(pk=complaint.pk)
    assert stored.answer == "A" and stored.justified is True


def test_office_list_sorted_by_due_date_overdue_highlighted(client, world, monkeypatch):
    late = file(world, when=at(date(2026, 3, 2)))  # due 10.03
    soon = file(world, when=at(date(2026, 3, 12)))  # due 19.03
    monkeypatch.setattr("complaints.views.today", lambda: date(2026, 3, 12))
    client.force_login(world.head)
    content = client.get(url("office_list")).content.decode()
    assert content.index(late.number) < content.index(soon.number)
    assert content.count('class="table-danger"') == 1
    assert 'data-testid="overdue"' in content


def stale_message() -> str:
    with translation.override("kk"):
        return str(StaleComplaint().message)


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("office_list")).status_code == 200
    return len(queries)


def test_office_list_runs_a_constant_number_of_queries(
    client, world, django_assert_max_num_queries
):
    file(world)
    client.force_login(world.head)
    few = _list_queries(client)
    for _ in range(5):
        file(world, addressed_to=Complaint.AddressedTo.QUALITY_BODY)
    other = filed_application(world.office, world.clerk, world.other_applicant)
    for _ in range(3):
        file(world, application=other, applicant=world.other_applicant)
    with django_assert_max_num_queries(few):
        assert client.get(url("office_list")).status_code == 200
    assert Complaint.objects.count() == 9


def test_dashboard_shows_the_scopes_open_and_overdue_complaints(client, world):
    from datetime import date

    from complaints.selectors import scope_summary
    from tests.complaints.conftest import at, file

    # Filed Monday 2 March 2026: due 10 March (9 March is a day off); a second one on
    # 10 November 2026 is due 17 November.
    file(world, when=at(date(2026, 3, 2)))
    file(world, when=at(date(2026, 11, 10)), submission_key="second")
    assert scope_summary(world.head, today=date(2026, 11, 16)) == {"open": 2, "overdue": 1}
    assert scope_summary(world.head, today=date(2026, 11, 18)) == {"open": 2, "overdue": 2}
    assert scope_summary(world.other_head, today=date(2026, 11, 18)) == {"open": 0, "overdue": 0}
    client.force_login(world.head)
    html = client.get("/kk/supervision/").content.decode()
    assert 'data-testid="complaints-card"' in html
    assert 'data-testid="complaints-open">2<' in html
