"""Issue #11, item 4: the supervision pages read from the replica, everything else and
every write from the primary. In the test settings "replica" is a second alias on the
same test database (Django's test mirror), so what a page reads there is real."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from applications.models import Application
from guardianship_portal.core.db_routing import ReplicaRouter, replica_reads
from tests.factories import SupervisorFactory
from tests.patronat import draft_for

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture
def replica_on(settings):
    settings.REPLICA_DATABASE_ALIAS = "replica"


def reads_of(queries, table: str) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith("SELECT") and table in q["sql"]
    ]


def writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def get_counting(client, url):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client.get(url)
    return response, primary.captured_queries, replica.captured_queries


def test_the_dashboard_reads_applications_from_the_replica(
    replica_on, client, patronat_office, patronat_applicant
):
    draft_for(patronat_applicant, patronat_office)
    client.force_login(SupervisorFactory(organisation=patronat_office))
    for url in ("/kk/supervision/", "/ru/supervision/applications/?figure=open"):
        response, primary, replica = get_counting(client, url)
        assert response.status_code == 200
        table = Application._meta.db_table
        assert reads_of(replica, table), url
        assert not reads_of(primary, table), url
        # The session and the user come from the primary, before the page's reads.
        assert reads_of(primary, "django_session")
        assert not writes(replica)


def test_other_pages_read_from_the_primary(replica_on, client, patronat_office, patronat_applicant):
    draft_for(patronat_applicant, patronat_office)
    client.force_login(patronat_applicant)
    response, primary, replica = get_counting(client, "/kk/cabinet/")
    assert response.status_code == 200
    assert replica == []
    assert reads_of(primary, Application._meta.db_table)


def test_without_a_replica_the_supervision_pages_read_the_primary(
    client, patronat_office, patronat_applicant
):
    client.force_login(SupervisorFactory(organisation=patronat_office))
    response, primary, replica = get_counting(client, "/kk/supervision/")
    assert response.status_code == 200
    assert replica == []
    assert reads_of(primary, Application._meta.db_table)


def test_a_row_read_from_the_replica_is_written_to_the_primary(
    replica_on, patronat_office, patronat_applicant
):
    draft = draft_for(patronat_applicant, patronat_office)
    with replica_reads():
        copy = Application.objects.get(pk=draft.pk)
    assert copy._state.db == "replica"
    copy.due_on = date(2031, 1, 15)
    with CaptureQueriesContext(connections["replica"]) as replica:
        copy.save(update_fields=["due_on"])
    assert writes(replica) == []
    draft.refresh_from_db()
    assert draft.due_on == date(2031, 1, 15)


def test_the_replica_is_never_migrated(replica_on):
    router = ReplicaRouter()
    assert router.allow_migrate("replica", "applications") is False
    assert router.allow_migrate("default", "applications") is None
