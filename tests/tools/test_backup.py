"""Issue #13, item 9: the backup procedure of the README, run for real. A dump of the
database (pg_dump -Fc) and then a copy of MEDIA_ROOT are restored into a fresh database
(named audit_restore_…) and a fresh folder; every application and every file the rows
name is there, byte for byte."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tarfile
import uuid
from pathlib import Path

import pytest
from django.db import connection

from applications.actions import attachment_add, missing_documents
from applications.models import Application, Attachment
from tests.factories import UserFactory
from tests.files import pdf_upload
from tests.patronat import draft_for

BINARIES = ("pg_dump", "pg_restore")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="a PostgreSQL dump needs PostgreSQL"
    ),
    pytest.mark.skipif(
        not all(shutil.which(name) for name in BINARIES),
        reason="pg_dump and pg_restore are not installed on this machine (apt install "
        "postgresql-client)",
    ),
]


def _libpq(settings_dict: dict) -> tuple[list[str], dict[str, str]]:
    options = ["-h", settings_dict["HOST"] or "127.0.0.1", "-p", str(settings_dict["PORT"] or 5432)]
    if settings_dict["USER"]:
        options += ["-U", settings_dict["USER"]]
    environment = {**os.environ}
    if settings_dict["PASSWORD"]:
        environment["PGPASSWORD"] = settings_dict["PASSWORD"]
    return options, environment


def _admin_connection(settings_dict: dict):
    import psycopg

    return psycopg.connect(
        host=settings_dict["HOST"] or "127.0.0.1",
        port=settings_dict["PORT"] or 5432,
        user=settings_dict["USER"] or None,
        password=settings_dict["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def test_a_dump_and_the_media_restore_every_application_and_file(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    for _ in range(3):
        applicant = UserFactory()
        draft = draft_for(applicant, _office())
        for item in missing_documents(draft)[:2]:
            attachment_add(application=draft, item=item.code, upload=pdf_upload(), actor=applicant)
    applications = set(Application.objects.values_list("pk", "applicant_iin"))
    files = {a.file.name: a.sha256 for a in Attachment.objects.all()}
    assert len(applications) == 3 and len(files) == 6

    settings_dict = connection.settings_dict
    options, environment = _libpq(settings_dict)
    dump = tmp_path / "portal.dump"
    archive = tmp_path / "media.tar.gz"
    # 1. the database first, 2. then the media: every file a dumped row names was
    # written before its row committed, so the later copy holds it.
    subprocess.run(
        ["pg_dump", "-Fc", *options, "-f", str(dump), settings_dict["NAME"]],
        check=True,
        env=environment,
    )
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(settings.MEDIA_ROOT, arcname="media")

    restored_name = f"audit_restore_{uuid.uuid4().hex[:8]}"
    restored_media = tmp_path / "restored"
    with _admin_connection(settings_dict) as admin:
        admin.execute(f'CREATE DATABASE "{restored_name}"')
    try:
        subprocess.run(
            ["pg_restore", *options, "--no-owner", "-d", restored_name, str(dump)],
            check=True,
            env=environment,
        )
        with tarfile.open(archive) as tar:
            tar.extractall(restored_media, filter="data")
        import psycopg

        with psycopg.connect(
            host=settings_dict["HOST"] or "127.0.0.1",
            port=settings_dict["PORT"] or 5432,
            user=settings_dict["USER"] or None,
            password=settings_dict["PASSWORD"] or None,
            dbname=restored_name,
        ) as restored:
            found = set(
                restored.execute(
                    f"SELECT id, applicant_iin FROM {Application._meta.db_table}"  # noqa: S608
                ).fetchall()
            )
            rows = restored.execute(
                f"SELECT file, sha256 FROM {Attachment._meta.db_table}"  # noqa: S608
            ).fetchall()
        assert found == applications
        assert dict(rows) == files
        for name, sha256 in rows:
            path = Path(restored_media, "media", name)
            assert path.is_file(), name
            assert hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    finally:
        with _admin_connection(settings_dict) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)')


def _office():
    from guardianship_portal.organisations.models import Organisation
    from tests.factories import OrganisationFactory, ProvidedServiceFactory

    office = Organisation.objects.filter(code="BACKUP-EDU").first()
    if office is None:
        office = OrganisationFactory(code="BACKUP-EDU")
        ProvidedServiceFactory(organisation=office, service="patronat")
    return office
