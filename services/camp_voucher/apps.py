from dataclasses import replace

from django.apps import AppConfig

from guardianship_portal.core.service_codes import ServiceCode


class CampVoucherConfig(AppConfig):
    name = "services.camp_voucher"
    label = "camp_voucher"
    verbose_name = ServiceCode("camp_voucher").label

    def ready(self) -> None:
        from applications.registry import register

        from .definition import DEFINITION
        from .workflow_states import STATES

        register(
            replace(
                DEFINITION,
                workflow_model="camp_voucher.CampVoucherApplication",
                states=STATES,
                documents_module="services.camp_voucher.documents",
                form_class="services.camp_voucher.forms.CampVoucherForm",
            )
        )
