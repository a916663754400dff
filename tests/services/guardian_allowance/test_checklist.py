"""The guardian allowance checklist follows seed 002's conditions: the birth certificate
only for a child born abroad or before 13.08.2007, the identity document only at the
counter, one document of several kinds confirming the absence of parental care; and the
service's form asks and derives what the checklist needs."""

from datetime import date

import pytest

from applications.actions import (
    application_submit,
    attachment_add,
    missing_documents,
)
from applications.errors import IncompleteApplication
from applications.registry import Channel, get_service
from services.guardian_allowance.definition import CIVIL_REGISTRY_FROM
from services.guardian_allowance.forms import GuardianAllowanceForm
from tests.files import pdf_upload
from tests.services.guardian_allowance.helpers import child, draft_for

pytestmark = pytest.mark.django_db

DEFINITION = get_service("guardian_allowance")
# On the portal; the application itself is the signed electronic form there.
ALWAYS = [
    "guardian_appointment_decision",
    "no_parental_care_documents",
    "bank_account_contract",
    "child_income_documents",
]


def required(answers: dict, channel: str = Channel.PORTAL) -> list[str]:
    return [item.code for item in DEFINITION.checklist_for(answers, channel)]


def form_answers(born: list[date], abroad: bool) -> dict:
    """What the service's form stores for these children and this answer."""
    form = GuardianAllowanceForm(definition=DEFINITION)
    answers = {"child_born_abroad": abroad}
    return form.derive_answers(answers, [child(b) for b in born])


@pytest.mark.parametrize(
    ("born", "abroad", "certificate"),
    [
        ([date(2012, 5, 17)], False, False),  # in the civil registry: fetched by the provider
        ([date(2012, 5, 17)], True, True),  # born abroad
        ([date(2007, 8, 13)], False, False),  # the first day of the electronic registry
        ([date(2007, 8, 12)], False, True),  # the day before: not in it
        ([date(2015, 1, 1), date(2007, 1, 9)], False, True),  # one of two children is enough
        ([date(2007, 1, 9)], True, True),
    ],
)
def test_birth_certificate_condition(born, abroad, certificate):
    assert date(2007, 8, 13) == CIVIL_REGISTRY_FROM
    answers = form_answers(born, abroad)
    assert answers["child_born_before_registry"] is (min(born) < CIVIL_REGISTRY_FROM)
    codes = required(answers)
    assert ("birth_certificate" in codes) is certificate
    assert set(ALWAYS) <= set(codes)


def test_the_application_is_the_form_on_the_portal_and_a_paper_at_the_counter():
    answers = form_answers([date(2012, 5, 17)], False)
    assert "application" not in required(answers, Channel.PORTAL)
    assert "application" in required(answers, Channel.OFFICE)
    assert "application" in required(answers, Channel.STATE_CORPORATION)


def test_identity_document_is_brought_to_the_counter_only():
    answers = form_answers([date(2012, 5, 17)], False)
    assert "identity_document" not in required(answers, Channel.PORTAL)
    assert "identity_document" in required(answers, Channel.OFFICE)
    assert "identity_document" in required(answers, Channel.STATE_CORPORATION)


def test_one_document_of_the_listed_kinds_confirms_the_absence_of_parental_care(
    allowance_applicant, allowance_office
):
    item = next(i for i in DEFINITION.checklist if i.code == "no_parental_care_documents")
    assert len(item.one_of) == 9  # seed 002, item 9(5): the nine kinds of documents
    draft = draft_for(allowance_applicant, allowance_office)
    assert "no_parental_care_documents" in [i.code for i in missing_documents(draft)]
    attachment_add(
        application=draft,
        item="no_parental_care_documents",
        upload=pdf_upload("death-certificate.pdf"),
        actor=allowance_applicant,
    )
    assert "no_parental_care_documents" not in [i.code for i in missing_documents(draft)]


def test_portal_filing_needs_the_birth_certificate_of_a_child_born_abroad(
    allowance_applicant, allowance_office
):
    draft = draft_for(allowance_applicant, allowance_office, born_abroad=True)
    for item in missing_documents(draft):
        if item.code != "birth_certificate":
            attachment_add(
                application=draft, item=item.code, upload=pdf_upload(), actor=allowance_applicant
            )
    assert [i.code for i in missing_documents(draft)] == ["birth_certificate"]
    with pytest.raises(IncompleteApplication):
        application_submit(application=draft, actor=allowance_applicant)
    attachment_add(
        application=draft, item="birth_certificate", upload=pdf_upload(), actor=allowance_applicant
    )
    assert application_submit(application=draft, actor=allowance_applicant).state == (
        "completeness_check"
    )


def form_data(office, **overrides) -> dict:
    return {
        "organisation": str(office.pk),
        "applicant_iin": "",
        "applicant_name": "",
        "applicant_phone": "+7 701 555 44 33",
        "applicant_address": "Қарағанды қ., Бұқар жырау даңғылы, 10",
        "answer_child_born_abroad": "no",
        "identity_document": "№ 045678912, ҚР ІІМ, 12.03.2020",
        "guardian_appointment": "Әкімдіктің 2026 жылғы 2 наурыздағы № 14/05 қаулысы",
        "bank_name": "Halyk Bank",
        "bank_account": "kz86 125k zt50 0410 0100",
        **overrides,
    }


def test_the_form_asks_born_abroad_and_stores_what_the_decision_needs(
    allowance_office, allowance_applicant
):
    initial = {"applicant_iin": allowance_applicant.iin, "applicant_name": "Сейітова Айгүл"}
    form = GuardianAllowanceForm(
        form_data(allowance_office), definition=DEFINITION, initial=initial
    )
    assert "answer_child_born_abroad" in form.fields
    assert "answer_child_born_before_registry" not in form.fields  # derived, not asked
    assert form.is_valid(), form.errors
    answers = form.derive_answers(form.answers(), [child(date(2012, 5, 17))])
    assert answers == {
        "child_born_abroad": False,
        "child_born_before_registry": False,
        "identity_document": "№ 045678912, ҚР ІІМ, 12.03.2020",
        "guardian_appointment": "Әкімдіктің 2026 жылғы 2 наурыздағы № 14/05 қаулысы",
        "bank_name": "Halyk Bank",
        "bank_account": "KZ86125KZT5004100100",
    }


@pytest.mark.parametrize(
    ("account", "code"),
    [("KZ86125KZT5004100101", "iban_checksum"), ("1234567890", "iban_format")],
)
def test_the_form_refuses_a_wrong_account_number(
    allowance_office, allowance_applicant, account, code
):
    initial = {"applicant_iin": allowance_applicant.iin, "applicant_name": "Сейітова Айгүл"}
    form = GuardianAllowanceForm(
        form_data(allowance_office, bank_account=account), definition=DEFINITION, initial=initial
    )
    assert not form.is_valid()
    assert form.has_error("bank_account", code)


def test_the_form_requires_the_appointing_decision(allowance_office, allowance_applicant):
    initial = {"applicant_iin": allowance_applicant.iin, "applicant_name": "Сейітова Айгүл"}
    form = GuardianAllowanceForm(
        form_data(allowance_office, guardian_appointment=""), definition=DEFINITION, initial=initial
    )
    assert not form.is_valid()
    assert "guardian_appointment" in form.errors
