"""Deadline reminders about complaints, sent by ``check_deadlines`` with the
applications' ones (registered in ComplaintsConfig.ready(); applications/reminders.py:
the same kinds and the same calendar).

On a working day ``today``, for every open complaint whose ``due_on`` is the next
working day (BEFORE), today (DUE) or past (OVERDUE):

* registered or under review at the provider: the reviewer who took it (while they are
  active and still head its organisation), otherwise every supervisor who heads the
  organisation (its own, and for a school its district's department);
* forwarded: the officers of the quality-control body it was forwarded to.

Nobody above them works in the portal for complaints, so OVERDUE goes to the same
people; the regional department sees overdue complaints on the dashboard card. Each
reminder is recorded in ComplaintReminderSent under a unique constraint: nobody gets the
same one twice, even from two runs at once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from applications.models import Notification
from applications.reminders import (
    BEFORE,
    DUE,
    email_reminder,
    holding_permission,
    kind_for_due_date,
    send_unsent,
)
from guardianship_portal.accounts.models import User
from guardianship_portal.workdays.calendar import next_working_day

from .models import Complaint, ComplaintReminderSent


@dataclass(frozen=True)
class ComplaintReminder:
    complaint: Complaint
    kind: str
    recipient: User

    @property
    def key(self) -> tuple:
        c = self.complaint
        return (c.pk, self.kind, c.state, c.due_on, self.recipient.pk)


def _heads(organisation, cache: dict) -> list[User]:
    """Active supervisors heading ``organisation`` (one query per organisation)."""
    from supervision.scope import supervising_condition

    if organisation.pk not in cache:
        cache[organisation.pk] = list(
            User.objects.filter(supervising_condition(organisation), is_active=True)
            .filter(holding_permission("view_dashboard"))
            .order_by("pk")
        )
    return cache[organisation.pk]


def _officers(body_id: int, cache: dict) -> list[User]:
    key = ("body", body_id)
    if key not in cache:
        cache[key] = list(
            User.objects.filter(organisation_id=body_id, is_active=True)
            .filter(holding_permission("review_forwarded_complaints"))
            .order_by("pk")
        )
    return cache[key]


def plan(today: date) -> list[ComplaintReminder]:
    next_day = next_working_day(today)
    complaints = (
        Complaint.objects.filter(state__in=Complaint.OPEN_STATES, due_on__lte=next_day)
        .select_related("organisation", "reviewer", "quality_body")
        .order_by("due_on", "pk")
    )
    cache: dict = {}
    reminders: list[ComplaintReminder] = []
    for complaint in complaints:
        kind = kind_for_due_date(complaint.due_on, today, next_day)
        if kind is None:
            continue
        if complaint.state == Complaint.State.FORWARDED:
            recipients = _officers(complaint.quality_body_id, cache)
        else:
            heads = _heads(complaint.organisation, cache)
            reviewer = complaint.reviewer
            recipients = [reviewer] if reviewer is not None and reviewer in heads else heads
        reminders.extend(ComplaintReminder(complaint, kind, user) for user in recipients)
    return reminders


def message(reminder: ComplaintReminder, language: str) -> str:
    complaint = reminder.complaint
    with translation.override(language):
        step = (
            _("forwarding it to the authorised body")
            if complaint.state == Complaint.State.REGISTERED
            and complaint.addressed_to == Complaint.AddressedTo.QUALITY_BODY
            else _("the answer")
        )
        values = {
            "number": complaint.number,
            "organisation": complaint.organisation.name,
            "step": step,
            "date": complaint.due_on.strftime("%d.%m.%Y"),
        }
        if reminder.kind == BEFORE:
            text = _(
                "Complaint %(number)s (%(organisation)s): %(step)s is due on %(date)s, "
                "the next working day."
            )
        elif reminder.kind == DUE:
            text = _("Complaint %(number)s (%(organisation)s): %(step)s is due today, %(date)s.")
        else:
            text = _(
                "Complaint %(number)s (%(organisation)s): %(step)s was due on %(date)s and "
                "is overdue."
            )
        return text % values


def send(reminder: ComplaintReminder) -> bool:
    """Record and deliver one reminder; False when it had been sent already."""
    complaint = reminder.complaint
    texts = {language: message(reminder, language) for language in ("kk", "ru")}
    try:
        with transaction.atomic():
            ComplaintReminderSent.objects.create(
                complaint=complaint,
                kind=reminder.kind,
                state=complaint.state,
                due_on=complaint.due_on,
                recipient=reminder.recipient,
            )
            Notification.objects.create(
                recipient=reminder.recipient,
                application_id=complaint.application_id,
                message_kk=texts["kk"],
                message_ru=texts["ru"],
            )
    except IntegrityError:
        return False  # another run got there first
    email_reminder(
        reminder.recipient,
        texts,
        subject=lambda: (
            _("Guardianship portal: complaint %(number)s") % {"number": complaint.number}
        ),
        link=lambda language: _office_link(complaint, language),
    )
    return True


def _office_link(complaint: Complaint, language: str) -> str:
    with translation.override(language):
        path = reverse("complaints:office_detail", args=[complaint.pk])
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{path}"


def check_complaint_deadlines(*, today: date, dry_run: bool = False) -> Counter:
    """Send today's complaint reminders not sent yet; how many of each kind. The caller
    (the check_deadlines command, which runs every registered provider) has checked that
    today is a working day."""
    reminders = plan(today)
    already = set(
        ComplaintReminderSent.objects.filter(
            complaint_id__in={r.complaint.pk for r in reminders}
        ).values_list("complaint_id", "kind", "state", "due_on", "recipient_id")
    )
    return send_unsent(reminders, already, send, dry_run=dry_run)
