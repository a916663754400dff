"""The third-party apps the admin lists, named in the portal's languages: their own
AppConfigs call them "Axes" and "Tasks Database Backend", in English whatever the
language (settings.INSTALLED_APPS names these subclasses instead)."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig
from django_tasks_db.apps import TasksAppConfig


class LoginAttemptsConfig(AxesAppConfig):
    """django-axes: the failed logins and lockouts."""

    verbose_name = _("Login attempts")


class JobsConfig(TasksAppConfig):
    """django-tasks-db: the jobs queue (documents, notifications, reminders)."""

    # Django's AppConfig takes a lazy string (its stub says str; django-tasks-db annotates it).
    verbose_name = _("Background jobs")  # type: ignore[assignment]


class SecondFactorConfig(TOTPConfig):
    """django-otp's TOTP devices: the staff's second factor (issue #14)."""

    verbose_name = _("Second step of logging in")

    def ready(self) -> None:
        super().ready()
        device = self.get_model("TOTPDevice")
        # django-otp names its model with plain English strings.
        device._meta.verbose_name = _("authenticator app")
        device._meta.verbose_name_plural = _("authenticator apps")
