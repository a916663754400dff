"""A real worker process (`manage.py run_jobs`) against PostgreSQL issues the document
that a clerk's transition enqueued: the transition returns without rendering, the job
row is committed with it, and a separate process, with its own connection, runs it.
PostgreSQL only (the suite's SQLite database lives in the test process's memory)."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from applications.actions import application_submit, attachment_add, missing_documents
from applications.result_documents import application_documents
from tests.files import pdf_upload
from tests.guardianship_portal.jobs.worker import DATABASE_BACKEND
from tests.patronat import draft_for

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="a worker process needs a shared database"
    ),
]


def database_url() -> str:
    """The test database (test_…), as the worker process is told to reach it."""
    db = connection.settings_dict
    user = quote(db.get("USER") or "postgres")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def test_a_worker_process_issues_the_receipt(
    settings_override, patronat_applicant, patronat_office
):
    draft = draft_for(patronat_applicant, patronat_office)
    for item in missing_documents(draft):
        attachment_add(
            application=draft, item=item.code, upload=pdf_upload(), actor=patronat_applicant
        )
    application = application_submit(application=draft, actor=patronat_applicant)
    assert not application_documents(application).exists()
    assert DBTaskResult.objects.filter(status="READY").count() == 2

    done = subprocess.run(
        [sys.executable, "manage.py", "run_jobs", "--batch", "--no-schedule"],
        cwd=Path(settings.BASE_DIR),
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "guardianship_portal.settings.test",
            "DATABASE_URL": database_url(),
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    assert [d.kind for d in application_documents(application)] == ["acceptance_receipt"]
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert application.notifications.count() == 1


@pytest.fixture
def settings_override(settings):
    settings.TASKS = DATABASE_BACKEND
