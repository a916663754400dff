"""The register's deadline, reminded: the money of a month goes out by the 15th of the
month before (clause 5), so from five days before that day the office's clerks and
heads are told in the portal while the register is not approved, and once more when
the day has passed. Each reminder once per office, month, kind and person
(``RegisterReminderSent``); the daily job runs it (payments/jobs.py)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from applications.models import Notification
from guardianship_portal.accounts.models import Role, User

from .models import (
    Entitlement,
    PaymentRegister,
    RegisterReminderSent,
    first_of_month,
    next_month,
    payment_due_on,
)

DAYS_BEFORE = 5
DUE = "due"
LATE = "late"


def _message(kind: str, month: date, day: date, language: str) -> str:
    with translation.override(language):
        values = {"month": month.strftime("%m.%Y"), "day": day.strftime("%d.%m.%Y")}
        if kind == LATE:
            return (
                _(
                    "The payment register for %(month)s was not approved by %(day)s: the transfer is late. Prepare and approve it."
                )
                % values
            )
        return (
            _(
                "The payment register for %(month)s is to be approved by %(day)s, when its money is transferred."
            )
            % values
        )


def remind_registers(*, today: date | None = None) -> int:
    """Tell the offices whose next register is not approved yet. Returns how many
    notifications were created."""
    today = today or timezone.localdate()
    month = next_month(first_of_month(today))
    due_on = payment_due_on(month)
    if today < due_on - timedelta(days=DAYS_BEFORE):
        return 0
    kind = LATE if today > due_on else DUE
    paid = Q(ends_on__isnull=True, planned_end_on__gt=month) | Q(ends_on__gt=month)
    offices = set(
        Entitlement.objects.filter(paid, starts_on__lt=next_month(month))
        .order_by()  # else the model's ordering enters the DISTINCT
        .values_list("organisation_id", flat=True)
        .distinct()
    ) - set(
        PaymentRegister.objects.filter(
            month=month, state=PaymentRegister.State.APPROVED
        ).values_list("organisation_id", flat=True)
    )
    sent = 0
    people = User.objects.filter(
        organisation_id__in=offices, is_active=True, role__in=[Role.CLERK, Role.SUPERVISOR]
    )
    for person in people:
        if person.organisation_id is None:  # the query asked for an office: never
            continue
        try:
            with transaction.atomic():
                RegisterReminderSent.objects.create(
                    organisation_id=person.organisation_id, month=month, kind=kind, recipient=person
                )
                Notification.objects.create(
                    recipient=person,
                    message_kk=_message(kind, month, due_on, "kk"),
                    message_ru=_message(kind, month, due_on, "ru"),
                )
        except IntegrityError:
            continue  # told already
        sent += 1
    return sent
