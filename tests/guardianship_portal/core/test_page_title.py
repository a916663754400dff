"""Issue #12: a form that comes back with errors says so first, in the page title
("Error:" in the page's language), on every form page."""

import re

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


def title_of(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


@pytest.mark.parametrize(("language", "prefix"), [("kk", "Қате:"), ("ru", "Ошибка:")])
def test_a_refused_login_and_complaint_form_say_error_in_the_title(client, language, prefix):
    with translation.override(language):
        assert translation.gettext("Error:") == prefix
    page = client.get(f"/{language}/accounts/login/")
    assert not title_of(page).startswith(prefix)
    refused = client.post(
        f"/{language}/accounts/login/", {"username": "880412412011", "password": "wrong"}
    )
    assert title_of(refused).startswith(prefix)


def test_an_unbound_or_valid_form_has_no_prefix():
    from django import forms

    from guardianship_portal.core.templatetags.page_title import error_title_prefix

    class Form(forms.Form):
        name = forms.CharField()

    assert error_title_prefix(Form()) == ""
    assert error_title_prefix(Form({"name": "Айгүл"})) == ""
    assert error_title_prefix(None, Form({})) != ""
