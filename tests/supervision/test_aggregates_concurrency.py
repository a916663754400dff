"""The pre-aggregated figures under real concurrency: PostgreSQL only (SQLite runs one
writer at a time). Clerks deciding applications of one office, service and month at
the same moment: each transition recomputes the same buckets under their advisory
locks, so the stored figures equal a direct count afterwards (none lost)."""

from datetime import date

import pytest
from django.db import connection

from supervision.filters import month_period
from supervision.scope import Scope
from tests.concurrency import run_together
from tests.factories import ClerkFactory, SupervisorFactory
from tests.supervision.conftest import paper, step
from tests.supervision.test_aggregates import direct, from_buckets

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="advisory locks need PostgreSQL (CI runs these)"
    ),
]


def test_simultaneous_decisions_in_one_bucket_are_all_counted(patronat_office, patronat_clerk):
    office = patronat_office
    clerks = [patronat_clerk, *(ClerkFactory(organisation=office) for _ in range(3))]
    filed = [paper(office, clerk, date(2026, 2, 2 + i)) for i, clerk in enumerate(clerks)]

    def refuse(application, clerk):
        return lambda: (
            step(
                application,
                "refuse_to_accept",
                clerk,
                date(2026, 2, 12),
                missing=["education_diploma"],
            ).state
        )

    results = run_together(*[refuse(a, c) for a, c in zip(filed, clerks, strict=True)])
    assert results == ["refused_to_accept"] * 4, results
    scope = Scope.for_user(SupervisorFactory(organisation=office))
    february = month_period(2026, 2)
    figures = from_buckets(scope, february)
    assert figures.counts == direct(scope, february)
    assert (figures.counts["registered"], figures.counts["refused_to_accept"]) == (4, 4)
