"""complaint_figures against a hand-computed set (March 2026; 9 March is a day off).

complaint  office  registered  addressed  outcome                         counted
C1         A       Mon 02.03   head       justified, answered 05.03 ≤ 10.03  J, in time
C2         A       Tue 03.03   head       justified, answered 13.03 > 11.03  J, late
C3         A       Wed 04.03   head       not justified, in time            total only
C4         A       Thu 05.03   head       under review                      total only
C5         A       Fri 06.03   body       forwarded                         total only
C6         A       Fri 27.02   head       justified, in time                outside the period
C7         A       Fri 20.03 19:00 → registered Thu 26.03, justified in time  J, in time
C8         B       Tue 03.03   head       justified, in time                office B

March, office A:       total 6 (C1–C5, C7), justified 3 (C1 C2 C7), in time 2 (C1 C7)
March, offices A + B:  total 7, justified 4, in time 3
1–25 March, office A:  C7 is registered on 26.03 → total 5, justified 2, in time 1
"""

from datetime import date

import pytest

from complaints.actions import complaint_answer, complaint_file, complaint_forward, complaint_take
from complaints.indicators import ComplaintFigures, complaint_figures
from complaints.models import Complaint
from guardianship_portal.organisations.models import Organisation

from .conftest import at, file, filed_application

pytestmark = pytest.mark.django_db


def answered(complaint, head, day, justified):
    complaint_take(complaint=complaint, actor=head, at=at(complaint.registered_on, 12))
    return complaint_answer(
        complaint=complaint,
        actor=head,
        justified=justified,
        answer="Жауап.",
        expected_state="under_review",
        at=at(day, 12),
    )


@pytest.fixture
def figures_world(world):
    head = world.head
    answered(file(world, when=at(date(2026, 3, 2))), head, date(2026, 3, 5), True)
    c2 = answered(file(world, when=at(date(2026, 3, 3))), head, date(2026, 3, 13), True)
    assert c2.answered_in_time is False
    answered(file(world, when=at(date(2026, 3, 4))), head, date(2026, 3, 6), False)
    complaint_take(complaint=file(world, when=at(date(2026, 3, 5))), actor=head)
    c5 = file(world, addressed_to=Complaint.AddressedTo.QUALITY_BODY, when=at(date(2026, 3, 6)))
    complaint_forward(
        complaint=c5, actor=head, expected_state="registered", at=at(date(2026, 3, 9))
    )
    answered(file(world, when=at(date(2026, 2, 27))), head, date(2026, 3, 2), True)
    c7 = answered(file(world, when=at(date(2026, 3, 20), 19)), head, date(2026, 3, 27), True)
    assert c7.registered_on == date(2026, 3, 26)

    application_b = filed_application(world.other_office, world.other_clerk, world.other_applicant)
    c8 = complaint_file(
        application=application_b,
        applicant=world.other_applicant,
        addressed_to=Complaint.AddressedTo.PROVIDER_HEAD,
        subject=Complaint.Subject.DECISION,
        text="Шағым.",
        language="ru",
        at=at(date(2026, 3, 3)),
    )
    answered(c8, world.other_head, date(2026, 3, 4), True)
    return world


def test_one_office_one_month(figures_world, django_assert_num_queries):
    offices = Organisation.objects.filter(pk=figures_world.office.pk)
    with django_assert_num_queries(1):
        figures = complaint_figures(
            organisations=offices, start=date(2026, 3, 1), end=date(2026, 3, 31)
        )
    assert figures == ComplaintFigures(total=6, justified=3, justified_resolved_in_time=2)


def test_a_list_of_offices(figures_world, django_assert_num_queries):
    with django_assert_num_queries(1):
        figures = complaint_figures(
            organisations=[figures_world.office, figures_world.other_office],
            start=date(2026, 3, 1),
            end=date(2026, 3, 31),
        )
    assert figures == ComplaintFigures(total=7, justified=4, justified_resolved_in_time=3)


def test_the_period_goes_by_registration_date(figures_world):
    figures = complaint_figures(
        organisations=[figures_world.office], start=date(2026, 3, 1), end=date(2026, 3, 25)
    )
    assert figures == ComplaintFigures(total=5, justified=2, justified_resolved_in_time=1)


def test_nothing_to_count(figures_world):
    assert complaint_figures(
        organisations=Organisation.objects.none(), start=date(2026, 1, 1), end=date(2026, 12, 31)
    ) == ComplaintFigures(0, 0, 0)
    assert complaint_figures(
        organisations=[figures_world.office], start=date(2025, 1, 1), end=date(2025, 12, 31)
    ) == ComplaintFigures(0, 0, 0)
