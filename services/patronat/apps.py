from dataclasses import replace

from django.apps import AppConfig

from guardianship_portal.core.service_codes import ServiceCode


class PatronatConfig(AppConfig):
    name = "services.patronat"
    label = "patronat"
    verbose_name = ServiceCode("patronat").label

    def ready(self) -> None:
        from applications.registry import register

        from .definition import DEFINITION
        from .workflow_states import STATES

        register(
            replace(
                DEFINITION,
                workflow_model="patronat.PatronatApplication",
                states=STATES,
                documents_module="services.patronat.documents",
                form_class="services.patronat.forms.PatronatForm",
            )
        )
