"""HTML → PDF with WeasyPrint, in the document's language, fetching nothing from outside.

WeasyPrint is imported inside the function (start-up stays fast and a machine without
Pango still serves pages). Its URL fetcher is limited to the project's own static
files and inline data: URLs, so a name typed by an applicant can never make the server
fetch a URL.

Every PDF is PDF/A-3a (ISO 19005-3, level A): archival — fonts embedded, colours
defined, metadata in XMP — and accessible — tagged with its structure (headings,
paragraphs, tables in reading order) and its language (/Lang from the template's
``<html lang>``), which screen readers use. PDF/A rather than PDF/UA because these are
legal acts kept for years and the archive standard is what records offices accept;
level A already asks for the tagging PDF/UA is about. Part 3 rather than 2 because it
allows embedded files, where a signed act's signature data can go (issue #14).
"""

from __future__ import annotations

import base64
import functools
import mimetypes
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation


class ForbiddenResource(Exception):
    pass


def static_only_fetcher(url: str, *args, **kwargs) -> dict:
    """Serve static files and data: URLs; refuse everything else."""
    parsed = urlparse(url)
    if parsed.scheme == "data":
        header, _, payload = url[5:].partition(",")
        mime = header.split(";")[0] or "text/plain"
        raw = base64.b64decode(payload) if header.endswith(";base64") else unquote(payload).encode()
        return {"string": raw, "mime_type": mime}
    if parsed.scheme in ("", "file") and parsed.path.startswith(settings.STATIC_URL):
        relative = parsed.path[len(settings.STATIC_URL) :]
        found = finders.find(relative)
        if found:
            with open(found, "rb") as handle:
                return {"string": handle.read(), "mime_type": mimetypes.guess_type(found)[0]}
    raise ForbiddenResource(f"document rendering may not fetch {url!r}")


@functools.cache
def _fetcher_class():
    """WeasyPrint (70+) wants a URLFetcher subclass; built on first use so that
    importing this module does not import WeasyPrint."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            resource = static_only_fetcher(url)
            return URLFetcherResponse(
                url,
                resource["string"],
                {"Content-Type": resource["mime_type"] or "application/octet-stream"},
            )

    return StaticOnlyFetcher


PDF_VARIANT = "pdf/a-3a"


def render_pdf(*, template: str, context: dict, language: str) -> bytes:
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(template, {**context, "language": language})
        # A refused URL is skipped with a warning (not fatal): the document renders
        # without it, and nothing outside the project is ever fetched.
        document = HTML(string=html, base_url="file:///", url_fetcher=_fetcher_class()())
        return document.write_pdf(pdf_variant=PDF_VARIANT)


def qr_data_uri(text: str) -> str:
    import segno

    return segno.make(text, error="m").svg_data_uri(scale=3, border=1)
