"""The demo seed: a few complaints on the demo applicant's filed applications, some
answered (one by the quality-control body), one overdue; running it again adds
nothing."""

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
        assert seed_complaints() == 6
    assert seed_complaints() == 0
    complaints = list(Complaint.objects.all())
    assert len(complaints) == 6
    today = timezone.localdate()
    states = sorted(c.state for c in complaints)
    assert states == [
        "answered",
        "answered",
        "answered",
        "forwarded",
        "registered",
        "under_review",
    ]
    by_body = [c for c in complaints if c.state == "answered" and c.quality_body_id]
    assert len(by_body) == 1
    assert by_body[0].quality_body == world.quality_body
    assert by_body[0].reviewer == world.body_officer
    assert by_body[0].answered_in_time is True
    assert sum(c.is_overdue(today) for c in complaints) == 1
    assert {c.answered_in_time for c in complaints if c.state == "answered"} == {True, False}


def test_the_demo_applicants_applications_come_first(world):
    """The printed demo login must be able to follow the demo complaints."""
    for days in (40, 45):
        filed_application(
            world.office,
            world.clerk,
            world.other_applicant,
            day=timezone.localdate() - timedelta(days=days),
        )
    filed_application(
        world.office, world.clerk, world.applicant, day=timezone.localdate() - timedelta(days=40)
    )
    seed_complaints(demo_applicant=world.applicant)
    owners = {c.applicant for c in Complaint.objects.all()}
    assert owners == {world.applicant}
