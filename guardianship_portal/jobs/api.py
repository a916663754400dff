"""Declaring, enqueueing and asking about jobs.

``@job(attempts=…, first_retry_after=…)`` makes a module-level function a task of the
engine that is retried with exponential backoff: the engine's database backend has no
retries of its own, so a failed attempt enqueues the next one (``run_after`` = now +
backoff, then 2×, 4×, …) and the last one fails for good, which the engine records as
*Failed* with its traceback (admin: *Task results*, status Failed). An attempt that will
be retried is recorded as finished with its error in the return value, so *Failed*
always means "given up, needs a person".

``enqueue(task, **ids)`` is the one way the portal enqueues: inside the caller's
transaction on the database backend; after the commit on a backend that runs the job
in the caller's own process (the test settings' immediate backend), where running it
inside the transaction would see what a worker cannot.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import Task, TaskResultStatus

logger = logging.getLogger(__name__)

# Backoff of the first retry; each later one waits twice as long (30 s, 1, 2, 4 min …).
FIRST_RETRY_AFTER = timedelta(seconds=30)
ATTEMPTS = 6


def job(
    *,
    attempts: int = ATTEMPTS,
    first_retry_after: timedelta = FIRST_RETRY_AFTER,
    priority: int = 0,
) -> Callable[[Callable[..., Any]], Task]:
    """A task of the engine, called with keyword arguments (ids), retried on failure.
    ``priority`` (-100…100): workers take the higher first (a document someone waits
    for before a batch of notifications)."""

    def decorate(function: Callable[..., Any]) -> Task:
        @functools.wraps(function)
        def attempt(*, attempt: int = 1, **kwargs: Any) -> Any:
            try:
                return function(**kwargs)
            except Exception as error:
                backend = engine_task.get_backend()
                if attempt >= attempts or not backend.supports_defer:
                    raise  # the engine records the job as Failed, with its traceback
                run_after = timezone.now() + first_retry_after * 2 ** (attempt - 1)
                logger.warning(
                    "job %s attempt %d of %d failed (%r); next attempt at %s",
                    engine_task.module_path,
                    attempt,
                    attempts,
                    error,
                    run_after.isoformat(),
                    exc_info=True,
                )
                engine_task.using(run_after=run_after).enqueue(attempt=attempt + 1, **kwargs)
                return {"attempt": attempt, "error": repr(error), "retry_at": run_after.isoformat()}

        attempt.attempts = attempts  # type: ignore[attr-defined]  # read by requeue_stalled
        engine_task = task(priority=priority)(attempt)
        return engine_task

    return decorate


def runs_in_process(engine_task: Task) -> bool:
    """Whether the task's backend runs jobs in the enqueuing process (no worker)."""
    return isinstance(engine_task.get_backend(), ImmediateBackend)


def enqueue(engine_task: Task, **ids: Any) -> None:
    """Enqueue ``engine_task`` with ``ids`` (ids and plain values only: the job reads
    fresh rows) as part of the caller's transaction."""
    if runs_in_process(engine_task):
        transaction.on_commit(functools.partial(engine_task.enqueue, **ids))
    else:
        engine_task.enqueue(**ids)


def is_pending(engine_task: Task, **ids: Any) -> bool:
    """Whether a job of ``engine_task`` with these keyword arguments waits or runs
    (a retry that waits counts: it has not given up)."""
    if runs_in_process(engine_task):
        return False
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(
        task_path=engine_task.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    )
    for name, value in ids.items():
        rows = rows.filter(**{f"args_kwargs__kwargs__{name}": value})
    return rows.exists()


# A job running longer than this lost its worker (killed, power loss): the portal's jobs
# take seconds, a reminder round at national scale a few minutes.
STALLED_AFTER = timedelta(minutes=30)


def requeue_stalled(*, older_than: timedelta = STALLED_AFTER) -> int:
    """Jobs left *Running* by a worker that died: each is marked Failed ("worker lost")
    and, if it has attempts left, enqueued again as its next attempt. The conditional
    update makes one worker do it, however many run this at once."""
    from django_tasks_db.models import DBTaskResult

    stalled = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=timezone.now() - older_than
    )
    requeued = 0
    for row in stalled:
        with transaction.atomic():
            taken = DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                exception_class_path="guardianship_portal.jobs.api.WorkerLost",
                traceback=f"WorkerLost: still running after {older_than}; its worker died.",
            )
            if not taken:
                continue
            engine_task = row.task
            kwargs = dict(row.task_result.kwargs)
            attempt_no = kwargs.get("attempt", 1)
            if attempt_no < getattr(engine_task.func, "attempts", 1):
                engine_task.enqueue(**{**kwargs, "attempt": attempt_no + 1})
                requeued += 1
    return requeued


@job(attempts=1)
def requeue_stalled_jobs() -> int:
    """The periodic job that runs ``requeue_stalled`` (JOBS_SCHEDULE)."""
    return requeue_stalled()
