"""A table row never splits over a page break (templates/documents/layout.html): on a
signed-off payment list a name on one page and its amount on the next is a defect."""

import io
from decimal import Decimal

from pypdf import PdfReader

from documents.rendering import render_pdf


def test_every_row_of_a_long_payment_list_stays_on_one_page():
    rows = [
        {
            "line": n,
            "recipient": f"Иванова Елена Петровна {n:03}",
            "iin": f"88041241{n:04}",
            "iban": f"KZ86125KZT50041{n:05}",
            "child": f"Ким Виктория Сергеевна {n:03}",
            "kind": "Ежемесячная выплата",
            "for_month": None,
            "days": 31,
            "rate": Decimal("62000"),
            "amount": Decimal("62000"),
        }
        for n in range(1, 121)
    ]
    pdf = render_pdf(
        template="documents/payments/payment_list.html",
        context={
            "document_title": "Список",
            "document_number": "KOK-EDU-2027-01/PL",
            "rows": rows,
            "summary": [],
            "register": {"total": Decimal("7440000"), "recipients": 120},
        },
        language="ru",
    )
    # A cell's text wraps: compare on single spaces.
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) > 2  # the list runs over several pages
    for row in rows:
        holding = [
            i for i, text in enumerate(pages) if row["iban"] in text or row["recipient"] in text
        ]
        assert len(holding) == 1, (row["line"], holding)
        (page,) = holding
        assert row["iban"] in pages[page] and row["child"] in pages[page]
