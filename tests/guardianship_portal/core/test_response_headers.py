"""Issue #13, finding 6, under the production settings: a Content-Security-Policy on
every page, no copy of a page or file with personal data kept by a browser or proxy,
and every cookie Secure (and HttpOnly where no script needs it), including the
language cookie that the login sets."""

import importlib
import re
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from applications.actions import attachment_add
from guardianship_portal.settings import base
from tests.applications.test_views import submitted_application
from tests.files import make_png

pytestmark = pytest.mark.django_db

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's password


@pytest.fixture
def production(monkeypatch):
    """What settings/production.py changes from the base, applied over the test settings
    (the test database and storage stay)."""
    monkeypatch.setenv("SECRET_KEY", "test-only-" + "x7Qp2Lr9" * 8)
    monkeypatch.setenv("ALLOWED_HOSTS", "testserver")
    production = importlib.reload(
        importlib.import_module("guardianship_portal.settings.production")
    )
    changed = {
        name: getattr(production, name)
        for name in dir(production)
        if name.isupper() and getattr(base, name, object()) != getattr(production, name)
    }
    changed.pop("DATABASES", None)
    with override_settings(**changed):
        yield


def get(client, path, **kwargs):
    return client.get(path, secure=True, **kwargs)


def test_every_page_has_a_policy_without_inline_script(client, production, applicant):
    client.force_login(applicant)
    for path in ["/kk/", "/ru/services/patronat/", "/kk/cabinet/", "/kk/accounts/no-such-page/"]:
        policy = get(client, path)["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["script-src"] == "'self'", path
        assert directives["style-src"] == "'self'", path
        assert directives["object-src"] == "'none'"
        assert directives["frame-ancestors"] == "'none'"
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy


def test_pages_and_files_with_personal_data_are_not_stored(
    client, production, patronat_applicant, patronat_office
):
    application = submitted_application(patronat_applicant, patronat_office)
    scan = application.attachments.first()
    client.force_login(patronat_applicant)
    for path in [
        "/kk/cabinet/",
        f"/kk/cabinet/{application.pk}/",
        f"/kk/cabinet/{application.pk}/scans/{scan.pk}/",
        "/kk/verify/NOSUCHCODE/",
        "/kk/accounts/login/",
    ]:
        assert "no-store" in get(client, path)["Cache-Control"], path


def test_a_scan_is_served_sandboxed(client, production, patronat_applicant, patronat_office):
    application = submitted_application(patronat_applicant, patronat_office)
    pdf = application.attachments.first()
    client.force_login(patronat_applicant)
    response = get(client, f"/kk/cabinet/{application.pk}/scans/{pdf.pk}/")
    policy = response["Content-Security-Policy"]
    assert policy.startswith("sandbox;") and "default-src 'none'" in policy
    assert response["Content-Disposition"].startswith("attachment;")  # PDFs: to the reader
    assert response["X-Content-Type-Options"] == "nosniff"
    photo = attachment_add(
        application=application,
        item=pdf.checklist_item,
        upload=SimpleUploadedFile("Куәлік.png", make_png(), "image/png"),
        actor=patronat_applicant,
    )
    response = get(client, f"/kk/cabinet/{application.pk}/scans/{photo.pk}/")
    assert response["Content-Disposition"].startswith("inline;")  # photos open in the browser
    # Saved under the name the applicant gave it, not a code of the checklist.
    assert (
        "filename*=utf-8''%D0%9A%D1%83%D3%99%D0%BB%D1%96%D0%BA.png"
        in (response["Content-Disposition"])
    )
    assert response["Content-Security-Policy"].startswith("sandbox;")


def cookies_of(response) -> SimpleCookie:
    return response.cookies


def test_every_cookie_is_secure_and_httponly_where_it_can_be(client, production, applicant):
    from guardianship_portal.accounts.models import User

    User.objects.filter(pk=applicant.pk).update(preferred_language="ru")
    with translation.override("kk"):
        page = get(client, "/kk/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    response = client.post(
        "/kk/accounts/login/",
        {"username": applicant.iin, "password": PASSWORD, "csrfmiddlewaretoken": token},
        secure=True,
    )
    assert response.status_code == 302
    cookies = {**cookies_of(page), **cookies_of(response)}
    assert {"csrftoken", "sessionid", "portal_language"} <= set(cookies)
    for name, morsel in cookies.items():
        assert morsel["secure"], name
        assert morsel["httponly"], name  # no script of the portal reads a cookie
        assert morsel["samesite"] == "Lax", name


def test_check_deploy_stays_clean(production, capsys, monkeypatch):
    # Set for the browser tests' live server (Playwright's event loop), never deployed.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    call_command("check", "--deploy", "--fail-level", "WARNING")
    assert "no issues" in capsys.readouterr().out


def test_no_page_template_holds_inline_script_or_style():
    """The policy refuses them, so a template that has one is broken in the browser.
    Document templates (templates/documents/) are rendered to PDF by WeasyPrint, except
    the two pages below."""
    pages = [
        path
        for path in TEMPLATES_DIR.rglob("*.html")
        if "documents" not in path.relative_to(TEMPLATES_DIR).parts[:1]
    ] + [
        TEMPLATES_DIR / "documents" / "verify.html",
        TEMPLATES_DIR / "documents" / "not_ready.html",
    ]
    inline = re.compile(
        r"<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=|javascript:", re.I
    )
    offenders = [
        f"{path.relative_to(TEMPLATES_DIR)}: {match.group(0)}"
        for path in pages
        for match in inline.finditer(path.read_text())
    ]
    assert offenders == []
