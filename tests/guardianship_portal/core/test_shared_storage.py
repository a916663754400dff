"""Issue #11, item 4: files go through the Storage API only, so the web nodes can share
any storage (a shared disk, an S3-compatible store). Django's in-memory storage stands in
here for a store that is not a local folder: nothing may land under MEDIA_ROOT."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from applications.actions import attachment_add, missing_documents
from tests.files import make_pdf, pdf_upload
from tests.patronat import draft_for


@pytest.fixture
def remote_storage(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    return settings.MEDIA_ROOT


def test_a_scan_is_stored_served_and_cleaned_up_through_the_storage(
    remote_storage, client, patronat_applicant, patronat_office
):
    draft = draft_for(patronat_applicant, patronat_office)
    item = missing_documents(draft)[0].code
    upload = pdf_upload()
    content = upload.read()
    upload.seek(0)
    attachment = attachment_add(
        application=draft, item=item, upload=upload, actor=patronat_applicant
    )
    assert default_storage.exists(attachment.file.name)
    assert not remote_storage.exists() or not any(remote_storage.rglob("*"))

    client.force_login(patronat_applicant)
    response = client.get(f"/kk/cabinet/{draft.pk}/scans/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content

    orphan = default_storage.save("attachments/999/lost.pdf", ContentFile(make_pdf()))
    out = StringIO()
    call_command("cleanup_orphan_files", "--grace-hours", "0", stdout=out)
    assert f"removed {orphan}" in out.getvalue()
    assert not default_storage.exists(orphan)
    assert default_storage.exists(attachment.file.name)
