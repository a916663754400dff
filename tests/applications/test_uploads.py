"""Uploads are judged by content: type, size, pages, pixels, integrity."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from PIL import Image

from applications.uploads import check_upload
from tests.files import make_jpeg, make_pdf, make_png


def upload(
    data: bytes, name: str = "scan.pdf", content_type: str = "application/pdf"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.mark.parametrize(
    ("data", "expected_type"),
    [(make_pdf(2), "application/pdf"), (make_jpeg(), "image/jpeg"), (make_png(), "image/png")],
    ids=["pdf", "jpeg", "png"],
)
def test_accepted_kinds(data, expected_type):
    checked = check_upload(upload(data))
    assert checked.content_type == expected_type
    assert checked.size == len(data)
    assert len(checked.sha256) == 64


def test_pdf_pages_are_counted():
    assert check_upload(upload(make_pdf(3))).pages == 3


def error_code(data: bytes, **kwargs) -> str:
    with pytest.raises(ValidationError) as raised:
        check_upload(upload(data, **kwargs))
    return raised.value.code


def test_the_name_does_not_matter_only_the_content():
    # An executable renamed to .pdf and sent as application/pdf is refused.
    assert error_code(b"MZ\x90\x00" + b"\x00" * 200, name="passport.pdf") == "wrong_type"
    # A real PNG named .pdf is accepted as the PNG it is.
    assert check_upload(upload(make_png(), name="passport.pdf")).content_type == "image/png"


def test_corrupt_pdf_is_refused():
    whole = make_pdf(1)
    assert error_code(whole[: len(whole) // 3]) == "corrupt"
    assert error_code(b"%PDF-1.7\n garbage that is not a pdf at all") == "corrupt"


def test_truncated_image_is_refused():
    import weasyprint  # noqa: F401 — sets Pillow's LOAD_TRUNCATED_IMAGES; must not matter

    jpeg = make_jpeg((400, 300))
    assert error_code(jpeg[: len(jpeg) // 2], name="photo.jpg") == "corrupt"


def test_empty_file_is_refused():
    assert error_code(b"") == "empty"


def test_forty_megabyte_photo_is_refused_before_it_is_read():
    big = SimpleUploadedFile(
        "photo.jpg", b"\xff\xd8\xff" + b"\x00" * (40 * 1024 * 1024), content_type="image/jpeg"
    )
    with pytest.raises(ValidationError) as raised:
        check_upload(big)
    assert raised.value.code == "too_large"


@override_settings(UPLOAD_MAX_IMAGE_PIXELS=1_000_000)
def test_too_many_pixels_is_refused():
    buffer = io.BytesIO()
    Image.new("L", (2000, 1000)).save(buffer, "PNG")
    assert error_code(buffer.getvalue(), name="huge.png") == "too_many_pixels"


@override_settings(UPLOAD_MAX_PDF_PAGES=2)
def test_too_many_pages_is_refused():
    assert error_code(make_pdf(3)) == "too_many_pages"


def test_encrypted_pdf_is_refused():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(1))))
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert error_code(buffer.getvalue()) == "encrypted"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_messages_are_in_the_users_language(language):
    with translation.override(language):
        with pytest.raises(ValidationError) as raised:
            check_upload(upload(b"not a document", name="x.pdf"))
        expected = translation.gettext(
            "Only PDF, JPEG and PNG files are accepted, and this file is none of them."
        )
        assert raised.value.messages == [expected]
