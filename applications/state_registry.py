"""The application's people confirmed by the state registries (issue #14, item 1).

``confirm_from_registries`` asks the gateway (guardianship_portal/gateways/registry.py)
about the applicant, each child that has an IIN and the applicant's marriage, stores
every answer as a ``RegistryLookup`` row, and writes what the registry settles into the
application's answers under the checklist's condition codes, so that every reader of
the checklist (the form, the clerk's page, the receipt) follows the registry:

- a child whose birth the civil registry holds (registered in Kazakhstan) needs no
  birth certificate: ``child_birth_not_in_registry`` is False only when *every* child
  is confirmed; a child with no record (born abroad, or before the electronic
  registry), one without an IIN among children with one, or a registry that did not
  answer leaves the certificate required; when no child can be asked about (no IIN
  given, all born before 13.08.2007) the applicant's answer stands;
- a marriage the registry holds needs no certificate: ``marriage_record_not_in_registry``
  becomes False; when the registry has none (or did not answer) the applicant's own
  answer stands — the registry can spare a document, never demand one it cannot judge
  (an unmarried applicant has no record either).

A registry that is down or slow never stops anything: the lookup is stored as failed,
the documents stay required, and the caller tells the applicant to upload them. A paper
filing is judged at the counter before it is saved (``ask_registries``, then
``RegistryCheck.settled``): there the applicant's answer stands when a birth registry did
not answer, so nobody is refused for a record the office could not read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone

from guardianship_portal.gateways.registry import (
    RegistryAnswer,
    RegistryUnavailable,
    ask_all,
    registry_gateway,
)

from .models import Application, Child, RegistryLookup
from .registry import Channel

# The checklist's condition codes this module settles (services/common_categories.py
# declares the conditions with these codes).
CHILD_BIRTH_NOT_IN_REGISTRY = "child_birth_not_in_registry"
MARRIAGE_RECORD_NOT_IN_REGISTRY = "marriage_record_not_in_registry"
# Under this key of the answers: the applicant's own answers the registry overruled.
DECLARED = "declared_before_registry"
# Filings handed over on paper, whose completeness the clerk judges at the counter.
PAPER_CHANNELS = (Channel.OFFICE, Channel.STATE_CORPORATION)
# Births from this day on are in the electronic civil registry (seed 002, line 42).
CIVIL_REGISTRY_FROM = date(2007, 8, 13)


@dataclass
class RegistryCheck:
    """The registries' answers about one filing, before or after it is saved: the
    lookups are stored with the application by ``confirm_from_registries``."""

    person: RegistryLookup
    # One per child, in the children's order; None for a child not asked about.
    births: list[RegistryLookup | None] = field(default_factory=list)
    marriage: RegistryLookup | None = None

    @property
    def lookups(self) -> list[RegistryLookup]:
        return [
            lookup for lookup in (self.person, *self.births, self.marriage) if lookup is not None
        ]

    @property
    def unavailable(self) -> bool:
        return any(x.status == RegistryLookup.Status.FAILED for x in self.lookups)

    def failed_registries(self) -> list[Any]:
        """The names (translated) of the registries that did not answer, once each."""
        failed: dict[str, Any] = {}
        for lookup in self.lookups:
            if lookup.status == RegistryLookup.Status.FAILED:
                failed.setdefault(lookup.kind, lookup.get_kind_display())
        return list(failed.values())

    @property
    def births_confirmed(self) -> bool:
        return bool(self.births) and all(
            lookup is not None
            and lookup.status == RegistryLookup.Status.FOUND
            and lookup.record.get("registered_in_kazakhstan")
            for lookup in self.births
        )

    def settled(self, answers: dict[str, Any], *, keep_answer_on_failure: bool) -> dict[str, Any]:
        """``answers`` with what the registries settle (the module's rules).
        ``keep_answer_on_failure``: when a birth registry did not answer, the applicant's
        own answer stands instead of the certificate being required — for a paper
        filing, whose completeness the clerk judges there and then: an applicant is not
        refused for a record the office could not read (the provider obtains it later)."""
        Status = RegistryLookup.Status
        settled = dict(answers)
        # What the applicant said where the registry says otherwise, kept for the clerk
        # (the page shows both); the first declaration stays if settled again.
        declared = dict(settled.get(DECLARED) or {})

        def settle(code: str, value: bool) -> None:
            if code in settled and settled[code] is not None and bool(settled[code]) != value:
                declared.setdefault(code, bool(settled[code]))
            settled[code] = value

        asked = [lookup for lookup in self.births if lookup is not None]
        failed = any(lookup.status == Status.FAILED for lookup in asked)
        if asked and not (failed and keep_answer_on_failure):
            settle(CHILD_BIRTH_NOT_IN_REGISTRY, not self.births_confirmed)
        if self.marriage is not None and self.marriage.status == Status.FOUND:
            settle(MARRIAGE_RECORD_NOT_IN_REGISTRY, False)
        if declared:
            settled[DECLARED] = declared
        return settled


def look_up_all(questions: list[tuple[str, str]]) -> list[RegistryLookup]:
    """Ask the questions ((registry, IIN) pairs) at once, under one deadline; every
    answer (or failure) as an unsaved lookup; never raises."""
    gateway = registry_gateway()
    methods: dict[str, Callable[[str], RegistryAnswer[Any]]] = {
        RegistryLookup.Kind.PERSON: gateway.person,
        RegistryLookup.Kind.BIRTH: gateway.birth,
        RegistryLookup.Kind.MARRIAGE: gateway.marriage,
    }
    asked_at = timezone.now()
    from_fake = bool(getattr(gateway, "is_fake", False))
    calls: list[Callable[[], RegistryAnswer[Any]]] = [
        partial(methods[kind], iin) for kind, iin in questions
    ]
    lookups = []
    for (kind, iin), result in zip(questions, ask_all(calls), strict=True):
        lookup = RegistryLookup(kind=kind, subject_iin=iin, asked_at=asked_at, from_fake=from_fake)
        if isinstance(result, RegistryUnavailable):
            lookup.status, lookup.error = RegistryLookup.Status.FAILED, str(result)[:300]
        else:
            lookup.status = (
                RegistryLookup.Status.FOUND if result.found else RegistryLookup.Status.NOT_FOUND
            )
            lookup.request_id, lookup.answered_at = result.request_id, result.answered_at
            lookup.record = result.record_fields()
        lookups.append(lookup)
    return lookups


def ask_registries(applicant_iin: str, children: Sequence[tuple[str, date]]) -> RegistryCheck:
    """Ask about the applicant, each child ((IIN, birth date) pairs, in order) and the
    applicant's marriage; nothing is stored yet."""
    Kind = RegistryLookup.Kind
    # No IIN to ask by, or born before the electronic registry: nothing to confirm.
    asked = [bool(iin) and born >= CIVIL_REGISTRY_FROM for iin, born in children]
    questions = [(Kind.PERSON.value, applicant_iin)]
    questions += [
        (Kind.BIRTH.value, iin) for (iin, _born), ask in zip(children, asked, strict=True) if ask
    ]
    questions += [(Kind.MARRIAGE.value, applicant_iin)]
    person, *births, marriage = look_up_all(questions)
    answers = iter(births)
    return RegistryCheck(
        person=person,
        births=[next(answers) if ask else None for ask in asked],
        marriage=marriage,
    )


def confirm_from_registries(
    application: Application, check: RegistryCheck | None = None
) -> RegistryCheck:
    """Ask about the applicant, the children and the marriage (unless ``check`` holds
    the answers already, asked about the same people before the application was
    saved); store the answers with the application and adopt what the registry
    confirms (names and birth dates of the people found, the checklist facts)."""
    Status = RegistryLookup.Status
    children = list(application.children.order_by("pk"))
    if check is None or len(check.births) != len(children):
        check = ask_registries(
            application.applicant_iin, [(child.iin, child.birth_date) for child in children]
        )
    # What was typed, kept beside each answer: the record replaces it below.
    check.person.typed_name = application.applicant_name
    for child, birth in zip(children, check.births, strict=True):
        if birth is not None:
            birth.typed_name, birth.typed_birth_date = child.full_name, child.birth_date
    earlier = latest_lookups(application)
    for lookup in check.lookups:
        lookup.application = application
        _keep_what_was_typed(lookup, earlier.get((lookup.kind, lookup.subject_iin)))
    RegistryLookup.objects.bulk_create(check.lookups)

    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        fields = ["answers"]
        locked.answers = check.settled(
            locked.answers or {}, keep_answer_on_failure=locked.channel in PAPER_CHANNELS
        )
        person = check.person
        if person.status == Status.FOUND and person.record:
            record = person.record
            locked.applicant_name = " ".join(
                part
                for part in (record["last_name"], record["first_name"], record["middle_name"])
                if part
            )
            fields.append("applicant_name")
        locked.save(update_fields=[*fields, "updated_at"])
        for child, birth in zip(children, check.births, strict=True):
            _adopt_birth_record(child, birth)
    application.refresh_from_db()
    return check


def _keep_what_was_typed(lookup: RegistryLookup, earlier: RegistryLookup | None) -> None:
    """Asked again (a draft changed), the application already holds the record's name
    and birth date, adopted the first time: what the applicant typed then is carried
    over, so the correction is still told. Something typed anew replaces it."""
    if earlier is None or earlier.status != RegistryLookup.Status.FOUND:
        return
    record = earlier.record or {}
    if earlier.typed_name and lookup.typed_name == _recorded_name(record):
        lookup.typed_name = earlier.typed_name
    if (
        earlier.typed_birth_date
        and lookup.typed_birth_date
        and record.get("birth_date") == lookup.typed_birth_date.isoformat()
    ):
        lookup.typed_birth_date = earlier.typed_birth_date


def _adopt_birth_record(child: Child, lookup: RegistryLookup | None) -> None:
    if lookup is None or lookup.status != RegistryLookup.Status.FOUND:
        return
    record = lookup.record
    child.last_name = record["last_name"]
    child.first_name = record["first_name"]
    child.middle_name = record.get("middle_name", "")
    child.birth_date = date.fromisoformat(record["birth_date"])
    # The record's number is the civil registry's act number, not the certificate's: the
    # certificate fields (printed in the patronat contract) stay as the applicant gave them.
    child.save()


def latest_lookups(application: Application) -> dict[tuple[str, str], RegistryLookup]:
    """The last answer per (registry, IIN): what the clerk's page shows."""
    latest: dict[tuple[str, str], RegistryLookup] = {}
    for lookup in application.registry_lookups.order_by("pk"):
        latest[(lookup.kind, lookup.subject_iin)] = lookup
    return latest


@dataclass(frozen=True)
class RegistryRow:
    """One line of "what the registries confirmed", for the clerk's page."""

    registry: Any  # the registry's name (lazy, translated)
    subject: str  # whom it was about: a name, or the IIN when nothing was found
    iin: str  # the IIN asked about (for a marriage record: the applicant's)
    status: str
    status_label: Any
    request_id: str
    asked_at: Any
    from_fake: bool
    # What the applicant typed where the registry's record names someone else (the
    # spouse of the marriage record): for the clerk to check, never replaced silently.
    typed_otherwise: str = ""
    # The name the application gave before the record's replaced it (the applicant's,
    # a child's), when the two are not the same person's.
    typed_before: str = ""
    # A marriage record names the spouse, found by the applicant's IIN.
    names_the_spouse: bool = False


# Kazakh letters as people type them on a Russian keyboard (Сейітов as Сейитов).
_KAZAKH_AS_RUSSIAN = str.maketrans("әғқңөұүһіё", "агкноуухие")


def _name_words(name: str) -> list[str]:
    return name.casefold().translate(_KAZAKH_AS_RUSSIAN).split()


def same_person_named(typed: str, recorded: str) -> bool:
    """Whether a typed name fits the registry's: the same words in the same order,
    the typed one possibly without the patronymic (people often leave it out)."""
    typed_words, recorded_words = _name_words(typed), _name_words(recorded)
    return bool(typed_words) and recorded_words[: len(typed_words)] == typed_words


def _recorded_name(record: dict[str, Any]) -> str:
    return " ".join(
        part
        for part in (record.get("last_name"), record.get("first_name"), record.get("middle_name"))
        if part
    )


@dataclass(frozen=True)
class RegistryCorrection:
    """Where a registry's record replaced what the applicant typed (a person's name,
    a child's birth date): shown to the applicant before filing, and to the clerk."""

    kind: str  # RegistryLookup.Kind
    registry: Any  # the registry's name (lazy, translated)
    typed_name: str
    recorded_name: str
    typed_birth_date: date | None
    recorded_birth_date: date | None


def registry_corrections(application: Application) -> list[RegistryCorrection]:
    """The latest answers whose record differs from what was typed (one query)."""
    corrections = []
    for lookup in latest_lookups(application).values():
        if (
            lookup.status != RegistryLookup.Status.FOUND
            or lookup.kind == RegistryLookup.Kind.MARRIAGE
        ):
            continue
        record = lookup.record or {}
        recorded = _recorded_name(record)
        renamed = bool(lookup.typed_name and recorded) and not same_person_named(
            lookup.typed_name, recorded
        )
        recorded_birth = (
            date.fromisoformat(record["birth_date"]) if record.get("birth_date") else None
        )
        redated = bool(lookup.typed_birth_date and recorded_birth) and (
            lookup.typed_birth_date != recorded_birth
        )
        if renamed or redated:
            corrections.append(
                RegistryCorrection(
                    kind=lookup.kind,
                    registry=lookup.get_kind_display(),
                    typed_name=lookup.typed_name if renamed else "",
                    recorded_name=recorded,
                    typed_birth_date=lookup.typed_birth_date if redated else None,
                    recorded_birth_date=recorded_birth if redated else None,
                )
            )
    return corrections


def registry_failures(application: Application) -> list[Any]:
    """The registries whose latest answer about this application failed (their names,
    translated, once each): the applicant is told that the documents they would have
    confirmed are asked for instead. One query."""
    failed: dict[str, Any] = {}
    for lookup in latest_lookups(application).values():
        if lookup.status == RegistryLookup.Status.FAILED:
            failed.setdefault(lookup.kind, lookup.get_kind_display())
    return list(failed.values())


def registry_rows(application: Application) -> list[RegistryRow]:
    """The latest answer per question, named for people (one query)."""
    rows = []
    typed_spouse = str((application.answers or {}).get("spouse_name") or "").strip()
    for lookup in latest_lookups(application).values():
        record = lookup.record or {}
        name = _recorded_name(record)
        typed_otherwise = ""
        if lookup.kind == RegistryLookup.Kind.MARRIAGE and record:
            name = record.get("spouse_name", "")
            if typed_spouse and name and not same_person_named(typed_spouse, name):
                typed_otherwise = typed_spouse
        typed_before = ""
        if (
            lookup.kind != RegistryLookup.Kind.MARRIAGE
            and lookup.status == RegistryLookup.Status.FOUND
            and lookup.typed_name
            and name
            and not same_person_named(lookup.typed_name, name)
        ):
            # The record's name replaced the typed one: the clerk sees both.
            typed_before = lookup.typed_name
        rows.append(
            RegistryRow(
                registry=lookup.get_kind_display(),
                subject=name,
                iin=lookup.subject_iin,
                status=lookup.status,
                status_label=lookup.get_status_display(),
                request_id=lookup.request_id,
                asked_at=lookup.asked_at,
                from_fake=lookup.from_fake,
                typed_otherwise=typed_otherwise,
                typed_before=typed_before,
                names_the_spouse=lookup.kind == RegistryLookup.Kind.MARRIAGE and bool(name),
            )
        )
    return rows
