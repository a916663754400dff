"""Periodic jobs, kept by the workers: the engine has no schedule of its own.

``settings.JOBS_SCHEDULE`` names each periodic job::

    JOBS_SCHEDULE = {
        "check_deadlines": {"command": "check_deadlines", "every": 300},
        "something": {"task": "app.jobs.something", "every": 86400, "offset": 3600},
    }

``command`` is a management command (with ``args``), ``task`` the dotted path of a
``@job``; ``every`` is the period in seconds, ``offset`` shifts the slots (seconds after
00:00 UTC for a daily job). Every worker ticks the schedule (``enqueue_due``); the first
to reach a slot records it in ``ScheduledRun`` (unique per name and slot) together with
the job, in one transaction, so a slot is enqueued once however many workers run. A
slot missed while no worker ran is not caught up: the next slot runs (the portal's
periodic jobs look at the present, e.g. deadline reminders by today's date).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import Task

from guardianship_portal.jobs.api import enqueue, job
from guardianship_portal.jobs.models import ScheduledRun

logger = logging.getLogger(__name__)

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@job(attempts=3)
def run_command(*, name: str, args: list[str]) -> None:
    """A management command as a job (the periodic commands: reminders, clean-ups)."""
    call_command(name, *args)


@dataclass(frozen=True)
class Periodic:
    name: str
    task: Task
    every: timedelta
    offset: timedelta = timedelta(0)
    kwargs: dict[str, Any] = field(default_factory=dict)

    def slot(self, now: datetime) -> datetime:
        """The start of the period ``now`` falls in."""
        periods = (now - EPOCH - self.offset) // self.every
        return EPOCH + self.offset + periods * self.every


def periodic_jobs() -> list[Periodic]:
    jobs = []
    for name, entry in getattr(settings, "JOBS_SCHEDULE", {}).items():
        if "command" in entry:
            engine_task = run_command
            kwargs = {"name": entry["command"], "args": list(entry.get("args", []))}
        else:
            engine_task = import_string(entry["task"])
            kwargs = dict(entry.get("kwargs", {}))
        jobs.append(
            Periodic(
                name=name,
                task=engine_task,
                every=timedelta(seconds=entry["every"]),
                offset=timedelta(seconds=entry.get("offset", 0)),
                kwargs=kwargs,
            )
        )
    return jobs


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Enqueue each periodic job whose current slot nobody enqueued yet; returns their
    names."""
    now = now or timezone.now()
    enqueued = []
    for periodic in periodic_jobs():
        slot = periodic.slot(now)
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(name=periodic.name, slot=slot)
                enqueue(periodic.task, **periodic.kwargs)
        except IntegrityError:
            continue  # another worker enqueued this slot
        # The record of old slots is not needed: only the current one is contended.
        ScheduledRun.objects.filter(name=periodic.name, slot__lt=slot - periodic.every).delete()
        enqueued.append(periodic.name)
        logger.info("periodic job %s enqueued for %s", periodic.name, slot.isoformat())
    return enqueued
