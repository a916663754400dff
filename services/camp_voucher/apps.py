from dataclasses import replace

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampVoucherConfig(AppConfig):
    name = "services.camp_voucher"
    label = "camp_voucher"
    verbose_name = _("Camp vouchers")

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
