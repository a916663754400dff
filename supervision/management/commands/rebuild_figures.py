"""``manage.py rebuild_figures``: recount every pre-aggregated figure (supervision.
aggregates) from the applications, in one transaction. Run after data is loaded in
bulk (the bench's generator, an import, a restore); transitions keep them current."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from supervision.aggregates import rebuild


class Command(BaseCommand):
    help = "Recount the dashboard's pre-aggregated figures from the applications."

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        written = rebuild()
        if options["verbosity"]:
            self.stdout.write(f"{written} rows in {time.monotonic() - started:.1f} s")
