"""The demo data (every state, a State Corporation filing, idempotent) and the MRP admin."""

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Application
from services.guardian_allowance import demo
from services.guardian_allowance.models import MonthlyCalculationIndex
from tests.factories import (
    ClerkFactory,
    OrganisationFactory,
    ProvidedServiceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_demo_seeds_every_state_once():
    office = OrganisationFactory(code="KAR-EDU")
    ProvidedServiceFactory(organisation=office, service="guardian_allowance")
    ClerkFactory(organisation=office)
    applicant = UserFactory()
    created = demo.seed(demo_applicant=applicant)
    assert created == len(demo.SCENARIOS)
    assert demo.seed(demo_applicant=applicant) == 0
    seeded = Application.objects.filter(submission_key__startswith=demo.KEY_PREFIX)
    assert set(seeded.values_list("state", flat=True)) == {s[0] for s in demo.SCENARIOS}
    centre = seeded.filter(channel="state_corporation")
    assert centre.exists() and not centre.exclude(applicant=None).exists()
    assert seeded.filter(stage_due_on__lt=timezone.localdate()).exists()  # some overdue
    assert MonthlyCalculationIndex.objects.get(year=2026).value == 4325
    # Next year's register (January's, prepared in December) has an index too, in both
    # languages, labelled as a demo copy.
    following = MonthlyCalculationIndex.for_year(timezone.localdate().year + 1)
    assert following is not None and "Демо" in following.legal_reference_ru
    decided = seeded.filter(state="completed").first()
    assert decided.answers["allowance"]["per_child"] == "43250.00"


def test_the_administrator_edits_the_mrp(client, mrp):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = reverse("admin:guardian_allowance_monthlycalculationindex_changelist")
    response = client.get(url)
    assert response.status_code == 200
    assert "4325" in response.content.decode() or "4 325" in response.content.decode()
    add = reverse("admin:guardian_allowance_monthlycalculationindex_add")
    response = client.post(
        add, {"year": 2031, "value": "5000", "legal_reference": "Республикалық бюджет туралы заң"}
    )
    assert response.status_code == 302
    assert MonthlyCalculationIndex.for_year(2031).value == 5000
