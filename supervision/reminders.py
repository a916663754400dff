"""Deadline reminders of the applications' stages, sent by ``python manage.py
check_deadlines`` (supervision registers them in its AppConfig.ready(); the shared kinds
and helpers are in applications/reminders.py). Every reminder is recorded in
supervision.ReminderSent under a unique constraint, so nobody gets the same one twice,
even from two runs at once.

Rules, on a working day ``today`` (on a day off nothing is sent; the next working
day's first run catches up):

* BEFORE — the stage is due on the next working day (``today < stage_due_on <=
  next_working_day(today)``): the assigned clerk, or if nobody is assigned (or the
  assigned clerk left the office), every clerk of the office.
  Around a holiday this is the working day before: a stage due on Thursday 26 March
  2026 (after Nauryz, 21–25 March off) is announced on Friday 20 March.
* DUE — the stage is due today: the same people.
* OVERDUE — the stage's due date has passed (``stage_due_on < today``): the
  supervisors who see the application on their dashboard (supervision.scope: the
  office's own supervisors and, for a school, its district's department).

One reminder is one in-app Notification (kk and ru) and one e-mail in the recipient's
language (when they have an address). The key of "the same reminder" is (application,
kind, stage, stage due date, recipient): a new stage, or a changed deadline, is a new
reminder.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import cast

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from applications.models import Application, Notification
from applications.registry import get_service
from applications.reminders import (
    BEFORE,
    DUE,
    OVERDUE,
    email_reminder,
    holding_permission,
    kind_for_due_date,
    send_unsent,
)
from applications.workflow import COMPLETED, DRAFT, REFUSED, REFUSED_TO_ACCEPT, WITHDRAWN
from guardianship_portal.accounts.models import User
from guardianship_portal.organisations.models import Organisation
from guardianship_portal.workdays.calendar import is_working_day, next_working_day

from .models import ReminderSent
from .scope import DEPARTMENT_KINDS

CLOSED_STATES = (DRAFT, COMPLETED, REFUSED_TO_ACCEPT, REFUSED, WITHDRAWN)


@dataclass(frozen=True)
class Reminder:
    application: Application
    kind: str
    recipient: User

    @property
    def key(self) -> tuple:
        a = self.application
        return (a.pk, self.kind, a.stage, a.stage_due_on, self.recipient.pk)

    @property
    def due_on(self) -> date:
        """The stage's due date: reminders are planned only for stages that have one
        (``candidates`` filters on it)."""
        return cast(date, self.application.stage_due_on)


def kind_for(application: Application, today: date, next_day: date) -> str | None:
    return kind_for_due_date(application.stage_due_on, today, next_day)


def candidates(today: date, next_day: date) -> QuerySet[Application]:
    """Open applications with a running stage due by the next working day (or overdue)."""
    return (
        Application.objects.exclude(state__in=CLOSED_STATES)
        .exclude(stage="")
        .filter(stage_due_on__lte=next_day)
        .select_related("organisation", "assigned_clerk", "assigned_clerk__organisation")
        .order_by("stage_due_on", "pk")
    )


def staff_of(
    organisations: list[Organisation],
) -> tuple[dict[int, list[User]], dict[int, list[User]]]:
    """Clerks by organisation, and the supervisors who see each organisation (one query:
    the active staff of the regions concerned; the scope rule is applied in Python)."""
    if not organisations:
        return {}, {}
    staff = list(
        User.objects.filter(
            is_active=True, organisation__region_id__in={o.region_id for o in organisations}
        )
        .annotate(
            works_queue=holding_permission("work_queue"),
            supervises=holding_permission("view_dashboard"),
        )
        .filter(Q(works_queue=True) | Q(supervises=True))
        .select_related("organisation")
        .order_by("pk")
    )
    clerks: dict[int, list[User]] = defaultdict(list)
    supervisors: dict[int, list[User]] = defaultdict(list)
    for organisation in organisations:
        workers = [u for u in staff if u.organisation_id == organisation.pk and u.works_queue]
        # "Every clerk of the office": the clerks proper; the supervisors only when the
        # office has nobody else working its queue.
        clerks_proper = [u for u in workers if not u.supervises]
        clerks[organisation.pk] = list(clerks_proper or workers)
        for user in staff:
            if not user.supervises:
                continue
            theirs = user.organisation
            if theirs is None:  # never: staff are filtered on their organisation's region
                continue
            if theirs.pk == organisation.pk or (
                organisation.kind == Organisation.Kind.SCHOOL
                and theirs.kind in DEPARTMENT_KINDS
                and theirs.region_id == organisation.region_id
                and theirs.district_kk == organisation.district_kk
            ):
                supervisors[organisation.pk].append(user)
    return clerks, supervisors


def plan(today: date) -> list[Reminder]:
    """Every reminder due today, sent or not."""
    next_day = next_working_day(today)
    applications = list(candidates(today, next_day))
    organisations = list({a.organisation_id: a.organisation for a in applications}.values())
    clerks, supervisors = staff_of(organisations)
    reminders: list[Reminder] = []
    for application in applications:
        kind = kind_for(application, today, next_day)
        if kind is None:
            continue
        if kind == OVERDUE:
            recipients = supervisors.get(application.organisation_id, [])
        else:
            assigned = application.assigned_clerk
            if (
                assigned is not None
                and assigned.is_active
                and assigned.organisation_id == application.organisation_id
            ):
                recipients = [assigned]
            else:
                recipients = clerks.get(application.organisation_id, [])
        reminders.extend(Reminder(application, kind, recipient) for recipient in recipients)
    return reminders


def message(reminder: Reminder, language: str) -> str:
    application = reminder.application
    definition = get_service(application.service)
    stage = next(
        (s.title for s in definition.stages if s.code == application.stage), application.stage
    )
    with translation.override(language):
        values = {
            "number": application.number,
            "service": definition.title,
            "stage": stage,
            "date": reminder.due_on.strftime("%d.%m.%Y"),
            "organisation": application.organisation.name,
            "clerk": application.assigned_clerk.full_name
            if application.assigned_clerk
            else _("nobody"),
        }
        if reminder.kind == BEFORE:
            return (
                _(
                    "Application %(number)s (%(service)s): the stage “%(stage)s” is due on %(date)s, the next working day."
                )
                % values
            )
        if reminder.kind == DUE:
            return (
                _(
                    "Application %(number)s (%(service)s): the stage “%(stage)s” is due today, %(date)s."
                )
                % values
            )
        return (
            _(
                "Application %(number)s (%(service)s, %(organisation)s): the stage “%(stage)s” was due on %(date)s and is overdue. Assigned to: %(clerk)s."
            )
            % values
        )


def link(reminder: Reminder, language: str) -> str:
    """The clerk page for the office's own staff; the dashboard's overdue list otherwise."""
    application = reminder.application
    with translation.override(language):
        if reminder.recipient.organisation_id == application.organisation_id:
            path = reverse("office:detail", args=[application.pk])
        else:
            path = f"{reverse('supervision:applications')}?figure=overdue&org={application.organisation_id}"
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{path}"


def send(reminder: Reminder) -> bool:
    """Record and deliver one reminder; False when it had been sent already."""
    texts = {language: message(reminder, language) for language in ("kk", "ru")}
    application = reminder.application
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=reminder.recipient,
                application=application,
                message_kk=texts["kk"],
                message_ru=texts["ru"],
            )
            ReminderSent.objects.create(
                application=application,
                kind=reminder.kind,
                stage=application.stage,
                due_on=reminder.due_on,
                recipient=reminder.recipient,
                notification=notification,
            )
    except IntegrityError:
        return False  # another run got there first
    email_reminder(
        reminder.recipient,
        texts,
        subject=lambda: (
            _("Guardianship portal: deadline of application %(number)s")
            % {"number": application.number}
        ),
        link=lambda language: link(reminder, language),
    )
    return True


def check_deadlines(*, today: date | None = None, dry_run: bool = False) -> Counter:
    """Send today's reminders that have not been sent; return how many of each kind."""
    today = today or timezone.localdate()
    if not is_working_day(today):
        return Counter()
    reminders = plan(today)
    already = set(
        ReminderSent.objects.filter(
            application_id__in={r.application.pk for r in reminders}
        ).values_list("application_id", "kind", "stage", "due_on", "recipient_id")
    )
    return send_unsent(reminders, already, send, dry_run=dry_run)
