"""What the camp voucher documents print, on top of the engine's shared context."""

from __future__ import annotations

from applications.models import Application
from services.common_categories import refusal_context


def document_context(application: Application, kind: str) -> dict:
    from .models import Voucher

    context = refusal_context(application, kind)
    if kind == "camp_voucher":
        voucher = (
            Voucher.objects.select_related("shift__camp").filter(application=application).first()
        )
        context["voucher"] = voucher
        context["shift"] = voucher.shift if voucher else None
        context["camp"] = voucher.shift.camp if voucher else None
    return context
