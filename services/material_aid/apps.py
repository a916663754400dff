from django.apps import AppConfig

from guardianship_portal.core.service_codes import ServiceCode


class MaterialAidConfig(AppConfig):
    name = "services.material_aid"
    label = "material_aid"
    verbose_name = ServiceCode("material_aid").label

    def ready(self) -> None:
        from applications.registry import register

        from .definition import DEFINITION

        register(DEFINITION)
