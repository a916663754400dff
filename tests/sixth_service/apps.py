from dataclasses import replace

from django.apps import AppConfig


class SixthServiceConfig(AppConfig):
    name = "tests.sixth_service"
    label = "sixth_service"
    verbose_name = "Home visit certificate (test-only service)"

    def ready(self) -> None:
        from applications.registry import register

        from .definition import DEFINITION, STATES

        register(
            replace(DEFINITION, workflow_model="sixth_service.HomeVisitApplication", states=STATES)
        )
