"""Demo camp voucher applications (see school_demo): camps and shifts for each provider,
then applications in every state."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from guardianship_portal.accounts.models import User
from guardianship_portal.organisations.models import Organisation

from .models import Camp, Shift
from .school_demo import CATEGORY_HISTORY_WORDS, category_history_answers, seed_service


def seed_camps() -> None:
    # The coming summer's shifts: a voucher is issued only for a shift not started yet.
    today = timezone.localdate()
    year = today.year if today < date(today.year, 6, 1) else today.year + 1
    for office in Organisation.objects.filter(provided_services__service="camp_voucher"):
        out_of_town, _ = Camp.objects.get_or_create(
            organisation=office,
            name_kk="«Балдырған» сауықтыру лагері",
            defaults={
                "name_ru": "Оздоровительный лагерь «Балдырған»",
                "kind": Camp.Kind.OUT_OF_TOWN,
                "address": "Бурабай ауданы, Щучье көлі жағалауы",
            },
        )
        school, _ = Camp.objects.get_or_create(
            organisation=office,
            name_kk=f"{office.name_kk} жанындағы мектеп лагері",
            defaults={
                "name_ru": f"Пришкольный лагерь: {office.name_ru}",
                "kind": Camp.Kind.SCHOOL,
                "address": office.address_kk,
            },
        )
        for camp, starts, ends, places in [
            (out_of_town, date(year, 6, 3), date(year, 6, 23), 30),
            (out_of_town, date(year, 7, 1), date(year, 7, 21), 2),
            (school, date(year, 6, 2), date(year, 6, 20), 40),
        ]:
            Shift.objects.get_or_create(
                camp=camp, starts_on=starts, defaults={"ends_on": ends, "places": places}
            )


def first_shift(application, day) -> dict:
    """The first shift not started yet that still has a place (None: the transition
    refuses, and the demo replay leaves the application where it is)."""
    shift = next((s for s in Shift.upcoming(application.organisation_id) if s.places_left()), None)
    return {"shift": shift.pk if shift else None}


def seed(*, demo_applicant: User, stdout=None) -> int:
    seed_camps()
    return seed_service(
        service="camp_voucher",
        demo_applicant=demo_applicant,
        path=[
            ("accept_documents", lambda a, d: {}),
            ("confirm_category", lambda a, d: {}),
            ("issue_voucher", first_shift),
        ],
        second_state="review",
        serial_base=300,
    )


def transition_data(application, action: str, day) -> dict:
    """For other demo replays (e.g. supervision's history): the data an action needs."""
    return first_shift(application, day) if action == "issue_voucher" else {}


# supervision/demo.py's history: the words and answers services 3–5 share.
HISTORY_WORDS = CATEGORY_HISTORY_WORDS
history_answers = category_history_answers
