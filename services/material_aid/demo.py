"""Demo material aid applications (see services.camp_voucher.school_demo) and the
subsistence minimum of recent years (figures to verify against the budget laws)."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from guardianship_portal.accounts.models import User
from services.camp_voucher.school_demo import seed_service

from .models import SubsistenceMinimum

# Monthly subsistence minimum per person, tenge, as set by the laws on the republican
# budget (verify before relying on them).
MINIMUMS = {
    2024: Decimal("43407"),
    2025: Decimal("46228"),
    2026: Decimal("50851"),
}


def seed_minimums() -> None:
    for year, amount in MINIMUMS.items():
        SubsistenceMinimum.objects.get_or_create(
            year=year,
            defaults={
                "amount": amount,
                "reference": f"{year} жылға арналған республикалық бюджет туралы заң (демо, тексеру керек)",
            },
        )
    year = timezone.localdate().year
    if year not in MINIMUMS:
        SubsistenceMinimum.objects.get_or_create(
            year=year,
            defaults={
                "amount": MINIMUMS[max(MINIMUMS)],
                "reference": f"Демо: {year} жылғы көрсеткіш белгісіз, соңғысы көшірілді (тексеру керек)",
            },
        )


def aid_words(application) -> str:
    """What the board granted, as the clerk types it: in the application's language."""
    return "Денежная помощь" if application.language == "ru" else "Ақшалай көмек"


def seed(*, demo_applicant: User, stdout=None) -> int:
    seed_minimums()
    minimum = SubsistenceMinimum.for_day(timezone.localdate())
    assert minimum is not None, "seed_minimums() covers this year"
    return seed_service(
        service="material_aid",
        demo_applicant=demo_applicant,
        path=[
            ("accept_documents", lambda a, d: {}),
            (
                "record_board_decision",
                lambda a, d: {"board_number": f"{a.pk % 9 + 1}", "board_date": d.isoformat()},
            ),
            ("grant_aid", lambda a, d: {"amount": str(minimum.amount), "aid": aid_words(a)}),
        ],
        second_state="board_review",
        serial_base=500,
    )


def transition_data(application, action: str, day) -> dict:
    """For other demo replays (e.g. supervision's history): the data an action needs."""
    if action == "record_board_decision":
        return {"board_number": f"{application.pk % 9 + 1}", "board_date": day.isoformat()}
    if action == "grant_aid":
        seed_minimums()
        minimum = SubsistenceMinimum.for_day(timezone.localdate())
        assert minimum is not None, "seed_minimums() covers this year"
        return {"amount": str(minimum.amount), "aid": aid_words(application)}
    return {}
