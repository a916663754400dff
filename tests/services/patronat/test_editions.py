"""The edition in force on the filing (acceptance) day applies: its checklist and its
term. Patronat has two editions with different effective dates and checklists: seed 001
(2020-30cd, 30 calendar days) and seed 000 (2024-10wd, 10 working days)."""

from dataclasses import replace
from datetime import date, datetime

import pytest
from django.utils import timezone
from django.utils.translation import override

from applications.actions import application_submit, attachment_add, missing_documents
from applications.errors import IncompleteApplication
from applications.models import Application
from applications.registry import Channel, Edition, get_service
from tests.applications.conftest import draft_for
from tests.files import pdf_upload

pytestmark = pytest.mark.django_db

PATRONAT = get_service("patronat")
SEED_001 = "2020-30cd"  # in force from 01.05.2020
SEED_000 = "2024-10wd"  # in force from 01.01.2024


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


def attach_missing(application: Application, applicant) -> None:
    for item in missing_documents(application):
        attachment_add(
            application=application, item=item.code, upload=pdf_upload(), actor=applicant
        )


def codes(items) -> list[str]:
    return [item.code for item in items]


def test_edition_on_picks_the_latest_started():
    assert PATRONAT.edition_on(date(2020, 5, 1)).code == SEED_001
    assert PATRONAT.edition_on(date(2023, 12, 31)).code == SEED_001
    assert PATRONAT.edition_on(date(2024, 1, 1)).code == SEED_000
    # Before the first edition: the earliest one.
    assert PATRONAT.edition_on(date(2019, 1, 1)).code == SEED_001


def test_a_filing_on_a_day_of_the_earlier_edition_needs_that_editions_documents(
    patronat_applicant, patronat_office
):
    draft = draft_for(patronat_applicant, patronat_office)
    assert draft.edition == SEED_000  # chosen by today's date at creation
    attach_missing(draft, patronat_applicant)  # the nine documents of seed 000
    # Accepted on a day of the seed 001 edition: its portal list applies, and it names
    # the dispensary certificates and the information on education, not attached yet.
    with pytest.raises(IncompleteApplication):
        application_submit(
            application=draft, actor=patronat_applicant, accepted_at=at(date(2023, 6, 5))
        )
    stored = Application.objects.get(pk=draft.pk)
    assert (stored.state, stored.edition, stored.number) == ("draft", SEED_000, None)
    stored.edition = SEED_001  # what the refused filing would use
    assert codes(missing_documents(stored)) == ["dispensary_certificates", "education_information"]

    draft = Application.objects.get(pk=draft.pk)
    for code in ("dispensary_certificates", "education_information"):
        attachment_add(application=draft, item=code, upload=pdf_upload(), actor=patronat_applicant)
    filed = application_submit(
        application=draft, actor=patronat_applicant, accepted_at=at(date(2023, 6, 5))
    )
    assert filed.edition == SEED_001
    assert Application.objects.get(pk=draft.pk).edition == SEED_001
    # Its term: 30 calendar days from 05.06.2023 (seed 001).
    assert filed.due_on == date(2023, 7, 5)


def test_a_draft_of_the_earlier_edition_filed_today_takes_todays_edition(
    patronat_applicant, patronat_office
):
    draft = draft_for(patronat_applicant, patronat_office)
    Application.objects.filter(pk=draft.pk).update(edition=SEED_001)  # drafted back then
    draft = Application.objects.get(pk=draft.pk)
    assert "education_information" in codes(missing_documents(draft))
    # The applicant attaches what the old edition listed; filing today, seed 000 applies.
    attach_missing(draft, patronat_applicant)
    with pytest.raises(IncompleteApplication):
        application_submit(application=draft, actor=patronat_applicant)
    draft = Application.objects.get(pk=draft.pk)
    draft.edition = SEED_000
    attach_missing(draft, patronat_applicant)
    filed = application_submit(
        application=Application.objects.get(pk=draft.pk), actor=patronat_applicant
    )
    assert filed.edition == SEED_000
    assert not missing_documents(filed)


def test_a_filed_application_shows_its_own_editions_documents(
    client, patronat_applicant, patronat_office, patronat_clerk
):
    draft = draft_for(patronat_applicant, patronat_office)
    for code in ("application", "health_certificate", "dispensary_certificates"):
        attachment_add(application=draft, item=code, upload=pdf_upload(), actor=patronat_applicant)
    attachment_add(
        application=draft,
        item="education_information",
        upload=pdf_upload(),
        actor=patronat_applicant,
    )
    filed = application_submit(
        application=draft, actor=patronat_applicant, accepted_at=at(date(2023, 6, 5))
    )
    assert filed.edition == SEED_001
    client.force_login(patronat_clerk)
    html = client.get(f"/ru/office/{filed.pk}/").content.decode()
    with override("ru"):
        information = str(PATRONAT.item_title("education_information"))
        diploma = str(PATRONAT.item_title("education_diploma"))
    assert information in html
    assert diploma not in html


def test_a_draft_shows_the_documents_of_the_edition_its_filing_would_take(
    client, patronat_applicant, patronat_office
):
    draft = draft_for(patronat_applicant, patronat_office)
    Application.objects.filter(pk=draft.pk).update(edition=SEED_001)  # drafted back then
    client.force_login(patronat_applicant)
    html = client.get(f"/ru/cabinet/{draft.pk}/").content.decode()
    with override("ru"):
        information = str(PATRONAT.item_title("education_information"))
        diploma = str(PATRONAT.item_title("education_diploma"))
    assert diploma in html
    assert information not in html


def test_a_service_with_two_editions_of_different_checklists():
    """The registry itself: each edition's checklist (empty: the service's) by the day."""
    base = PATRONAT.edition_by_code(SEED_000)
    first = replace(base, code="first", effective_from=date(2025, 1, 1), checklist=())
    second = replace(
        base,
        code="second",
        effective_from=date(2026, 3, 1),
        checklist=PATRONAT.checklist_of(SEED_001),
    )
    service = replace(PATRONAT, editions=(first, second))
    assert isinstance(service.edition_on(date(2026, 2, 28)), Edition)
    assert service.checklist_of(service.edition_on(date(2026, 2, 28))) == PATRONAT.checklist
    assert service.checklist_of(service.edition_on(date(2026, 3, 1))) == PATRONAT.checklist_of(
        SEED_001
    )
    on_day = service.checklist_for({}, Channel.PORTAL, service.edition_on(date(2026, 3, 2)))
    assert "education_information" in codes(on_day)
    assert "education_information" not in codes(service.checklist_for({}, Channel.PORTAL, "first"))
