"""The test-only service's workflow: filed → completeness check → home visit → the
certificate, with the shared refusal and withdrawal."""

from django_fsm import transition

from applications.models import Application
from applications.workflow import (
    COMPLETED,
    COMPLETENESS_CHECK,
    filing,
    is_office_staff,
    refusal,
    withdrawal,
)

from .definition import DECISION_KIND, VISIT


class HomeVisitApplication(Application):
    class Meta:
        proxy = True
        app_label = "sixth_service"

    submit = filing()

    @transition(
        field="state",
        source=COMPLETENESS_CHECK,
        target=VISIT,
        permission=is_office_staff,
        custom={"label": "Accept the documents"},
    )
    def accept_documents(self, *, actor, reason: str = "") -> None:
        """The set is complete: the visit is planned."""

    @transition(
        field="state",
        source=VISIT,
        target=COMPLETED,
        permission=is_office_staff,
        custom={"label": "Issue the certificate", "documents": [DECISION_KIND]},
    )
    def issue_certificate(self, *, actor, reason: str = "") -> None:
        """The visit was made: the certificate is issued."""

    refuse = refusal(sources=[COMPLETENESS_CHECK, VISIT])

    withdraw = withdrawal(sources=[COMPLETENESS_CHECK, VISIT])
