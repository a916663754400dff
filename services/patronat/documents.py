"""What patronat's own documents print, on top of the engine's shared context
(applications.result_documents.base_context)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from applications.models import Application
from applications.registry import get_service

from .models import PaymentNorm

ADULTHOOD = 18


def document_context(application: Application, kind: str) -> dict:
    answers = application.answers
    children = list(application.children.all())
    context: dict = {
        "bank_name": answers.get("bank_name", ""),
        "bank_account": answers.get("bank_account", ""),
        "applicant_address": application.applicant_address,
        "identity_document": answers.get("identity_document", ""),
        "spouse_name": answers.get("spouse_name", ""),
        "married": bool(answers.get("married")),
    }
    if kind == "refusal_receipt":
        titles = {item.code: item.title for item in get_service(application.service).checklist}
        context["missing_documents"] = [
            titles.get(code, code) for code in answers.get("missing_documents", [])
        ]
        context["refusal_event"] = (
            application.events.filter(action="refuse_to_accept").select_related("actor").last()
        )
    if kind == "motivated_refusal":
        context["refusal_event"] = (
            application.events.filter(action="refuse").select_related("actor").last()
        )
        context["refusal_ground"] = answers.get("refusal_ground", "")
    if kind == "inspection_act":
        context["inspection"] = answers.get("inspection", {})
    if kind in ("patronat_contract", "contract_notice"):
        context["contract_until"] = contract_until(children)
    if kind == "payment_decision":
        signed = application.events.filter(action="sign_contract").order_by("at").last()
        start = timezone.localtime(signed.at).date() if signed else timezone.localdate()
        norm = PaymentNorm.in_force(application.organisation.region, start)
        amount = norm.monthly_amount if norm else None
        context.update(
            payment_starts_on=start.replace(day=1),
            payment_norm=norm,
            monthly_amount_per_child=amount,
            monthly_amount_total=(amount * len(children)) if amount is not None else None,
            children_count=len(children),
        )
    return context


def contract_until(children: list) -> date | None:
    """The contract runs until the youngest child comes of age."""
    if not children:
        return None
    youngest = max(child.birth_date for child in children)
    try:
        return youngest.replace(year=youngest.year + ADULTHOOD)
    except ValueError:  # born on 29 February
        return youngest.replace(year=youngest.year + ADULTHOOD, day=28)
