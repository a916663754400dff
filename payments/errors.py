"""Why an action on an entitlement or a register did not happen: each carries a
message for the user (translated)."""

from django.utils.translation import gettext_lazy as _

from guardianship_portal.core.errors import UserFacingError


class PaymentActionError(UserFacingError):
    default_message = _("The action could not be done.")


class StaleRecord(PaymentActionError):
    default_message = _(
        "Someone else has just changed this. The page now shows the current state: check it and try again."
    )


class ChangeRefused(PaymentActionError):
    default_message = _("This action is not possible in the current state.")


class NotPermitted(PaymentActionError):
    default_message = _("You may not do this action here.")


class InvalidEntitlementChange(PaymentActionError):
    default_message = _("The change is not filled in correctly.")


class SamePersonApproves(PaymentActionError):
    default_message = _(
        "The register is approved by a head of the office other than the person who prepared it."
    )


class RegisterChanged(PaymentActionError):
    default_message = _(
        "The register was prepared again after you opened it. Check its lines and approve again."
    )


class MissingRate(PaymentActionError):
    default_message = _(
        "The amount for this month is not entered yet (the payment norm or the monthly calculation index): ask the administrator to enter it, then prepare the register."
    )


class RegisterNotApproved(PaymentActionError):
    default_message = _("Only an approved register is exported.")
