"""Shared helpers for the tests of services 3–5 (camp vouchers, free meals, material aid):
a school providing the three services, its clerk, an applicant, drafts walked through
their workflow, and PDF text read back with pypdf."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from applications.actions import (
    application_create_draft,
    application_submit,
    application_transition,
    attachment_add,
    missing_documents,
)
from guardianship_portal.organisations.models import Organisation
from tests.factories import ClerkFactory, OrganisationFactory, ProvidedServiceFactory, UserFactory
from tests.files import pdf_upload
from tests.pdf import pdf_text

SCHOOL_SERVICES = ("camp_voucher", "free_meals", "material_aid")
APPLICANT = "Сейітова Айгүл Бауыржанқызы"
CHILD = "Серіков Нұрлан Асқарұлы"
CHILD_BORN = date(2013, 5, 17)
KK_LONG_DATE = re.compile(r"\d{4} жылғы \d{1,2} [а-яәғқңөұүһі]+(?:дағы|дегі|тағы|тегі)\b")
RU_LONG_DATE = re.compile(
    r"\d{1,2} (?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря) \d{4} г\."
)


@pytest.fixture
def school(db):
    from services.camp_voucher.models import Camp, Shift
    from services.material_aid.models import SubsistenceMinimum

    office = OrganisationFactory(
        code="KOK-SCH7",
        kind=Organisation.Kind.SCHOOL,
        name_kk="Көкшетау қаласының № 7 мектеп-гимназиясы",
        name_ru="Школа-гимназия № 7 города Кокшетау",
        head_name="Ахметова Гүлнар Ержанқызы",
    )
    for service in SCHOOL_SERVICES:
        ProvidedServiceFactory(organisation=office, service=service)
    camp = Camp.objects.create(
        organisation=office,
        name_kk="«Балдырған» сауықтыру лагері",
        name_ru="Оздоровительный лагерь «Балдырған»",
        kind=Camp.Kind.OUT_OF_TOWN,
        address="Бурабай ауданы, Щучье көлі",
    )
    Shift.objects.create(
        camp=camp, starts_on=date(2027, 6, 3), ends_on=date(2027, 6, 23), places=30
    )
    for year in range(2024, 2031):
        SubsistenceMinimum.objects.get_or_create(
            year=year, defaults={"amount": Decimal("50851"), "reference": "Test law"}
        )
    return office


@pytest.fixture
def school_clerk(school):
    return ClerkFactory(organisation=school)


@pytest.fixture
def school_applicant(db):
    return UserFactory(last_name="Сейітова", first_name="Айгүл", middle_name="Бауыржанқызы")


def draft(
    service,
    applicant,
    office,
    *,
    category="low_income",
    language="kk",
    child=("Серіков", "Нұрлан", "Асқарұлы", CHILD_BORN, ""),
    **answers,
):
    last, first, middle, born, iin = child
    return application_create_draft(
        service=service,
        organisation=office,
        applicant=applicant,
        applicant_data={
            "applicant_iin": applicant.iin,
            "applicant_name": applicant.full_name,
            "applicant_phone": "+77015554433",
            "applicant_email": applicant.email,
            "applicant_address": "Көкшетау қ., Абай к-сі, 10, 5-пәтер",
        },
        children=[
            {
                "last_name": last,
                "first_name": first,
                "middle_name": middle,
                "birth_date": born,
                "iin": iin,
            }
        ],
        answers={
            "category": category,
            "child_birth_not_in_registry": False,
            "marriage_record_not_in_registry": False,
            **answers,
        },
        language=language,
    )


def submitted(service, applicant, office, **kwargs):
    application = draft(service, applicant, office, **kwargs)
    for item in missing_documents(application):
        attachment_add(
            application=application, item=item.code, upload=pdf_upload(), actor=applicant
        )
    return application_submit(application=application, actor=applicant)


def walk(application, clerk, path, until=None):
    """Run ``path`` ([(action, data)]) until the application is in state ``until`` (None:
    the whole path)."""
    for action, data in path:
        if until is not None and application.state == until:
            return application
        application = application_transition(
            application=application,
            action=action,
            actor=clerk,
            expected_state=application.state,
            data=data(application) if callable(data) else data,
        )
    assert until is None or application.state == until, application.state
    return application


def normalised(text: str) -> str:
    return " ".join(text.split())


def assert_common(text: str, application, language: str) -> None:
    assert APPLICANT in text
    assert CHILD in text
    assert application.number in text
    pattern = KK_LONG_DATE if language == "kk" else RU_LONG_DATE
    assert pattern.search(text), text[:400]


APPLICANT_ACTIONS = {"withdraw"}


def transition_data(action: str, path: dict) -> dict:
    """The data each action is posted with in the matrix tests."""
    if action == "refuse_to_accept":
        return {"missing": ["category_document_low_income"]}
    if action == "refuse":
        return {"ground": "not_in_category"}
    return path.get(action, {})


def check_matrix_case(*, service, matrix, path, state, action, applicant, office, clerk):
    """One cell of a transition matrix: the right role moves the application to the
    expected state (with an audit event), the wrong role is refused; an action not allowed
    in the state is refused for anyone."""
    from applications.errors import ActionNotPermitted, TransitionRefused
    from applications.models import Application, ApplicationEvent

    application = walk(
        submitted(service, applicant, office), clerk, list(path.items()), until=state
    )
    expected = matrix[state].get(action)
    right = applicant if action in APPLICANT_ACTIONS else clerk
    wrong = clerk if action in APPLICANT_ACTIONS else applicant
    data = transition_data(action, path)
    data = data(application) if callable(data) else data
    kwargs = {"reason": "Негіз", "data": data, "expected_state": state}
    if expected is None:
        with pytest.raises(TransitionRefused):
            application_transition(application=application, action=action, actor=right, **kwargs)
        assert Application.objects.get(pk=application.pk).state == state
        return
    with pytest.raises(ActionNotPermitted):
        application_transition(application=application, action=action, actor=wrong, **kwargs)
    assert Application.objects.get(pk=application.pk).state == state
    done = application_transition(application=application, action=action, actor=right, **kwargs)
    assert done.state == expected
    event = ApplicationEvent.objects.filter(application=application, action=action).get()
    assert (event.from_state, event.to_state, event.actor) == (state, expected, right)


def check_checklist_by_category(service: str) -> None:
    """Each category asks for its own supporting document and no other's."""
    from applications.registry import Channel, get_service
    from services.common_categories import CATEGORY_CODES

    definition = get_service(service)
    for code in CATEGORY_CODES:
        items = {
            item.code
            for item in definition.checklist_for(
                {"category": code, "child_birth_not_in_registry": False}, Channel.PORTAL
            )
        }
        category_items = {i for i in items if i.startswith("category_document_")}
        assert category_items == {f"category_document_{code}"}, (code, items)


def check_form_stores_the_category(service: str, office, applicant) -> None:
    """The category is a required choice of the service's categories, kept in answers."""
    from django.utils.module_loading import import_string

    from applications.registry import get_service

    definition = get_service(service)
    form_class = import_string(definition.form_class)
    base = {
        "organisation": office.pk,
        "applicant_iin": applicant.iin,
        "applicant_name": applicant.full_name,
        "applicant_phone": "+7 701 555 44 33",
        "applicant_address": "Көкшетау қ.",
        **{f"answer_{c.code}": "no" for c in definition.conditions if c.asked},
    }
    form = form_class(base, definition=definition, for_clerk=True)
    assert not form.is_valid()
    assert list(form.errors) == ["category"]
    form = form_class({**base, "category": "emergency"}, definition=definition, for_clerk=True)
    assert form.is_valid(), form.errors
    assert form.answers()["category"] == "emergency"
    choices = [code for code, _ in form.fields["category"].choices if code]
    assert choices == [c.code for c in definition.categories]
    assert "category" in form.extra_answer_fields


def refused_to_accept(service, applicant, office, clerk, language="kk"):
    application = submitted(service, applicant, office, language=language)
    return application_transition(
        application=application,
        action="refuse_to_accept",
        actor=clerk,
        expected_state="completeness_check",
        reason="Анықтама оқылмайды",
        data={"missing": ["category_document_low_income"]},
    )


def refused(service, applicant, office, clerk, language="kk"):
    application = submitted(service, applicant, office, language=language)
    application = application_transition(
        application=application,
        action="accept_documents",
        actor=clerk,
        expected_state="completeness_check",
    )
    return application_transition(
        application=application,
        action="refuse",
        actor=clerk,
        expected_state=application.state,
        reason="Отбасының табысы ең төменгі күнкөріс деңгейінен жоғары",
        data={"ground": "not_in_category"},
    )


def check_common_documents(service, language, applicant, office, clerk) -> None:
    """The shared documents of a school service, read back in ``language``."""
    from django.utils import translation
    from django.utils.translation import gettext

    from applications.result_documents import issue_document

    application = refused_to_accept(service, applicant, office, clerk)
    text = pdf_text(
        issue_document(application=application, kind="refusal_receipt", language=language)
    )
    assert_common(text, application, language)
    assert "Анықтама оқылмайды" in text
    with translation.override(language):
        assert (
            normalised(
                gettext(
                    "Documents on the family's income (salary certificates of the parents or the persons replacing them, income from business and other activities, alimony and other income)"
                )
            )[:40]
            in text
        )

    application = refused(service, applicant, office, clerk)
    text = pdf_text(
        issue_document(application=application, kind="motivated_refusal", language=language)
    )
    assert_common(text, application, language)
    with translation.override(language):
        ground = gettext("The pupil does not belong to any of the eligible categories.")
    assert " ".join(ground.split()) in text
    assert clerk.full_name in text

    # Last: material aid takes one application per pupil a year (ended ones do not count).
    application = submitted(service, applicant, office)
    text = pdf_text(
        issue_document(application=application, kind="acceptance_receipt", language=language)
    )
    assert_common(text, application, language)
