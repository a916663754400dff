"""Building guardian allowance applications for tests (fixtures: conftest.py; the browser
test imports these too)."""

from datetime import date

from applications.actions import (
    application_create_draft,
    application_submit,
    attachment_add,
    missing_documents,
)
from applications.registry import Channel
from guardianship_portal.accounts.iin import make_iin
from services.guardian_allowance.definition import derive_answers
from tests.files import pdf_upload

MRP_2026 = 4325
APPLICANT = ("Сейітова", "Айгүл", "Бауыржанқызы")
PAPER_IIN = make_iin(date(1988, 4, 12), male=False, serial=4321)
CHILD = {"last_name": "Серіков", "first_name": "Нұрлан", "middle_name": "Асқарұлы"}


def child(born=date(2012, 5, 17), **names) -> dict:
    return {**CHILD, "birth_date": born, "iin": "", **names}


def draft_for(
    applicant,
    office,
    *,
    children=None,
    born_abroad=False,
    language="kk",
    channel=Channel.PORTAL,
    **answers,
):
    children = children if children is not None else [child()]
    return application_create_draft(
        service="guardian_allowance",
        organisation=office,
        applicant=applicant,
        channel=channel,
        applicant_data={
            "applicant_iin": applicant.iin if applicant else PAPER_IIN,
            "applicant_name": applicant.full_name if applicant else " ".join(APPLICANT),
            "applicant_phone": "+77015554433",
            "applicant_email": applicant.email if applicant else "",
            "applicant_address": "Қарағанды қ., Бұқар жырау даңғылы, 10, 5-пәтер",
        },
        children=children,
        answers=derive_answers(
            {
                "child_born_abroad": born_abroad,
                "identity_document": "№ 045678912, ҚР ІІМ, 12.03.2020",
                "guardian_appointment": "Қарағанды қаласы әкімдігінің 2026 жылғы 2 наурыздағы № 14/05 қаулысы",
                "bank_name": "Halyk Bank",
                "bank_account": "KZ86125KZT5004100100",
                **answers,
            },
            children,
        ),
        language=language,
    )


def submitted(applicant, office, **kwargs):
    """Filed on the portal with a scan for every required item."""
    draft = draft_for(applicant, office, **kwargs)
    for item in missing_documents(draft):
        attachment_add(application=draft, item=item.code, upload=pdf_upload(), actor=applicant)
    return application_submit(application=draft, actor=applicant)
