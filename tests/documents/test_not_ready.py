"""Issue #13, finding 3: a document whose rendering fails gave a 500. Now: a translated
503 page (retry later), nothing stored, and the next download issues it."""

import pytest
from django.utils import translation

from documents.models import IssuedDocument
from tests.applications.test_views import submitted_application

pytestmark = pytest.mark.django_db

MESSAGE = (
    "The document could not be prepared just now. The portal will prepare it again; try to"
    " download it in a few minutes. Nothing is lost."
)


@pytest.fixture
def broken_renderer(monkeypatch):
    def fail(**kwargs):
        raise OSError("no space left on device")

    monkeypatch.setattr("documents.actions.render_pdf", fail)
    return monkeypatch


def assert_not_ready(response, language):
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    with translation.override(language):
        assert translation.gettext(MESSAGE) in response.content.decode()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_an_application_document_that_cannot_be_rendered_is_a_503(
    client, patronat_applicant, patronat_office, broken_renderer, language
):
    application = submitted_application(patronat_applicant, patronat_office)  # not rendered yet
    client.force_login(patronat_applicant)
    path = f"/{language}/cabinet/{application.pk}/documents/acceptance_receipt/{language}/"
    assert_not_ready(client.get(path), language)
    assert not IssuedDocument.objects.exists()
    broken_renderer.undo()
    response = client.get(path)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
