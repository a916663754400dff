from dataclasses import replace

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PatronatConfig(AppConfig):
    name = "services.patronat"
    label = "patronat"
    verbose_name = _("Patronat placement and payment to the carer")

    def ready(self) -> None:
        from applications.registry import register
        from payments.registry import register as register_entitlement

        from .definition import DEFINITION
        from .entitlement import ENTITLEMENT
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
        # Its decision opens an entitlement paid monthly (payments/, issue #15).
        register_entitlement(ENTITLEMENT)
