"""The portal's user: applicants, staff of a provider organisation, administrators.

Everyone logs in with IIN + password. A user's role decides which group (and so
which permissions) they hold; views check permissions, never the role name.
"""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .iin import validate_iin

phone_validator = RegexValidator(
    r"^\+7\d{10}$",
    _("Enter the phone as +7 and ten digits, e.g. +77011234567."),
    code="phone",
)


class Role(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    CLERK = "clerk", _("Clerk")
    SUPERVISOR = "supervisor", _("Supervisor")
    QUALITY_CONTROLLER = "quality_controller", _("Quality-control officer")
    ADMINISTRATOR = "administrator", _("Administrator")


STAFF_ROLES = {Role.CLERK, Role.SUPERVISOR, Role.QUALITY_CONTROLLER}


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, iin: str, password: str | None = None, **fields) -> "User":
        user = self.model(iin=iin, **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, iin: str, password: str | None = None, **fields) -> "User":
        fields.setdefault("role", Role.ADMINISTRATOR)
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(iin, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    iin = models.CharField(
        _("IIN"),
        max_length=12,
        unique=True,
        validators=[validate_iin],
        error_messages={"unique": _("An account with this IIN already exists.")},
    )
    last_name = models.CharField(_("last name"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    middle_name = models.CharField(_("patronymic"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=12, blank=True, validators=[phone_validator])
    email = models.EmailField(_("email"), blank=True)
    role = models.CharField(_("role"), max_length=24, choices=Role.choices, default=Role.APPLICANT)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text=_("Required for clerks and supervisors."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=[("kk", _("Kazakh")), ("ru", _("Russian"))],
        default="kk",
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("may use the administration site"),
        default=False,
    )
    date_joined = models.DateTimeField(_("registered at"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "iin"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["last_name", "first_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name"]
        # What roles may do; granted through the role groups (roles.py).
        permissions = [
            ("file_application", _("Can file applications and complaints")),
            ("work_queue", _("Can work the office queue")),
            ("register_paper_application", _("Can register paper applications at the counter")),
            ("view_dashboard", _("Can view supervision dashboards and reports")),
            (
                "review_forwarded_complaints",
                _("Can review complaints forwarded to the quality-control body"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.iin})"

    def clean(self) -> None:
        super().clean()
        if self.role in STAFF_ROLES and not self.organisation_id:
            raise ValidationError(
                {"organisation": _("Office staff must belong to an organisation.")}
            )

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.first_name

    @property
    def is_office_staff(self) -> bool:
        return self.role in STAFF_ROLES
