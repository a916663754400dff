from django.apps import AppConfig

from guardianship_portal.core.service_codes import ServiceCode


class GuardianAllowanceConfig(AppConfig):
    name = "services.guardian_allowance"
    label = "guardian_allowance"
    verbose_name = ServiceCode("guardian_allowance").label

    def ready(self) -> None:
        from applications.registry import register

        from .definition import DEFINITION

        register(DEFINITION)
