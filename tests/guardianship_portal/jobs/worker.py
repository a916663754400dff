"""Running the queued jobs inside the test's own transaction, as a worker would (the
engine's worker loop would close the test's connection between two jobs)."""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_ready_jobs() -> int:
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    while (row := DBTaskResult.objects.ready().first()) is not None:
        row.claim("test-worker")
        worker.run_task(row)
        ran += 1
    return ran
