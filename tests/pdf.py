"""A PDF's text as a reader reads it, for tests that check what a document says.

The documents' layout (templates/documents/layout.html) prints the number, the page
counter and, on the last page, the verification block in the bottom page margin. Read
page by page, that footer would land in the middle of a sentence that runs on to the next
page; so the text of every page's body comes first, in order, then the footers. Whitespace
is collapsed: pypdf breaks lines where the PDF does.
"""

import io

from pypdf import PdfReader

# The bottom page margin of layout.html's @page (34 mm) in PDF points, less a little: any
# text drawn lower than this is the footer.
FOOTER_TOP = 34 / 25.4 * 72 - 4


def _page_parts(page) -> tuple[str, str]:
    body: list[str] = []
    footer: list[str] = []

    def visit(text, cm, tm, font, size):
        # The text's baseline in page space: the text matrix then the current matrix.
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        (footer if y < FOOTER_TOP else body).append(text)

    page.extract_text(visitor_text=visit)
    return "".join(body), "".join(footer)


def pdf_text(source) -> str:
    """``source``: the PDF's bytes, or a Document (or anything with ``file``)."""
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
    else:
        with source.file.open("rb") as handle:
            data = handle.read()
    parts = [_page_parts(page) for page in PdfReader(io.BytesIO(data)).pages]
    text = " ".join([body for body, _ in parts] + [footer for _, footer in parts])
    return " ".join(text.split())
