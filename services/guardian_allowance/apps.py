from dataclasses import replace

from django.apps import AppConfig

from guardianship_portal.core.service_codes import ServiceCode


class GuardianAllowanceConfig(AppConfig):
    name = "services.guardian_allowance"
    label = "guardian_allowance"
    verbose_name = ServiceCode("guardian_allowance").label

    def ready(self) -> None:
        from applications.registry import register

        from .definition import DEFINITION
        from .workflow_states import STATES

        register(
            replace(
                DEFINITION,
                workflow_model="guardian_allowance.GuardianAllowanceApplication",
                states=STATES,
                documents_module="services.guardian_allowance.documents",
                form_class="services.guardian_allowance.forms.GuardianAllowanceForm",
            )
        )
