"""Why an action on an application did not happen: each carries a message for the user."""

from django.utils.translation import gettext_lazy as _


class ApplicationActionError(Exception):
    """Base: ``message`` is shown to the user as it is (translated)."""

    default_message = _("The action could not be done.")

    def __init__(self, message=None) -> None:
        self.message = message or self.default_message
        super().__init__(str(self.message))


class StaleApplication(ApplicationActionError):
    default_message = _(
        "Someone else has just acted on this application. Its page now shows the current state: check it and try again."
    )


class TransitionRefused(ApplicationActionError):
    default_message = _("This action is not possible in the application's current state.")


class ActionNotPermitted(ApplicationActionError):
    default_message = _("You may not do this action on this application.")


class IncompleteApplication(ApplicationActionError):
    default_message = _("Some required documents are not attached yet.")
