"""Guard: every document the portal issues is a legal act a lawyer would sign.

For every service and every document kind (and the acceptance receipt of every channel),
in kk and in ru, a demo application that reached it renders a PDF whose text, read back,
has no template placeholder or drafting instruction, no internal code, no English, no
text of the other language except what a person typed, and its event's date in its
heading. The complaint receipt and answer too. The demo data is the "fully filled"
application: it is also what `make run` shows, so it is held to the same standard.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from applications.models import Application
from applications.registry import all_services
from applications.result_documents import documents_due, issue_document
from complaints.documents import ANSWER, RECEIPT, document_date, issue_complaint_document
from complaints.models import Complaint
from guardianship_portal.core.kzdates import long_date

pytestmark = pytest.mark.django_db

LANGUAGES = ("kk", "ru")
# Template syntax left over, Python's None, or a drafting instruction of the seed form
# ("(указать условия…)", "(…көрсетілсін)") that should have been replaced by data.
LEFTOVERS = re.compile(r"\{\{|\}\}|\{%|%\}|\bNone\b|указать|указывается|көрсетілсін|verify", re.I)
SNAKE_CASE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
LATIN_WORD = re.compile(r"\b[A-Za-z][A-Za-z]{2,}\b")
CYRILLIC_WORD = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]{4,}")
URL = re.compile(r"https?://\S+")
HEADING_CHARS = 600
# Words that are the same in Kazakh and Russian official text (the seed's own kk and ru
# contracts both say "патронат"; "портал", "диплом", "сертификат", "лагерь", "кодекс" are
# the official words of both languages).
SHARED_WORDS = {"патронат", "портал", "диплом", "сертификат", "лагерь", "кодекс"}


def pdf_text(handle) -> str:
    reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def read(document, language: str, label: str, found: list[str]) -> str:
    """The document's text; what keeps it from being an archival, accessible PDF in
    ``language`` goes to ``found``."""
    with document.file.open("rb") as handle:
        data = handle.read()
    found += [f"{label}/{language}: {problem}" for problem in archival_problems(data, language)]
    return pdf_text(io.BytesIO(data))


def archival_problems(data: bytes, language: str) -> list[str]:
    """PDF/A-3a (issue #12, item 5): its XMP says part 3, conformance A; the catalogue
    says the document's language, that it is tagged, and holds the structure tree."""
    reader = PdfReader(io.BytesIO(data))
    catalogue = reader.trailer["/Root"]
    xmp = (
        catalogue["/Metadata"].get_object().get_data().decode() if "/Metadata" in catalogue else ""
    )
    problems = []
    if 'pdfaid:part="3"' not in xmp or 'pdfaid:conformance="A"' not in xmp:
        problems.append("not declared PDF/A-3a in its XMP metadata")
    if catalogue.get("/Lang") != language:
        problems.append(f"language {catalogue.get('/Lang')!r}, not {language!r}")
    if not (catalogue.get("/MarkInfo") or {}).get("/Marked") or "/StructTreeRoot" not in catalogue:
        problems.append("not tagged")
    return problems


def strings_in(value) -> Iterable[str]:
    """Every string inside answers / event data (what people typed or chose)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)


def typed_texts(application: Application) -> list[str]:
    """Text a person typed (names, addresses, findings, reasons), printed as typed in
    either language; everything else in a document must be in the document's language."""
    offices = [application.organisation, application.intake_office]
    texts = [
        application.applicant_name,
        application.applicant_address,
        # Staff type an office's address in each language; a proper name in it (a street
        # named after a person) reads the same in both.
        *(getattr(o, f"address_{lang}") for o in offices if o for lang in ("kk", "ru")),
        application.organisation.head_name,
        *strings_in(application.answers),
    ]
    for child in application.children.all():
        texts.append(child.full_name)
    # Scans are listed by the name they were uploaded with.
    texts.extend(application.attachments.values_list("original_name", flat=True))
    for event in application.events.select_related("actor"):
        texts.extend([event.reason, *strings_in(event.data)])
        if event.actor is not None:
            texts.append(event.actor.full_name)
    texts.extend(service_typed_texts(application))
    return [t for t in texts if t]


def service_typed_texts(application: Application) -> list[str]:
    """Staff-typed data of a service's own rows that documents print in one form for
    both languages (a camp's address)."""
    if application.service != "camp_voucher":
        return []
    from services.camp_voucher.models import Voucher

    voucher = Voucher.objects.select_related("shift__camp").filter(application=application).first()
    return [voucher.shift.camp.address] if voucher else []


def words(text: str) -> set[str]:
    return {w.lower() for w in CYRILLIC_WORD.findall(text)}


def without_typed(text: str, typed: list[str]) -> str:
    """The text with the verification link and everything a person typed cut out: what
    is left is the portal's own wording, which must be wholly in the document's language."""
    text = URL.sub(" ", text)
    for value in sorted({" ".join(t.split()) for t in typed if t.strip()}, key=len, reverse=True):
        text = text.replace(value, " ")
    return text


def problems_of(kk: str, ru: str, typed: list[str], event_day, label: str) -> list[str]:
    found = []
    own = {"kk": without_typed(kk, typed), "ru": without_typed(ru, typed)}
    for language, text in (("kk", kk), ("ru", ru)):
        where = f"{label} [{language}]"
        if match := LEFTOVERS.search(own[language]):
            found.append(f"{where}: leftover {match.group(0)!r}")
        for token in SNAKE_CASE.findall(own[language]):
            found.append(f"{where}: internal code {token!r}")
        english = {w for w in LATIN_WORD.findall(own[language]) if not w.isupper()}
        if english:
            found.append(f"{where}: English words {sorted(english)}")
        if event_day is not None:
            expected = long_date(event_day, language)
            if expected not in text[:HEADING_CHARS]:
                found.append(f"{where}: heading lacks the event's date {expected!r}")
    # The same act in two languages shares only what people typed (names, findings):
    # a longer word in both texts is text of one language in the other's document.
    mixed = (words(own["kk"]) & words(own["ru"])) - SHARED_WORDS
    if mixed:
        found.append(f"{label}: words in both languages {sorted(mixed)[:12]}")
    return found


def cases() -> dict[tuple[str, str, str], tuple[Application, object]]:
    """One demo application for every (service, document kind) — for the acceptance
    receipt one per channel — with the event the document is the act of."""
    wanted = {}
    for definition in all_services():
        for document in definition.result_documents:
            channels = definition.channels if document.kind == "acceptance_receipt" else ("",)
            for channel in channels:
                wanted[(definition.code, document.kind, channel)] = None
    applications = (
        Application.objects.exclude(state="draft")
        .select_related("organisation", "applicant")
        .order_by("-pk")
    )
    for application in applications.iterator():
        if all(wanted.values()):
            break
        for kind, event in documents_due(application):
            channel = application.channel if kind == "acceptance_receipt" else ""
            key = (application.service, kind, channel)
            if key in wanted and wanted[key] is None:
                wanted[key] = (application, event)
    return wanted


def test_every_document_of_the_demo_is_a_complete_act_in_one_language():
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    found: list[str] = []
    for (service, kind, channel), case in cases().items():
        label = f"{service}/{kind}{'/' + channel if channel else ''}"
        if case is None:
            found.append(f"{label}: no demo application reaches it")
            continue
        application, event = case
        texts = {
            language: read(
                issue_document(application=application, kind=kind, language=language, event=event),
                language,
                label,
                found,
            )
            for language in LANGUAGES
        }
        day = timezone.localtime(event.at).date()
        found += problems_of(texts["kk"], texts["ru"], typed_texts(application), day, label)
    for kind in (RECEIPT, ANSWER):
        complaint = (
            Complaint.objects.filter(state=Complaint.State.ANSWERED)
            .select_related("application__organisation", "applicant")
            .order_by("pk")
            .first()
        )
        assert complaint is not None, "the demo has an answered complaint"
        texts = {
            language: read(
                issue_complaint_document(complaint=complaint, kind=kind, language=language),
                language,
                f"complaints/{kind}",
                found,
            )
            for language in LANGUAGES
        }
        typed = [
            *typed_texts(complaint.application),
            complaint.applicant.full_name,
            *(getattr(complaint, name, "") or "" for name in ("text", "answer", "reason")),
            complaint.reviewer.full_name if complaint.reviewer else "",
        ]
        found += problems_of(
            texts["kk"], texts["ru"], typed, document_date(complaint, kind), f"complaints/{kind}"
        )
    assert not found, "\n".join(found)


def test_the_guard_catches_what_it_guards_against():
    """The checks above can fail: a mixed, English, coded, undated text is caught."""
    from datetime import date

    kk = "Шешім № 1 2026 жылғы 2 желтоқсандағы. Негіз: Заявитель не соответствует. refusal_ground None"
    ru = "Решение № 1 от 2 декабря 2026 г. Основание: Заявитель не соответствует. Approved"
    problems = problems_of(kk, ru, [], date(2026, 8, 31), "sample")
    joined = "\n".join(problems)
    assert "internal code 'refusal_ground'" in joined
    assert "leftover 'None'" in joined
    assert "English words ['Approved']" in joined
    assert "heading lacks the event's date" in joined
    assert "words in both languages" in joined and "заявитель" in joined


def test_the_archival_check_can_fail():
    """A plain PDF (not PDF/A, untagged, no language) is caught; the portal's is not."""
    from weasyprint import HTML

    from documents.rendering import render_pdf

    plain = HTML(string="<html><body><p>Шешім</p></body></html>").write_pdf()
    assert set(archival_problems(plain, "kk")) == {
        "not declared PDF/A-3a in its XMP metadata",
        "language None, not 'kk'",
        "not tagged",
    }
    ours = render_pdf(template="documents/layout.html", context={"title": "Шешім"}, language="ru")
    assert archival_problems(ours, "ru") == []
    assert archival_problems(ours, "kk") == ["language 'ru', not 'kk'"]
