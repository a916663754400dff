"""Complaints about the provision of a state service (services.md, "Complaints").

A complaint is about one of the applicant's filed applications and is lodged with the
provider organisation. Addressed to the provider's head, it is reviewed within 5 working
days from registration; addressed to the authorised body for quality control of state
services, the provider forwards it within 3 working days to that body of its region
(an Organisation of kind "quality_control_body"), whose officers answer it within 15
working days from its registration there (seed 001). ``due_on`` always holds the date
the next step is due: the answer, or first the forwarding (kept in
``forward_due_on`` once forwarded). Dates are computed when a stage starts and stored on
the row (like Application), so lists and indicators sort and aggregate in SQL.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from applications.models.numbering import next_number
from guardianship_portal.organisations.models import Organisation
from guardianship_portal.organisations.scope import organisations_headed

from .errors import NoQualityBody

# Terms in working days (services.md, "Common rules"; seed 001, "Шағымдану тәртібі").
REVIEW_TERM_WORKING_DAYS = 5
FORWARD_TERM_WORKING_DAYS = 3
QUALITY_BODY_TERM_WORKING_DAYS = 15
# The documents a transition issues after its commit (complaints/documents.py renders them).
RECEIPT_DOCUMENT = "complaint_receipt"
ANSWER_DOCUMENT = "complaint_answer"
# The complaints' counter in the shared numbering table (applications/models/numbering.py).
NUMBER_KIND = "complaint"


class ComplaintQuerySet(models.QuerySet):
    def visible_to(self, user) -> ComplaintQuerySet:
        """The applicant sees their own complaints, staff those of the office side
        (``office_side``); nobody else anything."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(Q(applicant=user) | office_side_condition(user))

    def office_side(self, user) -> ComplaintQuerySet:
        """The complaints a staff member sees at work: a supervisor those of the
        organisations in their scope (a regional supervisor: of the whole region, to
        read), a quality-control officer those forwarded to their body."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(office_side_condition(user))


def office_side_condition(user) -> Q:
    from guardianship_portal.organisations.scope import organisations_in_scope

    condition = Q(pk__in=[])
    if user.organisation_id is None:
        return condition
    if user.has_perm("accounts.view_dashboard"):
        condition |= Q(organisation__in=organisations_in_scope(user))
    if user.has_perm("accounts.review_forwarded_complaints"):
        condition |= Q(quality_body_id=user.organisation_id)
    return condition


# Who may act, as django-fsm permissions of the transitions (the engine's
# has_transition_perm); complaints.actions.may_handle asks the same before the state.


def heads_the_provider(complaint, user) -> bool:
    """The provider's steps (take, answer, forward): a supervisor who heads the
    complaint's organisation (its own, or a department for its district's schools; a
    regional supervisor only reads)."""
    return bool(
        user.is_authenticated
        and user.has_perm("accounts.view_dashboard")
        and organisations_headed(user).filter(pk=complaint.organisation_id).exists()
    )


def answers_for_the_body(complaint, user) -> bool:
    """The body's answer: an officer of the body the complaint was forwarded to."""
    return bool(
        user.is_authenticated
        and user.has_perm("accounts.review_forwarded_complaints")
        and complaint.quality_body_id is not None
        and user.organisation_id == complaint.quality_body_id
    )


# The transitions' conditions: which way the complaint is addressed. Plain functions
# of the complaint, as django-fsm calls them (its typing wants a condition of any
# model, which a method of Complaint is not).


def addressed_to_provider_head(complaint) -> bool:
    return complaint.addressed_to == Complaint.AddressedTo.PROVIDER_HEAD


def addressed_to_quality_body(complaint) -> bool:
    return complaint.addressed_to == Complaint.AddressedTo.QUALITY_BODY


def quality_body_for(organisation: Organisation) -> Organisation | None:
    """The region's authorised body for quality control (the first active one)."""
    return (
        Organisation.objects.filter(
            kind=Organisation.Kind.QUALITY_CONTROL_BODY,
            region_id=organisation.region_id,
            is_active=True,
        )
        .order_by("pk")
        .first()
    )


class Complaint(FSMModelMixin, models.Model):
    class AddressedTo(models.TextChoices):
        PROVIDER_HEAD = "provider_head", _("The head of the service provider")
        QUALITY_BODY = (
            "quality_body",
            _("The authorised body for quality control of state services"),
        )

    class Subject(models.TextChoices):
        ACTION = "action", _("An action of the provider or its official")
        INACTION = "inaction", _("Inaction of the provider or its official")
        DECISION = "decision", _("A decision of the provider or its official")

    class State(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        UNDER_REVIEW = "under_review", _("Under review")
        ANSWERED = "answered", _("Answered")
        FORWARDED = "forwarded", _("Forwarded to the authorised body")

    class Language(models.TextChoices):
        KK = "kk", _("Kazakh")
        RU = "ru", _("Russian")

    # Open: not answered yet, at the provider or at the quality-control body.
    OPEN_STATES = (State.REGISTERED, State.UNDER_REVIEW, State.FORWARDED)

    number = models.CharField(_("number"), max_length=48, unique=True)
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant's account"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("provider organisation"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    addressed_to = models.CharField(_("addressed to"), max_length=20, choices=AddressedTo.choices)
    subject = models.CharField(_("complaint about"), max_length=20, choices=Subject.choices)
    text = models.TextField(_("text of the complaint"))
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.KK
    )
    state = FSMField(
        _("state"),
        max_length=20,
        choices=State.choices,
        default=State.REGISTERED,
        protected=True,
        db_index=True,
    )
    submission_key = models.CharField(_("submission key"), max_length=64, blank=True)
    filed_at = models.DateTimeField(_("filed at"))
    registered_on = models.DateField(_("registration date"), db_index=True)
    due_on = models.DateField(
        _("due date"),
        db_index=True,
        help_text=_("The answer is due by this date; for a complaint to forward, the forwarding."),
    )
    forward_due_on = models.DateField(_("forwarding due by"), null=True, blank=True)
    quality_body = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("authorised body it was forwarded to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forwarded_complaints",
    )
    body_registered_on = models.DateField(
        _("registered at the authorised body on"), null=True, blank=True
    )
    taken_at = models.DateTimeField(_("taken into review at"), null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    justified = models.BooleanField(_("justified"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_in_time = models.BooleanField(_("answered in time"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("forwarded at"), null=True, blank=True)
    forwarded_on = models.DateField(_("forwarded on"), null=True, blank=True)
    forwarded_in_time = models.BooleanField(_("forwarded in time"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-filed_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "state", "due_on"], name="complaint_queue_idx"),
            models.Index(fields=["organisation", "registered_on"], name="complaint_period_idx"),
            models.Index(fields=["applicant", "-filed_at"], name="complaint_cabinet_idx"),
            models.Index(
                fields=["quality_body", "state", "due_on"], name="complaint_body_queue_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "submission_key"],
                condition=~Q(submission_key=""),
                name="one_complaint_per_submission",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    def is_overdue(self, today) -> bool:
        return self.is_open and self.due_on < today

    # The transitions: only the engine runs them, through complaints/actions.py (locked
    # row, checks, audit); their dates are stored by complaints/deadlines.py.

    @transition(
        field=state,
        source=State.REGISTERED,
        target=State.UNDER_REVIEW,
        conditions=[addressed_to_provider_head],
        permission=heads_the_provider,
    )
    def take(self, *, actor, reason: str = "") -> None:
        self.reviewer = actor

    @transition(
        field=state,
        source=State.UNDER_REVIEW,
        target=State.ANSWERED,
        permission=heads_the_provider,
        custom={"documents": [ANSWER_DOCUMENT]},
    )
    def give_answer(self, *, actor, justified: bool, answer: str, reason: str = "") -> None:
        self.justified = justified
        self.answer = answer
        self.reviewer = self.reviewer or actor

    @transition(
        field=state,
        source=State.REGISTERED,
        target=State.FORWARDED,
        conditions=[addressed_to_quality_body],
        permission=heads_the_provider,
    )
    def forward(self, *, actor, reason: str = "") -> None:
        """To the body of the provider's region; nothing changes if there is none."""
        body = quality_body_for(self.organisation)
        if body is None:
            raise NoQualityBody()
        self.quality_body = body

    @transition(
        field=state,
        source=State.FORWARDED,
        target=State.ANSWERED,
        permission=answers_for_the_body,
        custom={"documents": [ANSWER_DOCUMENT]},
    )
    def give_body_answer(self, *, actor, justified: bool, answer: str, reason: str = "") -> None:
        self.justified = justified
        self.answer = answer
        self.reviewer = actor

    @property
    def answered_by_body(self) -> bool:
        return self.quality_body_id is not None and self.state == self.State.ANSWERED

    @property
    def answering_organisation(self):
        """Who answers (or answered): the provider, or the body it was forwarded to."""
        return self.quality_body if self.quality_body_id else self.organisation


class ComplaintEvent(models.Model):
    """One thing that happened to a complaint, written in the same transaction."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), db_index=True)
    action = models.CharField(_("action"), max_length=32)
    from_state = models.CharField(_("from state"), max_length=20, blank=True)
    to_state = models.CharField(_("to state"), max_length=20)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.action}"


def next_complaint_number(*, organisation, year: int) -> str:
    """The next number, e.g. ``KOK-EDU-C-2026-00007``: no gaps, no duplicates (the
    shared counter, locked while the number is taken)."""
    value = next_number(organisation=organisation, kind=NUMBER_KIND, year=year)
    return f"{organisation.code}-C-{year}-{value:05d}"


class ComplaintReminderSent(models.Model):
    """A deadline reminder about a complaint, recorded so that ``check_deadlines`` never
    sends it twice (the same rule as supervision.ReminderSent for applications)."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind of reminder"), max_length=16)
    state = models.CharField(_("state"), max_length=20)
    due_on = models.DateField(_("due date"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("complaint deadline reminder sent")
        verbose_name_plural = _("complaint deadline reminders sent")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "kind", "state", "due_on", "recipient"],
                name="one_reminder_per_complaint_deadline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind} {self.due_on} → {self.recipient_id}"
