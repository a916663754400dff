"""What patronat's own documents print, on top of the engine's shared context
(applications.result_documents.base_context)."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language

from applications.models import Application
from applications.registry import Edition, get_service
from applications.result_documents import document_event, document_number
from guardianship_portal.accounts.iin import parse_iin

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
    if kind == "inspection_act":
        context["inspection"] = answers.get("inspection", {})
    if kind in ("patronat_contract", "contract_notice"):
        context["contract_until"] = contract_until(children)
    if kind == "patronat_contract":
        context.update(contract_context(application))
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
        # The decision names the contract it rests on, by the number and date the
        # contract itself prints.
        contract_event = document_event(application, "patronat_contract")
        context.update(
            contract_number=document_number(application, "patronat_contract"),
            contract_date=timezone.localtime(contract_event.at).date() if contract_event else None,
        )
    return context


def contract_context(application: Application) -> dict:
    """The blanks of the typical contract (seed 003 appendix 3) the portal can fill:
    the carer's identity document, place of birth and sex (the seed's "гражданин
    (-ка)", "уроженец(-ка)", "азамат/ша"), the body's bank details, the provider's own
    termination conditions (clause 12) and the edition's legal references. Runs in the
    document's language (issue_document overrides it)."""
    answers = application.answers or {}
    organisation = application.organisation
    language = "ru" if (get_language() or "kk")[:2] == "ru" else "kk"
    provided = organisation.provided_services.filter(service=application.service).first()
    conditions = getattr(provided, f"contract_conditions_{language}", "") if provided else ""
    place = (answers.get("place_of_birth") or "").strip()
    return {
        "applicant_is_male": _is_male(application.applicant_iin),
        "place_of_birth": place,
        "place_of_birth_kk": kk_locative_place(place),
        "identity_document_number": answers.get("identity_document_number", ""),
        "identity_document_issuer": answers.get("identity_document_issuer", ""),
        "identity_document_date": _stored_date(answers.get("identity_document_date")),
        "organisation_bin": organisation.bin,
        "organisation_bank_account": organisation.bank_account,
        "organisation_bank_bik": organisation.bank_bik,
        "organisation_bank_name": organisation.bank_name,
        "contract_conditions": (conditions or "").strip(),
        "legal_references": legal_references(application, language),
    }


def application_edition(application: Application) -> Edition:
    definition = get_service(application.service)
    try:
        return definition.edition_by_code(application.edition)
    except KeyError:  # an edition since removed from the registry
        day = application.registered_on or timezone.localdate()
        return definition.edition_on(day)


def legal_references(application: Application, language: str) -> dict[str, str]:
    """The laws and articles the documents cite, as the application's edition words
    them (Edition.legal_references): a lawyer corrects them there, not in a template."""
    references = application_edition(application).legal_references
    return {name: text.in_language(language) for name, text in references.items()}


# The place as the Kazakh contract needs it before "туып-өскен" (in the locative case).
# Settlement words in the possessive take -нда/-нде (Көкшетау қаласы → қаласында);
# their abbreviations are written out.
KK_SETTLEMENT_LOCATIVE = {
    "қаласы": "қаласында",
    "ауылы": "ауылында",
    "ауданы": "ауданында",
    "облысы": "облысында",
    "кенті": "кентінде",
    "селосы": "селосында",
    "поселкесі": "поселкесінде",
    "мекені": "мекенінде",
    "қ.": "қаласында",
    "а.": "ауылында",
    "ауд.": "ауданында",
    "обл.": "облысында",
}
# Written the Russian way, the kind of settlement comes first.
KK_RUSSIAN_PREFIX = {"г.": "қаласында", "город": "қаласында", "с.": "ауылында", "село": "ауылында"}
KK_BACK_VOWELS = set("аоұыяёю")
KK_FRONT_VOWELS = set("әеөүіэи")
KK_VOICELESS = set("кқпстфхцчшщ")


def kk_locative_place(place: str) -> str:
    """«Көкшетау» → «Көкшетауда», «Зеренді ауылы» → «Зеренді ауылында», «Шымкент» →
    «Шымкентте». The seed's form reads "___ қаласында туып-өскен" (born in the city
    of ___); putting the typed place itself in the locative keeps the sentence right
    for a village too. A place not written in Cyrillic is followed by the seed's
    "қаласында" unchanged."""
    place = place.strip().rstrip(",;")
    if not place:
        return ""
    words = place.split()
    last = words[-1].lower()
    if len(words) > 1 and words[0].lower() in KK_RUSSIAN_PREFIX:  # «г. Кокшетау»
        return " ".join([*words[1:], KK_RUSSIAN_PREFIX[words[0].lower()]])
    if last in KK_SETTLEMENT_LOCATIVE:
        return " ".join([*words[:-1], KK_SETTLEMENT_LOCATIVE[last]])
    word = place.rstrip(".").rstrip()
    letters = [ch for ch in word.lower() if ch.isalpha()]
    vowels = [ch for ch in letters if ch in KK_BACK_VOWELS | KK_FRONT_VOWELS]
    if not letters or not vowels or not re.fullmatch(r"[а-яёәғқңөұүһі]", letters[-1]):
        return f"{place} қаласында"
    back = vowels[-1] in KK_BACK_VOWELS
    voiceless = letters[-1] in KK_VOICELESS
    suffix = ("та" if back else "те") if voiceless else ("да" if back else "де")
    return word + suffix


def _is_male(iin: str) -> bool | None:
    try:
        return parse_iin(iin).is_male
    except ValidationError:
        return None


def _stored_date(value) -> date | None:
    """Dates in answers are YYYY-MM-DD strings (JSON)."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def contract_until(children: list) -> date | None:
    """The contract runs until the youngest child comes of age."""
    if not children:
        return None
    youngest = max(child.birth_date for child in children)
    try:
        return youngest.replace(year=youngest.year + ADULTHOOD)
    except ValueError:  # born on 29 February
        return youngest.replace(year=youngest.year + ADULTHOOD, day=28)
