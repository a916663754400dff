"""The job engine on its database backend (SQLite here, PostgreSQL in CI): a job is
enqueued in the transaction of the change that calls for it, retried with backoff,
recorded as failed for the administrator when it gives up, and periodic jobs are
enqueued once per slot however many workers tick the schedule."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext
from django_tasks_db.models import DBTaskResult

from applications.actions import application_submit, attachment_add, missing_documents
from applications.result_documents import application_documents
from guardianship_portal.jobs.api import enqueue, requeue_stalled
from guardianship_portal.jobs.models import ScheduledRun
from guardianship_portal.jobs.schedule import Periodic, enqueue_due, run_command
from tests.factories import UserFactory
from tests.files import pdf_upload
from tests.guardianship_portal.jobs import flaky
from tests.guardianship_portal.jobs.worker import DATABASE_BACKEND, run_ready_jobs
from tests.patronat import draft_for

pytestmark = pytest.mark.django_db

PENDING = "The documents are being prepared. This page refreshes by itself in a few seconds."


@pytest.fixture
def queue(settings):
    """The real queue (database backend) instead of the test settings' immediate one."""
    settings.TASKS = DATABASE_BACKEND


def ready_draft(applicant, office):
    draft = draft_for(applicant, office)
    for item in missing_documents(draft):
        attachment_add(application=draft, item=item.code, upload=pdf_upload(), actor=applicant)
    return draft


def test_a_filing_enqueues_its_jobs_and_a_worker_issues_the_receipt(
    queue, client, patronat_applicant, patronat_office, patronat_clerk
):
    application = application_submit(
        application=ready_draft(patronat_applicant, patronat_office), actor=patronat_applicant
    )
    jobs = {row.task_name: row.task_result.kwargs for row in DBTaskResult.objects.all()}
    assert jobs["issue_documents"]["application_pk"] == application.pk
    assert jobs["issue_documents"]["kinds"] == ["acceptance_receipt"]
    assert set(jobs) == {"issue_documents", "notify_applicant"}
    assert not application_documents(application).exists()  # the clerk did not wait

    client.force_login(patronat_applicant)
    for language in ["kk", "ru"]:
        page = client.get(f"/{language}/cabinet/{application.pk}/").content.decode()
        assert 'http-equiv="refresh"' in page
        with translation.override(language):
            assert escape(gettext(PENDING)) in page

    client.force_login(patronat_clerk)
    page = client.get(f"/ru/office/{application.pk}/").content.decode()
    assert 'data-refresh-seconds="5"' in page  # portal.js asks again (noscript: meta refresh)
    assert 'data-testid="documents-pending"' in page

    assert run_ready_jobs() == 2
    assert [d.kind for d in application_documents(application)] == ["acceptance_receipt"]
    assert application.notifications.count() == 1
    page = client.get(f"/kk/office/{application.pk}/").content.decode()
    assert 'http-equiv="refresh"' not in page
    assert "data-refresh-seconds" not in page
    assert 'data-testid="documents-pending"' not in page

    # Run again (a second worker, a retry): the same document, no second notification.
    for row in DBTaskResult.objects.all():
        row.task.call(**row.task_result.kwargs)
    assert application_documents(application).count() == 1
    assert application.notifications.count() == 1


def test_a_rolled_back_change_leaves_no_job(queue, patronat_applicant, patronat_office):
    draft = ready_draft(patronat_applicant, patronat_office)
    with pytest.raises(RuntimeError), transaction.atomic():
        application_submit(application=draft, actor=patronat_applicant)
        assert DBTaskResult.objects.count() == 2  # written in the change's transaction
        raise RuntimeError("the request failed after the transition")
    assert not DBTaskResult.objects.exists()


def test_a_failing_job_is_retried_with_backoff_then_shown_as_failed(queue):
    enqueue(flaky.always_fails, label="render")
    delays = []
    for _attempt in range(3):
        started = timezone.now()
        run_ready_jobs()
        waiting = DBTaskResult.objects.filter(status="READY")
        if not waiting.exists():
            break
        (retry,) = waiting
        delays.append(round((retry.run_after - started).total_seconds()))
        waiting.update(run_after=timezone.now())  # the backoff has passed
    assert delays == [10, 20]  # then it gave up
    outcomes = list(DBTaskResult.objects.order_by("enqueued_at").values_list("status", flat=True))
    assert outcomes == ["SUCCESSFUL", "SUCCESSFUL", "FAILED"]
    (failed,) = DBTaskResult.objects.filter(status="FAILED")
    assert failed.task_result.kwargs == {"attempt": 3, "label": "render"}
    assert "render cannot be done" in failed.traceback


def test_the_administrator_sees_the_failed_jobs(queue, client):
    enqueue(flaky.always_fails, label="render")
    DBTaskResult.objects.update(status="FAILED", traceback="RuntimeError: render cannot be done")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    meta = DBTaskResult._meta
    changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    page = client.get(f"{changelist}?status__exact=FAILED")
    assert page.status_code == 200
    assert "always_fails" in page.content.decode()


def test_the_immediate_backend_runs_a_job_after_the_commit_only(django_capture_on_commit_callbacks):
    flaky.RUNS.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enqueue(flaky.record, label="after commit")
    assert flaky.RUNS == []
    for callback in callbacks:
        callback()
    assert flaky.RUNS == ["after commit"]


def test_each_slot_of_a_periodic_job_is_enqueued_once(queue, settings):
    settings.JOBS_SCHEDULE = {
        "tick": {"task": "tests.guardianship_portal.jobs.flaky.record", "every": 300,
                 "kwargs": {"label": "tick"}},
        "reminders": {"command": "check_deadlines", "every": 300},
    }  # fmt: skip
    moment = datetime(2026, 3, 20, 10, 2, tzinfo=UTC)
    assert sorted(enqueue_due(moment)) == ["reminders", "tick"]
    assert enqueue_due(moment + timedelta(minutes=1)) == []  # another worker, same slot
    assert sorted(enqueue_due(moment + timedelta(minutes=5))) == ["reminders", "tick"]
    paths = sorted(DBTaskResult.objects.values_list("task_path", flat=True))
    assert paths == [run_command.module_path] * 2 + [flaky.record.module_path] * 2
    assert ScheduledRun.objects.filter(name="tick").count() == 2
    flaky.RUNS.clear()
    assert run_ready_jobs() == 4
    assert flaky.RUNS == ["tick", "tick"]


def test_slots_start_at_the_offset():
    daily = Periodic(
        name="daily",
        task=flaky.record,
        every=timedelta(days=1),
        offset=timedelta(hours=21),
    )
    assert daily.slot(datetime(2026, 3, 20, 20, 59, tzinfo=UTC)) == datetime(
        2026, 3, 19, 21, 0, tzinfo=UTC
    )
    assert daily.slot(datetime(2026, 3, 20, 21, 0, tzinfo=UTC)) == datetime(
        2026, 3, 20, 21, 0, tzinfo=UTC
    )


def test_a_job_whose_worker_died_is_enqueued_again(queue):
    flaky.RUNS.clear()
    enqueue(flaky.record, label="lost")
    (row,) = DBTaskResult.objects.all()
    row.claim("a-worker-that-died")
    DBTaskResult.objects.update(started_at=timezone.now() - timedelta(hours=1))
    assert requeue_stalled() == 1
    assert requeue_stalled() == 0  # once
    lost = DBTaskResult.objects.get(pk=row.pk)
    assert lost.status == "FAILED"
    assert "worker died" in lost.traceback
    assert run_ready_jobs() == 1
    assert flaky.RUNS == ["lost"]
