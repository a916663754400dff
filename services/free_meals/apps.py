from django.apps import AppConfig

from guardianship_portal.core.service_codes import ServiceCode


class FreeMealsConfig(AppConfig):
    name = "services.free_meals"
    label = "free_meals"
    verbose_name = ServiceCode("free_meals").label

    def ready(self) -> None:
        from applications.registry import register

        from .definition import DEFINITION

        register(DEFINITION)
