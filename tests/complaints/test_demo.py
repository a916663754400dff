"""The demo seed: a few complaints on the demo applicant's filed applications, some
answered, one overdue; running it again adds nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from complaints.demo import seed_complaints
from complaints.models import Complaint

from .conftest import filed_application

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent(world, django_capture_on_commit_callbacks):
    filed_application(
        world.office,
        world.clerk,
        world.applicant,
        day=timezone.localdate() - timedelta(days=40),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert seed_complaints() == 5
    assert seed_complaints() == 0
    complaints = list(Complaint.objects.all())
    assert len(complaints) == 5
    today = timezone.localdate()
    states = sorted(c.state for c in complaints)
    assert states == ["answered", "answered", "forwarded", "registered", "under_review"]
    assert sum(c.is_overdue(today) for c in complaints) == 1
    assert {c.answered_in_time for c in complaints if c.state == "answered"} == {True, False}
