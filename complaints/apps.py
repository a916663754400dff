from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # What complaints contribute to the engine's lists (the engine imports none of
        # it): their deadline reminders, run by check_deadlines, and the complaint
        # figures of the quality indicators.
        from applications.reminders import register_reminders
        from supervision.indicators import register_complaint_source

        from .indicators import complaint_figures
        from .reminders import check_complaint_deadlines

        register_reminders(name="complaints", check=check_complaint_deadlines, label="complaints")
        register_complaint_source(complaint_figures, app_name=self.name)
