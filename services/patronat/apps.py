from django.apps import AppConfig

from guardianship_portal.core.service_codes import ServiceCode


class PatronatConfig(AppConfig):
    name = "services.patronat"
    label = "patronat"
    verbose_name = ServiceCode("patronat").label

    def ready(self) -> None:
        from applications.registry import register

        from .definition import DEFINITION

        register(DEFINITION)
