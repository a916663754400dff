"""Issue #12 on the clerk's side: the applicant's answers as given, a confirmation
before accepting a file whose scans are not checked, plain words on the page."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from applications.actions import application_submit, attachment_add, missing_documents
from applications.models import Application, Attachment
from applications.registry import get_service
from tests.files import pdf_upload
from tests.patronat import draft_for
from tests.services.camp_voucher.school import school_clerk  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
ALMATY = ZoneInfo("Asia/Almaty")
FRIDAY_MORNING = datetime(2026, 11, 20, 11, 0, tzinfo=ALMATY)


def filed_from_the_portal(applicant, office, **answers) -> Application:
    draft = draft_for(applicant, office, **answers)
    for item in missing_documents(draft):
        attachment_add(application=draft, item=item.code, upload=pdf_upload(), actor=applicant)
    return application_submit(application=draft, actor=applicant, accepted_at=FRIDAY_MORNING)


def tr(language: str, text) -> str:
    with translation.override(language):
        return str(translation.gettext(text) if isinstance(text, str) else text)


def answers_shown(html: str) -> dict[str, str]:
    """The page's "answers" list: question → answer, as printed."""
    block = html.split('data-testid="answers"', 1)[1].split("</dl>", 1)[0]
    pairs = re.findall(r"<dt[^>]*>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", block, flags=re.DOTALL)
    return {question.strip(): answer.strip() for question, answer in pairs}


# ----------------------------------------------------------------- answers as given


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_clerk_reads_the_answers_the_applicant_gave(
    client, patronat_applicant, patronat_office, patronat_clerk, language
):
    """The question "Do you own the home?" → No is shown as No (the document it asks for is needed:
    the page used to print that instead, as Yes). A follow-up that was not asked (the
    marriage's registry record, for someone not married) is left out."""
    application = filed_from_the_portal(
        patronat_applicant, patronat_office, home_owner=False, close_relative=True
    )
    answers = dict(application.answers)
    answers.pop("marriage_not_in_registry")
    Application.objects.filter(pk=application.pk).update(answers=answers)
    client.force_login(patronat_clerk)
    html = client.get(f"/{language}/office/{application.pk}/").content.decode()
    shown = answers_shown(html)
    definition = get_service("patronat")
    conditions = {c.code: c for c in definition.conditions}
    yes, no = tr(language, "Yes"), tr(language, "No")
    from django.utils.html import escape

    def question(code: str) -> str:
        return escape(tr(language, conditions[code].question))

    assert shown[question("home_owner")] == no
    assert shown[question("close_relative")] == yes
    assert shown[question("married")] == no
    assert question("marriage_not_in_registry") not in shown
    # Derived from the child's birth date (2012): not younger than 10.
    assert shown[question("child_under_ten")] == no


def test_categories_are_one_row_in_words_not_a_yes_no_per_code(
    client,
    school,
    school_clerk,  # noqa: F811 (the fixture imported above)
    school_applicant,
):
    from tests.services.camp_voucher.school import submitted

    application = submitted("free_meals", school_applicant, school, category="low_income")
    client.force_login(school_clerk)
    html = client.get(f"/ru/office/{application.pk}/").content.decode()
    category = next(c for c in get_service("free_meals").categories if c.code == "low_income")
    assert tr("ru", category.title) in html
    text = re.sub(r"<[^>]+>", " ", html)  # what the page shows, not its attributes
    assert "low_income" not in text
    # Nor one yes/no line per category: the answers list has no category in it.
    if 'data-testid="answers"' in html:
        assert tr("ru", category.title) not in answers_shown(html)


# ----------------------------------------------------------------- unchecked scans


def act(client, application, **extra):
    return client.post(
        f"/kk/office/{application.pk}/act/",
        {"action": "accept_documents", "expected_state": application.state, **extra},
        follow=True,
    )


def scan_key(application) -> str:
    pending = application.attachments.filter(
        is_current=True, review=Attachment.Review.PENDING
    ).order_by("pk")
    return ",".join(str(pk) for pk in pending.values_list("pk", flat=True))


def test_the_page_warns_before_accepting_unchecked_scans(
    client, patronat_applicant, patronat_office, patronat_clerk
):
    application = filed_from_the_portal(patronat_applicant, patronat_office)
    client.force_login(patronat_clerk)
    html = client.get(f"/kk/office/{application.pk}/").content.decode()
    warning = html.split('data-testid="unchecked-scans"', 1)[1].split("</div>\n          </div>")[0]
    titles = get_service("patronat").item_titles(application.edition)
    for scan in application.attachments.filter(is_current=True):
        assert tr("kk", titles[scan.checklist_item]) in warning
    assert 'name="confirm_unchecked"' in warning
    assert f'name="confirmed_scans" value="{scan_key(application)}"' in warning


def test_accepting_without_the_confirmation_changes_nothing_and_says_why(
    client, patronat_applicant, patronat_office, patronat_clerk
):
    application = filed_from_the_portal(patronat_applicant, patronat_office)
    events = application.events.count()
    client.force_login(patronat_clerk)
    response = act(client, application)
    assert response.status_code == 400  # the page again with the form, not a redirect
    application.refresh_from_db()
    assert application.state == "completeness_check"
    assert application.events.count() == events
    expected = tr(
        "kk",
        "Some scans are not checked yet. Check them first, or confirm that you accept the documents without checking them.",
    )
    assert expected in [str(m) for m in response.context["messages"]]
    html = response.content.decode()
    assert 'data-testid="unchecked-scans"' in html  # the form is there again, with the warning
    assert "data-focus-on-load" in html  # the message takes the focus (portal.js)


def test_a_confirmation_for_other_scans_asks_again(
    client, patronat_applicant, patronat_office, patronat_clerk
):
    """A scan attached since the page was shown is not covered by the confirmation."""
    application = filed_from_the_portal(patronat_applicant, patronat_office)
    old_key = scan_key(application)
    item = application.attachments.filter(is_current=True).first().checklist_item
    attachment_add(
        application=application, item=item, upload=pdf_upload(), actor=patronat_applicant
    )
    client.force_login(patronat_clerk)
    act(client, application, confirm_unchecked="1", confirmed_scans=old_key)
    application.refresh_from_db()
    assert application.state == "completeness_check"


def test_confirmed_the_documents_are_accepted(
    client, patronat_applicant, patronat_office, patronat_clerk
):
    application = filed_from_the_portal(patronat_applicant, patronat_office)
    client.force_login(patronat_clerk)
    act(client, application, confirm_unchecked="1", confirmed_scans=scan_key(application))
    application.refresh_from_db()
    assert application.state != "completeness_check"


def test_once_every_scan_is_checked_no_confirmation_is_asked(
    client, patronat_applicant, patronat_office, patronat_clerk
):
    application = filed_from_the_portal(patronat_applicant, patronat_office)
    application.attachments.filter(is_current=True).update(review=Attachment.Review.ACCEPTED)
    client.force_login(patronat_clerk)
    html = client.get(f"/kk/office/{application.pk}/").content.decode()
    assert 'data-testid="unchecked-scans"' not in html
    act(client, application)
    application.refresh_from_db()
    assert application.state != "completeness_check"
