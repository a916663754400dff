"""Complaints and applications share one counter table (applications.NumberSequence,
one counter per organisation, kind and year); the migration that moved the complaints'
own counters in keeps every organisation's numbers continuing."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from applications.models import NumberSequence
from complaints.models import next_complaint_number
from tests.factories import OrganisationFactory

from .conftest import at, file

BEFORE = [
    ("complaints", "0003_complaint_reminders"),
    ("applications", "0005_service_without_choices"),
]
AFTER = [("complaints", "0004_numbers_in_the_shared_counter")]


@pytest.mark.django_db
def test_applications_and_complaints_count_apart_in_one_table(world):
    complaint = file(world, when=at(date(2026, 3, 2)))
    assert complaint.number == "KOK-EDU-C-2026-00001"
    assert world.application.number == "KOK-EDU-2026-000001"
    counters = NumberSequence.objects.filter(organisation=world.office, year=2026)
    assert sorted(counters.values_list("kind", "last_value")) == [
        ("application", 1),
        ("complaint", 1),
    ]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor.loader.project_state(targets).apps if targets else None


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_complaint_numbers_continuing_both_ways():
    office = OrganisationFactory(code="KOK-EDU")
    try:
        old_apps = migrate(BEFORE)
        old_apps.get_model("complaints", "ComplaintSequence").objects.create(
            organisation_id=office.pk, year=2026, last_value=41
        )
        old_apps.get_model("applications", "NumberSequence").objects.create(
            organisation_id=office.pk, year=2026, last_value=7
        )
        migrate(AFTER)
        migrate(None)
        assert next_complaint_number(organisation=office, year=2026) == "KOK-EDU-C-2026-00042"
        counters = NumberSequence.objects.filter(organisation=office, year=2026)
        assert sorted(counters.values_list("kind", "last_value")) == [
            ("application", 7),
            ("complaint", 42),
        ]
        # Back again (a rollback of the release): the complaints' table holds 42.
        old_apps = migrate(BEFORE)
        old = old_apps.get_model("complaints", "ComplaintSequence").objects.get()
        assert (old.organisation_id, old.year, old.last_value) == (office.pk, 2026, 42)
        counter = old_apps.get_model("applications", "NumberSequence").objects.get()
        assert counter.last_value == 7
    finally:
        migrate(None)
