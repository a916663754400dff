"""Row locks under real concurrency: PostgreSQL only (SQLite has no row locks).

Each thread has its own database connection; a barrier makes them act at the same
moment."""

import pytest
from django.db import connection

from applications.actions import (
    application_submit,
    application_transition,
    attachment_add,
    missing_documents,
)
from applications.errors import ApplicationActionError
from applications.models import Application, ApplicationEvent
from tests.concurrency import run_together
from tests.factories import ClerkFactory
from tests.files import pdf_upload
from tests.patronat import draft_for

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs these)"
    ),
]


def ready_draft(applicant, office):
    draft = draft_for(applicant, office)
    for item in missing_documents(draft):
        attachment_add(application=draft, item=item.code, upload=pdf_upload(), actor=applicant)
    return draft


def test_simultaneous_submissions_get_distinct_consecutive_numbers(
    patronat_applicant, patronat_office
):
    drafts = [ready_draft(patronat_applicant, patronat_office) for _ in range(6)]
    results = run_together(
        *[
            lambda d=d: application_submit(application=d, actor=patronat_applicant).number
            for d in drafts
        ]
    )
    assert all(isinstance(r, str) for r in results), results
    numbers = sorted(results)
    assert len(set(numbers)) == 6
    assert [int(n.rsplit("-", 1)[1]) for n in numbers] == [1, 2, 3, 4, 5, 6]


def test_two_clerks_acting_at_once_one_wins_and_nothing_is_half_done(
    patronat_applicant, patronat_office, patronat_clerk
):
    application = application_submit(
        application=ready_draft(patronat_applicant, patronat_office), actor=patronat_applicant
    )
    colleague = ClerkFactory(organisation=patronat_office)
    results = run_together(
        lambda: application_transition(
            application=Application.objects.get(pk=application.pk),
            action="accept_documents",
            actor=patronat_clerk,
            expected_state="completeness_check",
        ),
        lambda: application_transition(
            application=Application.objects.get(pk=application.pk),
            action="refuse_to_accept",
            actor=colleague,
            expected_state="completeness_check",
            reason="жоқ",
            data={"missing": ["education_diploma"]},
        ),
    )
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1, results
    assert isinstance(errors[0], ApplicationActionError)
    final = Application.objects.get(pk=application.pk)
    winner = next(r for r in results if not isinstance(r, Exception))
    assert final.state == winner.state
    transitions = ApplicationEvent.objects.filter(
        application=application, from_state="completeness_check"
    )
    assert transitions.count() == 1


def test_double_submit_at_the_same_moment_files_once(patronat_applicant, patronat_office):
    draft = ready_draft(patronat_applicant, patronat_office)
    results = run_together(
        lambda: application_submit(
            application=Application.objects.get(pk=draft.pk), actor=patronat_applicant
        ),
        lambda: application_submit(
            application=Application.objects.get(pk=draft.pk), actor=patronat_applicant
        ),
    )
    assert sum(not isinstance(r, Exception) for r in results) == 1, results
    assert ApplicationEvent.objects.filter(application=draft, action="submit").count() == 1
    assert Application.objects.filter(number__isnull=False).count() == 1
