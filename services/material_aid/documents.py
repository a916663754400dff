"""What the material aid documents print, on top of the engine's shared context."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from django.utils.dateparse import parse_date

from applications.models import Application
from services.common_categories import academic_year, refusal_context


def document_context(application: Application, kind: str) -> dict:
    context = refusal_context(application, kind)
    if kind == "aid_decision":
        answers = application.answers or {}
        board = answers.get("board_decision") or {}
        aid = answers.get("aid") or {}
        granted = application.events.filter(action="grant_aid").order_by("at").last()
        day = timezone.localtime(granted.at).date() if granted else timezone.localdate()
        starts, ends = academic_year(day)
        context.update(
            board_number=board.get("number", ""),
            board_date=parse_date(board.get("date", "")) if board.get("date") else None,
            aid_amount=Decimal(aid["amount"]) if aid.get("amount") else None,
            aid_minimum=Decimal(aid["minimum"]) if aid.get("minimum") else None,
            aid_minimum_year=aid.get("minimum_year"),
            aid_description=aid.get("description", ""),
            academic_year_starts=starts,
            academic_year_ends=ends,
            decided_on=day,
        )
    return context
