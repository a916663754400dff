from dataclasses import replace

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialAidConfig(AppConfig):
    name = "services.material_aid"
    label = "material_aid"
    verbose_name = _("Financial and material aid to pupils")

    def ready(self) -> None:
        from applications.registry import register

        from .definition import DEFINITION
        from .workflow_states import STATES

        register(
            replace(
                DEFINITION,
                workflow_model="material_aid.MaterialAidApplication",
                states=STATES,
                documents_module="services.material_aid.documents",
                form_class="services.material_aid.forms.MaterialAidForm",
                submission_check="services.material_aid.checks.once_per_academic_year",
            )
        )
