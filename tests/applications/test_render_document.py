"""The staff command writes any due document of an application to a file."""

import io

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from applications.actions import application_submit, attachment_add, missing_documents
from applications.result_documents import deferred_issuing
from tests.files import pdf_upload
from tests.patronat import draft_for

pytestmark = pytest.mark.django_db


def test_writes_a_due_document_even_before_it_was_rendered(
    patronat_applicant, patronat_office, tmp_path
):
    draft = draft_for(patronat_applicant, patronat_office)
    for item in missing_documents(draft):
        attachment_add(
            application=draft, item=item.code, upload=pdf_upload(), actor=patronat_applicant
        )
    with deferred_issuing():
        application = application_submit(application=draft, actor=patronat_applicant)
    target = tmp_path / "receipt.pdf"
    out = io.StringIO()
    call_command(
        "render_document",
        application.number,
        "acceptance_receipt",
        "--lang",
        "ru",
        "-o",
        str(target),
        stdout=out,
    )
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(target)).pages).split())
    assert application.number in text
    assert "(ru)" in out.getvalue()


def test_a_kind_the_application_does_not_have_is_a_clear_error(
    patronat_applicant, patronat_office, tmp_path
):
    draft = draft_for(patronat_applicant, patronat_office)
    for item in missing_documents(draft):
        attachment_add(
            application=draft, item=item.code, upload=pdf_upload(), actor=patronat_applicant
        )
    application = application_submit(application=draft, actor=patronat_applicant)
    with pytest.raises(CommandError, match="has no 'patronat_contract'"):
        call_command(
            "render_document",
            application.number,
            "patronat_contract",
            "-o",
            str(tmp_path / "x.pdf"),
        )
    with pytest.raises(CommandError, match="no application numbered"):
        call_command(
            "render_document", "NOPE-1", "acceptance_receipt", "-o", str(tmp_path / "x.pdf")
        )
