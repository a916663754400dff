from datetime import date

import pytest
from django.urls import reverse

from guardianship_portal.workdays.models import CalendarOverride
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_changelist_filters_by_year(client):
    client.force_login(UserFactory(role="administrator", is_staff=True, is_superuser=True))
    for day, reference in [(date(2025, 1, 5), "Order 2025"), (date(2026, 6, 13), "Order 2026")]:
        CalendarOverride.objects.create(
            day=day, kind=CalendarOverride.Kind.WORKING_DAY, decree_reference=reference
        )
    response = client.get(reverse("admin:workdays_calendaroverride_changelist"), {"year": "2026"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Order 2026" in page
    assert "Order 2025" not in page
    assert "?year=2025" in page
