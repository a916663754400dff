from django.apps import AppConfig

from guardianship_portal.core.service_codes import ServiceCode


class CampVoucherConfig(AppConfig):
    name = "services.camp_voucher"
    label = "camp_voucher"
    verbose_name = ServiceCode("camp_voucher").label

    def ready(self) -> None:
        from applications.registry import register

        from .definition import DEFINITION

        register(DEFINITION)
