from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = _("Supervision")

    def ready(self) -> None:
        # The applications' stage reminders are supervision's (its ReminderSent, its
        # scope of who sees what): check_deadlines runs them through the registry.
        from applications.reminders import register_reminders

        from .reminders import check_deadlines

        register_reminders(name="applications", check=check_deadlines)

        # The pre-aggregated figures follow every transition of an application.
        from guardianship_portal.workflow.engine import register_change_listener

        from .aggregates import application_changed

        register_change_listener(application_changed)
