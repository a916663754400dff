"""Issue #13, item 2: the disk holds exactly the files the database knows."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction

from applications import actions
from applications.actions import attachment_add, missing_documents
from applications.models import Attachment
from documents.models import IssuedDocument
from tests.concurrency import run_together
from tests.factories import OrganisationFactory
from tests.files import make_pdf, pdf_upload
from tests.patronat import draft_for


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def first_item(application) -> str:
    return missing_documents(application)[0].code


def test_a_scan_whose_block_fails_leaves_no_file(
    media, monkeypatch, patronat_applicant, patronat_office
):
    draft = draft_for(patronat_applicant, patronat_office)

    def broken(self, **kwargs):
        raise RuntimeError("the audit write failed")

    monkeypatch.setattr(type(actions.APPLICATION_AUDIT), "record", broken)
    with pytest.raises(RuntimeError):
        attachment_add(
            application=draft, item=first_item(draft), upload=pdf_upload(), actor=patronat_applicant
        )
    assert not Attachment.objects.exists()
    assert files_under(media) == []


def test_a_scan_whose_request_rolls_back_leaves_no_file(
    media, client, monkeypatch, patronat_applicant, patronat_office
):
    """The scan is saved, then the request fails (ATOMIC_REQUESTS rolls it back)."""
    from applications import views

    draft = draft_for(patronat_applicant, patronat_office)
    client.force_login(patronat_applicant)

    def broken(*args, **kwargs):
        raise RuntimeError("after the scan was written")

    monkeypatch.setattr(views.messages, "success", broken)
    with pytest.raises(RuntimeError):
        client.post(
            f"/kk/cabinet/{draft.pk}/upload/",
            {"item": first_item(draft), "file": pdf_upload()},
        )
    assert not Attachment.objects.exists()
    assert files_under(media) == []


def test_a_committed_scan_stays(media, client, patronat_applicant, patronat_office):
    draft = draft_for(patronat_applicant, patronat_office)
    client.force_login(patronat_applicant)
    client.post(
        f"/kk/cabinet/{draft.pk}/upload/", {"item": first_item(draft), "file": pdf_upload()}
    )
    attachment = Attachment.objects.get()
    assert files_under(media) == [attachment.file.name]


def test_a_large_upload_that_fails_leaves_no_temporary_file(
    media, settings, tmp_path, client, patronat_applicant, patronat_office
):
    temporary = tmp_path / "upload-tmp"
    temporary.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(temporary)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # anything larger streams to a temp file
    draft = draft_for(patronat_applicant, patronat_office)
    client.force_login(patronat_applicant)
    not_a_scan = SimpleUploadedFile("scan.pdf", b"%PDF-" + os.urandom(300_000), "application/pdf")
    response = client.post(
        f"/kk/cabinet/{draft.pk}/upload/", {"item": first_item(draft), "file": not_a_scan}
    )
    assert response.status_code == 400  # refused, the page says why
    assert not Attachment.objects.exists()
    assert list(temporary.iterdir()) == []
    assert files_under(media) == []


def age(path: Path, hours: float) -> None:
    moment = time.time() - hours * 3600
    os.utime(path, (moment, moment))


def test_cleanup_orphan_files(media, settings, tmp_path, patronat_applicant, patronat_office):
    temporary = tmp_path / "upload-tmp"
    temporary.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(temporary)
    settings.ORPHAN_FILE_GRACE_HOURS = 6
    draft = draft_for(patronat_applicant, patronat_office)
    attachment = attachment_add(
        application=draft, item=first_item(draft), upload=pdf_upload(), actor=patronat_applicant
    )
    kept = media / attachment.file.name
    orphan = media / "attachments" / "999" / "lost.pdf"
    young = media / "documents" / "2026" / "12" / "rendering.pdf"
    stale_upload = temporary / "tmpabc123.upload.pdf"
    fresh_upload = temporary / "tmpdef456.upload.pdf"
    for path in (orphan, young, stale_upload, fresh_upload):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(make_pdf())
    empty = media / "attachments" / "998"
    empty.mkdir()
    for path in (kept, orphan, stale_upload, empty):
        age(path, 24)

    from io import StringIO

    out = StringIO()
    call_command("cleanup_orphan_files", "--dry-run", stdout=out)
    report = out.getvalue()
    assert "would remove attachments/999/lost.pdf" in report
    assert str(stale_upload) in report
    assert attachment.file.name not in report and "rendering.pdf" not in report
    assert orphan.exists() and stale_upload.exists()

    out = StringIO()
    call_command("cleanup_orphan_files", stdout=out)
    assert "removed attachments/999/lost.pdf" in out.getvalue()
    assert "2 file(s) removed" in out.getvalue()
    assert not orphan.exists()
    assert not stale_upload.exists()
    assert not empty.exists()  # an old empty folder goes; the one just emptied waits
    assert kept.exists() and young.exists() and fresh_upload.exists()


def test_the_command_finds_every_file_field():
    from guardianship_portal.core.files import file_fields

    assert {(m._meta.label, f) for m, f in file_fields()} >= {
        ("applications.Attachment", "file"),
        ("documents.IssuedDocument", "file"),
    }


def issue(owner):
    from documents.actions import document_issue

    return document_issue(
        owner=owner,
        kind="test_document",
        language="kk",
        number="TEST-2026-000001/X",
        title="Сынақ құжаты",
        template="documents/layout.html",
        context={"organisation_name": "Көкшетау қаласының білім бөлімі"},
        holder_name="Сейітова Айгүл Бауыржанқызы",
        issuer_name="Көкшетау қаласының білім бөлімі",
    )


@pytest.mark.django_db
def test_the_loser_of_an_issuing_race_removes_its_pdf(media, monkeypatch):
    """Simulated on any database: the row appears between the check and the save."""
    from documents import actions as document_actions

    owner = OrganisationFactory()
    winner = issue(owner)
    real_filter = IssuedDocument.objects.filter
    calls = {"n": 0}

    def nothing_yet(*args, **kwargs):
        calls["n"] += 1
        found = real_filter(*args, **kwargs)
        return found.none() if calls["n"] == 1 else found

    monkeypatch.setattr(document_actions.IssuedDocument.objects, "filter", nothing_yet)
    with transaction.atomic():
        again = issue(owner)
    assert again.pk == winner.pk
    assert files_under(media) == [winner.file.name]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real race needs PostgreSQL")
def test_simultaneous_first_downloads_render_one_pdf(media):
    owner = OrganisationFactory()
    results = run_together(*[lambda: issue(owner) for _ in range(6)])
    assert all(isinstance(r, IssuedDocument) for r in results), results
    assert len({r.pk for r in results}) == 1
    assert files_under(media) == [IssuedDocument.objects.get().file.name]
