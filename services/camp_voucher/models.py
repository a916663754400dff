"""Camp vouchers (seed 004): completeness check 1 WD → review of the category 2 WD →
decision 2 WD: a voucher to a named camp shift, or a motivated refusal.

Places are data: each Shift has a number of places and a voucher takes one. Issuing locks
the Shift row, so two clerks giving away the last place at the same moment give one voucher.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from applications.errors import TransitionRefused
from applications.models import Application
from applications.workflow import (
    COMPLETED,
    filing,
    is_office_staff,
    refusal,
    refusal_to_accept,
    withdrawal,
)
from guardianship_portal.organisations.models import localized
from services.common_categories import (
    board_decision,
    category_confirmation,
    documents_accepted,
)

COMPLETENESS_CHECK = "completeness_check"
REVIEW = "review"
DECISION = "decision"
REVIEW_STATES = [COMPLETENESS_CHECK, REVIEW, DECISION]


class Camp(models.Model):
    """An out-of-town or school camp to which the provider gives vouchers."""

    class Kind(models.TextChoices):
        OUT_OF_TOWN = "out_of_town", _("Out-of-town camp")
        SCHOOL = "school", _("School camp")

    name_kk = models.CharField(_("name in Kazakh"), max_length=300)
    name_ru = models.CharField(_("name in Russian"), max_length=300)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("provider giving the vouchers"),
        on_delete=models.PROTECT,
        related_name="camps",
    )
    kind = models.CharField(_("kind of camp"), max_length=20, choices=Kind.choices)
    address = models.CharField(_("address"), max_length=300)

    class Meta:
        verbose_name = _("camp")
        verbose_name_plural = _("camps")
        ordering = ["organisation", "name_kk"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class Shift(models.Model):
    """A camp shift: its dates and how many vouchers it has."""

    camp = models.ForeignKey(
        Camp, verbose_name=_("camp"), on_delete=models.PROTECT, related_name="shifts"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    places = models.PositiveIntegerField(_("places (vouchers)"))

    class Meta:
        verbose_name = _("camp shift")
        verbose_name_plural = _("camp shifts")
        ordering = ["camp", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="shift_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.camp}: {self.starts_on:%d.%m.%Y}–{self.ends_on:%d.%m.%Y}"

    def places_left(self) -> int:
        return max(self.places - self.vouchers.count(), 0)

    def has_started(self, today: date | None = None) -> bool:
        """A voucher is issued only for a shift that has not started yet: on its first
        day the children are already arriving."""
        return self.starts_on <= (today or timezone.localdate())

    @classmethod
    def upcoming(cls, organisation_id: int, today: date | None = None):
        """The shifts of the provider's camps that have not started yet, soonest first."""
        return (
            cls.objects.filter(
                camp__organisation_id=organisation_id,
                starts_on__gt=today or timezone.localdate(),
            )
            .select_related("camp")
            .order_by("starts_on", "camp__name_kk", "pk")
        )


def shift_started_message(shift: Shift) -> str:
    return _(
        "The shift %(shift)s has already started: a voucher is issued only for a shift that has not started yet."
    ) % {"shift": shift}


class Voucher(models.Model):
    """The place in a shift given to an application (one voucher per application)."""

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="camp_voucher",
    )
    shift = models.ForeignKey(
        Shift, verbose_name=_("camp shift"), on_delete=models.PROTECT, related_name="vouchers"
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("camp voucher")
        verbose_name_plural = _("camp vouchers")

    def __str__(self) -> str:
        return f"{self.application.number}: {self.shift}"


class CampVoucherApplication(Application):
    class Meta:
        proxy = True
        verbose_name = _("camp voucher application")
        verbose_name_plural = _("camp voucher applications")

    submit = filing()

    accept_documents = documents_accepted(target=REVIEW)

    refuse_to_accept = refusal_to_accept()

    confirm_category = category_confirmation(source=REVIEW, target=DECISION)
    record_board_decision = board_decision(source=REVIEW, target=DECISION)

    @transition(
        field="state",
        source=DECISION,
        target=COMPLETED,
        permission=is_office_staff,
        # The clerk chooses a shift of the provider's camps (data {"shift": id}): the form
        # is named here; until the office page renders it, services.camp_voucher.views does.
        custom={
            "label": _("Issue the camp voucher"),
            "documents": ["camp_voucher"],
            "form": "services.camp_voucher.forms.IssueVoucherForm",
        },
    )
    def issue_voucher(self, *, actor, reason: str = "", shift: int | str | None = None) -> None:
        """A place in the chosen shift. The shift row is locked while the places are
        counted, so the last place goes to one application only."""
        if not shift:
            raise TransitionRefused(
                _("Choose the camp shift for the voucher (the voucher page of the application).")
            )
        locked = (
            Shift.objects.select_for_update()
            .select_related("camp")
            .filter(pk=shift, camp__organisation_id=self.organisation_id)
            .first()
        )
        if locked is None:
            raise TransitionRefused(_("This camp shift is not one of your office's camps."))
        # Checked again here, under the lock: a form posted before midnight, or forged,
        # must not give a place in a shift that is already running.
        if locked.has_started():
            raise TransitionRefused(shift_started_message(locked))
        if Voucher.objects.filter(shift=locked).count() >= locked.places:
            raise TransitionRefused(
                _(
                    "No place is left in the shift %(shift)s: choose another shift or refuse with a reason."
                )
                % {"shift": locked}
            )
        Voucher.objects.create(application=self, shift=locked)
        self.answers = {**self.answers, "voucher_shift": locked.pk}

    refuse = refusal(sources=REVIEW_STATES)
    # The applicant withdraws before the voucher is issued.
    withdraw = withdrawal(sources=[COMPLETENESS_CHECK, REVIEW, DECISION])
