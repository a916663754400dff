"""Issue #12, the portal's own pages around the services: error pages in the request's
language, the admin branded as the portal, the login keeping the language chosen on its
page, Kazakh month names in the right case, an indicator below its norm said so."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client, override_settings
from django.urls import path
from django.utils import translation
from django.utils.html import escape

from guardianship_portal.accounts.models import User
from guardianship_portal.core import kzdates

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's


def tr(language: str, text: str) -> str:
    with translation.override(language):
        return escape(translation.gettext(text))


# ----------------------------------------------------------------- error pages


@pytest.mark.parametrize(
    ("url", "language"),
    [("/ru/no-such-page/", "ru"), ("/kk/no-such-page/", "kk"), ("/no-such-page/", "kk")],
)
def test_an_unknown_address_answers_in_its_language(client, url, language):
    # A browser asking for Russian does not make a page outside any prefix Russian.
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert tr(language, "There is no such page, or it is not available to you.") in html
    assert "Not Found" not in html


def test_outside_a_prefix_the_remembered_language_wins(client):
    client.cookies["portal_language"] = "ru"
    html = client.get("/no-such-page/").content.decode()
    assert '<html lang="ru">' in html
    assert tr("ru", "Page not found") in html


def test_a_page_the_user_may_not_open_says_so_in_the_page_language(client, applicant):
    client.force_login(applicant)
    response = client.get("/ru/office/")
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert tr("ru", "Your account may not open this page.") in html


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("ru/broken/", broken_view), path("kk/broken/", broken_view)]
handler500 = "guardianship_portal.core.views.server_error"  # as guardianship_portal.urls


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_server_error_answers_in_the_page_language(language):
    client = Client(raise_request_exception=False)
    response = client.get(f"/{language}/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert tr(language, "Server error") in html


def test_the_error_handlers_are_the_portals():
    from guardianship_portal import urls

    assert urls.handler404 == "guardianship_portal.core.views.not_found"
    assert urls.handler500 == "guardianship_portal.core.views.server_error"
    assert urls.handler403 == "guardianship_portal.core.views.forbidden"


# ----------------------------------------------------------------- the admin


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_admin_is_branded_as_the_portal(admin_client, language):
    html = admin_client.get(f"/{language}/admin/").content.decode()
    assert tr(language, "Guardianship portal: administration") in html
    assert tr(language, "Login attempts") in html  # django-axes, named in the language
    assert tr(language, "Background jobs") in html  # django-tasks-db
    for raw in ("Django", "Даңғо", "AXES", "Axes", "Tasks Database Backend"):
        assert raw not in html.replace("django", ""), raw


# ----------------------------------------------------------------- the login


def test_logging_in_on_the_russian_page_stays_in_russian(client, applicant):
    """The account remembered Kazakh; the person chose Russian on the login page."""
    User.objects.filter(pk=applicant.pk).update(preferred_language="kk")
    response = client.post("/ru/accounts/login/", {"username": applicant.iin, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/ru/")
    assert response.cookies["portal_language"].value == "ru"
    applicant.refresh_from_db()
    assert applicant.preferred_language == "ru"  # and remembered for the next time


def test_a_kazakh_page_chosen_by_its_cookie_stays_in_kazakh(client, applicant):
    User.objects.filter(pk=applicant.pk).update(preferred_language="ru")
    client.cookies["portal_language"] = "kk"  # switched to Kazakh before logging in
    response = client.post("/kk/accounts/login/", {"username": applicant.iin, "password": PASSWORD})
    assert response["Location"].startswith("/kk/")


# ----------------------------------------------------------------- dates


def test_kazakh_month_follows_the_year_in_lowercase():
    from supervision.filters import month_period

    with translation.override("kk"):
        assert month_period(2026, 12).label == "2026 ж. желтоқсан"
    with translation.override("ru"):
        assert month_period(2026, 12).label == "Декабрь 2026"
    assert [kzdates.month_name(m, "kk") for m in (1, 4)] == ["қаңтар", "сәуір"]


def test_long_dates_stay_lowercase_mid_phrase():
    assert kzdates.long_date(date(2026, 12, 1), "kk") == "2026 жылғы 1 желтоқсандағы"


# ----------------------------------------------------------------- indicators


def test_a_value_below_its_norm_is_said_to_be_below_it_even_when_the_target_is_met():
    from supervision.indicators import BELOW_NORM, NORM_MET, TARGET_MET, Indicator, IndicatorRow

    # 57,1 % on time: the target of 55 % is met, the normative 85 % is not.
    row = IndicatorRow(Indicator.ON_TIME, 4, 7, normative=Decimal(85), target=Decimal(55))
    assert row.target_reached is True
    assert row.verdict == BELOW_NORM
    # Lower is better for justified complaints: 42,9 % is above the ceiling of 4 %.
    complaints = IndicatorRow(
        Indicator.JUSTIFIED_COMPLAINTS, 3, 7, normative=Decimal(4), target=Decimal(8)
    )
    assert complaints.verdict == BELOW_NORM
    met = IndicatorRow(Indicator.ON_TIME, 6, 7, normative=Decimal(85), target=Decimal(55))
    assert met.verdict == TARGET_MET
    assert IndicatorRow(Indicator.ON_TIME, 6, 7, normative=Decimal(85)).verdict == NORM_MET
