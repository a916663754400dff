"""Complaint fixtures: a filed patronat application of the applicant (a paper filing
with an account, so no scans are needed), the head (supervisor) of the office, the
quality-control body of the office's region with an officer, and a second office (in
another region) with its own head."""

from __future__ import annotations

from datetime import date, datetime, time
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from applications.actions import application_create_draft, application_submit
from applications.registry import Channel
from complaints.actions import complaint_file
from complaints.models import Complaint
from guardianship_portal.organisations.models import Organisation
from tests.factories import (
    ClerkFactory,
    OrganisationFactory,
    ProvidedServiceFactory,
    QualityControllerFactory,
    SupervisorFactory,
    UserFactory,
)
from tests.pdf import pdf_text

ALMATY = ZoneInfo("Asia/Almaty")


def at(day: date, hour: int = 11, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ALMATY)


def filed_application(office, clerk, applicant, *, day=date(2026, 3, 2), language="kk"):
    draft = application_create_draft(
        service="patronat",
        organisation=office,
        applicant=applicant,
        applicant_data={
            "applicant_iin": applicant.iin,
            "applicant_name": applicant.full_name,
            "applicant_phone": "+77015554433",
            "applicant_email": applicant.email,
            "applicant_address": "Көкшетау қ., Абай к-сі, 10",
        },
        children=[
            {
                "last_name": "Серіков",
                "first_name": "Нұрлан",
                "middle_name": "",
                "birth_date": date(2019, 5, 17),
                "iin": "",
            }
        ],
        answers={
            "married": False,
            "home_owner": True,
            "close_relative": False,
            "relative_or_step_parent": False,
            "marriage_not_in_registry": False,
            "child_under_ten": True,
        },
        language=language,
        channel=Channel.OFFICE,
    )
    return application_submit(application=draft, actor=clerk, accepted_at=at(day, 10))


def file(world, *, addressed_to=Complaint.AddressedTo.PROVIDER_HEAD, when=None, **kwargs):
    defaults = {
        "application": world.application,
        "applicant": world.applicant,
        "addressed_to": addressed_to,
        "subject": Complaint.Subject.INACTION,
        "text": "Тексеру мерзімі өтіп кетті, жауап жоқ.",
        "language": "kk",
        "at": when,
    }
    defaults.update(kwargs)
    return complaint_file(**defaults)


def normalised(text: str) -> str:
    return " ".join(text.split())


def response_pdf_text(response) -> str:
    return pdf_text(b"".join(response.streaming_content))


@pytest.fixture
def world(patronat_office, patronat_clerk, patronat_applicant):
    head = SupervisorFactory(organisation=patronat_office, last_name="Жұмабеков")
    application = filed_application(patronat_office, patronat_clerk, patronat_applicant)
    other_office = OrganisationFactory(code="AST-EDU", district_kk="Степногорск қаласы")
    ProvidedServiceFactory(organisation=other_office, service="patronat")
    other_head = SupervisorFactory(organisation=other_office, last_name="Басқа")
    quality_body = OrganisationFactory(
        code="AKM-QC",
        kind=Organisation.Kind.QUALITY_CONTROL_BODY,
        region=patronat_office.region,
        name_kk="Мемлекеттік қызмет істері агенттігінің облыс бойынша департаменті",
        name_ru="Департамент Агентства по делам государственной службы по области",
    )
    return SimpleNamespace(
        quality_body=quality_body,
        body_officer=QualityControllerFactory(organisation=quality_body, last_name="Тоқтаров"),
        office=patronat_office,
        clerk=patronat_clerk,
        applicant=patronat_applicant,
        application=application,
        head=head,
        other_office=other_office,
        other_clerk=ClerkFactory(organisation=other_office),
        other_head=other_head,
        other_applicant=UserFactory(last_name="Ахметов"),
    )
