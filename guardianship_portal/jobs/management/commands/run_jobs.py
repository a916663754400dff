"""A worker: runs the queued jobs and keeps the schedule (settings.JOBS_SCHEDULE)."""

from __future__ import annotations

import logging
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from guardianship_portal.jobs.schedule import enqueue_due

logger = logging.getLogger(__name__)


def keep_schedule(every: float) -> None:
    """Tick the schedule for as long as the worker runs (a daemon thread)."""
    while True:
        try:
            enqueue_due()
        except Exception:  # a locked SQLite or a lost connection: the next tick retries
            logger.exception("ticking the job schedule failed")
        finally:
            connection.close()  # this thread's own connection; not held between ticks
        time.sleep(every)


class Command(BaseCommand):
    help = (
        "Run a job worker: the queued jobs (documents, notifications) and the periodic "
        "ones (settings.JOBS_SCHEDULE). Run as many as needed, on any machine that "
        "reaches the database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Run what is due now (the schedule's current slots too), then exit.",
        )
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds to wait when the queue is empty (default 1).",
        )
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="Run jobs only; leave the schedule to other workers.",
        )
        parser.add_argument(
            "--schedule-every",
            type=float,
            default=30.0,
            help="Seconds between two looks at the schedule (default 30).",
        )

    def handle(self, *args, **options):
        if not options["no_schedule"]:
            if options["batch"]:
                enqueue_due()
            else:
                threading.Thread(
                    target=keep_schedule,
                    args=(options["schedule_every"],),
                    name="jobs-schedule",
                    daemon=True,
                ).start()
        # The engine's own worker loop (django-tasks-db): claims one ready job at a time
        # (SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL), runs it, records the outcome.
        # Never with its autoreloader: `make run` stops this process by its id.
        call_command(
            "db_worker",
            queue_name="*",
            batch=options["batch"],
            max_tasks=options["max_tasks"],
            interval=options["interval"],
            reload=False,
            startup_delay=not options["batch"],
            verbosity=options["verbosity"],
        )
