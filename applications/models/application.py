"""Application: one filing of one state service, whatever the service.

Service apps add their workflow as proxy models of Application declaring django-fsm
transitions on the shared ``state`` field; the engine finds the proxy through the
registry. Deadlines are computed when a stage starts and stored here, so queues and
dashboards sort and filter in SQL on indexed columns.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin

from applications.registry import Channel
from applications.workflow import COMPLETED, DRAFT, REFUSED, REFUSED_TO_ACCEPT, WITHDRAWN
from guardianship_portal.core.service_codes import validate_service_code

# Not open: a draft (not filed yet) or a final state (applications/workflow.py).
NOT_OPEN_STATES = (DRAFT, COMPLETED, REFUSED_TO_ACCEPT, REFUSED, WITHDRAWN)


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user) -> ApplicationQuerySet:
        """Applicants see their own; office staff their organisation's; supervisors every
        organisation in their scope (read-only outside their own: actions check the
        office); nobody else anything."""
        from guardianship_portal.organisations.scope import organisations_in_scope

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.has_perm("accounts.view_dashboard") and user.organisation_id:
            return self.filter(organisation__in=organisations_in_scope(user))
        if user.has_perm("accounts.work_queue") and user.organisation_id:
            return self.filter(organisation_id=user.organisation_id)
        if user.has_perm("accounts.file_application"):
            return self.filter(applicant=user)
        return self.none()


class Application(FSMModelMixin, models.Model):
    class Language(models.TextChoices):
        KK = "kk", _("Kazakh")
        RU = "ru", _("Russian")

    # Given on submission; a draft has none yet.
    number = models.CharField(_("number"), max_length=40, unique=True, null=True, blank=True)
    # No choices: the services are whatever apps are installed (applications.registry),
    # so adding one writes no migration here; forms build their choices at runtime.
    service = models.CharField(
        _("service"), max_length=32, db_index=True, validators=[validate_service_code]
    )
    edition = models.CharField(
        _("service edition"),
        max_length=32,
        help_text=_("The edition of the service rules the application was filed under."),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("provider organisation"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant's account"),
        on_delete=models.PROTECT,
        related_name="applications",
        null=True,
        blank=True,
    )
    # The applicant as written on the application (a paper filing may have no account).
    applicant_iin = models.CharField(_("applicant's IIN"), max_length=12, db_index=True)
    applicant_name = models.CharField(_("applicant's full name"), max_length=300)
    applicant_phone = models.CharField(_("applicant's phone"), max_length=12)
    applicant_email = models.EmailField(_("applicant's email"), blank=True)
    applicant_address = models.CharField(_("applicant's address"), max_length=300, blank=True)
    channel = models.CharField(
        _("channel"), max_length=32, choices=Channel.choices, default=Channel.PORTAL
    )
    # The State Corporation service centre that accepted a filing of that channel: its
    # hours decide the registration day, and the result is handed out there.
    intake_office = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("State Corporation service centre"),
        on_delete=models.PROTECT,
        related_name="accepted_applications",
        null=True,
        blank=True,
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.KK
    )
    state = FSMField(_("state"), max_length=40, default="draft", protected=True, db_index=True)
    answers = models.JSONField(
        _("answers"),
        default=dict,
        blank=True,
        help_text=_("The applicant's answers that decide the checklist and the stages."),
    )
    filed_at = models.DateTimeField(_("filed at"), null=True, blank=True)
    registered_on = models.DateField(_("registration date"), null=True, blank=True, db_index=True)
    due_on = models.DateField(_("service due date"), null=True, blank=True, db_index=True)
    # Filed and not final, computed by the database from ``state`` on every write (a
    # stored generated column: no code path, bulk update or migration can let it
    # disagree with the state). The queue, its count and the "open" figures filter on
    # it, so PostgreSQL reads them from the partial index below instead of testing
    # ``NOT state IN (…)`` on every row of the office.
    is_open = models.GeneratedField(
        # A Q is a valid generated expression; the stubs only name Expression.
        expression=~models.Q(state__in=NOT_OPEN_STATES),  # type: ignore[arg-type]
        output_field=models.BooleanField(),
        db_persist=True,
        verbose_name=_("open"),
    )
    stage = models.CharField(_("current stage"), max_length=40, blank=True)
    stage_started_on = models.DateField(_("stage started on"), null=True, blank=True)
    stage_due_on = models.DateField(_("stage due date"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    # Stored when the application reaches a final state, so that dashboards aggregate
    # in SQL: the working day it ended on, how many working days it took, who closed it.
    completed_on = models.DateField(_("completed on"), null=True, blank=True, db_index=True)
    working_days_to_result = models.PositiveSmallIntegerField(
        _("working days to result"), null=True, blank=True
    )
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned clerk"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_applications",
    )
    submission_key = models.CharField(
        _("submission key"),
        max_length=64,
        blank=True,
        help_text=_(
            "Set by the form: a second submit of the same form finds the first application."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        indexes = [
            # The clerk queue: an office's open applications by stage deadline.
            models.Index(fields=["organisation", "state", "stage_due_on"], name="app_queue_idx"),
            # The queue in its own order (open first, then by stage and service deadline,
            # registration, pk: applications/office_selectors.office_queue), filed rows
            # only: a page is the next 25 entries of this index and its count an
            # index-only scan, for "open", "finished" and "all" alike.
            models.Index(
                fields=[
                    "organisation",
                    "-is_open",
                    "stage_due_on",
                    "due_on",
                    "registered_on",
                    "id",
                ],
                condition=~models.Q(state=DRAFT),
                name="app_office_queue_idx",
            ),
            models.Index(
                fields=["organisation", "assigned_clerk", "stage_due_on"],
                name="app_clerk_queue_idx",
            ),
            # The dashboard's per-clerk figures (supervision/selectors.clerks): a
            # person's open applications, and what a person closed by day, each with
            # every column the counts test, so they are read from the index alone.
            models.Index(
                fields=["assigned_clerk", "organisation", "stage_due_on"],
                condition=models.Q(is_open=True),
                name="app_open_clerk_idx",
            ),
            models.Index(
                fields=["completed_by", "completed_on", "organisation", "state", "due_on"],
                condition=models.Q(completed_by__isnull=False),
                name="app_closed_by_idx",
            ),
            models.Index(fields=["applicant", "-created_at"], name="app_cabinet_idx"),
            # Dashboards: results per office and period.
            models.Index(fields=["organisation", "completed_on"], name="app_results_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "submission_key"],
                condition=~models.Q(submission_key=""),
                name="one_application_per_submission",
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"


class Child(models.Model):
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="children",
    )
    last_name = models.CharField(_("last name"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    middle_name = models.CharField(_("patronymic"), max_length=100, blank=True)
    birth_date = models.DateField(_("date of birth"))
    # Indexed: the clerk's search finds applications by a child's IIN (or its beginning).
    iin = models.CharField(_("IIN"), max_length=12, blank=True, db_index=True)
    # The birth certificate the contract names (seed 003 appendix 3, clause 2).
    birth_certificate_number = models.CharField(
        _("birth certificate number"), max_length=40, blank=True
    )
    birth_certificate_date = models.DateField(_("birth certificate date"), null=True, blank=True)

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)
