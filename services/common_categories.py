"""What services 3–5 (camp vouchers, free meals, material aid) share (seed 004).

The same five categories of pupils are eligible for the three services. The applicant
names one category (``answers["category"]``, one of ``CATEGORY_CODES``); the document
that confirms it becomes a checklist item through a condition on that answer. The
category is chosen from a list, not asked as yes/no: the category conditions are
``asked=False`` and the service's form supplies ``category`` (see ``category_choices``).

Also here: the two civil-registry conditions of the camp and meals checklists (a birth or
marriage certificate is needed only when the registry lacks the record).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import cast

from django import forms
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from applications import state_registry
from applications.registry import ChecklistItem, Condition, EligibleCategory, ServiceDefinition
from applications.workflow import is_office_staff

TARGETED_ASSISTANCE = "targeted_assistance"
LOW_INCOME = "low_income"
WITHOUT_PARENTAL_CARE = "without_parental_care"
EMERGENCY = "emergency"
BOARD_DECIDED = "board_decided"

CATEGORY_CODES = (TARGETED_ASSISTANCE, LOW_INCOME, WITHOUT_PARENTAL_CARE, EMERGENCY, BOARD_DECIDED)

# The supporting documents as the camp-voucher list of seed 004 words them; the meals
# list words the third one more widely (see FREE_MEALS_CATEGORIES in services.free_meals).
CATEGORIES: tuple[EligibleCategory, ...] = (
    EligibleCategory(
        TARGETED_ASSISTANCE,
        # kk: мемлекеттік атаулы әлеуметтік көмек алуға құқығы бар отбасылардан шыққан балалар
        _("Children from families entitled to state targeted social assistance"),
        # kk: жергілікті атқарушы органдар беретін атаулы әлеуметтік көмек алушылар қатарына жататынын растайтын анықтама
        _(
            "Certificate from the local executive body confirming that the family receives "
            "targeted social assistance"
        ),
    ),
    EligibleCategory(
        LOW_INCOME,
        # kk: мемлекеттік атаулы әлеуметтік көмек алмайтын, жан басына шаққандағы табысы ең төменгі күнкөріс деңгейінің шамасынан төмен отбасылардан шыққан балалар
        _(
            "Children from families that do not receive targeted social assistance but whose "
            "income per person is below the subsistence minimum"
        ),
        # kk: табыстары туралы құжаттар (ата-анасының немесе оларды алмастыратын тұлғалардың жалақысы туралы анықтама, кәсіпкерлік және өзге де қызмет түрлерінен түсетін табыстар, алименттер және басқа да кірістер)
        _(
            "Documents on the family's income (salary certificates of the parents or the persons "
            "replacing them, income from business and other activities, alimony and other income)"
        ),
    ),
    EligibleCategory(
        WITHOUT_PARENTAL_CARE,
        # kk: жетім балалар, ата-анасының қамқорлығынсыз қалып, отбасыларда тұратын балалар
        _("Orphans and children left without parental care who live in families"),
        # kk: қорғаншылық (қамқоршылық), патронаттық тәрбиені бекіту туралы уәкілетті органның шешімі
        _(
            "Decision of the authorised body establishing guardianship (trusteeship) or patronat care"
        ),
    ),
    EligibleCategory(
        EMERGENCY,
        # kk: төтенше жағдайлардың салдарынан шұғыл жәрдемді талап ететін отбасылардан шыққан балалар
        _("Children from families that need urgent help after an emergency"),
        # kk: отбасының материалдық-тұрмыстық жағдайын тексеру негізінде алқалы органның шешімі
        _(
            "Decision of the school's collegial governing body, based on an inspection of the "
            "family's material and living conditions"
        ),
    ),
    EligibleCategory(
        BOARD_DECIDED,
        # kk: білім беру ұйымының алқалы басқару органы айқындайтын білім алушылар мен тәрбиеленушілердің өзге де санаттары
        _(
            "Other categories of pupils set by the school's collegial governing body (the board "
            "of trustees)"
        ),
        # kk: отбасының материалдық-тұрмыстық жағдайын тексеру негізінде алқалы органның шешімі
        _(
            "Decision of the school's collegial governing body, based on an inspection of the "
            "family's material and living conditions"
        ),
    ),
)


def _category_test(code: str):
    return lambda answers: answers.get("category") == code


def category_conditions(categories: tuple[EligibleCategory, ...]) -> dict[str, Condition]:
    """One condition per category: holds when the applicant chose that category."""
    return {
        category.code: Condition(
            f"category_{category.code}",
            category.title,
            # format_lazy returns a lazy string (a Promise); its stub says str or promise.
            cast(
                Promise,
                format_lazy(_("only for the category “{category}”"), category=category.title),
            ),
            test=_category_test(category.code),
            # The form asks for the category once, as a choice (answers["category"]).
            asked=False,
        )
        for category in categories
    }


CATEGORY_CONDITIONS = category_conditions(CATEGORIES)


# Seed 004 asks the family of categories 4 and 5 for the collegial body's decision
# itself, though the school's own board makes it: the parent is told where it comes from.
BOARD_DECISION_NOTE = _(
    "Issued by the school's board of trustees after an inspection of the family's "
    "living conditions, which the school carries out on request."
)
NOTES = {EMERGENCY: BOARD_DECISION_NOTE, BOARD_DECIDED: BOARD_DECISION_NOTE}


def category_items(categories: tuple[EligibleCategory, ...]) -> tuple[ChecklistItem, ...]:
    """The supporting document of each category as a checklist item, required only
    when that category is chosen."""
    conditions = category_conditions(categories)
    return tuple(
        ChecklistItem(
            f"category_document_{category.code}",
            category.supporting_document,
            condition=conditions[category.code],
            note=NOTES.get(category.code),
        )
        for category in categories
    )


def with_supporting_document(code: str, document: Promise) -> tuple[EligibleCategory, ...]:
    """The five categories with one category's supporting document worded differently."""
    return tuple(
        replace(category, supporting_document=document) if category.code == code else category
        for category in CATEGORIES
    )


def category_choices(
    categories: tuple[EligibleCategory, ...] = CATEGORIES,
) -> list[tuple[str, Promise]]:
    """Choices for the form field that stores ``answers["category"]``."""
    return [(category.code, category.title) for category in categories]


CHILD_BIRTH_NOT_IN_REGISTRY = Condition(
    state_registry.CHILD_BIRTH_NOT_IN_REGISTRY,
    _(
        "Is the child's birth missing from the civil registry, or was the child born outside "
        "Kazakhstan?"
    ),
    _(
        "only if the civil registry has no record of the child's birth or the child was born "
        "outside Kazakhstan"
    ),
)
MARRIAGE_RECORD_NOT_IN_REGISTRY = Condition(
    state_registry.MARRIAGE_RECORD_NOT_IN_REGISTRY,
    _(
        "Is your marriage or divorce missing from the civil registry (for example, registered "
        "abroad)?"
    ),
    _("only if the civil registry has no record of the marriage or divorce"),
)


class CategoryFormMixin(forms.Form):
    """Mixed in before ApplicationForm by services 3–5: a required choice of the pupil's
    category, stored as ``answers["category"]`` so that the checklist asks for that
    category's supporting document. A declared field (the application templates and the
    clerk's page list ``extra_answer_fields``); its choices are the service's categories."""

    extra_answer_fields: tuple[str, ...] = ("category",)
    # Set by ApplicationForm.__init__, which this mixin precedes.
    definition: ServiceDefinition

    category = forms.ChoiceField(
        label=_("Category of the pupil"),
        choices=category_choices(),
        help_text=_("The document confirming the category will be asked for."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["category"]).choices = [
            ("", _("Choose the category")),
            *category_choices(self.definition.categories or CATEGORIES),
        ]


def category_title(categories: tuple[EligibleCategory, ...], code: str):
    """The category's title (translated lazily), or the code if it is unknown."""
    return next((c.title for c in categories if c.code == code), code)


def academic_year(day: date) -> tuple[date, date]:
    """The academic (school) year containing ``day``: 1 September – 31 August."""
    start_year = day.year if day.month >= 9 else day.year - 1
    return date(start_year, 9, 1), date(start_year + 1, 8, 31)


def refusal_context(application, kind: str) -> dict:
    """What the shared documents (receipts, motivated refusal) need from a service of
    3–5 beyond the engine's context: the applicant's address and the category."""
    from applications.registry import get_service

    definition = get_service(application.service)
    answers = application.answers or {}
    context: dict = {
        "applicant_address": application.applicant_address,
        "category_title": category_title(definition.categories, answers.get("category", "")),
    }
    return context


# --- The board of trustees' decision: a recorded step for material aid, and for camps
# and meals when the category is one the board sets (category 5).


def needs_board_decision(application) -> bool:
    """Category 5 exists only by the board's decision, so the board decides it."""
    return application.answers.get("category") == BOARD_DECIDED


def category_confirmable(application) -> bool:
    return not needs_board_decision(application)


def store_board_decision(application, *, board_number: str, board_date: str) -> None:
    """Record the board's decision (number, date) on the application; refuse with a
    clear message when either is missing or the date is in the future."""
    from django.utils import timezone
    from django.utils.dateparse import parse_date

    from applications.errors import TransitionRefused

    decided_on = parse_date(board_date or "") if board_date else None
    if not board_number.strip() or decided_on is None:
        raise TransitionRefused(
            _("Give the number and the date of the decision of the board of trustees.")
        )
    if decided_on > timezone.localdate():
        raise TransitionRefused(
            _("The date of the decision of the board of trustees cannot be in the future.")
        )
    application.answers = {
        **application.answers,
        "board_decision": {"number": board_number.strip()[:100], "date": decided_on.isoformat()},
    }


def documents_accepted(*, target: str):
    """completeness check → ``target`` (the category review, or the board for material
    aid): the set is complete."""

    @transition(
        field="state", source="completeness_check", target=target, permission=is_office_staff
    )
    def accept_documents(self, *, actor, reason: str = "") -> None:
        """The set is complete: the review starts."""

    return accept_documents


def category_confirmation(*, source: str, target: str):
    """The pupil belongs to the category chosen (categories 1–4): to the decision."""

    @transition(
        field="state",
        source=source,
        target=target,
        permission=is_office_staff,
        conditions=[category_confirmable],
        custom={"label": _("Category confirmed: to the decision")},
    )
    def confirm_category(self, *, actor, reason: str = "") -> None:
        """The category is confirmed: the service may be granted."""

    return confirm_category


def board_decision(*, source: str, target: str, always: bool = False):
    """The board of trustees' decision (number, date) recorded: for material aid
    (``always``), and for camps and meals only for category 5. A board's "no" is a
    motivated refusal."""

    @transition(
        field="state",
        source=source,
        target=target,
        permission=is_office_staff,
        conditions=[] if always else [needs_board_decision],
        custom={
            "label": _("Record the decision of the board of trustees"),
            "form": "services.common_categories.BoardDecisionForm",
        },
    )
    def record_board_decision(
        self, *, actor, reason: str = "", board_number: str = "", board_date: str = ""
    ) -> None:
        store_board_decision(self, board_number=board_number, board_date=board_date)

    return record_board_decision


class BoardDecisionForm(forms.Form):
    """The data of ``record_board_decision``: the board of trustees' decision."""

    board_number = forms.CharField(label=_("Number of the decision (minutes)"), max_length=100)
    board_date = forms.DateField(
        label=_("Date of the decision"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, application, **kwargs) -> None:
        super().__init__(*args, **kwargs)

    def clean_board_date(self):
        day = self.cleaned_data["board_date"]
        from django.utils import timezone

        if day > timezone.localdate():
            raise forms.ValidationError(
                _("The date of the decision of the board of trustees cannot be in the future."),
                code="future",
            )
        return day

    def transition_data(self) -> dict:
        return {
            "board_number": self.cleaned_data["board_number"],
            "board_date": self.cleaned_data["board_date"].isoformat(),
        }
