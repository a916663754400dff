"""Why an action on a complaint did not happen: each carries a message for the user."""

from django.utils.translation import gettext_lazy as _

from guardianship_portal.core.errors import UserFacingError


class ComplaintActionError(UserFacingError):
    """Base: ``message`` is shown to the user as it is (translated)."""

    default_message = _("The action on the complaint could not be done.")


class StaleComplaint(ComplaintActionError):
    default_message = _(
        "Someone else has just acted on this complaint. Its page now shows the current state: check it and try again."
    )


class ComplaintTransitionRefused(ComplaintActionError):
    default_message = _("This action is not possible in the complaint's current state.")


class ComplaintNotPermitted(ComplaintActionError):
    default_message = _("You may not do this action on this complaint.")


class InvalidComplaint(ComplaintActionError):
    default_message = _("The complaint is not filled in correctly.")


class NoQualityBody(ComplaintActionError):
    default_message = _(
        "No authorised body for quality control is registered for this region, so the "
        "complaint cannot be forwarded here. Ask the administrator to add it."
    )
