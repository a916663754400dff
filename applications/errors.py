"""Why an action on an application did not happen: each carries a message for the user."""

from django.utils.translation import gettext_lazy as _

from guardianship_portal.core.errors import UserFacingError


class ApplicationActionError(UserFacingError):
    """Base: ``message`` is shown to the user as it is (translated)."""

    default_message = _("The action could not be done.")


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


class IntakeOfficeRequired(ApplicationActionError):
    """A State Corporation filing names the service centre that accepted it: its hours
    decide the registration day and the result is handed out there."""

    default_message = _(
        "Choose the State Corporation service centre that accepted the application."
    )


class NoIntakeOfficeInRegion(ApplicationActionError):
    default_message = _(
        "No State Corporation service centre of your region is registered in the portal: ask the administrator to add it (with its hours), then register the application."
    )


class IncompletePaperSet(ApplicationActionError):
    """A paper set without a required document: registered only together with the
    refusal to accept, which the clerk confirms (seed 002, item 10)."""

    default_message = _(
        "The set of documents is incomplete: confirm that the application is registered and refused to accept."
    )
