"""Checking an uploaded scan by what it is, not by what it is called.

Only PDF, JPEG and PNG are accepted, recognised by their first bytes and then opened
(pypdf, Pillow) to prove they are whole: a renamed .exe, a truncated PDF or a
decompression bomb is refused with a message the applicant understands.

PDFs with active content (scripts, actions run on opening, launch actions, attached
files) and files that are also a web page (PDF/HTML polyglots) are refused, not
re-written: a re-written file would no longer be the document the applicant sent
(nor match its checksum), a cleaner can miss a construct, and a scan of a paper
document never needs any of it. The message says how to send a clean copy.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
SIGNATURES = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG))
# HEIF/HEIC photos (iPhones, some Android phones): an ISO-BMFF "ftyp" box with one of
# these brands. Not accepted (offices cannot open them), but recognised to say how.
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}

# Markup a browser would run if it ever took the file for a web page. Long enough
# tokens that the random bytes of compressed data practically never spell them.
HTML_MARKERS = re.compile(rb"<(?:script|html|iframe|body|!doctype\s+html)[\s/>]", re.IGNORECASE)

# Dictionary keys that make a PDF act by itself: scripts, additional-actions (on
# opening a page, a field...), launching programs, attached files, XFA forms, media.
PDF_ACTIVE_KEYS = {
    "/JavaScript",
    "/JS",
    "/AA",
    "/Launch",
    "/EmbeddedFiles",
    "/EmbeddedFile",
    "/RichMedia",
    "/XFA",
}
# Action types that run something, send data or open other files.
PDF_ACTIVE_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/ImportData",
    "/SubmitForm",
    "/GoToR",
    "/GoToE",
    "/RichMediaExecute",
    "/Rendition",
    "/Sound",
    "/Movie",
}
# Objects looked at in one PDF at most (a scan of 30 pages has a few hundred).
PDF_MAX_OBJECTS = 200_000

EMPTY_FILE_MESSAGE = _(
    "The file is empty (0 bytes): it was not saved or copied completely. Open it on your device to check it, save or scan it again and attach it."
)


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    size: int
    pages: int
    sha256: str


def sniff(head: bytes) -> str | None:
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Return what the file is, or raise ValidationError with a translated message."""
    max_bytes = settings.UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _(
                "The file is %(size)s; the largest accepted is %(max)s. Scan at a lower resolution or as PDF."
            ),
            code="too_large",
            params={"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
        )
    if upload.size == 0:
        raise ValidationError(EMPTY_FILE_MESSAGE, code="empty")
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    content_type = sniff(data[:16])
    if content_type is None and is_heif(data[:32]):
        raise ValidationError(
            _(
                "This photo is in HEIC format, which the office cannot open. Send it as JPEG: on an iPhone choose Settings → Camera → Formats → Most Compatible and take the photo again; on Android turn off HEIF in the camera settings. Or scan the document as PDF."
            ),
            code="heic",
        )
    if content_type is None:
        raise ValidationError(
            _("Only PDF, JPEG and PNG files are accepted, and this file is none of them."),
            code="wrong_type",
        )
    if HTML_MARKERS.search(data):
        raise ValidationError(
            _(
                "The file also contains the code of a web page and is not accepted for safety. Scan or photograph the document again and attach the new file."
            ),
            code="polyglot",
        )
    pages = _check_pdf(data) if content_type == PDF else _check_image(data, content_type)
    return CheckedUpload(
        content_type=content_type,
        size=len(data),
        pages=pages,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def is_heif(head: bytes) -> bool:
    return head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS


def _check_pdf(data: bytes) -> int:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    damaged = ValidationError(
        _("The PDF file is damaged and cannot be opened. Save or scan it again."), code="corrupt"
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise ValidationError(
                    _("The PDF file is password-protected. Attach it without a password."),
                    code="encrypted",
                )
            pages = len(reader.pages)
            if pages:
                reader.pages[0].mediabox  # noqa: B018 — touching the page proves its object is readable
            active = pdf_active_content(reader)
            if active:
                raise ValidationError(
                    _(
                        "The PDF file contains scripts, automatic actions or attached files, which are not accepted for safety. Print it to a new PDF (Print → Save as PDF) or scan the paper document, and attach that file."
                    ),
                    code="active_content",
                )
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError):
        raise damaged from None
    if pages == 0:
        raise damaged
    if pages > settings.UPLOAD_MAX_PDF_PAGES:
        raise ValidationError(
            _("The PDF has %(pages)s pages; at most %(max)s are accepted for one document."),
            code="too_many_pages",
            params={"pages": pages, "max": settings.UPLOAD_MAX_PDF_PAGES},
        )
    return pages


def pdf_active_content(reader) -> str | None:
    """The first active construct found in the objects the document reaches from its
    trailer (catalogue, pages, annotations, form fields, name trees), or None.
    pypdf resolves object streams and decodes escaped names (``/J#61vaScript``), so a
    construct cannot hide from this walk the way it hides from a byte search. Stream
    contents are not decoded: only their dictionaries are looked at."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    stack: list = [reader.trailer]
    looked_at = 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            if (node.idnum, node.generation) in seen:
                continue
            seen.add((node.idnum, node.generation))
            node = node.get_object()
        looked_at += 1
        if looked_at > PDF_MAX_OBJECTS:
            raise ValueError("too many objects to check")  # judged damaged by the caller
        if isinstance(node, DictionaryObject):
            found = _active_in_dictionary(node)
            if found:
                return found
            stack.extend(dict.values(node))  # unresolved: indirect objects stay references
        elif isinstance(node, ArrayObject):
            stack.extend(list.__iter__(node))  # unresolved, as above
    return None


def _resolved(node, key: str):
    """node[key] with an indirect reference followed (dict.get would not follow it)."""
    return node[key] if key in node else None  # noqa: SIM401 — dict.get returns the raw reference


def _active_in_dictionary(node) -> str | None:
    from pypdf.generic import ArrayObject, DictionaryObject

    active_keys = PDF_ACTIVE_KEYS.intersection(node.keys())
    if active_keys:
        return sorted(active_keys)[0]
    action = _resolved(node, "/S")
    if action in PDF_ACTIVE_ACTIONS:
        return str(action)
    uri = _resolved(node, "/URI")
    if uri is not None and str(uri).strip().lower().startswith(("javascript:", "data:")):
        return "/URI javascript"
    if "/OpenAction" in node:
        # Opening at a page (a destination, or a GoTo action) is harmless and what
        # some scanner software writes; any other action on opening is refused.
        opening = node["/OpenAction"]
        is_goto = (
            isinstance(opening, DictionaryObject) and "/S" in opening and opening["/S"] == "/GoTo"
        )
        if not isinstance(opening, ArrayObject) and not is_goto:
            return "/OpenAction"
    return None


@contextmanager
def _strict_image_loading():
    """WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES globally on import, which would let
    a half-sent photo through as grey pixels; judge uploads strictly regardless."""
    from PIL import ImageFile

    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous


def _check_image(data: bytes, content_type: str) -> int:
    from PIL import Image

    damaged = ValidationError(
        _("The image is damaged and cannot be opened. Take the photo or scan again."),
        code="corrupt",
    )
    max_pixels = settings.UPLOAD_MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings(), _strict_image_loading():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > max_pixels:
                    raise _too_many_pixels(width, height)
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # verify() does not decode the pixels; a truncated file fails here
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(0, 0) from None
    except (OSError, SyntaxError, ValueError):
        raise damaged from None
    return 1


def _too_many_pixels(width: int, height: int) -> ValidationError:
    return ValidationError(
        _(
            "The image is too large in pixels (at most %(max)s megapixels). Take the photo at a lower resolution."
        ),
        code="too_many_pixels",
        params={"max": settings.UPLOAD_MAX_IMAGE_PIXELS // 1_000_000},
    )
