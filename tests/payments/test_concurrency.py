"""Two clerks preparing the same month at once make one register (PostgreSQL: the
unique constraint and the row lock); both get it, its lines are not doubled."""

from datetime import date

import pytest
from django.db import connection

from payments.actions import register_prepare
from payments.models import PaymentRegister, RegisterLine
from tests.concurrency import run_together

from .conftest import decided

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs these)"
    ),
]


def test_two_clerks_preparing_one_month_make_one_register(world):
    decided(world, children=(date(2012, 5, 17), date(2015, 1, 2)))
    decided(world, service="guardian_allowance")

    def prepare(actor):
        return lambda: (
            register_prepare(organisation=world.office, month=date(2026, 3, 1), actor=actor).pk
        )

    results = run_together(prepare(world.clerk), prepare(world.second_clerk))
    assert all(isinstance(r, int) for r in results), results
    assert len(set(results)) == 1
    register = PaymentRegister.objects.get()
    assert register.version == 2  # prepared twice, one after the other
    assert RegisterLine.objects.filter(register=register).count() == 3
    assert register.children_paid == 3
