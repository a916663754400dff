"""What every deadline reminder shares, and the list of who sends them.

``python manage.py check_deadlines`` (safe to run every few minutes) runs every
registered provider: an app that owns something with a deadline registers its
reminders in its AppConfig.ready() (``register_reminders``) — supervision the stages of
applications (supervision/reminders.py), complaints the complaints' answers
(complaints/reminders.py) — so the engine imports none of them. Each provider records
what it sent under a unique constraint: nobody gets the same reminder twice, even from
two runs at once.

The kinds are the same for all (see ``kind_for_due_date``), on a working day ``today``
(on a day off nothing is sent; the next working day's first run catches up): BEFORE,
due on the next working day; DUE, due today; OVERDUE, the due date has passed.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.mail import send_mail
from django.db.models import Exists, OuterRef, Q
from django.utils import translation

from guardianship_portal.accounts.models import User

logger = logging.getLogger(__name__)

BEFORE = "before"
DUE = "due"
OVERDUE = "overdue"
KINDS = (BEFORE, DUE, OVERDUE)


@dataclass(frozen=True)
class ReminderProvider:
    """One owner's reminders: ``check(today=, dry_run=)`` sends (or with ``dry_run``
    only counts) today's unsent reminders, returning how many of each kind; ``label``
    heads its line in the command's output ("" for the first, unlabelled line)."""

    name: str
    check: Callable[..., Counter]
    label: str = ""


_PROVIDERS: dict[str, ReminderProvider] = {}


def register_reminders(*, name: str, check: Callable[..., Counter], label: str = "") -> None:
    """Called from an AppConfig.ready(); registering the same name again replaces it."""
    _PROVIDERS[name] = ReminderProvider(name=name, check=check, label=label)


def reminder_providers() -> list[ReminderProvider]:
    """In registration order, i.e. the order of INSTALLED_APPS."""
    return list(_PROVIDERS.values())


def kind_for_due_date(due: date | None, today: date, next_day: date) -> str | None:
    """Which reminder a deadline calls for today (the same rule for every provider)."""
    if due is None:
        return None
    if due < today:
        return OVERDUE
    if due == today:
        return DUE
    if due <= next_day:
        return BEFORE
    return None


def holding_permission(codename: str) -> Q:
    """Users holding an ``accounts`` permission through a group or directly (superusers
    are not counted: administrators are not office staff)."""
    through_group = User.groups.through.objects.filter(
        user_id=OuterRef("pk"),
        group__permissions__content_type__app_label="accounts",
        group__permissions__codename=codename,
    )
    direct = User.user_permissions.through.objects.filter(
        user_id=OuterRef("pk"),
        permission__content_type__app_label="accounts",
        permission__codename=codename,
    )
    return Q(Exists(through_group)) | Q(Exists(direct))


def email_reminder(recipient: User, texts: dict[str, str], *, subject, link) -> None:
    """The e-mail copy of a reminder, in the recipient's language: ``subject()`` is
    called under that language, ``link(language)`` gives the page to open. A failing
    mail server is logged; the reminder stays recorded (the in-app copy is there)."""
    if not recipient.email:
        return
    language = recipient.preferred_language or "kk"
    with translation.override(language):
        subject_text = subject()
    body = f"{texts.get(language, texts['kk'])}\n\n{link(language)}"
    try:
        send_mail(subject_text, body, None, [recipient.email])
    except OSError:
        logger.exception("e-mail reminder to user %s failed", recipient.pk)


def send_unsent(reminders: list, already: set, send_one, *, dry_run: bool) -> Counter:
    """Send each reminder whose key is not in ``already``; how many of each kind."""
    sent: Counter = Counter()
    for reminder in reminders:
        if reminder.key in already:
            continue
        if dry_run or send_one(reminder):
            sent[reminder.kind] += 1
    return sent
