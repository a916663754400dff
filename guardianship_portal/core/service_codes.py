"""The five state services, by code. Cross-cutting apps (organisations) use the codes;
the service apps declare everything else about them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceCode(models.TextChoices):
    PATRONAT = "patronat", _("Patronat placement and payment to the carer")
    GUARDIAN_ALLOWANCE = "guardian_allowance", _("Allowance to guardians and trustees")
    CAMP_VOUCHER = "camp_voucher", _("Camp vouchers")
    FREE_MEALS = "free_meals", _("Free and reduced-price school meals")
    MATERIAL_AID = "material_aid", _("Financial and material aid to pupils")
