"""The last place of a shift under real concurrency: PostgreSQL only (row locks)."""

import pytest
from django.db import connection

from applications.actions import application_transition
from applications.errors import TransitionRefused
from applications.models import Application
from services.camp_voucher.models import Shift, Voucher
from tests.applications.test_concurrency import run_together
from tests.factories import ClerkFactory, UserFactory
from tests.services.camp_voucher.school import submitted, walk

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs these)"
    ),
]


def test_two_clerks_giving_the_last_place_at_once_give_one_voucher(
    school, school_clerk, school_applicant
):
    shift = Shift.objects.get()
    shift.places = 1
    shift.save()
    colleague = ClerkFactory(organisation=school)
    path = [("accept_documents", {}), ("confirm_category", {})]
    applications = [
        walk(submitted("camp_voucher", applicant, school), school_clerk, path)
        for applicant in (school_applicant, UserFactory())
    ]
    results = run_together(
        *[
            lambda a=a, clerk=clerk: application_transition(
                application=Application.objects.get(pk=a.pk),
                action="issue_voucher",
                actor=clerk,
                expected_state="decision",
                data={"shift": shift.pk},
            )
            for a, clerk in zip(applications, (school_clerk, colleague), strict=True)
        ]
    )
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1, results
    assert isinstance(errors[0], TransitionRefused)
    assert Voucher.objects.filter(shift=shift).count() == 1
    states = sorted(
        Application.objects.filter(service="camp_voucher").values_list("state", flat=True)
    )
    assert states == ["completed", "decision"]
