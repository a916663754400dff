"""What the guardian allowance's documents print, on top of the engine's shared context
(applications.result_documents.base_context). The receipts and the motivated refusal
are the shared templates of documents/common/; the decision is documents/guardian_allowance/."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import get_language

from applications.models import Application


def document_context(application: Application, kind: str) -> dict:
    answers = application.answers
    context: dict = {
        "applicant_address": application.applicant_address,
        "identity_document": answers.get("identity_document", ""),
        "guardian_appointment": answers.get("guardian_appointment", ""),
        "bank_name": answers.get("bank_name", ""),
        "bank_account": answers.get("bank_account", ""),
    }
    if kind == "allowance_decision":
        context["allowance"] = allowance_figures(answers.get("allowance") or {})
        context["decision_event"] = (
            application.events.filter(action="decide_allowance").select_related("actor").last()
        )
    return context


def allowance_figures(stored: dict) -> dict | None:
    """The figures fixed when the allowance was decided (see decide_allowance), typed."""
    if not stored:
        return None
    return {
        "starts_on": date.fromisoformat(stored["starts_on"]),
        "mrp_year": stored["mrp_year"],
        "mrp_value": Decimal(stored["mrp_value"]),
        # The law in the document's language (rendered under it); a decision taken
        # before the Russian citation was kept prints the Kazakh one.
        "mrp_reference": (stored.get("mrp_reference_ru") if get_language() == "ru" else None)
        or stored.get("mrp_reference", ""),
        "mrp_per_child": stored["mrp_per_child"],
        "per_child": Decimal(stored["per_child"]),
        "children": stored["children"],
        "total": Decimal(stored["total"]),
    }
