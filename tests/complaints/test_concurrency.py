"""Complaints under real concurrency: PostgreSQL only (SQLite has no row locks).

Complaint numbers come from the counter table they share with applications, under a
row lock; two supervisors acting on one complaint at once: one wins, the other is told
the complaint changed, and the trail holds one change."""

import pytest
from django.db import connection

from complaints.actions import complaint_answer, complaint_take
from complaints.errors import ComplaintActionError, StaleComplaint
from complaints.models import Complaint, ComplaintEvent
from tests.concurrency import run_together
from tests.factories import SupervisorFactory

from .conftest import file

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs these)"
    ),
]


def test_simultaneous_complaints_get_distinct_consecutive_numbers(world):
    results = run_together(
        *[lambda i=i: file(world, submission_key=f"key-{i}").number for i in range(6)]
    )
    assert all(isinstance(r, str) for r in results), results
    assert len(set(results)) == 6
    assert sorted(int(n.rsplit("-", 1)[1]) for n in results) == [1, 2, 3, 4, 5, 6]


def test_a_double_clicked_complaint_is_filed_once(world):
    results = run_together(*[lambda: file(world, submission_key="same").pk for _ in range(4)])
    assert all(isinstance(r, int) for r in results), results
    assert len(set(results)) == 1
    assert Complaint.objects.count() == 1


def test_two_heads_answering_at_once_one_wins(world):
    complaint = file(world)
    complaint_take(complaint=complaint, actor=world.head)
    second_head = SupervisorFactory(organisation=world.office)

    def answer(actor, text):
        return lambda: complaint_answer(
            complaint=Complaint.objects.get(pk=complaint.pk),
            actor=actor,
            justified=True,
            answer=text,
            expected_state="under_review",
        )

    results = run_together(answer(world.head, "A"), answer(second_head, "B"))
    won = [r for r in results if isinstance(r, Complaint)]
    lost = [r for r in results if isinstance(r, ComplaintActionError)]
    assert len(won) == 1 and len(lost) == 1, results
    assert isinstance(lost[0], StaleComplaint)
    stored = Complaint.objects.get(pk=complaint.pk)
    assert stored.state == "answered" and stored.answer == won[0].answer
    assert ComplaintEvent.objects.filter(complaint=stored, action="answer").count() == 1
