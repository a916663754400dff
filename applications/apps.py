from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        # The public verification page says how the application behind a document was
        # signed (documents names no app above it).
        from documents.verification import register_verification_details

        from .verification import signature_details

        register_verification_details(signature_details)
