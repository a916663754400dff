from dataclasses import replace

from django.apps import AppConfig

from guardianship_portal.core.service_codes import ServiceCode


class FreeMealsConfig(AppConfig):
    name = "services.free_meals"
    label = "free_meals"
    verbose_name = ServiceCode("free_meals").label

    def ready(self) -> None:
        from applications.registry import register

        from .definition import DEFINITION
        from .workflow_states import STATES

        register(
            replace(
                DEFINITION,
                workflow_model="free_meals.FreeMealsApplication",
                states=STATES,
                documents_module="services.free_meals.documents",
                form_class="services.free_meals.forms.FreeMealsForm",
            )
        )
