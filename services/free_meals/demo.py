"""Demo free meals applications (see services.camp_voucher.school_demo)."""

from __future__ import annotations

from guardianship_portal.accounts.models import User
from services.camp_voucher.school_demo import (
    CATEGORY_HISTORY_WORDS,
    category_history_answers,
    seed_service,
)


def seed(*, demo_applicant: User, stdout=None) -> int:
    return seed_service(
        service="free_meals",
        demo_applicant=demo_applicant,
        path=[
            ("accept_documents", lambda a, d: {}),
            ("confirm_category", lambda a, d: {}),
            ("grant_meals", lambda a, d: {"meals": "free" if a.pk % 2 else "reduced"}),
        ],
        second_state="review",
        serial_base=400,
    )


def transition_data(application, action: str, day) -> dict:
    """For other demo replays (e.g. supervision's history): the data an action needs."""
    return {"meals": "free" if application.pk % 2 else "reduced"} if action == "grant_meals" else {}


# supervision/demo.py's history: the words and answers services 3–5 share.
HISTORY_WORDS = CATEGORY_HISTORY_WORDS
history_answers = category_history_answers
