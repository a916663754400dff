"""The patronat form asks what the typical contract (seed 003 appendix 3) needs: the
carer's place of birth, the identity document's number, issuer and date, and each
child's birth certificate. Other services' forms do not change."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from applications.forms import ApplicationForm, ChildForm
from applications.models import Application
from applications.registry import all_services, get_service
from guardianship_portal.accounts.iin import make_iin
from services.patronat.forms import PatronatForm
from tests.applications.test_office import paper_data
from tests.applications.test_views import apply_data

pytestmark = pytest.mark.django_db

CHILD = {"last_name": "Серіков", "first_name": "Нұрлан", "birth_date": "2013-04-02"}
CERTIFICATE = {"birth_certificate_number": "0123456", "birth_certificate_date": "2013-04-10"}


def tomorrow() -> str:
    return (timezone.localdate() + timedelta(days=1)).isoformat()


def child_form(data: dict, **kwargs) -> ChildForm:
    form = ChildForm(data, **kwargs)
    form.is_valid()
    return form


def test_only_patronat_asks_for_the_birth_certificate():
    assert "birth_certificate_number" not in ChildForm().fields
    assert ApplicationForm.child_form_kwargs() == {"birth_certificate": False}
    for definition in all_services():
        form_class = import_string(definition.form_class)
        asks = form_class.child_form_kwargs()["birth_certificate"]
        assert asks is (definition.code == "patronat"), definition.code


def test_the_birth_certificate_is_required_when_asked():
    assert child_form(CHILD).is_valid()
    errors = child_form(CHILD, birth_certificate=True).errors
    assert set(errors) == {"birth_certificate_number", "birth_certificate_date"}
    form = child_form(
        {**CHILD, **CERTIFICATE, "birth_certificate_number": "№ 0123456"}, birth_certificate=True
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["birth_certificate_number"] == "0123456"
    assert form.cleaned_data["birth_certificate_date"] == date(2013, 4, 10)


@pytest.mark.parametrize(
    "field, value, code",
    [
        ("birth_certificate_date", tomorrow(), "future_issue"),
        ("birth_certificate_date", "2013-03-30", "issued_before_birth"),
        ("birth_certificate_number", "жоқ", "document_number"),
    ],
)
def test_a_wrong_birth_certificate_is_explained(field, value, code):
    form = child_form({**CHILD, **CERTIFICATE, field: value}, birth_certificate=True)
    assert form.has_error(field, code), form.errors


def patronat_form(**overrides) -> PatronatForm:
    """The clerk's variant (IIN and name typed), without the office and the children."""
    data = {
        key: value
        for key, value in apply_data(OFFICE, **overrides).items()
        if not key.startswith("children-") and key not in ("organisation", "submission_key")
    }
    data.update(
        applicant_iin=make_iin(date(1988, 4, 12), male=False, serial=1201),
        applicant_name="Сейітова Айгүл",
    )
    form = PatronatForm(data, definition=get_service("patronat"), for_clerk=True)
    del form.fields["organisation"]
    form.is_valid()
    return form


class OFFICE:  # apply_data only reads the office's pk
    pk = 0


def test_the_identity_document_is_three_fields_and_the_place_of_birth_one():
    form = patronat_form()
    assert form.is_valid(), form.errors
    answers = form.answers()
    assert answers["place_of_birth"] == "Көкшетау қаласы"
    assert answers["identity_document_number"] == "045678912"  # "№ " is the document's
    assert answers["identity_document_issuer"] == "ҚР ІІМ"
    assert answers["identity_document_date"] == "2020-03-12"  # JSON-safe
    assert "identity_document" not in answers
    required = patronat_form(
        place_of_birth="",
        identity_document_number="",
        identity_document_issuer="",
        identity_document_date="",
    )
    assert {
        "place_of_birth",
        "identity_document_number",
        "identity_document_issuer",
        "identity_document_date",
    } <= set(required.errors)


def test_a_wrong_identity_document_date_is_explained():
    assert patronat_form(identity_document_date=tomorrow()).has_error(
        "identity_document_date", "future_issue"
    )
    # The applicant's IIN says 12.04.1988: no document of theirs is older.
    assert patronat_form(identity_document_date="1987-01-01").has_error(
        "identity_document_date", "issued_before_birth"
    )


def test_the_portal_application_keeps_the_birth_certificate(
    client, patronat_applicant, patronat_office
):
    client.force_login(patronat_applicant)
    client.post("/kk/cabinet/apply/patronat/", apply_data(patronat_office))
    application = Application.objects.get(applicant=patronat_applicant)
    child = application.children.get()
    assert child.birth_certificate_number == "0123456"
    assert child.birth_certificate_date == date(2013, 4, 10)
    assert application.answers["identity_document_date"] == "2020-03-12"
    assert application.answers["place_of_birth"] == "Көкшетау қаласы"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_portal_refuses_a_future_certificate_and_saves_nothing(
    client, patronat_applicant, patronat_office, language
):
    client.force_login(patronat_applicant)
    response = client.post(
        f"/{language}/cabinet/apply/patronat/",
        apply_data(
            patronat_office,
            identity_document_date=tomorrow(),
            **{"children-0-birth_certificate_date": tomorrow()},
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override(language):
        assert translation.gettext("The date of issue cannot be in the future.") in html
    assert not Application.objects.exists()


def children_page(client, service: str) -> str:
    """The children's question page of a new application (the questions come page by
    page: applications/views.py)."""
    start = client.get(f"/kk/cabinet/apply/{service}/").content.decode()
    key = re.search(r'name="submission_key" value="([^"]+)"', start)[1]
    return client.get(f"/kk/cabinet/apply/{service}/{key}/children/").content.decode()


def test_other_services_do_not_ask_for_a_birth_certificate(client, patronat_applicant):
    client.force_login(patronat_applicant)
    assert "birth_certificate_number" in children_page(client, "patronat")
    html = children_page(client, "guardian_allowance")
    assert "children-0-birth_date" in html
    assert "birth_certificate_number" not in html


def test_the_counter_keeps_the_birth_certificate(client, patronat_office, patronat_clerk):
    client.force_login(patronat_clerk)
    client.post("/ru/office/register/patronat/", paper_data())
    child = Application.objects.get().children.get()
    assert (child.birth_certificate_number, child.birth_certificate_date) == (
        "0123456",
        date(2013, 4, 10),
    )


def test_the_counter_requires_the_birth_certificate(client, patronat_office, patronat_clerk):
    client.force_login(patronat_clerk)
    response = client.post(
        "/kk/office/register/patronat/",
        paper_data(**{"children-0-birth_certificate_number": ""}),
    )
    assert response.status_code == 200
    assert response.context["children"].forms[0].errors["birth_certificate_number"]
    # The empty extra rows for more children still need nothing.
    assert not response.context["children"].forms[1].errors
    assert not Application.objects.exists()
