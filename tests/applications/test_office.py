"""The clerk workspace: queue, application page, actions, review, assignment, counter."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from applications import office_selectors
from applications.actions import (
    application_create_draft,
    application_submit,
    application_transition,
    attachment_add,
    missing_documents,
)
from applications.errors import StaleApplication
from applications.models import Application, ApplicationEvent, Attachment
from applications.registry import Channel, get_service
from applications.result_documents import deferred_issuing as deferred
from guardianship_portal.accounts.iin import make_iin
from tests.applications.conftest import draft_for
from tests.factories import (
    ClerkFactory,
    OrganisationFactory,
    ProvidedServiceFactory,
    SupervisorFactory,
    UserFactory,
)
from tests.files import pdf_upload

pytestmark = pytest.mark.django_db
ALMATY = ZoneInfo("Asia/Almaty")
# Friday 20 Nov 2026 11:00, office hours, no holiday for two weeks (see test_submission).
FRIDAY_MORNING = datetime(2026, 11, 20, 11, 0, tzinfo=ALMATY)

_serial = iter(range(200, 900))


def filed(
    office,
    clerk,
    *,
    name="Ахметова Дана",
    iin=None,
    children=None,
    at=FRIDAY_MORNING,
    service="patronat",
):
    """A paper application registered by a clerk (no scans needed), in completeness_check."""
    draft = application_create_draft(
        service=service,
        organisation=office,
        applicant=None,
        applicant_data={
            "applicant_iin": iin or make_iin(date(1988, 3, 14), male=False, serial=next(_serial)),
            "applicant_name": name,
            "applicant_phone": "+77015554433",
            "applicant_address": "Көкшетау қ., Абай к-сі, 1",
        },
        children=children
        or [
            {
                "last_name": "Серіков",
                "first_name": "Нұрлан",
                "middle_name": "",
                "birth_date": date(2012, 5, 17),
                "iin": "",
            }
        ],
        answers={
            "married": False,
            "home_owner": True,
            "close_relative": False,
            "relative_or_step_parent": False,
            "marriage_not_in_registry": False,
            "child_under_ten": False,
        },
        language="kk",
        channel=Channel.OFFICE,
    )
    return application_submit(application=draft, actor=clerk, accepted_at=at)


def set_due(application, stage_due_on):
    Application.objects.filter(pk=application.pk).update(stage_due_on=stage_due_on)


def queue_numbers(client, url="/kk/office/", **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return [row.application.number for row in response.context["rows"]]


def portal_application(applicant, office):
    draft = draft_for(applicant, office)
    for item in missing_documents(draft):
        attachment_add(application=draft, item=item.code, upload=pdf_upload(), actor=applicant)
    return application_submit(application=draft, actor=applicant, accepted_at=FRIDAY_MORNING)


@pytest.fixture
def other_office(db):
    office = OrganisationFactory(code="AST-EDU")
    ProvidedServiceFactory(organisation=office, service="patronat")
    return office


@pytest.fixture
def other_clerk(other_office):
    return ClerkFactory(organisation=other_office)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# ------------------------------------------------------------------------- who sees what


def test_queue_shows_only_the_own_office(
    client, patronat_office, patronat_clerk, other_office, other_clerk
):
    mine = filed(patronat_office, patronat_clerk)
    theirs = filed(other_office, other_clerk)
    client.force_login(patronat_clerk)
    assert queue_numbers(client) == [mine.number]
    client.force_login(other_clerk)
    assert queue_numbers(client) == [theirs.number]


def test_other_office_application_scan_and_document_are_404(
    client, patronat_office, patronat_applicant, patronat_clerk, other_clerk
):
    application = portal_application(patronat_applicant, patronat_office)
    scan = application.attachments.filter(is_current=True).first()
    page, scan_url = (
        f"/kk/office/{application.pk}/",
        f"/kk/cabinet/{application.pk}/scans/{scan.pk}/",
    )
    document_url = f"/kk/cabinet/{application.pk}/documents/acceptance_receipt/kk/"
    client.force_login(patronat_clerk)
    assert client.get(page).status_code == 200
    assert client.get(scan_url).status_code == 200
    assert scan_url in client.get(page).content.decode()
    client.force_login(other_clerk)
    for url in (page, scan_url, document_url):
        assert client.get(url).status_code == 404, url
    posts = [
        (
            f"/kk/office/{application.pk}/act/",
            {"action": "accept_documents", "expected_state": "completeness_check"},
        ),
        (f"/kk/office/{application.pk}/assign/", {"clerk": str(other_clerk.pk)}),
        (f"/kk/office/{application.pk}/scans/{scan.pk}/review/", {"decision": "accept"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert Application.objects.get(pk=application.pk).state == "completeness_check"
    assert Application.objects.get(pk=application.pk).assigned_clerk is None


def test_applicants_and_anonymous_visitors_stay_out(
    client, patronat_office, patronat_clerk, patronat_applicant
):
    application = filed(patronat_office, patronat_clerk)
    assert client.get("/kk/office/")["Location"].startswith("/kk/accounts/login/")
    client.force_login(patronat_applicant)
    assert client.get("/kk/office/").status_code == 403
    assert client.get(f"/kk/office/{application.pk}/").status_code == 403
    assert client.get("/kk/office/register/patronat/").status_code == 403


def test_detail_page_logs_the_access(client, patronat_office, patronat_clerk):
    application = filed(patronat_office, patronat_clerk)
    client.force_login(patronat_clerk)
    client.get(f"/kk/office/{application.pk}/")
    assert application.access_log.filter(user=patronat_clerk, what="application page").count() == 1


# ------------------------------------------------------------------------- queue


def test_drafts_and_finished_applications_are_not_in_the_default_queue(
    client, patronat_office, patronat_clerk, patronat_applicant
):
    draft_for(patronat_applicant, patronat_office)
    open_one = filed(patronat_office, patronat_clerk)
    closed = filed(patronat_office, patronat_clerk)
    application_transition(
        application=closed,
        action="refuse_to_accept",
        actor=patronat_clerk,
        reason="Диплом жоқ",
        data={"missing": ["education_diploma"]},
    )
    client.force_login(patronat_clerk)
    assert queue_numbers(client) == [open_one.number]
    assert queue_numbers(client, status="closed") == [closed.number]
    assert queue_numbers(client, status="all") == [open_one.number, closed.number]  # finished last
    assert queue_numbers(client, state="refused_to_accept") == [closed.number]


def test_queue_is_sorted_by_stage_deadline_with_none_last(client, patronat_office, patronat_clerk):
    later, sooner, without = (filed(patronat_office, patronat_clerk) for _ in range(3))
    set_due(later, date(2026, 12, 10))
    set_due(sooner, date(2026, 11, 25))
    set_due(without, None)
    client.force_login(patronat_clerk)
    assert queue_numbers(client) == [sooner.number, later.number, without.number]


def test_due_filters(client, patronat_office, patronat_clerk):
    today = timezone.localdate()
    overdue, due_today, far = (filed(patronat_office, patronat_clerk) for _ in range(3))
    set_due(overdue, today - timedelta(days=1))
    set_due(due_today, today)
    set_due(far, today + timedelta(days=30))
    client.force_login(patronat_clerk)
    assert queue_numbers(client, due="overdue") == [overdue.number]
    assert queue_numbers(client, due="today") == [due_today.number]
    # Yesterday belongs to this calendar week unless today is a Monday.
    this_week = {due_today.number} | ({overdue.number} if today.weekday() else set())
    assert set(queue_numbers(client, due="week")) == this_week
    response = client.get("/kk/office/")
    html = response.content.decode()
    with translation.override("kk"):
        assert translation.gettext("overdue") in html
        assert translation.gettext("due today") in html


def test_assigned_filter(client, patronat_office, patronat_clerk):
    mine, nobodys = filed(patronat_office, patronat_clerk), filed(patronat_office, patronat_clerk)
    colleague = ClerkFactory(organisation=patronat_office)
    theirs = filed(patronat_office, patronat_clerk)
    Application.objects.filter(pk=mine.pk).update(assigned_clerk=patronat_clerk)
    Application.objects.filter(pk=theirs.pk).update(assigned_clerk=colleague)
    client.force_login(patronat_clerk)
    assert queue_numbers(client, assigned="me") == [mine.number]
    assert queue_numbers(client, assigned="unassigned") == [nobodys.number]


def test_service_filter(client, patronat_office, patronat_clerk):
    patronat = filed(patronat_office, patronat_clerk)
    ProvidedServiceFactory(organisation=patronat_office, service="guardian_allowance")
    allowance = Application.objects.create(
        number="KOK-EDU-2026-999999",
        service="guardian_allowance",
        edition="x",
        organisation=patronat_office,
        applicant_iin="880314400123",
        applicant_name="Ким Наталья",
        applicant_phone="+77010000000",
        state="completeness_check",
        channel=Channel.OFFICE,
    )
    client.force_login(patronat_clerk)
    assert queue_numbers(client, service="patronat") == [patronat.number]
    assert queue_numbers(client, service="guardian_allowance") == [allowance.number]
    assert set(queue_numbers(client)) == {patronat.number, allowance.number}
    # A value that is not a choice is ignored, never a 500.
    assert set(queue_numbers(client, service="nonsense", due="never", page="x")) == {
        patronat.number,
        allowance.number,
    }


def test_search(client, patronat_office, patronat_clerk):
    first = filed(
        patronat_office,
        patronat_clerk,
        name="Жүсіпова Гүлмира",
        iin=make_iin(date(1979, 1, 2), male=False, serial=311),
    )
    twins = [
        {
            "last_name": "Омаров",
            "first_name": "Али",
            "middle_name": "",
            "birth_date": date(2015, 2, 3),
            "iin": make_iin(date(2015, 2, 3), male=True, serial=17),
        },
        {
            "last_name": "Омаров",
            "first_name": "Арман",
            "middle_name": "",
            "birth_date": date(2015, 2, 3),
            "iin": make_iin(date(2015, 2, 3), male=True, serial=18),
        },
    ]
    second = filed(patronat_office, patronat_clerk, name="Омарова Айгерім", children=twins)
    client.force_login(patronat_clerk)
    assert queue_numbers(client, q=first.number) == [first.number]
    assert queue_numbers(client, q=first.number[-6:]) == [first.number]
    assert queue_numbers(client, q=first.applicant_iin) == [first.number]
    assert queue_numbers(client, q=first.applicant_iin[:6]) == [first.number]
    assert queue_numbers(client, q="Гүлмира") == [first.number]
    assert queue_numbers(client, q="Омаров") == [second.number]  # two matching children, one row
    assert queue_numbers(client, q=twins[1]["iin"]) == [second.number]
    assert queue_numbers(client, q="Серіков") == [first.number]
    assert queue_numbers(client, q="Жоқ") == []


def test_queue_pages_by_25(client, patronat_office, patronat_clerk):
    for _ in range(26):
        filed(patronat_office, patronat_clerk)
    client.force_login(patronat_clerk)
    assert len(queue_numbers(client)) == 25
    assert len(queue_numbers(client, page=2)) == 1
    assert 'href="?page=2"' in client.get("/kk/office/").content.decode()


@pytest.mark.parametrize("keys_at_most", [1000, 3])
def test_a_search_counts_and_pages_its_matches(
    client, patronat_office, patronat_clerk, monkeypatch, keys_at_most
):
    """Up to SEARCH_KEYS_AT_MOST matches the search runs once (its keys give the count
    and the page); past it, it is counted and paged as the plain queue is."""
    monkeypatch.setattr(office_selectors.QueuePaginator, "SEARCH_KEYS_AT_MOST", keys_at_most)
    matching = [filed(patronat_office, patronat_clerk, name="Бекова Айым") for _ in range(26)]
    filed(patronat_office, patronat_clerk, name="Ахметова Дана")
    client.force_login(patronat_clerk)
    client.get("/kk/office/")  # warm up: sessions, content types
    with CaptureQueriesContext(connection) as queries:
        first = queue_numbers(client, q="Бекова")
    # Read now: the next request empties the log the capture is a slice of.
    searches = [q for q in queries.captured_queries if "бекова" in q["sql"].lower()]
    assert client.get("/kk/office/", {"q": "Бекова"}).context["page"].paginator.count == 26
    second = queue_numbers(client, q="Бекова", page=2)
    assert sorted(first + second) == sorted(a.number for a in matching)
    assert len(first) == 25
    # Past the limit: the keys read in vain, then the count and the page's keys.
    assert len(searches) == (1 if keys_at_most == 1000 else 3)


def test_queue_queries_do_not_grow_with_the_applications(
    client, patronat_office, patronat_clerk, django_assert_max_num_queries
):
    colleague = ClerkFactory(organisation=patronat_office)
    for index in range(3):
        application = filed(patronat_office, patronat_clerk)
        Application.objects.filter(pk=application.pk).update(
            assigned_clerk=colleague if index % 2 else patronat_clerk
        )
    client.force_login(patronat_clerk)
    client.get("/kk/office/")  # warm up: sessions, content types
    with CaptureQueriesContext(connection) as few:
        assert client.get("/kk/office/").status_code == 200
    for index in range(27):
        application = filed(patronat_office, patronat_clerk)
        Application.objects.filter(pk=application.pk).update(
            assigned_clerk=colleague if index % 2 else patronat_clerk
        )
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = client.get("/kk/office/")
    assert len(response.context["rows"]) == 25
    assert len(many.captured_queries) == len(few.captured_queries)


# ------------------------------------------------------------------------- detail and actions


def test_detail_shows_the_application_and_only_the_users_actions(
    client, patronat_office, patronat_clerk
):
    application = filed(patronat_office, patronat_clerk)
    client.force_login(patronat_clerk)
    response = client.get(f"/kk/office/{application.pk}/")
    assert response.status_code == 200
    names = [a.name for a in response.context["actions"]]
    assert set(names) == {
        "accept_documents",
        "refuse_to_accept",
        "refuse",
    }  # not submit, not withdraw
    html = response.content.decode()
    assert application.number in html
    assert "Серіков Нұрлан" in html
    assert 'name="expected_state" value="completeness_check"' in html
    with translation.override("kk"):
        assert translation.gettext("Documents complete: accept") in html


def test_supervisors_see_their_own_office_only(
    client, patronat_office, patronat_clerk, other_office
):
    application = filed(patronat_office, patronat_clerk)
    client.force_login(SupervisorFactory(organisation=other_office))
    assert client.get(f"/kk/office/{application.pk}/").status_code == 404
    supervisor = SupervisorFactory(organisation=patronat_office)
    client.force_login(supervisor)
    response = client.get(f"/ru/office/{application.pk}/")
    assert response.status_code == 200
    assert "accept_documents" in [a.name for a in response.context["actions"]]


def test_a_whole_action_through_the_page(client, patronat_office, patronat_clerk):
    application = filed(patronat_office, patronat_clerk)
    client.force_login(patronat_clerk)
    response = client.post(
        f"/kk/office/{application.pk}/act/",
        {"action": "accept_documents", "expected_state": "completeness_check"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/kk/office/{application.pk}/"
    application.refresh_from_db()
    assert application.state == "home_inspection"
    assert application.stage == "home_inspection"
    event = ApplicationEvent.objects.get(application=application, action="accept_documents")
    assert (event.actor, event.from_state, event.to_state) == (
        patronat_clerk,
        "completeness_check",
        "home_inspection",
    )
    response = client.post(
        f"/kk/office/{application.pk}/act/",
        {
            "action": "record_inspection",
            "expected_state": "home_inspection",
            "findings": "Жағдай жақсы",
            "inspected_on": str(timezone.localdate()),
        },
        follow=True,
    )
    application.refresh_from_db()
    assert application.state == "child_consent"  # the child is over 10
    assert application.answers["inspection"]["findings"] == "Жағдай жақсы"
    assert [a.name for a in response.context["actions"]] == ["record_child_consent", "refuse"]


def test_refusal_to_accept_lists_the_missing_documents(client, patronat_office, patronat_clerk):
    application = filed(patronat_office, patronat_clerk)
    client.force_login(patronat_clerk)
    client.post(
        f"/kk/office/{application.pk}/act/",
        {
            "action": "refuse_to_accept",
            "expected_state": "completeness_check",
            "reason": "Толық емес",
            "missing": ["education_diploma", "no_such_item"],
            "confirm_final": "1",
        },
    )
    application.refresh_from_db()
    assert application.state == "refused_to_accept"
    assert application.answers["missing_documents"] == ["education_diploma"]


def test_refuse_with_a_ground(client, patronat_office, patronat_clerk):
    """The ground is posted and stored as its code, whatever the page's language."""
    application = filed(patronat_office, patronat_clerk)
    client.force_login(patronat_clerk)
    client.post(
        f"/ru/office/{application.pk}/act/",
        {
            "action": "refuse",
            "expected_state": "completeness_check",
            "reason": "Подложная справка",
            "ground": "false_documents",
            "confirm_final": "1",
        },
    )
    application.refresh_from_db()
    assert application.state == "refused"
    assert application.answers["refusal_ground"] == "false_documents"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_final_step_without_the_tick_ends_nothing(
    client, patronat_office, patronat_clerk, language
):
    """A refusal is for good: sent without the confirmation, it comes back as sent with
    the request to confirm, and the application is as it was."""
    application = filed(patronat_office, patronat_clerk)
    client.force_login(patronat_clerk)
    response = client.post(
        f"/{language}/office/{application.pk}/act/",
        {
            "action": "refuse",
            "expected_state": "completeness_check",
            "reason": "Подложная справка",
            "ground": "false_documents",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    with translation.override(language):
        asked = translation.gettext(
            "Tick the box to confirm: this ends the application and cannot be undone."
        )
    assert asked in messages_of(response)
    assert 'id="action-refuse" open' in html and "Подложная справка" in html
    assert 'name="confirm_final"' in html
    application.refresh_from_db()
    assert application.state == "completeness_check"
    assert not application.events.filter(action="refuse").exists()


def test_a_ground_posted_as_text_is_refused(client, patronat_office, patronat_clerk):
    application = filed(patronat_office, patronat_clerk)
    client.force_login(patronat_clerk)
    with translation.override("ru"):
        text = translation.gettext("False documents or data, or documents with substituted data.")
    response = client.post(
        f"/ru/office/{application.pk}/act/",
        {"action": "refuse", "expected_state": "completeness_check", "reason": "x", "ground": text},
        follow=True,
    )
    application.refresh_from_db()
    assert application.state == "completeness_check"
    with translation.override("ru"):
        assert (
            translation.gettext("Choose the legal ground of the refusal.")
            in response.content.decode()
        )


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_stale_form_changes_nothing_and_says_why(
    client, patronat_office, patronat_clerk, language
):
    application = filed(patronat_office, patronat_clerk)
    colleague = ClerkFactory(organisation=patronat_office)
    # Both clerks opened the page; the colleague accepted first.
    application_transition(
        application=application,
        action="accept_documents",
        actor=colleague,
        expected_state="completeness_check",
    )
    client.force_login(patronat_clerk)
    response = client.post(
        f"/{language}/office/{application.pk}/act/",
        {
            "action": "refuse_to_accept",
            "expected_state": "completeness_check",
            "reason": "Толық емес",
            "missing": ["education_diploma"],
        },
        follow=True,
    )
    assert response.status_code == 200
    with translation.override(language):
        assert str(StaleApplication().message) in messages_of(response)
        assert str(StaleApplication().message) in response.content.decode()
    application.refresh_from_db()
    assert application.state == "home_inspection"
    assert not ApplicationEvent.objects.filter(
        application=application, action="refuse_to_accept"
    ).exists()


@pytest.mark.parametrize(
    ("data", "msgid"),
    [
        ({"action": "refuse", "ground": "x"}, "Give the reason: the applicant will read it."),
        (
            {"action": "refuse", "reason": "Себебі", "ground": "not a ground"},
            "Choose the legal ground of the refusal.",
        ),
        (
            {"action": "refuse_to_accept", "reason": "Себебі"},
            "Mark the documents that are missing.",
        ),
        (
            {"action": "no_such_action"},
            "This action is not possible in the application's current state.",
        ),
        ({"action": "delete"}, "This action is not possible in the application's current state."),
        ({"action": "submit"}, "This action is not possible in the application's current state."),
        ({"action": "withdraw"}, "This action is not possible in the application's current state."),
        (
            {"action": "decide_payment"},
            "This action is not possible in the application's current state.",
        ),
    ],
)
def test_bad_input_gives_a_message_not_a_500(client, patronat_office, patronat_clerk, data, msgid):
    application = filed(patronat_office, patronat_clerk)
    client.force_login(patronat_clerk)
    response = client.post(
        f"/ru/office/{application.pk}/act/",
        # Ticked: the confirmation of a final step is not what is tested here.
        {"expected_state": "completeness_check", "confirm_final": "1", **data},
        follow=True,
    )
    # A form sent with an error comes back as sent, the error beside its field; an
    # action that cannot run goes back to the page with the message.
    form_error = data["action"] in ("refuse", "refuse_to_accept")
    assert response.status_code == (400 if form_error else 200)
    if form_error:
        html = response.content.decode()
        assert 'aria-describedby="' in html and '-error">' in html
        assert data.get("reason", "") in html
        assert f'id="action-{data["action"]}" open' in html
    with translation.override("ru"):
        expected = translation.gettext(msgid)
    if data["action"] == "withdraw":
        # The applicant's own action: a clerk may not run it.
        with translation.override("ru"):
            expected = translation.gettext("You may not do this action on this application.")
    assert expected in messages_of(response)
    assert Application.objects.get(pk=application.pk).state == "completeness_check"


def test_inspection_needs_findings_and_a_past_date(client, patronat_office, patronat_clerk):
    application = filed(patronat_office, patronat_clerk)
    application_transition(application=application, action="accept_documents", actor=patronat_clerk)
    client.force_login(patronat_clerk)
    response = client.post(
        f"/kk/office/{application.pk}/act/",
        {
            "action": "record_inspection",
            "expected_state": "home_inspection",
            "findings": "",
            "inspected_on": "2999-02-30",
        },
        follow=True,
    )
    assert len(messages_of(response)) == 2
    assert Application.objects.get(pk=application.pk).state == "home_inspection"


def test_documents_link_to_both_languages_and_are_issued_on_first_download(
    client, patronat_office, patronat_clerk
):
    from documents.models import IssuedDocument

    with deferred():
        application = filed(patronat_office, patronat_clerk)
    assert not IssuedDocument.objects.exists()  # deferred, as in the demo data
    client.force_login(patronat_clerk)
    response = client.get(f"/kk/office/{application.pk}/")
    rows = response.context["documents"]
    assert [(r.kind, r.number, r.issued_at) for r in rows] == [
        ("acceptance_receipt", f"{application.number}/AR", None)
    ]
    html = response.content.decode()
    for language in ("kk", "ru"):
        assert f"/kk/cabinet/{application.pk}/documents/acceptance_receipt/{language}/" in html
    download = client.get(f"/kk/cabinet/{application.pk}/documents/acceptance_receipt/ru/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert IssuedDocument.objects.get().language == "ru"
    # A kind no transition called for is not issued by asking for it.
    assert (
        client.get(f"/kk/cabinet/{application.pk}/documents/patronat_contract/kk/").status_code
        == 404
    )


# ------------------------------------------------------------------------- scans


def test_review_accept_and_reject(client, patronat_office, patronat_applicant, patronat_clerk):
    application = portal_application(patronat_applicant, patronat_office)
    scan, other = application.attachments.filter(is_current=True)[:2]
    client.force_login(patronat_clerk)
    client.post(f"/kk/office/{application.pk}/scans/{scan.pk}/review/", {"decision": "accept"})
    scan.refresh_from_db()
    assert (scan.review, scan.reviewed_by) == (Attachment.Review.ACCEPTED, patronat_clerk)
    response = client.post(
        f"/kk/office/{application.pk}/scans/{other.pk}/review/", {"decision": "reject"}
    )
    other.refresh_from_db()
    assert other.review == Attachment.Review.PENDING  # no reason, nothing changed
    # The message sits beside the scan's reason field, which is marked and tied to it.
    assert response.status_code == 400
    html = response.content.decode()
    with translation.override("kk"):
        message = translation.gettext(
            "Give the reason why the scan is rejected: the applicant will read it."
        )
    error = re.search(r'<p[^>]*data-testid="review-error">(.*?)</p>', html, re.S)[1]
    assert message in error and f'id="reject-reason-{other.pk}-error"' in html
    assert f'aria-describedby="reject-reason-{other.pk}-error"' in html
    client.post(
        f"/kk/office/{application.pk}/scans/{other.pk}/review/",
        {"decision": "reject", "reason": "Оқылмайды"},
    )
    other.refresh_from_db()
    assert (other.review, other.review_reason) == (Attachment.Review.REJECTED, "Оқылмайды")
    assert (
        ApplicationEvent.objects.filter(
            application=application, action="attachment_reviewed"
        ).count()
        == 2
    )
    html = client.get(f"/kk/office/{application.pk}/").content.decode()
    assert "Оқылмайды" in html
    assert f"/kk/cabinet/{application.pk}/scans/{scan.pk}/" in html


# ------------------------------------------------------------------------- assignment


def test_claim_and_assign_to_a_colleague(client, patronat_office, patronat_clerk):
    application = filed(patronat_office, patronat_clerk)
    colleague = ClerkFactory(organisation=patronat_office)
    client.force_login(patronat_clerk)
    response = client.get(f"/kk/office/{application.pk}/")
    assert set(response.context["colleagues"]) == {patronat_clerk, colleague}
    client.post(
        f"/kk/office/{application.pk}/assign/", {"clerk": patronat_clerk.pk, "expected_clerk": ""}
    )
    assert Application.objects.get(pk=application.pk).assigned_clerk == patronat_clerk
    client.post(
        f"/kk/office/{application.pk}/assign/",
        {"clerk": colleague.pk, "expected_clerk": patronat_clerk.pk},
    )
    assert Application.objects.get(pk=application.pk).assigned_clerk == colleague
    # A stale "take it" (someone took it meanwhile) changes nothing.
    client.post(
        f"/kk/office/{application.pk}/assign/", {"clerk": patronat_clerk.pk, "expected_clerk": ""}
    )
    assert Application.objects.get(pk=application.pk).assigned_clerk == colleague
    client.post(f"/kk/office/{application.pk}/assign/", {"clerk": ""})
    assert Application.objects.get(pk=application.pk).assigned_clerk is None
    assert ApplicationEvent.objects.filter(application=application, action="assigned").count() == 3


def test_assigning_outside_the_office_is_refused(
    client, patronat_office, patronat_clerk, other_clerk
):
    application = filed(patronat_office, patronat_clerk)
    applicant = UserFactory()
    client.force_login(patronat_clerk)
    for stranger in (other_clerk.pk, applicant.pk, 999999, "abc"):
        response = client.post(
            f"/kk/office/{application.pk}/assign/", {"clerk": stranger}, follow=True
        )
        with translation.override("kk"):
            assert translation.gettext(
                "You may not do this action on this application."
            ) in messages_of(response)
    assert Application.objects.get(pk=application.pk).assigned_clerk is None
    assert other_clerk not in client.get(f"/kk/office/{application.pk}/").context["colleagues"]


# ------------------------------------------------------------------------- the counter


# Every paper item of patronat ticked: a complete set whatever the answers.
PATRONAT_PAPER_SET = [item.code for item in get_service("patronat").paper_items()]


def paper_data(**overrides):
    data = {
        "submission_key": "paper-1",
        "channel": Channel.OFFICE,
        "accepted_at": "2026-11-20T11:00",
        "language": "ru",
        "brought": PATRONAT_PAPER_SET,
        "applicant_iin": make_iin(date(1984, 7, 9), male=False, serial=555),
        "applicant_name": "Иванова Елена Петровна",
        "applicant_phone": "8 701 555 44 33",
        "applicant_address": "Көкшетау қ., Абай к-сі, 10",
        "children-TOTAL_FORMS": "3",
        "children-INITIAL_FORMS": "0",
        "children-MIN_NUM_FORMS": "1",
        "children-MAX_NUM_FORMS": "5",
        "children-0-last_name": "Иванов",
        "children-0-first_name": "Артём",
        "children-0-birth_date": "2013-04-02",
        "children-0-birth_certificate_number": "0123456",
        "children-0-birth_certificate_date": "2013-04-10",
        "answer_married": "no",
        "answer_marriage_not_in_registry": "no",
        "answer_home_owner": "yes",
        "answer_close_relative": "no",
        "answer_relative_or_step_parent": "no",
        "place_of_birth": "Көкшетау қаласы",
        "identity_document_number": "№ 045678912",
        "identity_document_issuer": "ҚР ІІМ",
        "identity_document_date": "2020-03-12",
        "bank_name": "Halyk Bank",
        "bank_account": "KZ86 125K ZT50 0410 0100",
    }
    data.update(overrides)
    return data


def test_the_counter_lists_the_services_of_the_office(client, patronat_office, patronat_clerk):
    client.force_login(patronat_clerk)
    response = client.get("/kk/office/register/")
    assert [s.code for s in response.context["services"]] == ["patronat"]
    assert client.get("/ru/office/register/patronat/").status_code == 200


def test_paper_registration(client, patronat_office, patronat_clerk):
    client.force_login(patronat_clerk)
    response = client.post("/ru/office/register/patronat/", paper_data(), follow=True)
    application = Application.objects.get()
    assert response.redirect_chain[-1][0] == f"/ru/office/{application.pk}/"
    assert application.number == "KOK-EDU-2026-000001"
    with translation.override("ru"):
        assert translation.gettext("The application is registered under number %(number)s.") % {
            "number": application.number
        } in messages_of(response)
    assert application.state == "completeness_check"
    assert application.channel == Channel.OFFICE
    assert application.applicant is None
    assert application.language == "ru"
    assert application.registered_on == date(2026, 11, 20)
    assert application.due_on == date(2026, 12, 4)
    assert application.stage_due_on == date(2026, 11, 23)
    assert application.answers["brought_documents"] == PATRONAT_PAPER_SET
    assert application.answers["child_under_ten"] is False
    assert [c.first_name for c in application.children.all()] == ["Артём"]
    submit = ApplicationEvent.objects.get(application=application, action="submit")
    assert submit.actor == patronat_clerk
    # The same form sent again does not file a second application.
    client.post("/ru/office/register/patronat/", paper_data())
    assert Application.objects.count() == 1


def test_paper_registration_links_an_existing_account(
    client, patronat_office, patronat_clerk, patronat_applicant
):
    client.force_login(patronat_clerk)
    client.post("/kk/office/register/patronat/", paper_data(applicant_iin=patronat_applicant.iin))
    assert Application.objects.get().applicant == patronat_applicant


def test_counter_offers_only_the_channels_the_service_allows(
    client, patronat_office, patronat_clerk
):
    # Patronat is filed on the portal or at the office (seeds 000, 001): no State Corporation.
    client.force_login(patronat_clerk)
    response = client.post(
        "/kk/office/register/patronat/",
        paper_data(submission_key="paper-2", channel=Channel.STATE_CORPORATION),
    )
    assert response.status_code == 200
    assert response.context["paper"].errors["channel"]
    assert not Application.objects.exists()


def test_state_corporation_day_is_not_counted(patronat_office, patronat_clerk):
    """The engine rule, on a paper filing made directly (patronat's counter form does not
    offer the channel): the State Corporation's acceptance day is not counted, and it is
    not counted twice either: it is working day 0, as the office's (seed 002)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from applications.actions import application_create_draft, application_submit

    accepted = datetime(2026, 11, 20, 11, 0, tzinfo=ZoneInfo("Asia/Almaty"))
    filed = {}
    for channel in (Channel.OFFICE, Channel.STATE_CORPORATION):
        draft = application_create_draft(
            service="patronat",
            organisation=patronat_office,
            applicant=None,
            channel=channel,
            applicant_data={
                "applicant_iin": "880412401202",
                "applicant_name": "Сейітова Айгүл",
                "applicant_phone": "+77015554433",
            },
            children=[],
            answers={},
            language="kk",
        )
        filed[channel] = application_submit(
            application=draft, actor=patronat_clerk, accepted_at=accepted
        )
    office, corporation = filed[Channel.OFFICE], filed[Channel.STATE_CORPORATION]
    assert office.registered_on == corporation.registered_on == date(2026, 11, 20)
    assert office.due_on == date(2026, 12, 4)
    # Fri 20 Nov = day 0; ten working days: 23–27 Nov (5), 30 Nov–4 Dec (10) → 4 Dec.
    assert corporation.due_on == office.due_on == date(2026, 12, 4)


def test_paper_registration_errors_are_shown_and_nothing_is_saved(
    client, patronat_office, patronat_clerk
):
    client.force_login(patronat_clerk)
    response = client.post(
        "/kk/office/register/patronat/",
        paper_data(
            accepted_at="2999-01-01T10:00", applicant_iin="123", **{"children-0-birth_date": ""}
        ),
    )
    assert response.status_code == 200
    assert response.context["paper"].errors["accepted_at"]
    assert response.context["form"].errors["applicant_iin"]
    assert not Application.objects.exists()


def test_only_the_offices_services_and_only_clerks_register(
    client, patronat_office, patronat_clerk
):
    client.force_login(patronat_clerk)
    response = client.get("/kk/office/register/camp_voucher/")
    assert response["Location"] == "/kk/office/register/"
    assert client.get("/kk/office/register/no-such-service/").status_code == 404
    client.force_login(SupervisorFactory(organisation=patronat_office))
    assert client.get("/kk/office/register/").status_code == 403
    assert client.post("/kk/office/register/patronat/", paper_data()).status_code == 403
    assert not Application.objects.exists()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_pages_render_in_both_languages(
    client,
    patronat_office,
    patronat_clerk,
    patronat_applicant,
    language,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        application = portal_application(patronat_applicant, patronat_office)
        application_transition(
            application=application, action="accept_documents", actor=patronat_clerk
        )
    client.force_login(patronat_clerk)
    for url in [
        "office/",
        f"office/{application.pk}/",
        "office/register/",
        "office/register/patronat/",
        "office/?status=all&due=week&assigned=me&q=x",
    ]:
        response = client.get(f"/{language}/{url}")
        assert response.status_code == 200, url
        assert f'lang="{language}"' in response.content.decode()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_page_shows_chosen_values_and_dates_in_words(
    language, client, patronat_office, patronat_clerk
):
    """Answers are stored as codes and ISO dates; the clerk reads words and local dates."""
    application = filed(patronat_office, patronat_clerk)
    Application.objects.filter(pk=application.pk).update(
        answers={**application.answers, "identity_document_date": "2019-06-03"}
    )
    application.children.update(birth_certificate_number="1200029")
    client.force_login(patronat_clerk)
    page = client.get(f"/{language}/office/{application.pk}/").content.decode()
    assert "03.06.2019" in page
    assert "2019-06-03" not in page
    assert "1200029" in page


def test_the_clerk_reads_the_services_own_answers_in_the_third_person():
    """The applicant's labels say "you"; the clerk's page names the applicant."""
    from applications.office_views import extra_answers

    rows = extra_answers(
        get_service("guardian_allowance"),
        {"bank_name": "Halyk Bank", "guardian_appointment": "№ 15, 01.02.2026, әкімдік"},
    )
    with translation.override("en"):
        labels = [str(label) for label, _value in rows]
    assert "Bank or organisation where the applicant's personal account is opened" in labels
    assert "Decision appointing the applicant guardian or trustee: number, date, body" in labels
    assert not any("you" in label.split() or "your" in label.split() for label in labels)


def test_the_refusal_to_accept_marks_a_rejected_scan_missing(
    client, patronat_office, patronat_applicant, patronat_clerk
):
    from applications.actions import attachment_review

    application = portal_application(patronat_applicant, patronat_office)
    scan, other = application.attachments.filter(is_current=True)[:2]
    attachment_review(attachment=scan, actor=patronat_clerk, accepted=False, reason="Оқылмайды")
    client.force_login(patronat_clerk)
    html = client.get(f"/kk/office/{application.pk}/").content.decode()

    def ticked(code: str) -> bool:
        box = re.search(rf'<input[^>]*id="missing-refuse_to_accept-{code}"[^>]*>', html)[0]
        return " checked" in box

    assert ticked(scan.checklist_item) and not ticked(other.checklist_item)
