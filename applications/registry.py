"""The registry of state services: service code → definition.

Each service app declares one ServiceDefinition (its checklist with conditions, its
stages and terms per edition, its result documents) and registers it in its
AppConfig.ready(). The public catalogue and the application engine read the same
definition, so what a citizen is told is what the portal enforces. There is no closed
list of codes: a service exists because its app is installed and registers it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from guardianship_portal.core.service_codes import (
    find_service,
    installed_services,
    record_service,
    service_choices,
)

# How a term is counted is the calendar's own (the calendar knows nothing of services);
# services take it from here with the rest of what a definition is made of.
from guardianship_portal.workdays.calendar import TermUnit

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

Answers = Mapping[str, Any]


class Channel(models.TextChoices):
    PORTAL = "portal", _("Portal")
    OFFICE = "office", _("Provider's office")
    STATE_CORPORATION = "state_corporation", _("State Corporation “Government for Citizens”")


@dataclass(frozen=True)
class Condition:
    """A yes/no fact about the applicant's situation that decides whether a document
    is needed or a stage runs. ``question`` is asked in the form; ``description``
    is how the catalogue shows it next to a checklist item ("only if married")."""

    code: str
    question: StrPromise  # a form field's label (Django's fields take a lazy str)
    description: Promise
    test: Callable[[Answers], bool] | None = None
    # False for facts the form derives itself (e.g. a child's age from the birth date).
    asked: bool = True

    def holds(self, answers: Answers) -> bool:
        if self.test is not None:
            return bool(self.test(answers))
        return bool(answers.get(self.code))


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    title: Promise
    condition: Condition | None = None  # None: always required
    channels: frozenset[str] = frozenset(
        {Channel.PORTAL, Channel.OFFICE, Channel.STATE_CORPORATION}
    )
    note: Promise | None = None  # e.g. "original, for identification only"
    one_of: tuple[Promise, ...] = ()  # any one of these documents satisfies the item
    # The application itself: on the portal it is the electronic form the applicant
    # fills and signs when filing (seeds: "ЭЦҚ қойылған электрондық құжат нысанындағы
    # сұраныс"), so it is never asked for as an upload there; on paper it is a document.
    is_the_application: bool = False

    def required(self, answers: Answers, channel: str) -> bool:
        if channel not in self.channels:
            return False
        if self.is_the_application and channel == Channel.PORTAL:
            return False
        return self.condition is None or self.condition.holds(answers)


@dataclass(frozen=True)
class Stage:
    """A stage of the workflow with its term; ``skip`` makes it optional."""

    code: str
    title: Promise
    skip: Condition | None = None


@dataclass(frozen=True)
class LegalText:
    """A legal reference as the official text of each language (a law, an article): it
    is printed in documents as written, never translated by gettext, so a lawyer
    corrects it in the edition without touching a template."""

    kk: str
    ru: str

    def in_language(self, language: str) -> str:
        return self.ru if (language or "kk")[:2] == "ru" else self.kk


@dataclass(frozen=True)
class Edition:
    """The terms in force from a date (the order is amended from time to time)."""

    code: str
    effective_from: date
    source: Promise
    total_term: int
    term_unit: str = TermUnit.WORKING_DAYS
    stage_terms: Mapping[str, int] = field(default_factory=dict)
    # The edition's own checklist, when it differs from the service's (empty: the
    # service's checklist applies).
    checklist: tuple[ChecklistItem, ...] = ()
    # Legal references its documents print, by name (e.g. "contract_basis").
    legal_references: Mapping[str, LegalText] = field(default_factory=dict)


@dataclass(frozen=True)
class ResultDocument:
    kind: str
    title: Promise


@dataclass(frozen=True)
class RefusalGround:
    """A legal ground of a motivated refusal: stored on the application as its code,
    printed as its title in the reader's language."""

    code: str
    title: Promise


@dataclass(frozen=True)
class EligibleCategory:
    code: str
    title: StrPromise  # also a question's label (Condition.question)
    supporting_document: Promise


@dataclass(frozen=True)
class StateInfo:
    """A workflow state as people see it. ``stage`` names the stage whose term runs
    while the application is in this state (its deadline is stored on entry)."""

    code: str
    label: Promise
    stage: str | None = None
    final: bool = False
    # Which result of the service a final state is: "granted", "refused", "not_accepted", "withdrawn".
    outcome: str = ""


@dataclass(frozen=True)
class ApplicantTask:
    """What the applicant must do while an application is in ``state``: shown in the
    cabinet and on the application's page as "what you need to do", with where (the
    provider's office: its address and hours), what to bring, and by when (the stage's
    stored due date)."""

    state: str
    title: Promise
    bring: tuple[Promise, ...] = ()
    # Done in person at the provider's office (its address and hours are shown).
    in_person: bool = True


@dataclass(frozen=True)
class ServiceDefinition:
    code: str
    title: Promise
    summary: Promise
    who_may_apply: tuple[Promise, ...]
    provider: Promise
    provider_kinds: tuple[str, ...]  # Organisation.Kind values that may provide it
    channels: tuple[str, ...]
    checklist: tuple[ChecklistItem, ...]
    stages: tuple[Stage, ...]
    editions: tuple[Edition, ...]
    result_documents: tuple[ResultDocument, ...]
    refusal_grounds: tuple[RefusalGround, ...]
    categories: tuple[EligibleCategory, ...] = ()
    notes: tuple[Promise, ...] = ()
    legal_basis: tuple[Promise, ...] = ()
    # "app_label.ModelName" of the proxy model that declares the service's transitions.
    workflow_model: str = ""
    states: tuple[StateInfo, ...] = ()
    # Module with ``document_context(application, kind) -> dict`` for the service's own
    # documents; templates are documents/<service>/<kind>.html in the app's own templates/
    # (found by the app directories loader), else documents/common/<kind>.html.
    documents_module: str = ""
    # "module.FormClass" of the service's application form (a subclass of
    # applications.forms.ApplicationForm adding the service's own fields).
    form_class: str = "applications.forms.ApplicationForm"
    # "module.function" called as f(application) under the row lock when the application
    # is filed, before it is numbered: raise an ApplicationActionError (with a message
    # for the user) to refuse the filing, e.g. "aid is given once per academic year".
    submission_check: str = ""
    # The service's full official name as the rules word it (documents print it; the
    # portal's pages use the short ``title``).
    official_title: Promise | None = None
    # What the applicant must do in which state (see ApplicantTask).
    applicant_tasks: tuple[ApplicantTask, ...] = ()
    # Keys the office's transitions write into ``answers`` (what it decided, e.g. the
    # voucher's shift): not the applicant's, so not covered by the filing's signature.
    decision_answer_keys: tuple[str, ...] = ()

    def applicant_task(self, state: str) -> ApplicantTask | None:
        return next((t for t in self.applicant_tasks if t.state == state), None)

    @property
    def document_title(self) -> Promise:
        return self.official_title or self.title

    def refusal_ground(self, code: str) -> RefusalGround | None:
        return next((g for g in self.refusal_grounds if g.code == code), None)

    def result_document(self, kind: str) -> ResultDocument:
        for document in self.result_documents:
            if document.kind == kind:
                return document
        raise KeyError(kind)

    def state(self, code: str) -> StateInfo:
        for info in self.states:
            if info.code == code:
                return info
        return StateInfo(code, _("Unknown state"))

    def stage_term(self, edition: Edition, stage: str) -> int:
        return edition.stage_terms.get(stage, 0)

    def edition_by_code(self, code: str) -> Edition:
        for edition in self.editions:
            if edition.code == code:
                return edition
        raise KeyError(code)

    def edition_of(self, edition: Edition | str | None = None) -> Edition:
        """An edition given as itself or by its code (an application's ``edition``);
        None: the edition in force today. An unknown code (an edition removed from the
        definition) falls back to the edition in force today rather than failing a page."""
        if isinstance(edition, Edition):
            return edition
        if edition:
            try:
                return self.edition_by_code(edition)
            except KeyError:
                pass
        return self.edition_on(timezone.localdate())

    def checklist_of(self, edition: Edition | str | None = None) -> tuple[ChecklistItem, ...]:
        """The edition's own checklist, or the service's when the edition has none."""
        return self.edition_of(edition).checklist or self.checklist

    def all_checklist_items(self) -> list[ChecklistItem]:
        """Every item of every edition, once per code (the service's list first): what a
        stored code may name, whichever edition an application was filed under."""
        seen: dict[str, ChecklistItem] = {}
        for items in (self.checklist, *(e.checklist for e in self.editions)):
            for item in items:
                seen.setdefault(item.code, item)
        return list(seen.values())

    def item_titles(self, edition: Edition | str | None = None) -> dict[str, Promise]:
        """Code → title of every item any edition knows, worded as ``edition`` words it
        (an application's edition; None: the edition in force today)."""
        titles = {item.code: item.title for item in self.all_checklist_items()}
        titles.update((item.code, item.title) for item in self.checklist_of(edition))
        return titles

    def item_title(self, code: str, edition: Edition | str | None = None) -> Promise | str:
        """The title of a checklist item by its stored code, as the application's edition
        words it (an item another edition knows still gets its words, not its code)."""
        return self.item_titles(edition).get(code, code)

    @property
    def conditions(self) -> list[Condition]:
        """Every condition the form must ask about, once each, in checklist order: those
        of every edition, since the edition in force on the filing day decides which
        documents are needed, and a draft may be filed under a later one."""
        seen: dict[str, Condition] = {}
        for items in (self.checklist, *(e.checklist for e in self.editions)):
            for item in items:
                if item.condition is not None:
                    seen.setdefault(item.condition.code, item.condition)
        for stage in self.stages:
            if stage.skip is not None:
                seen.setdefault(stage.skip.code, stage.skip)
        return list(seen.values())

    def edition_on(self, day: date) -> Edition:
        """The edition in force on ``day`` (the latest that had started)."""
        in_force = [e for e in self.editions if e.effective_from <= day]
        if not in_force:
            return min(self.editions, key=lambda e: e.effective_from)
        return max(in_force, key=lambda e: e.effective_from)

    def checklist_for(
        self, answers: Answers, channel: str, edition: Edition | str | None = None
    ) -> list[ChecklistItem]:
        """What this applicant must hand in through ``channel`` under ``edition`` (an
        application passes its own; None: the edition in force today)."""
        return [item for item in self.checklist_of(edition) if item.required(answers, channel)]

    def paper_items(self, edition: Edition | str | None = None) -> list[ChecklistItem]:
        """The items a paper filing (office, State Corporation) may hand in."""
        paper = {Channel.OFFICE, Channel.STATE_CORPORATION}
        return [item for item in self.checklist_of(edition) if paper & set(item.channels)]

    def office_only_items(self, edition: Edition | str | None = None) -> list[ChecklistItem]:
        return [item for item in self.checklist_of(edition) if Channel.PORTAL not in item.channels]


# What every service issues through the engine (templates in documents/common/) and the
# refusal grounds of the common rules; services add their own after these.
# kk: тиісті құжаттардың қабылданғаны туралы қолхат
ACCEPTANCE_RECEIPT = ResultDocument(
    "acceptance_receipt", _("Receipt of acceptance of the documents")
)
# kk: құжаттарды қабылдаудан бас тарту туралы қолхат
REFUSAL_RECEIPT = ResultDocument("refusal_receipt", _("Receipt of refusal to accept the documents"))
# kk: мемлекеттік қызмет көрсетуден бас тарту туралы дәлелді жауап
MOTIVATED_REFUSAL = ResultDocument(
    "motivated_refusal", _("Motivated refusal to provide the service")
)
COMMON_REFUSAL_GROUNDS = (
    RefusalGround(
        "false_documents", _("False documents or data, or documents with substituted data.")
    ),
    RefusalGround(
        "requirements_not_met",
        _("The applicant or the documents do not meet the requirements of the law."),
    ),
)
# Shared by services 3–5.
NOT_IN_CATEGORY = RefusalGround(
    "not_in_category", _("The pupil does not belong to any of the eligible categories.")
)

# What a code may look like: it is stored in Application.service and
# ProvidedService.service (32 characters) and names the service's template folder.
SERVICE_CODE = re.compile(r"[a-z][a-z0-9_]{0,31}")


def register(definition: ServiceDefinition) -> None:
    """Called from the service app's AppConfig.ready() (again whenever the app registry
    is rebuilt): the definition's workflow model names the app the service belongs to
    (its proxy model lives there); a code another app registered already is refused."""
    if not SERVICE_CODE.fullmatch(definition.code):
        raise ValueError(f"service code {definition.code!r} is not a lower-case identifier")
    try:
        workflow = apps.get_model(definition.workflow_model)
    except (LookupError, ValueError) as error:
        raise ValueError(
            f"service {definition.code!r}: workflow_model {definition.workflow_model!r} "
            "is not a model of an installed app"
        ) from error
    record_service(definition, app_label=workflow._meta.app_label)


def get_service(code: str) -> ServiceDefinition:
    definition = find_service(code)
    if definition is None:
        raise KeyError(code)
    return cast(ServiceDefinition, definition)


def all_services() -> list[ServiceDefinition]:
    """In INSTALLED_APPS order (each app registers in its ready()): the order of the
    catalogue."""
    return cast(list[ServiceDefinition], installed_services())


def service_field_choices(*, blank: Promise | None = None) -> list[tuple[str, Promise]]:
    """Choices of a service select built at runtime (pass the callable, not its result,
    to a form field), with an optional empty choice first ("All services")."""
    return [("", blank), *service_choices()] if blank is not None else service_choices()
