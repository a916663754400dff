"""Documents are acts of their event: dated by it and printing what was chosen in the
reader's language, however late, often or in whichever language they are rendered."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps as django_apps
from django.utils import translation
from django.utils.translation import gettext

from applications.actions import application_submit, application_transition
from applications.models import Application, ApplicationEvent
from applications.result_documents import (
    deferred_issuing,
    document_event,
    issue_document,
    issue_pending_documents,
)
from guardianship_portal.core.kzdates import long_date
from tests.applications.conftest import draft_for
from tests.patronat import attach_every_scan
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db
ALMATY = ZoneInfo("Asia/Almaty")
ACCEPTED = datetime(2026, 8, 31, 11, 0, tzinfo=ALMATY)  # a Monday, a working day in 2026
REFUSED = datetime(2026, 9, 2, 16, 30, tzinfo=ALMATY)


def heading(text: str) -> str:
    """The title and the "No. … of <date>" line come first."""
    return text[:400]


def filed_in_the_past(applicant, office, clerk, language="kk"):
    draft = attach_every_scan(draft_for(applicant, office, language=language), applicant)
    with deferred_issuing():  # as the demo does: nothing rendered at the transition
        return application_submit(application=draft, actor=applicant, accepted_at=ACCEPTED)


def refused_in_the_past(application, clerk):
    with deferred_issuing():
        return application_transition(
            application=application,
            action="refuse",
            actor=clerk,
            expected_state="completeness_check",
            reason="Анықтама жалған",
            data={"ground": "family_code_restriction"},
            at=REFUSED,
        )


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_receipt_rendered_months_later_is_dated_by_the_acceptance(
    language, patronat_applicant, patronat_office, patronat_clerk
):
    application = filed_in_the_past(patronat_applicant, patronat_office, patronat_clerk)
    document = issue_document(application=application, kind="acceptance_receipt", language=language)
    text = pdf_text(document)
    accepted = " ".join(long_date(ACCEPTED.date(), language).split())
    assert accepted in heading(text), heading(text)
    rendered_on = document.issued_at.astimezone(ALMATY).date()
    assert rendered_on != ACCEPTED.date()  # it really was rendered later
    assert " ".join(long_date(rendered_on, language).split()) not in text


def test_both_languages_print_the_same_act(patronat_applicant, patronat_office, patronat_clerk):
    application = refused_in_the_past(
        filed_in_the_past(patronat_applicant, patronat_office, patronat_clerk), patronat_clerk
    )
    kk = issue_document(application=application, kind="motivated_refusal", language="kk")
    ru = issue_document(application=application, kind="motivated_refusal", language="ru")
    assert kk.number == ru.number
    for document, language in ((kk, "kk"), (ru, "ru")):
        text = pdf_text(document)
        assert " ".join(long_date(REFUSED.date(), language).split()) in heading(text)
        with translation.override(language):
            ground = gettext(
                "The Marriage and Family Code does not allow the applicant to take a child (illness from the approved list, criminal record, registration at a narcological or psychiatric dispensary)."
            )
        assert " ".join(ground.split()) in text
        assert "family_code_restriction" not in text
    # Issuing again returns the same act, not a new one.
    again = issue_document(application=application, kind="motivated_refusal", language="ru")
    assert again.pk == ru.pk


def test_the_refusal_is_dated_by_the_refusal_even_after_later_events(
    patronat_applicant, patronat_office, patronat_clerk
):
    application = refused_in_the_past(
        filed_in_the_past(patronat_applicant, patronat_office, patronat_clerk), patronat_clerk
    )
    # Something happens later (an assignment): the refusal's event stays the refusal.
    ApplicationEvent.objects.create(
        application=application, actor=patronat_clerk, action="assigned"
    )
    event = document_event(application, "motivated_refusal")
    assert event is not None and event.action == "refuse" and event.at == REFUSED
    issued = issue_pending_documents(application)
    assert {d.kind for d in issued} == {"acceptance_receipt", "motivated_refusal"}
    refusal = next(d for d in issued if d.kind == "motivated_refusal")
    assert refusal.issued_by == patronat_clerk
    assert " ".join(long_date(REFUSED.date(), "kk").split()) in heading(pdf_text(refusal))


def test_stored_ground_texts_are_mapped_back_to_codes(patronat_applicant, patronat_office):
    """The data migration: a ground stored as a clerk's Russian text becomes its code; a
    text that is no ground's stays as typed."""
    from importlib import import_module

    forwards = import_module("applications.migrations.0004_refusal_ground_codes").forwards
    with translation.override("ru"):
        russian = gettext("False documents or data, or documents with substituted data.")
    mapped = draft_for(patronat_applicant, patronat_office, refusal_ground=russian)
    ApplicationEvent.objects.create(application=mapped, action="refuse", data={"ground": russian})
    unknown = draft_for(patronat_applicant, patronat_office, refusal_ground="Өзге себеп")
    forwards(django_apps, None)
    assert Application.objects.get(pk=mapped.pk).answers["refusal_ground"] == "false_documents"
    assert ApplicationEvent.objects.get(application=mapped, action="refuse").data == {
        "ground": "false_documents"
    }
    assert Application.objects.get(pk=unknown.pk).answers["refusal_ground"] == "Өзге себеп"
