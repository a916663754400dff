"""What every service workflow shares: who may act, and the common final states.

A service's proxy model declares its own @transition methods; these permission
callables are passed to them so that the engine's has_transition_perm check means
the same thing in every service.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from applications.errors import TransitionRefused
from applications.registry import StateInfo, get_service

DRAFT = "draft"
REFUSED_TO_ACCEPT = "refused_to_accept"
REFUSED = "refused"
WITHDRAWN = "withdrawn"
COMPLETED = "completed"

DRAFT_STATE = StateInfo(DRAFT, _("Draft, not submitted"))
FINAL_STATES = (
    StateInfo(COMPLETED, _("Completed: the service is provided"), final=True, outcome="granted"),
    StateInfo(
        REFUSED_TO_ACCEPT,
        _("Refused to accept: the set of documents is incomplete"),
        final=True,
        outcome="not_accepted",
    ),
    StateInfo(REFUSED, _("Refused: motivated refusal issued"), final=True, outcome="refused"),
    StateInfo(WITHDRAWN, _("Withdrawn by the applicant"), final=True, outcome="withdrawn"),
)


def is_office_staff(instance, user) -> bool:
    """A clerk (or supervisor) of the organisation the application was filed with."""
    return bool(
        user.is_authenticated
        and user.has_perm("accounts.work_queue")
        and user.organisation_id == instance.organisation_id
    )


def is_applicant(instance, user) -> bool:
    return bool(user.is_authenticated and instance.applicant_id == user.pk)


def may_submit(instance, user) -> bool:
    """The applicant files their own draft; a clerk registers a paper one."""
    if instance.channel == "portal":
        return is_applicant(instance, user) and user.has_perm("accounts.file_application")
    return is_office_staff(instance, user) and user.has_perm("accounts.register_paper_application")


# --- The transitions every service has, built per service (each call makes a new
# method, so each proxy model's django-fsm metadata is its own). A service assigns them
# in its proxy model's body: ``refuse = refusal(sources=[REVIEW, DECISION])``.

COMPLETENESS_CHECK = "completeness_check"


def filing():
    """draft → completeness check, with the acceptance receipt."""

    @transition(
        field="state",
        source=DRAFT,
        target=COMPLETENESS_CHECK,
        permission=may_submit,
        custom={"documents": ["acceptance_receipt"]},
    )
    def submit(self, *, actor, reason: str = "") -> None:
        """Filed: the completeness check starts."""

    return submit


def refusal_to_accept():
    """Incomplete set: refused at the completeness check with a receipt listing what is
    missing (services.md, common rules; seed 002 item 10)."""

    @transition(
        field="state",
        source=COMPLETENESS_CHECK,
        target=REFUSED_TO_ACCEPT,
        permission=is_office_staff,
        custom={
            "documents": ["refusal_receipt"],
            "reason_required": True,
            "form": "applications.transition_forms.MissingDocumentsForm",
        },
    )
    def refuse_to_accept(self, *, actor, reason: str, missing: list[str] | None = None) -> None:
        self.answers = {**self.answers, "missing_documents": list(missing or [])}

    return refuse_to_accept


def refusal(*, sources):
    """Motivated refusal with its legal ground, from the service's review stages."""

    @transition(
        field="state",
        source=list(sources),
        target=REFUSED,
        permission=is_office_staff,
        custom={
            "documents": ["motivated_refusal"],
            "reason_required": True,
            "form": "applications.transition_forms.RefusalGroundForm",
        },
    )
    def refuse(self, *, actor, reason: str, ground: str = "") -> None:
        # The ground is stored as its code (words come at rendering, in the reader's
        # language); anything else is refused before anything is saved.
        if get_service(self.service).refusal_ground(ground) is None:
            raise TransitionRefused(_("Choose the legal ground of the refusal."))
        self.answers = {**self.answers, "refusal_ground": ground}

    return refuse


def withdrawal(*, sources):
    """The applicant withdraws, from the stages the service allows it in."""

    @transition(field="state", source=list(sources), target=WITHDRAWN, permission=is_applicant)
    def withdraw(self, *, actor, reason: str = "") -> None:
        """Withdrawn by the applicant."""

    return withdraw
