"""Entitlements and the monthly payment register (issue #15).

An ``Entitlement`` is what a decided application becomes: a patronat contract or a
guardian allowance, paid monthly for each of its children until it ends. Its own small
workflow (active → suspended → active again → ended) runs on the one transition path
(guardianship_portal/workflow/engine.py). Days are half-open: a child is paid from
``starts_on`` up to the day before ``ends_on`` (the 18th birthday, the day a contract
ends); a pause from its ``starts_on`` up to the day before its ``ends_on`` (the day the
payment resumes).

A ``PaymentRegister`` is one office's list for one month: prepared by a clerk (its
lines recomputed each time), approved by a head of the office (another person), then
frozen: nothing in it changes any more; what was paid wrongly is corrected by
adjustment lines in a later month's register. One register per office and month (a
unique constraint; two clerks preparing at once make one).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from applications.models.audit import AppendOnly
from guardianship_portal.organisations.scope import organisations_headed

from .errors import ChangeRefused, InvalidEntitlementChange, RegisterChanged, SamePersonApproves

PAYMENT_DAY = 15  # clause 5: "not later than the 15th of the previous month"
TERMINATION_NOTICE = "termination_notice"
PAYMENT_LIST = "payment_list"


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def previous_month(month: date) -> date:
    return (month.replace(day=1) - timedelta(days=1)).replace(day=1)


def payment_due_on(month: date) -> date:
    """The month's money is transferred by the 15th of the month before (clause 5)."""
    return previous_month(month).replace(day=PAYMENT_DAY)


# --------------------------------------------------------------------------- permissions


def works_in_office(record, user) -> bool:
    """A member of the office's staff who works its queue (its clerks: the accountant)."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.has_perm("accounts.work_queue")
        and user.organisation_id == record.organisation_id
    )


def heads_the_office(record, user) -> bool:
    """A supervisor who heads the office (its own, or its district's department)."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.has_perm("accounts.view_dashboard")
        and organisations_headed(user).filter(pk=record.organisation_id).exists()
    )


# --------------------------------------------------------------------------- entitlements


class EndGroundCode(models.TextChoices):
    """How an entitlement ended when it was not early termination."""

    TERM_REACHED = "term_reached", _("The term ended (the child came of age)")


class Entitlement(FSMModelMixin, models.Model):
    class State(models.TextChoices):
        ACTIVE = "active", _("Being paid")
        SUSPENDED = "suspended", _("Suspended")
        ENDED = "ended", _("Ended")

    number = models.CharField(_("number"), max_length=48, unique=True)
    application = models.OneToOneField(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="entitlement",
    )
    service = models.CharField(_("service"), max_length=32, db_index=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("office"),
        on_delete=models.PROTECT,
        related_name="entitlements",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient's account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entitlements",
    )
    recipient_iin = models.CharField(_("recipient's IIN"), max_length=12)
    recipient_name = models.CharField(_("recipient"), max_length=300)
    bank_name = models.CharField(_("bank"), max_length=200, blank=True)
    bank_account = models.CharField(_("account number (IBAN)"), max_length=40)
    language = models.CharField(_("language"), max_length=2, default="kk")
    state = FSMField(
        _("state"),
        max_length=16,
        choices=State.choices,
        default=State.ACTIVE,
        protected=True,
        db_index=True,
    )
    decided_on = models.DateField(_("decided on"))
    starts_on = models.DateField(_("paid from"))
    planned_end_on = models.DateField(
        _("planned end"),
        help_text=_("Not paid from this day: the youngest child's 18th birthday or the term."),
    )
    ends_on = models.DateField(_("ended on"), null=True, blank=True)
    end_ground = models.CharField(_("ground of the end"), max_length=40, blank=True)
    end_note = models.TextField(_("note on the end"), blank=True)
    # A change that concerns months already paid: the next register corrects from here.
    recalculate_from = models.DateField(_("recalculate from"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("entitlement")
        verbose_name_plural = _("entitlements")
        ordering = ["organisation", "recipient_name", "pk"]
        indexes = [
            models.Index(fields=["organisation", "starts_on"], name="entitlement_office_idx"),
            models.Index(
                fields=["state", "planned_end_on"],
                name="entitlement_open_end_idx",
                condition=~models.Q(state="ended"),
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def paid_until(self) -> date:
        """The first day not paid (the actual end, or the planned one)."""
        return self.ends_on or self.planned_end_on

    @property
    def last_paid_day(self) -> date:
        """The last day paid, as people read an end date ("up to and including")."""
        return self.paid_until - timedelta(days=1)

    @property
    def state_words(self) -> str:
        """The state as people read it: an entitlement terminated from a later day is
        still paid until then ("Paid until …, then ended"), not "Ended" already."""
        if (
            self.state == self.State.ENDED
            and self.ends_on is not None
            and self.ends_on > timezone.localdate()
        ):
            return gettext("Paid until %(day)s, then ended") % {
                "day": self.last_paid_day.strftime("%d.%m.%Y")
            }
        return str(self.get_state_display())

    # The transitions: the engine calls them with the actor, the reason and the data.

    @transition(
        field="state", source=State.ACTIVE, target=State.SUSPENDED, permission=works_in_office
    )
    def suspend(self, *, actor, reason: str = "", on: str = "") -> None:
        """Payment stops from ``on`` until it is resumed."""
        day = date.fromisoformat(on)
        EntitlementPause.objects.create(entitlement=self, starts_on=day)
        self._touch_past(day)

    @transition(
        field="state", source=State.SUSPENDED, target=State.ACTIVE, permission=works_in_office
    )
    def resume(self, *, actor, reason: str = "", on: str = "") -> None:
        """Payment goes on from ``on`` (the day the pause ends)."""
        day = date.fromisoformat(on)
        pause = self.pauses.filter(ends_on__isnull=True).order_by("-starts_on").first()
        if pause is not None:
            if day < pause.starts_on:
                raise InvalidEntitlementChange(
                    _("The payment cannot resume before it was suspended.")
                )
            pause.ends_on = day
            pause.save(update_fields=["ends_on"])
        self._touch_past(day)

    @transition(
        field="state",
        source=[State.ACTIVE, State.SUSPENDED],
        target=State.ENDED,
        permission=works_in_office,
        custom={"documents": [TERMINATION_NOTICE]},
    )
    def terminate(self, *, actor, reason: str = "", on: str = "", ground: str = "") -> None:
        """Early termination on a ground of the contract (clause 10) or of the rules:
        not paid from ``on``."""
        day = date.fromisoformat(on)
        self.ends_on = min(day, self.planned_end_on)
        self.end_ground = ground
        self.end_note = reason
        self.pauses.filter(ends_on__isnull=True).update(ends_on=self.ends_on)
        self._touch_past(self.ends_on)

    @transition(
        field="state",
        source=[State.ACTIVE, State.SUSPENDED],
        target=State.ENDED,
    )
    def expire(self, *, actor, reason: str = "", on: str = "") -> None:
        """The planned end is reached (the youngest child turns 18, the term ends):
        done by the daily job, on the day (``on``: the job's today)."""
        if not on or date.fromisoformat(on) < self.planned_end_on:
            raise ChangeRefused()
        self.ends_on = self.planned_end_on
        self.end_ground = EndGroundCode.TERM_REACHED
        self.pauses.filter(ends_on__isnull=True).update(ends_on=self.ends_on)

    def _touch_past(self, day: date) -> None:
        """Months from ``day`` on that a frozen register already paid are corrected by
        the next register (payments.actions.register_prepare)."""
        month = first_of_month(day)
        if self.recalculate_from is None or month < self.recalculate_from:
            self.recalculate_from = month


class EntitlementChild(models.Model):
    entitlement = models.ForeignKey(
        Entitlement,
        verbose_name=_("entitlement"),
        on_delete=models.CASCADE,
        related_name="children",
    )
    child = models.ForeignKey(
        "applications.Child",
        verbose_name=_("child"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    full_name = models.CharField(_("child's full name"), max_length=300)
    birth_date = models.DateField(_("date of birth"))
    ends_on = models.DateField(_("paid until (not including)"))

    class Meta:
        verbose_name = _("child of an entitlement")
        verbose_name_plural = _("children of entitlements")
        ordering = ["entitlement", "birth_date", "pk"]

    def __str__(self) -> str:
        return self.full_name


class EntitlementPause(models.Model):
    entitlement = models.ForeignKey(
        Entitlement, verbose_name=_("entitlement"), on_delete=models.CASCADE, related_name="pauses"
    )
    starts_on = models.DateField(_("suspended from"))
    ends_on = models.DateField(_("resumed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["entitlement", "starts_on"]

    def __str__(self) -> str:
        return f"{self.entitlement_id}: {self.starts_on} – {self.ends_on or ''}"


class Event(AppendOnly):
    """What the audit trail of an entitlement or a register keeps of each event
    (the engine's AuditTrail writes it, in the change's transaction)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), db_index=True)
    action = models.CharField(_("action"), max_length=64)
    from_state = models.CharField(_("from state"), max_length=40, blank=True)
    to_state = models.CharField(_("to state"), max_length=40, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    address = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d %H:%M}"


class EntitlementEvent(Event):
    """One thing that happened to an entitlement."""

    entitlement = models.ForeignKey(
        Entitlement, verbose_name=_("entitlement"), on_delete=models.CASCADE, related_name="events"
    )

    class Meta(Event.Meta):
        verbose_name = _("entitlement event")
        verbose_name_plural = _("entitlement events")


# --------------------------------------------------------------------------- rules as data


class ProrationRule(models.Model):
    """How a first or last partial month is paid (data an administrator keeps)."""

    class Method(models.TextChoices):
        CALENDAR_DAYS = "calendar_days", _("By the calendar days paid in the month")
        WHOLE_MONTH = "whole_month", _("A month begun is paid in full")
        FULL_MONTHS_ONLY = "full_months_only", _("Only full months are paid")

    service = models.CharField(
        _("service"),
        max_length=32,
        blank=True,
        help_text=_("Empty: every service without a rule of its own."),
    )
    effective_from = models.DateField(_("effective from"))
    method = models.CharField(_("rule"), max_length=20, choices=Method.choices)
    reference = models.CharField(_("legal basis"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("pro-rating rule")
        verbose_name_plural = _("pro-rating rules")
        ordering = ["service", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "effective_from"], name="one_proration_rule_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service or '*'}: {self.get_method_display()} ({self.effective_from})"


class BankFileLayout(models.Model):
    """The columns of the bank file, as data (README, "Payments")."""

    class Encoding(models.TextChoices):
        UTF8 = "utf-8", "UTF-8"
        UTF8_BOM = "utf-8-sig", "UTF-8 (BOM)"

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    columns = models.JSONField(
        _("columns"),
        help_text=_('The fields in order, e.g. ["line", "iin", "name", "iban", "amount"].'),
    )
    delimiter = models.CharField(_("delimiter"), max_length=1, default=";")
    encoding = models.CharField(
        _("encoding"), max_length=12, choices=Encoding.choices, default=Encoding.UTF8
    )
    header = models.BooleanField(_("first line names the columns"), default=True)
    decimal_separator = models.CharField(_("decimal separator"), max_length=1, default=".")
    is_default = models.BooleanField(_("default"), default=False)

    class Meta:
        verbose_name = _("bank file layout")
        verbose_name_plural = _("bank file layouts")
        ordering = ["-is_default", "code"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from .exports import BANK_FIELDS

        if not isinstance(self.columns, list) or not self.columns:
            raise ValidationError({"columns": _("List the columns.")})
        unknown = [c for c in self.columns if c not in BANK_FIELDS]
        if unknown:
            raise ValidationError(
                {
                    "columns": _("Unknown columns: %(names)s.")
                    % {"names": ", ".join(map(str, unknown))}
                }
            )


# --------------------------------------------------------------------------- registers


class RegisterLineQuerySet(models.QuerySet):
    """A frozen register's lines never change, in bulk either."""

    def _frozen(self) -> bool:
        return self.filter(register__state=PaymentRegister.State.APPROVED).exists()

    def update(self, **kwargs):
        if self._frozen():
            raise ValidationError(_("An approved register cannot be changed."))
        return super().update(**kwargs)

    def delete(self):
        if self._frozen():
            raise ValidationError(_("An approved register cannot be changed."))
        return super().delete()


class PaymentRegister(FSMModelMixin, models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        PREPARED = "prepared", _("Prepared, awaiting approval")
        APPROVED = "approved", _("Approved")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("office"),
        on_delete=models.PROTECT,
        related_name="payment_registers",
    )
    month = models.DateField(_("month paid"), help_text=_("The first day of the month."))
    state = FSMField(
        _("state"), max_length=16, choices=State.choices, default=State.DRAFT, protected=True
    )
    due_on = models.DateField(_("to be transferred by"))
    version = models.PositiveIntegerField(_("version"), default=0)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prepared by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    prepared_at = models.DateTimeField(_("prepared at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    total = models.DecimalField(_("total, tenge"), max_digits=16, decimal_places=2, default=0)
    adjustments_total = models.DecimalField(
        _("adjustments, tenge"), max_digits=16, decimal_places=2, default=0
    )
    children_paid = models.PositiveIntegerField(_("children paid"), default=0)
    # Children the month pays under two entitlements or more (payments.actions._paid_twice):
    # [{"child", "birth_date" (ISO), "entitlements": [numbers]}], shown before approval.
    paid_twice = models.JSONField(_("children paid twice"), default=list, blank=True)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("payment register")
        verbose_name_plural = _("payment registers")
        ordering = ["-month", "organisation"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "month"], name="one_register_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.organisation.code} {self.month:%Y-%m}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("state", flat=True).first()
            if stored == self.State.APPROVED:
                raise ValidationError(_("An approved register cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_frozen:
            raise ValidationError(_("An approved register cannot be changed."))
        return super().delete(*args, **kwargs)

    @property
    def is_frozen(self) -> bool:
        return self.state == self.State.APPROVED

    @property
    def paid_twice_rows(self) -> list[dict]:
        """``paid_twice`` with the dates of birth as dates, for the page."""
        return [
            {**row, "birth_date": date.fromisoformat(row["birth_date"])}
            for row in self.paid_twice or []
        ]

    @property
    def approved_late(self) -> bool:
        """Approved after the 15th of the month before: the lateness stays on record
        once the register is approved (the list, its page and the dashboard say so)."""
        return (
            self.approved_at is not None
            and timezone.localtime(self.approved_at).date() > self.due_on
        )

    @transition(
        field="state",
        source=[State.DRAFT, State.PREPARED],
        target=State.PREPARED,
        permission=works_in_office,
    )
    def prepare(self, *, actor, reason: str = "") -> None:
        """The lines are computed again from the entitlements (payments.actions)."""
        from .actions import fill_register

        fill_register(self, actor=actor)

    @transition(
        field="state", source=State.PREPARED, target=State.APPROVED, permission=heads_the_office
    )
    def approve(self, *, actor, reason: str = "", version: int | None = None) -> None:
        """A head of the office, not the one who prepared it, approves: frozen."""
        if actor is not None and actor.pk == self.prepared_by_id:
            raise SamePersonApproves()
        if version is not None and int(version) != self.version:
            raise RegisterChanged()
        self.approved_by = actor
        self.approved_at = timezone.now()


class RegisterLine(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("Monthly payment")
        ADJUSTMENT = "adjustment", _("Correction of an earlier month")

    register = models.ForeignKey(
        PaymentRegister, verbose_name=_("register"), on_delete=models.CASCADE, related_name="lines"
    )
    entitlement = models.ForeignKey(
        Entitlement, verbose_name=_("entitlement"), on_delete=models.PROTECT, related_name="lines"
    )
    child = models.ForeignKey(
        EntitlementChild, verbose_name=_("child"), on_delete=models.PROTECT, related_name="lines"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.REGULAR)
    for_month = models.DateField(_("for the month"))
    days_paid = models.PositiveSmallIntegerField(_("days paid"))
    days_in_month = models.PositiveSmallIntegerField(_("days in the month"))
    rate = models.DecimalField(_("monthly amount per child"), max_digits=12, decimal_places=2)
    amount = models.DecimalField(_("amount, tenge"), max_digits=14, decimal_places=2)
    reference_kk = models.CharField(_("basis of the amount, in Kazakh"), max_length=300, blank=True)
    reference_ru = models.CharField(
        _("basis of the amount, in Russian"), max_length=300, blank=True
    )

    objects = RegisterLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("register line")
        verbose_name_plural = _("register lines")
        ordering = ["register", "entitlement", "child", "for_month", "pk"]
        indexes = [
            models.Index(fields=["child", "for_month"], name="register_line_child_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.register_id}: {self.child_id} {self.for_month:%Y-%m} {self.amount}"

    def save(self, *args, **kwargs) -> None:
        if self.register.is_frozen:
            raise ValidationError(_("An approved register cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.register.is_frozen:
            raise ValidationError(_("An approved register cannot be changed."))
        return super().delete(*args, **kwargs)


class RegisterEvent(Event):
    """Preparations, the approval and every export of a register."""

    register = models.ForeignKey(
        PaymentRegister,
        verbose_name=_("register"),
        on_delete=models.CASCADE,
        related_name="events",
    )

    class Meta(Event.Meta):
        verbose_name = _("payment register event")
        verbose_name_plural = _("payment register events")


class RegisterReminderSent(models.Model):
    """A reminder that an office's register is due (or late) was sent: once per office,
    month, kind and person, however often the daily job runs."""

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("office"), on_delete=models.CASCADE
    )
    month = models.DateField(_("month paid"))
    kind = models.CharField(_("kind"), max_length=12)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("register reminder")
        verbose_name_plural = _("register reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "month", "kind", "recipient"],
                name="one_register_reminder",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.month:%Y-%m} {self.kind}"
