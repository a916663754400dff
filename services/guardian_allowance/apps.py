from dataclasses import replace

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuardianAllowanceConfig(AppConfig):
    name = "services.guardian_allowance"
    label = "guardian_allowance"
    verbose_name = _("Allowance to guardians and trustees")

    def ready(self) -> None:
        from applications.registry import register
        from payments.registry import register as register_entitlement

        from .definition import DEFINITION
        from .entitlement import ENTITLEMENT
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
        # Its decision opens an entitlement paid monthly (payments/, issue #15).
        register_entitlement(ENTITLEMENT)
