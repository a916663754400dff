from dataclasses import replace

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FreeMealsConfig(AppConfig):
    name = "services.free_meals"
    label = "free_meals"
    verbose_name = _("Free and reduced-price school meals")

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
