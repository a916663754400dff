"""Issue #13, findings 5 and 8: PDFs with active content and PDF/HTML polyglots were
accepted; an empty file and a phone's HEIC photo got messages that did not help."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from applications.models import Attachment
from applications.uploads import check_upload
from tests.files import make_jpeg, make_pdf, make_png


def check(data: bytes, name: str = "scan.pdf"):
    return check_upload(SimpleUploadedFile(name, data, content_type="application/pdf"))


def refusal(data: bytes, name: str = "scan.pdf") -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        check(data, name)
    return raised.value


def written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def one_page() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return writer


def action(kind: str, **entries) -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Action"),
            NameObject("/S"): NameObject(kind),
            **{NameObject(f"/{key}"): value for key, value in entries.items()},
        }
    )


def with_open_action(value) -> bytes:
    writer = one_page()
    writer._root_object[NameObject("/OpenAction")] = value
    return written(writer)


def with_link_annotation(link_action: DictionaryObject) -> bytes:
    writer = one_page()
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (10, 10, 100, 100)]),
            NameObject("/A"): link_action,
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    return written(writer)


def javascript_document() -> bytes:
    """A document-level script in the catalogue's name tree (run when the file opens)."""
    writer = one_page()
    script = writer._add_object(action("/JavaScript", JS=TextStringObject("app.alert('hi');")))
    names = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("greeting"), script])}
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): writer._add_object(names)}
    )
    return written(writer)


def open_action_javascript() -> bytes:
    return with_open_action(action("/JavaScript", JS=TextStringObject("app.alert(1)")))


def launch_link() -> bytes:
    return with_link_annotation(action("/Launch", F=TextStringObject("cmd.exe")))


def embedded_file() -> bytes:
    writer = one_page()
    writer.add_attachment("invoice.exe", b"MZ\x90\x00 not really a program")
    return written(writer)


def page_additional_action() -> bytes:
    writer = one_page()
    writer.pages[0][NameObject("/AA")] = DictionaryObject(
        {NameObject("/O"): action("/JavaScript", JS=TextStringObject("app.alert(2)"))}
    )
    return written(writer)


def javascript_uri_link() -> bytes:
    return with_link_annotation(action("/URI", URI=TextStringObject("javascript:alert(1)")))


def escaped_name_link() -> bytes:
    """/J#61vaScript is /JavaScript for a PDF reader; a byte search would not see it."""
    data = with_link_annotation(action("/JavaScriptXX", JS=TextStringObject("app.alert(3)")))
    data = data.replace(b"/JS ", b"/Jx ")  # only the escaped action type gives it away
    assert data.count(b"/JavaScriptXX") == 1
    return data.replace(b"/JavaScriptXX", b"/J#61vaScript")


@pytest.mark.parametrize(
    "make",
    [
        javascript_document,
        open_action_javascript,
        launch_link,
        embedded_file,
        page_additional_action,
        javascript_uri_link,
        escaped_name_link,
    ],
)
def test_pdfs_with_active_content_are_refused(make):
    assert refusal(make()).code == "active_content"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_refusal_says_how_to_send_a_clean_copy(language):
    with translation.override(language):
        expected = translation.gettext(
            "The PDF file contains scripts, automatic actions or attached files, which are not accepted for safety. Print it to a new PDF (Print → Save as PDF) or scan the paper document, and attach that file."
        )
        assert refusal(open_action_javascript()).messages == [expected]


def test_opening_at_a_page_and_ordinary_links_are_fine():
    writer = one_page()
    page = writer.pages[0].indirect_reference
    writer._root_object[NameObject("/OpenAction")] = ArrayObject([page, NameObject("/Fit")])
    assert check(written(writer)).pages == 1
    link = with_link_annotation(action("/URI", URI=TextStringObject("https://egov.kz/")))
    assert check(link).pages == 1


@pytest.mark.parametrize(
    "data",
    [
        make_pdf() + b"\n<html><body><script>alert(document.cookie)</script></body></html>\n",
        make_pdf().replace(b"%PDF-1.3\n", b"%PDF-1.3\n%<!DOCTYPE html><iframe src=x>\n", 1),
        make_jpeg() + b"<script>alert(1)</script>",
        make_png() + b"<HTML><SCRIPT>alert(1)</SCRIPT>",
    ],
    ids=["pdf-html-appended", "pdf-html-in-comment", "jpeg-html", "png-html"],
)
def test_polyglots_are_refused(data):
    assert refusal(data).code == "polyglot"


def heic_photo() -> bytes:
    # The start of an iPhone photo: an ISO-BMFF "ftyp" box of brand heic.
    return b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 500


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_heic_photo_is_told_how_to_send_it_as_jpeg(language):
    with translation.override(language):
        error = refusal(heic_photo(), name="IMG_0001.HEIC")
        assert error.code == "heic"
        assert "JPEG" in error.messages[0]
        assert error.messages[0] == translation.gettext(
            "This photo is in HEIC format, which the office cannot open. Send it as JPEG: on an iPhone choose Settings → Camera → Formats → Most Compatible and take the photo again; on Android turn off HEIF in the camera settings. Or scan the document as PDF."
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "msgid"),
    [
        (
            b"",
            "The file is empty (0 bytes): it was not saved or copied completely. Open it on your device to check it, save or scan it again and attach it.",
        ),
        (
            heic_photo(),
            "This photo is in HEIC format, which the office cannot open. Send it as JPEG: on an iPhone choose Settings → Camera → Formats → Most Compatible and take the photo again; on Android turn off HEIF in the camera settings. Or scan the document as PDF.",
        ),
    ],
    ids=["empty", "heic"],
)
def test_the_upload_page_shows_the_reason(client, patronat_applicant, patronat_draft, data, msgid):
    """An empty file got "Choose a file to attach."."""
    client.force_login(patronat_applicant)
    response = client.post(
        f"/ru/cabinet/{patronat_draft.pk}/upload/",
        {"item": "identity_document", "file": SimpleUploadedFile("photo.jpg", data, "image/jpeg")},
        follow=True,
    )
    with translation.override("ru"):
        expected = translation.gettext(msgid)
    # Shown in the page's error summary, linked to the document's file input.
    assert response.status_code == 400
    assert response.context["errors"] == [("file-identity_document", expected)]
    assert not Attachment.objects.filter(application=patronat_draft).exists()
