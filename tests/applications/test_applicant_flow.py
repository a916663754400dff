"""The applicant's steps (issue #12, item 1), through the pages, in kk and ru: question
pages with a back link, follow-ups asked only when their answer makes them relevant
(and then neither required nor stored otherwise), an error summary linked to each
field, "check your answers" with Change links that keep the other answers, filing and
its confirmation page, deleting a draft with its scans, withdrawing only after the
confirmation, missing documents by name, and the "what you need to do" box."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from applications.actions import attachment_add, missing_documents
from applications.models import AccessLog, Application, ApplicationEvent, Attachment, Notification
from applications.registry import get_service
from applications.signing import canonical_content
from guardianship_portal.gateways.signature import fake_sign
from services.patronat.forms import PatronatForm
from tests.applications.test_views import apply_data, submitted_application
from tests.files import make_pdf, pdf_upload
from tests.patronat import draft_for

pytestmark = pytest.mark.django_db

LANGUAGES = ["kk", "ru"]

CONTACTS = ("organisation", "applicant_phone", "applicant_email", "applicant_address")
SITUATION = (
    "answer_married",
    "answer_marriage_not_in_registry",
    "answer_home_owner",
    "answer_close_relative",
    "answer_relative_or_step_parent",
)
DETAILS = PatronatForm.extra_answer_fields


def tr(language: str, msgid: str) -> str:
    with translation.override(language):
        return translation.gettext(msgid).replace("'", "&#x27;")


def page_of(data: dict, names) -> dict:
    return {k: v for k, v in data.items() if k in names}


def children_of(data: dict) -> dict:
    return {k: v for k, v in data.items() if k.startswith("children-")}


def start(client, language: str, service: str = "patronat") -> str:
    """The first question page; returns the URL prefix of this application's pages."""
    response = client.get(f"/{language}/cabinet/apply/{service}/")
    assert response.status_code == 200
    key = re.search(r'name="submission_key" value="([0-9a-f]+)"', response.content.decode())[1]
    return f"/{language}/cabinet/apply/{service}/{key}"


def answer_every_page(client, language, office, **overrides) -> Application:
    data = apply_data(office, **overrides)
    base = start(client, language)
    assert client.post(f"{base}/contacts/", page_of(data, CONTACTS))["Location"] == (
        f"{base}/children/"
    )
    assert client.post(f"{base}/children/", children_of(data))["Location"] == f"{base}/situation/"
    situation = page_of(data, SITUATION)
    if data.get("answer_married") == "yes":
        situation["asked"] = "answer_marriage_not_in_registry"
    assert client.post(f"{base}/situation/", situation)["Location"] == f"{base}/details/"
    response = client.post(f"{base}/details/", page_of(data, DETAILS))
    application = Application.objects.get()
    assert response["Location"] == f"/{language}/cabinet/{application.pk}/"
    return application


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_questions_come_page_by_page_with_a_back_link(
    client, patronat_applicant, patronat_office, language
):
    client.force_login(patronat_applicant)
    base = start(client, language)
    page = client.get(f"{base}/children/").content.decode()
    assert f'href="{base}/contacts/"' in page  # back to the page before
    assert 'name="children-0-birth_certificate_number"' in page
    assert 'name="applicant_phone"' not in page  # one page, its own questions
    application = answer_every_page(client, language, patronat_office)
    assert application.state == "draft"
    assert application.language == language
    assert application.answers["bank_account"] == "KZ86125KZT5004100100"
    assert application.children.get().first_name == "Нұрлан"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_follow_up_hidden_by_the_answer_is_neither_required_nor_stored(
    client, patronat_applicant, patronat_office, language
):
    client.force_login(patronat_applicant)
    data = apply_data(patronat_office, spouse_name="Сейітов Ерлан")
    del data["answer_marriage_not_in_registry"]
    application = answer_every_page(client, language, patronat_office, **data)
    assert "marriage_not_in_registry" not in application.answers
    assert "spouse_name" not in application.answers  # typed, but not asked of a single person
    assert "spouse_consent" not in {item.code for item in missing_documents(application)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_script_the_follow_up_appears_after_the_answer_is_sent(
    client, patronat_applicant, patronat_office, language
):
    client.force_login(patronat_applicant)
    data = apply_data(patronat_office, answer_married="yes")
    base = start(client, language)
    client.post(f"{base}/contacts/", page_of(data, CONTACTS))
    client.post(f"{base}/children/", children_of(data))
    # The page as sent without script: the follow-up's container was hidden, its
    # marker disabled, so nothing says it was asked.
    situation = page_of(data, SITUATION)
    del situation["answer_marriage_not_in_registry"]
    response = client.post(f"{base}/situation/", situation)
    assert response.status_code == 200
    html = response.content.decode()
    assert tr(language, "Your answer needs one more answer: the question is below.") in html
    assert 'data-testid="error-summary"' not in html  # not an error: it was not seen yet
    follow_up = re.search(r'<div class="follow-up[^>]*>', html)[0]
    assert " hidden" not in follow_up
    # Sent again without answering it: now it is required, and said so.
    situation["asked"] = "answer_marriage_not_in_registry"
    html = client.post(f"{base}/situation/", situation).content.decode()
    assert 'data-testid="error-summary"' in html
    assert 'href="#id_answer_marriage_not_in_registry_0"' in html
    situation["answer_marriage_not_in_registry"] = "yes"
    assert client.post(f"{base}/situation/", situation)["Location"] == f"{base}/details/"
    # The spouse's name is asked on the next page, now that it is relevant.
    details = client.get(f"{base}/details/").content.decode()
    assert 'name="spouse_name"' in details
    html = client.post(f"{base}/details/", page_of(data, DETAILS)).content.decode()
    assert tr(language, "Give your spouse's full name: you said you are married.") in html
    assert not Application.objects.exists()
    client.post(f"{base}/details/", {**page_of(data, DETAILS), "spouse_name": "Сейітов Ерлан"})
    application = Application.objects.get()
    assert application.answers["spouse_name"] == "Сейітов Ерлан"
    assert application.answers["marriage_not_in_registry"] is True


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_error_summary_links_each_field_and_the_inputs_are_tied_to_their_messages(
    client, patronat_applicant, patronat_office, language
):
    client.force_login(patronat_applicant)
    data = apply_data(patronat_office, applicant_phone="")
    base = start(client, language)
    response = client.post(f"{base}/contacts/", page_of(data, CONTACTS))
    assert response.status_code == 200
    html = response.content.decode()
    summary = re.search(r'<div class="alert alert-danger error-summary".*?</div>', html, re.S)[0]
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary
    assert tr(language, "There is a problem") in summary
    assert '<a href="#id_applicant_phone"' in summary
    phone = re.search(r'<input[^>]*name="applicant_phone"[^>]*>', html)[0]
    assert 'aria-invalid="true"' in phone
    assert 'aria-describedby="id_applicant_phone-error"' in phone
    assert 'id="id_applicant_phone-error"' in html
    assert '<script src="/static/js/applicant.js"' in html  # moves the focus to the summary
    # A radio group: a fieldset with the question as its legend, tied to its error.
    client.post(f"{base}/contacts/", page_of(apply_data(patronat_office), CONTACTS))
    client.post(f"{base}/children/", children_of(data))
    html = client.post(f"{base}/situation/", {}).content.decode()
    assert 'href="#id_answer_married_0"' in html
    group = re.search(r'<fieldset[^>]*aria-describedby="[^"]*id_answer_married-error"', html)
    assert group is not None
    legend = html[group.end() :].split("</legend>")[0]
    with translation.override(language):
        assert str(get_service("patronat").conditions[0].question).replace("'", "&#x27;") in legend
    assert not Application.objects.exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_whole_form_posted_at_once_shows_the_first_page_with_a_problem(
    client, patronat_applicant, patronat_office, language
):
    client.force_login(patronat_applicant)
    response = client.post(
        f"/{language}/cabinet/apply/patronat/",
        apply_data(patronat_office, **{"children-0-birth_date": "2031-01-01"}),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert tr(language, "The date of birth cannot be in the future.") in html
    assert 'href="#id_children-0-birth_date"' in html
    assert not Application.objects.exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_check_your_answers_change_keeps_the_other_answers(
    client, patronat_applicant, patronat_office, language
):
    draft = draft_for(patronat_applicant, patronat_office, language=language)
    answers, children = dict(draft.answers), list(draft.children.values("first_name", "iin"))
    client.force_login(patronat_applicant)
    check = client.get(f"/{language}/cabinet/{draft.pk}/check/").content.decode()
    change = f"/{language}/cabinet/{draft.pk}/answers/contacts/#id_applicant_address"
    assert f'href="{change}"' in check
    assert draft.applicant_address in check
    assert tr(language, "No") in check  # answers as given, by their labels
    page = client.get(change.split("#")[0]).content.decode()
    assert f'value="{draft.applicant_address}"' in page  # the draft's own answers
    assert f'href="/{language}/cabinet/{draft.pk}/check/"' in page  # back to the check page
    response = client.post(
        change.split("#")[0],
        {
            "organisation": patronat_office.pk,
            "applicant_phone": "+77015554433",
            "applicant_address": "Көкшетау қ., Ауэзов к-сі, 3",
        },
    )
    assert response["Location"] == f"/{language}/cabinet/{draft.pk}/check/"
    draft.refresh_from_db()
    assert draft.applicant_address == "Көкшетау қ., Ауэзов к-сі, 3"
    # Every other answer kept (a single applicant's follow-up, which the older draft
    # stored as "no", is not kept: it was never asked).
    answers.pop("marriage_not_in_registry", None)
    assert draft.answers == answers
    assert list(draft.children.values("first_name", "iin")) == children
    assert ApplicationEvent.objects.filter(application=draft, action="draft_changed").exists()


def test_a_change_that_makes_a_follow_up_relevant_asks_it_before_saving(
    client, patronat_applicant, patronat_office
):
    draft = draft_for(patronat_applicant, patronat_office, married=False)
    client.force_login(patronat_applicant)
    base = f"/kk/cabinet/{draft.pk}/answers"
    client.get(f"{base}/situation/")
    response = client.post(
        f"{base}/situation/",
        {
            "answer_married": "yes",
            "asked": "answer_marriage_not_in_registry",
            "answer_marriage_not_in_registry": "no",
            "answer_home_owner": "yes",
            "answer_close_relative": "no",
            "answer_relative_or_step_parent": "no",
        },
    )
    # The spouse's name is now needed: its page first, nothing saved meanwhile.
    assert response["Location"] == f"{base}/details/?resume=1"
    draft.refresh_from_db()
    assert not draft.answers.get("married")
    details = client.get(response["Location"]).content.decode()
    assert 'name="spouse_name"' in details
    assert 'value="Көкшетау қаласы"' in details  # the other answers kept
    data = {k: v for k, v in apply_data(patronat_office).items() if k in DETAILS}
    client.post(f"{base}/details/", {**data, "spouse_name": "Сейітов Ерлан"})
    draft.refresh_from_db()
    assert draft.answers["married"] is True
    assert draft.answers["spouse_name"] == "Сейітов Ерлан"
    assert "spouse_consent" in {item.code for item in missing_documents(draft)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_missing_documents_are_named_and_attach_without_a_file_says_so(
    client, patronat_draft, patronat_applicant, language
):
    client.force_login(patronat_applicant)
    missing = missing_documents(patronat_draft)
    check = client.get(f"/{language}/cabinet/{patronat_draft.pk}/check/").content.decode()
    detail = client.get(f"/{language}/cabinet/{patronat_draft.pk}/").content.decode()
    with translation.override(language):
        for item in missing:
            title = str(item.title).replace("'", "&#x27;")
            assert title in check and title in detail
    assert 'data-testid="file-form"' not in check  # nothing to file before the scans
    response = client.post(
        f"/{language}/cabinet/{patronat_draft.pk}/upload/", {"item": missing[0].code}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert tr(language, "Choose a file to attach.") in html
    assert f'href="#file-{missing[0].code}"' in html
    field = re.search(rf'<input[^>]*id="file-{missing[0].code}"[^>]*>', html)[0]
    assert 'aria-invalid="true"' in field


@pytest.mark.parametrize("language", LANGUAGES)
def test_filing_from_the_check_page_and_the_confirmation(
    client, patronat_draft, patronat_applicant, language, django_capture_on_commit_callbacks
):
    for item in missing_documents(patronat_draft):
        attachment_add(
            application=patronat_draft,
            item=item.code,
            upload=pdf_upload(),
            actor=patronat_applicant,
        )
    client.force_login(patronat_applicant)
    check_url = f"/{language}/cabinet/{patronat_draft.pk}/check/"
    response = client.post(check_url, {"submission_key": "s-1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#confirm"' in html
    assert tr(language, "Confirm that the data and documents are true and complete.") in html
    assert Application.objects.get(pk=patronat_draft.pk).state == "draft"
    response = client.post(check_url, {"submission_key": "s-1", "confirm": "on"})
    # Confirmed: on to the signature (issue #14), which files it.
    assert response["Location"] == f"/{language}/cabinet/{patronat_draft.pk}/sign/"
    assert Application.objects.get(pk=patronat_draft.pk).state == "draft"
    cms = fake_sign(canonical_content(patronat_draft), iin=patronat_applicant.iin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/{language}/cabinet/{patronat_draft.pk}/sign/eds/", {"cms": cms})
    assert response["Location"] == f"/{language}/cabinet/{patronat_draft.pk}/filed/"
    application = Application.objects.get(pk=patronat_draft.pk)
    assert application.state == "completeness_check"
    page = client.get(response["Location"]).content.decode()
    assert application.number in page
    assert application.stage_due_on.strftime("%d.%m.%Y") in page
    assert application.due_on.strftime("%d.%m.%Y") in page
    assert tr(language, "What happens next") in page
    # The filed application's answers are not changed any more.
    assert client.get(f"/{language}/cabinet/{application.pk}/answers/contacts/").status_code == 302


@pytest.mark.parametrize("language", LANGUAGES)
def test_deleting_a_draft_asks_first_then_removes_it_with_its_scans(
    client, patronat_draft, patronat_applicant, language, django_capture_on_commit_callbacks
):
    attachment = attachment_add(
        application=patronat_draft,
        item="application",
        upload=pdf_upload(),
        actor=patronat_applicant,
    )
    path = Path(attachment.file.path)
    assert path.exists()
    client.force_login(patronat_applicant)
    url = f"/{language}/cabinet/{patronat_draft.pk}/delete/"
    page = client.get(url).content.decode()
    assert 'data-testid="confirm-delete"' in page
    assert Application.objects.filter(pk=patronat_draft.pk).exists()  # GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response["Location"] == f"/{language}/cabinet/"
    assert not Application.objects.filter(pk=patronat_draft.pk).exists()
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert not path.exists()
    assert AccessLog.objects.filter(
        user=patronat_applicant, what__startswith=f"draft {patronat_draft.pk} deleted"
    ).exists()


@pytest.mark.parametrize(
    ("language", "words"),
    [("kk", "Жауаптарыңыз жойылады."), ("ru", "Ваши ответы будут удалены.")],
)
def test_deleting_a_draft_without_scans_does_not_count_zero_scans(
    client, patronat_draft, patronat_applicant, language, words
):
    client.force_login(patronat_applicant)
    page = client.get(f"/{language}/cabinet/{patronat_draft.pk}/delete/").content.decode()
    assert words in page and " 0 " not in page


def test_a_filed_application_or_someone_elses_draft_is_not_deleted(
    client, patronat_applicant, patronat_office
):
    application = submitted_application(patronat_applicant, patronat_office)
    other = draft_for(patronat_applicant, patronat_office)
    client.force_login(patronat_applicant)
    client.post(f"/kk/cabinet/{application.pk}/delete/")
    assert Application.objects.filter(pk=application.pk).exists()
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.post(f"/kk/cabinet/{other.pk}/delete/").status_code == 404
    assert Application.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_withdrawing_happens_only_after_the_confirmation(
    client, patronat_applicant, patronat_office, language
):
    application = submitted_application(patronat_applicant, patronat_office)
    client.force_login(patronat_applicant)
    detail = client.get(f"/{language}/cabinet/{application.pk}/").content.decode()
    url = f"/{language}/cabinet/{application.pk}/withdraw/"
    assert f'href="{url}"' in detail  # a link to the confirmation, not a button that acts
    page = client.get(url).content.decode()
    assert (
        tr(language, "This cannot be undone. To get the service later, you file a new application.")
        in page
    )
    # A POST without the confirmation (an old page, a stray form) only shows the question.
    response = client.post(url, {"expected_state": "completeness_check", "reason": "ой"})
    assert response.status_code == 200
    assert 'data-testid="confirm-withdraw"' in response.content.decode()
    assert Application.objects.get(pk=application.pk).state == "completeness_check"
    client.post(
        url,
        {"expected_state": "completeness_check", "reason": "ойымды өзгерттім", "confirm": "yes"},
    )
    withdrawn = Application.objects.get(pk=application.pk)
    assert withdrawn.state == "withdrawn"
    assert withdrawn.events.get(action="withdraw").reason == "ойымды өзгерттім"
    # Nothing more to withdraw: the page says so instead of asking again.
    assert client.get(url)["Location"] == f"/{language}/cabinet/{application.pk}/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_you_need_to_do_to_sign_the_contract_shows_where_what_and_by_when(
    client, patronat_applicant, patronat_office, patronat_clerk, language
):
    from tests.services.patronat.test_workflow import advance_to

    application = advance_to(
        submitted_application(patronat_applicant, patronat_office),
        "contract_signing",
        patronat_clerk,
    )
    client.force_login(patronat_applicant)
    for url in [f"/{language}/cabinet/", f"/{language}/cabinet/{application.pk}/"]:
        html = client.get(url).content.decode()
        box = re.search(r'<section class="card border-warning.*?</section>', html, re.S)[0]
        assert tr(language, "What you need to do") in box
        with translation.override(language):
            assert patronat_office.address in box
            assert translation.gettext("Identity document") in box
        assert patronat_office.opens_at.strftime("%H:%M") in box
        assert application.stage_due_on.strftime("%d.%m.%Y") in box
        assert 'data-testid="task-overdue"' not in box
    # The day passes: the box says the date is overdue.
    Application.objects.filter(pk=application.pk).update(
        stage_due_on=timezone.localdate() - timedelta(days=2)
    )
    html = client.get(f"/{language}/cabinet/").content.decode()
    assert 'data-testid="task-overdue"' in html
    with translation.override(language):
        assert translation.pgettext("a date", "Overdue") in html


def test_a_refused_set_names_the_missing_documents(
    client, patronat_applicant, patronat_office, patronat_clerk
):
    from applications.actions import application_transition

    application = submitted_application(patronat_applicant, patronat_office)
    application_transition(
        application=application,
        action="refuse_to_accept",
        actor=patronat_clerk,
        expected_state="completeness_check",
        reason="толық емес",
        data={"missing": ["education_diploma"]},
    )
    client.force_login(patronat_applicant)
    for language in LANGUAGES:
        html = client.get(f"/{language}/cabinet/{application.pk}/").content.decode()
        with translation.override(language):
            title = str(get_service("patronat").item_title("education_diploma"))
        assert title in html
        assert "education_diploma" not in html.replace('"file-education_diploma"', "")


def test_the_cabinet_shows_the_latest_three_notifications_and_links_to_all(
    client, patronat_applicant, patronat_office
):
    application = submitted_application(patronat_applicant, patronat_office)
    for n in range(7):
        Notification.objects.create(
            recipient=patronat_applicant,
            application=application,
            message_kk=f"Хабар {n}",
            message_ru=f"Сообщение {n}",
        )
    client.force_login(patronat_applicant)
    html = client.get("/ru/cabinet/").content.decode()
    box = re.search(r'data-testid="notifications".*?</section>', html, re.S)[0]
    assert len(re.findall(r"Сообщение \d", box)) == 3
    assert 'href="/ru/cabinet/notifications/"' in box
    # The applications come before the notifications.
    assert html.index('data-testid="applications"') < html.index('data-testid="notifications"')
    every = client.get("/ru/cabinet/notifications/").content.decode()
    assert all(f"Сообщение {n}" in every for n in range(7))


def test_pages_with_nothing_to_ask_are_left_out():
    """The base form (what a new service gets without a form of its own) has no service
    fields: no "other details" page; every field is on one page."""
    from applications.forms import ApplicationForm

    form = ApplicationForm(definition=get_service("patronat"))
    codes = [step.code for step in form.steps()]
    assert codes[:2] == ["contacts", "children"]
    assert "details" not in codes  # the base form has no service fields
    assert all(name in form.fields for step in form.steps() for name in step.fields)


def test_a_scan_upload_through_the_page_still_works(client, patronat_draft, patronat_applicant):
    client.force_login(patronat_applicant)
    response = client.post(
        f"/kk/cabinet/{patronat_draft.pk}/upload/",
        {"item": "application", "file": SimpleUploadedFile("a.pdf", make_pdf(), "application/pdf")},
    )
    assert response.status_code == 302
    assert patronat_draft.attachments.filter(checklist_item="application").exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_question_page_first_shown_marks_nothing_invalid(
    client, patronat_applicant, patronat_office, language
):
    """The form is checked against the answers so far, but nothing on a page the
    applicant has not sent yet is announced as invalid, nor tied to an error text."""
    client.force_login(patronat_applicant)
    data = apply_data(patronat_office)
    base = start(client, language)
    client.post(f"{base}/contacts/", page_of(data, CONTACTS))
    for step in ("children", "situation", "details"):
        html = client.get(f"{base}/{step}/").content.decode()
        assert "aria-invalid" not in html, step
        for described in re.findall(r'aria-describedby="([^"]+)"', html):
            for target in described.split():
                assert f'id="{target}"' in html, (step, target)


def test_a_scan_no_longer_needed_after_a_change_is_not_filed(
    patronat_applicant, patronat_office, django_capture_on_commit_callbacks
):
    """Married, she attached the spouse's consent; then answered 'not married': the
    consent is neither asked for nor signed, filed or listed on the receipt."""
    from applications.actions import application_submit
    from applications.result_documents import handed_over_documents
    from tests.drafts import change_draft
    from tests.patronat import draft_for

    draft = draft_for(
        patronat_applicant, patronat_office, married=True, spouse_name="Серіков Асқар"
    )
    consent = attachment_add(
        application=draft, item="spouse_consent", upload=pdf_upload(), actor=patronat_applicant
    )
    change_draft(
        draft, patronat_applicant, answers={**draft.answers, "married": False, "spouse_name": ""}
    )
    consent.refresh_from_db()
    draft.refresh_from_db()
    assert not consent.is_current and consent.file  # set aside, the file kept with its row
    assert "spouse_consent" not in [item.code for item in missing_documents(draft)]
    for item in missing_documents(draft):
        attachment_add(
            application=draft, item=item.code, upload=pdf_upload(), actor=patronat_applicant
        )
    with django_capture_on_commit_callbacks(execute=True):
        filed = application_submit(application=draft, actor=patronat_applicant)
    titles = [row["title"] for row in handed_over_documents(filed)]
    assert not any("келісім" in title.casefold() for title in titles), titles


@pytest.mark.parametrize("language", LANGUAGES)
def test_applying_again_fills_the_answers_and_carries_the_scans_not_rejected(
    client, patronat_applicant, patronat_office, patronat_clerk, language
):
    """Refused to accept for a bad scan: the applicant sees which scan and why, applies
    again with the answers filled in, and finds the other scans attached already."""
    from applications.actions import application_transition, attachment_review

    data = apply_data(patronat_office)
    earlier = submitted_application(patronat_applicant, patronat_office)
    scans = list(earlier.attachments.filter(is_current=True).order_by("pk"))
    rejected = scans[0]
    attachment_review(
        attachment=rejected, actor=patronat_clerk, accepted=False, reason="Бұлыңғыр / Нечитаемо"
    )
    application_transition(
        application=earlier,
        action="refuse_to_accept",
        actor=patronat_clerk,
        expected_state="completeness_check",
        reason="толық емес",
        data={"missing": [rejected.checklist_item]},
    )
    client.force_login(patronat_applicant)
    page = client.get(f"/{language}/cabinet/{earlier.pk}/").content.decode()
    assert 'data-testid="scan-rejected"' in page and "Бұлыңғыр / Нечитаемо" in page
    assert 'data-testid="apply-again"' in page

    response = client.post(f"/{language}/cabinet/{earlier.pk}/again/")
    base = response["Location"].removesuffix("contacts/")
    assert base.startswith(f"/{language}/cabinet/apply/patronat/") and base.endswith("/")
    assert data["applicant_address"] in client.get(f"{base}contacts/").content.decode()
    assert "Серіков" in client.get(f"{base}children/").content.decode()
    client.post(f"{base}contacts/", page_of(data, CONTACTS))
    client.post(f"{base}children/", children_of(data))
    client.post(f"{base}situation/", page_of(data, SITUATION))
    response = client.post(f"{base}details/", page_of(data, DETAILS))
    again = Application.objects.exclude(pk=earlier.pk).get()
    assert response["Location"] == f"/{language}/cabinet/{again.pk}/"
    assert again.state == "draft" and again.children.get().first_name == "Нұрлан"
    assert "missing_documents" not in again.answers

    carried = {a.checklist_item: a for a in again.attachments.filter(is_current=True)}
    assert set(carried) == {scan.checklist_item for scan in scans[1:]}
    for scan in scans[1:]:
        copy = carried[scan.checklist_item]
        assert copy.sha256 == scan.sha256 and copy.review == Attachment.Review.PENDING
        assert copy.file.name != scan.file.name and copy.file.storage.exists(copy.file.name)
    # The rejected scan is the one the new draft still asks for, by name.
    assert [item.code for item in missing_documents(again)] == [rejected.checklist_item]
    # Pressed again: the draft begun is opened, not another one made.
    assert client.post(f"/{language}/cabinet/{earlier.pk}/again/")["Location"] == (
        f"/{language}/cabinet/{again.pk}/"
    )
    assert Application.objects.count() == 2
    # The ended application is as it was.
    earlier.refresh_from_db()
    assert earlier.state == "refused_to_accept"
    assert earlier.attachments.filter(is_current=True).count() == len(scans)


def test_only_an_ended_application_of_ones_own_is_filed_again(
    client, patronat_applicant, patronat_office
):
    from tests.factories import UserFactory

    application = submitted_application(patronat_applicant, patronat_office)
    client.force_login(patronat_applicant)
    detail = client.get(f"/kk/cabinet/{application.pk}/").content.decode()
    assert 'data-testid="apply-again"' not in detail
    response = client.post(f"/kk/cabinet/{application.pk}/again/")
    assert response["Location"] == f"/kk/cabinet/{application.pk}/"
    client.force_login(UserFactory())
    assert client.post(f"/kk/cabinet/{application.pk}/again/").status_code == 404
    assert Application.objects.count() == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_second_child_is_added_and_removed_on_the_children_page(
    client, patronat_applicant, patronat_office, language
):
    data = apply_data(patronat_office)
    client.force_login(patronat_applicant)
    base = start(client, language)
    client.post(f"{base}/contacts/", page_of(data, CONTACTS))
    first = children_of(data)
    response = client.post(f"{base}/children/", {**first, "children": "add"})
    html = response.content.decode()
    # The page again, the first child as typed, an empty second one, nothing marked wrong.
    assert response.status_code == 200 and 'name="children-1-last_name"' in html
    assert 'value="Серіков"' in html and "data-error-summary" not in html
    assert 'data-testid="remove-child"' in html and "data-child-focus" in html
    second = {
        "children-TOTAL_FORMS": "2",
        "children-1-last_name": "Серікова",
        "children-1-first_name": "Аружан",
        "children-1-birth_date": "2015-06-01",
        "children-1-birth_certificate_number": "0123457",
        "children-1-birth_certificate_date": "2015-06-10",
    }
    # Removing the last child drops what was typed for it.
    html = client.post(
        f"{base}/children/", {**first, **second, "children": "remove"}
    ).content.decode()
    assert 'name="children-1-last_name"' not in html and "Серікова" not in html
    assert 'data-testid="child-removed"' in html
    client.post(f"{base}/children/", {**first, "children": "add"})
    assert client.post(f"{base}/children/", {**first, **second})["Location"] == (
        f"{base}/situation/"
    )
    client.post(f"{base}/situation/", page_of(data, SITUATION))
    client.post(f"{base}/details/", page_of(data, DETAILS))
    application = Application.objects.get()
    assert [c.first_name for c in application.children.order_by("pk")] == ["Нұрлан", "Аружан"]


def test_a_scan_whose_file_is_gone_is_not_found_and_not_carried_over(
    client, patronat_applicant, patronat_office
):
    """Media restored from an older backup: the scan's page is the 404 page, not an
    error, and applying again asks for that document instead of failing."""
    earlier = submitted_application(patronat_applicant, patronat_office)
    lost, *kept = list(earlier.attachments.filter(is_current=True).order_by("pk"))
    lost.file.storage.delete(lost.file.name)
    client.force_login(patronat_applicant)
    response = client.get(f"/ru/cabinet/{earlier.pk}/scans/{lost.pk}/")
    assert response.status_code == 404
    with translation.override("ru"):
        assert translation.gettext("Page not found") in response.content.decode()
    Application.objects.filter(pk=earlier.pk).update(state="withdrawn")
    base = client.post(f"/kk/cabinet/{earlier.pk}/again/")["Location"].removesuffix("contacts/")
    data = apply_data(patronat_office)
    client.post(f"{base}contacts/", page_of(data, CONTACTS))
    client.post(f"{base}children/", children_of(data))
    client.post(f"{base}situation/", page_of(data, SITUATION))
    client.post(f"{base}details/", page_of(data, DETAILS))
    again = Application.objects.exclude(pk=earlier.pk).get()
    carried = set(again.attachments.values_list("checklist_item", flat=True))
    assert carried == {scan.checklist_item for scan in kept}
    assert lost.checklist_item in {item.code for item in missing_documents(again)}
