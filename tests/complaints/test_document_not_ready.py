"""Issue #13, finding 3, for complaints: a receipt that cannot be rendered yet is a
translated 503 page, never a 500."""

import pytest

from tests.documents.test_not_ready import assert_not_ready, broken_renderer  # noqa: F401

from .conftest import file

pytestmark = pytest.mark.django_db


def test_a_complaint_document_that_cannot_be_rendered_is_a_503(
    client,
    world,
    broken_renderer,  # noqa: F811
):
    complaint = file(world)
    client.force_login(world.applicant)
    response = client.get(f"/ru/complaints/{complaint.pk}/documents/complaint_receipt/ru/")
    assert_not_ready(response, "ru")
    broken_renderer.undo()
    assert client.get(response.wsgi_request.path).status_code == 200
