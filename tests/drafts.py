"""A draft changed as the applicant's Change link sends it (application_update_draft):
everything as the draft holds it, but what a test gives."""

from __future__ import annotations

from typing import Any

from applications.actions import application_update_draft

CHILD_FIELDS = (
    "last_name",
    "first_name",
    "middle_name",
    "birth_date",
    "iin",
    "birth_certificate_number",
    "birth_certificate_date",
)


def change_draft(
    application,
    actor,
    *,
    answers: dict[str, Any] | None = None,
    address: str | None = None,
    child_fields: dict[str, Any] | None = None,
):
    """``answers``: the whole answers to send (the draft's own if None); ``address``:
    a new address; ``child_fields``: what changes in the (only) child."""
    child = application.children.get()
    return application_update_draft(
        application=application,
        actor=actor,
        organisation=application.organisation,
        applicant_data={
            "applicant_iin": application.applicant_iin,
            "applicant_name": application.applicant_name,
            "applicant_phone": application.applicant_phone,
            "applicant_email": application.applicant_email,
            "applicant_address": address or application.applicant_address,
        },
        children=[
            {**{name: getattr(child, name) for name in CHILD_FIELDS}, **(child_fields or {})}
        ],
        answers=dict(application.answers) if answers is None else answers,
    )
