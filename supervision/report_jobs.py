"""The quality report's PDF off the request: rendered by a job, kept as a private file.

The report view asks ``requested_report`` for the row of what the supervisor asked
(period, language, format, the organisations of their scope or the one chosen): the
first ask creates the row and enqueues ``render_report`` in the same transaction, and
the page says the report is being prepared and refreshes itself; once the job stored
the file, the same link downloads it. A closed period's report is reused by everyone
with the same scope (its figures no longer change); a running period's is compiled
again each day (its "compiled on" date and provisional figures are the day's). A job
that gave up is enqueued again by the next ask, so the page never shows an error.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import date

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from guardianship_portal.core.files import kept_only_if_committed, removed_on_error
from guardianship_portal.jobs.api import enqueue, is_pending, job
from guardianship_portal.organisations.models import Organisation

from . import reports
from .filters import Period
from .models import ReportFile
from .scope import Scope

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Asked:
    """What a supervisor asked for: whose figures, which period, language and format,
    on which day."""

    scope: Scope
    period: Period
    organisation_id: int | None
    language: str
    kind: str
    today: date

    @property
    def key(self) -> str:
        """The same for everyone asking the same; a running period's key is the day's."""
        whose = (
            "all"
            if self.scope.everything
            else hashlib.sha256(",".join(map(str, sorted(self.scope.ids))).encode()).hexdigest()[
                :24
            ]
        )
        when = "final" if self.period.end < self.today else self.today.isoformat()
        return (
            f"{self.kind}|{self.period.key}|{self.language}|{self.organisation_id or '-'}|"
            f"{whose}|{when}"
        )


def requested_report(asked: Asked, *, user) -> ReportFile:
    """The row for this report, created (and its job enqueued) on the first ask; a row
    without a file whose job is no longer waiting or running gets its job again."""
    key = asked.key
    row = ReportFile.objects.filter(key=key).first()
    if row is None:
        try:
            with transaction.atomic():
                row = ReportFile.objects.create(
                    key=key,
                    period=asked.period.key,
                    language=asked.language,
                    file_format=asked.kind,
                    organisation_ids=sorted(asked.scope.ids),
                    organisation_id=asked.organisation_id,
                    everything=asked.scope.everything,
                    compiled_on=asked.today,
                    requested_by=user,
                )
                enqueue(render_report, report_pk=row.pk)
        except IntegrityError:  # asked twice at once: the other ask made it
            row = ReportFile.objects.get(key=key)
        return row
    if not row.file and not is_pending(render_report, report_pk=row.pk):
        enqueue(render_report, report_pk=row.pk)
    return row


def report_lost(row: ReportFile) -> None:
    """The stored file of a rendered report is gone (media restored from an older
    backup, a storage moved): the row forgets it and its job renders it again, so the
    reader is told "being prepared" instead of an error."""
    logger.error("report %s: stored file %s is missing; rendering it again", row.pk, row.file)
    ReportFile.objects.filter(pk=row.pk).update(file="")
    row.file = None
    if not is_pending(render_report, report_pk=row.pk):
        enqueue(render_report, report_pk=row.pk)


def render(row: ReportFile) -> bytes:
    organisations = tuple(
        Organisation.objects.filter(pk__in=row.organisation_ids)
        .select_related("region")
        .order_by("name_kk", "pk")
    )
    scope = Scope(organisations=organisations, everything=row.everything)
    period = reports.parse_report_period(row.period)
    assert period is not None  # the view made the row from a valid period
    report = reports.build_report(
        scope=scope, period=period, organisation_id=row.organisation_id, today=row.compiled_on
    )
    if row.file_format == "xlsx":
        return reports.report_xlsx(report, row.language)
    return reports.report_pdf(report, row.language)


def filename(row: ReportFile) -> str:
    """ASCII only: safe in a header (the same name as the report view's)."""
    organisation = (
        Organisation.objects.filter(pk=row.organisation_id).values_list("code", flat=True).first()
        if row.organisation_id
        else None
    )
    who = organisation or "scope"
    return f"quality-report-{row.period}-{who}-{row.language}.{row.file_format}"


@job(priority=5)
def render_report(*, report_pk: int) -> str:
    """Render the report a row asks for and store it (once: a second run, or a row
    already rendered, changes nothing)."""
    row = ReportFile.objects.filter(pk=report_pk).first()
    if row is None:
        return ""  # withdrawn meanwhile (nobody waits for it)
    if row.file:
        return row.file.name
    content = render(row)
    with transaction.atomic():
        locked = ReportFile.objects.select_for_update().get(pk=report_pk)
        if locked.file:  # another worker was quicker
            return locked.file.name
        with removed_on_error(locked.file):
            locked.file.save(filename(locked), ContentFile(content), save=True)
        kept_only_if_committed(locked, "file")
    return locked.file.name
