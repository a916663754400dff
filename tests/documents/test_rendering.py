"""Rendering PDFs (Kazakh letters survive, nothing is fetched from outside) and the register
of issued documents (idempotent, immutable, verifiable by code)."""

import base64
import hashlib
import html
import io

import pytest
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from documents.actions import document_issue
from documents.models import IssuedDocument
from documents.rendering import ForbiddenResource, render_pdf, static_only_fetcher
from tests.factories import OrganisationFactory
from tests.files import make_png

KAZAKH_LETTERS = "әғқңөұүһі"
TINY = """<!doctype html><html lang="{{ language }}"><head><meta charset="utf-8">
<style>body { font-family: "DejaVu Sans", sans-serif; }</style>
{% if stylesheet %}<link rel="stylesheet" href="{{ stylesheet }}">{% endif %}</head>
<body><p>{{ text }}</p><p>lang={{ language }}</p>{% if image %}<img src="{{ image }}" alt="">{% endif %}</body></html>"""


def pdf_reader(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in pdf_reader(data).pages).split())


def image_count(data: bytes) -> int:
    return sum(len(page.images) for page in pdf_reader(data).pages)


@pytest.fixture
def tiny_template(settings):
    """A one-off template next to the project's own (which the layout and the verify page need)."""
    settings.TEMPLATES = [
        {
            "NAME": "tiny",
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [("django.template.loaders.locmem.Loader", {"tiny.html": TINY})]
            },
        },
        *settings.TEMPLATES,
    ]
    return "tiny.html"


# -- render_pdf ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_kazakh_letters_survive_the_round_trip(tiny_template, language):
    text = f"Қазақ әріптері: {KAZAKH_LETTERS} {KAZAKH_LETTERS.upper()}"
    data = render_pdf(template=tiny_template, context={"text": text}, language=language)
    extracted = pdf_text(data)
    assert KAZAKH_LETTERS in extracted
    assert KAZAKH_LETTERS.upper() in extracted
    assert f"lang={language}" in extracted


def test_a_data_url_image_is_embedded(tiny_template):
    image = "data:image/png;base64," + base64.b64encode(make_png()).decode()
    data = render_pdf(template=tiny_template, context={"text": "QR", "image": image}, language="kk")
    assert image_count(data) == 1


def test_outside_urls_are_not_fetched_and_do_not_break_the_document(tiny_template):
    """An http:// image or stylesheet (say, from a name typed by an applicant) is refused by
    the fetcher; the document is still produced, without it."""
    context = {
        "text": "ok",
        "image": "http://127.0.0.1:9/x.png",
        "stylesheet": "http://127.0.0.1:9/x.css",
    }
    data = render_pdf(template=tiny_template, context=context, language="kk")
    assert "ok" in pdf_text(data)
    assert image_count(data) == 0


# -- static_only_fetcher ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://example.com/style.css",
        "ftp://example.com/x",
        "file:///etc/passwd",
        "/etc/passwd",
        "file:///work/main/manage.py",
        "/static/no-such-file.css",
    ],
)
def test_the_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(ForbiddenResource):
        static_only_fetcher(url)


def test_the_fetcher_refuses_climbing_out_of_static():
    # The staticfiles finders refuse the path themselves (SuspiciousFileOperation).
    with pytest.raises((ForbiddenResource, SuspiciousFileOperation)):
        static_only_fetcher("/static/../../../../etc/passwd")


@pytest.mark.parametrize("url", ["/static/css/portal.css", "file:///static/css/portal.css"])
def test_the_fetcher_serves_static_files(url):
    resource = static_only_fetcher(url)
    assert resource["mime_type"] == "text/css"
    assert resource["string"]


def test_the_fetcher_serves_data_urls():
    png = make_png()
    resource = static_only_fetcher("data:image/png;base64," + base64.b64encode(png).decode())
    assert resource == {"string": png, "mime_type": "image/png"}
    plain = static_only_fetcher("data:text/plain;charset=utf-8,%D2%9B%D0%B0%D0%B7%D0%B0%D2%9B")
    assert plain == {"string": "қазақ".encode(), "mime_type": "text/plain"}


# -- document_issue and the register -------------------------------------------------------


def issue(owner, *, language="kk", number="TEST-2026-000001/X"):
    return document_issue(
        owner=owner,
        kind="test_document",
        language=language,
        number=number,
        title="Сынақ құжаты",
        template="documents/layout.html",
        context={"organisation_name": "Көкшетау қаласының білім бөлімі"},
        holder_name="Сейітова Айгүл Бауыржанқызы",
        issuer_name="Көкшетау қаласының білім бөлімі",
    )


@pytest.mark.django_db
def test_issuing_twice_returns_the_same_document():
    owner = OrganisationFactory()
    first = issue(owner)
    second = issue(owner)
    assert second.pk == first.pk
    assert second.verification_code == first.verification_code
    assert IssuedDocument.objects.count() == 1
    with first.file.open("rb") as handle:
        data = handle.read()
    assert hashlib.sha256(data).hexdigest() == first.sha256
    assert first.size == len(data)
    text = pdf_text(data)
    assert "Көкшетау қаласының білім бөлімі" in text
    assert first.verification_code in text
    assert first.holder_masked == "Сейітова А. Б."


@pytest.mark.django_db
def test_the_other_language_is_another_document_with_the_same_number():
    owner = OrganisationFactory()
    kk = issue(owner, language="kk")
    ru = issue(owner, language="ru")
    assert kk.pk != ru.pk
    assert kk.number == ru.number
    assert kk.verification_code != ru.verification_code


@pytest.mark.django_db
def test_an_issued_document_cannot_be_changed_or_deleted():
    document = issue(OrganisationFactory())
    document.title = "Басқа"
    with pytest.raises(ValidationError):
        document.save()
    with pytest.raises(ValidationError):
        document.delete()
    stored = IssuedDocument.objects.get(pk=document.pk)
    assert stored.title == "Сынақ құжаты"


# -- public verification ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_verification_page_shows_the_document(client):
    document = issue(OrganisationFactory())
    for code in (document.verification_code, document.verification_code.lower()):
        response = client.get(f"/kk/verify/{code}/")
        assert response.status_code == 200
        page = html.unescape(response.content.decode())
        assert 'data-testid="verified"' in page
        assert document.number in page
        assert "Сейітова А. Б." in page
        assert "Бауыржанқызы" not in page  # the holder's name is masked
        assert document.sha256 in page


@pytest.mark.django_db
def test_an_unknown_code_is_a_404_with_a_clear_message(client):
    issue(OrganisationFactory())
    response = client.get("/kk/verify/ZZZZZZZZZZ/")
    assert response.status_code == 404
    page = html.unescape(response.content.decode())
    assert 'data-testid="not-verified"' in page
    with translation.override("kk"):
        message = gettext(
            "No document with the code %(code)s was issued by the portal. Check the code on the paper."
        )
    assert message % {"code": "ZZZZZZZZZZ"} in page
