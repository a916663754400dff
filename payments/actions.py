"""Operations on entitlements and payment registers. Views, commands and jobs call
these; nothing else changes them.

Entitlements and registers are workflows on the one transition path
(guardianship_portal/workflow/engine.py): the row is locked, the state the user saw is
checked, the django-fsm transition runs if possible and permitted, the audit event is
written and the side effects (the notice of termination) are enqueued as jobs in the
same transaction. What is theirs is declared once, in ``ENTITLEMENT_WORKFLOW`` and
``REGISTER_WORKFLOW``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.models import Application
from guardianship_portal.core.request_context import current_address
from guardianship_portal.jobs.api import enqueue
from guardianship_portal.workflow.engine import AuditTrail, Workflow, run_transition

from . import calculation
from .errors import (
    ChangeRefused,
    InvalidEntitlementChange,
    MissingRate,
    NotPermitted,
    StaleRecord,
)
from .models import (
    Entitlement,
    EntitlementChild,
    EntitlementEvent,
    EntitlementPause,
    PaymentRegister,
    ProrationRule,
    RegisterEvent,
    RegisterLine,
    first_of_month,
    next_month,
    payment_due_on,
)
from .registry import EntitlementSource, Rate, get_source, has_source
from .selectors import register_order_problem

REASON_MAX_LENGTH = 2000

ENTITLEMENT_AUDIT = AuditTrail(
    EntitlementEvent,
    subject="entitlement",
    address_field="address",
    current_address=current_address,
)
REGISTER_AUDIT = AuditTrail(
    RegisterEvent, subject="register", address_field="address", current_address=current_address
)


def _no_deadlines(record, *, from_state: str, moment: datetime, actor) -> None:
    """Entitlements and registers store their dates in their transitions."""


# ------------------------------------------------------------------------ entitlements


def entitlement_open(
    *, application: Application, decided_on: date, actor=None, at: datetime | None = None
) -> Entitlement:
    """The entitlement a decided application opens (its service's EntitlementSource),
    its audit event dated ``at`` (the decision's moment; now if not given).
    Idempotent: a second call (a retried job) returns the first one."""
    existing = Entitlement.objects.filter(application_id=application.pk).first()
    if existing is not None:
        return existing
    source = get_source(application.service)
    starts_on = source.starts_on(application, decided_on)
    children = list(application.children.all())
    child_ends = [calculation.coming_of_age(child.birth_date) for child in children]
    planned_end = max(child_ends) if child_ends else starts_on
    if source.term_ends_on is not None:
        term = source.term_ends_on(application, starts_on)
        if term is not None:
            planned_end = min(planned_end, term)
    answers = application.answers or {}
    # A register already made for a month it is due (prepared in advance, by the 15th
    # of the month before) did not include it: the next register pays those months as
    # corrections, so an entitlement opened late loses no month.
    start_month = first_of_month(starts_on)
    late = PaymentRegister.objects.filter(
        organisation_id=application.organisation_id, month__gte=start_month
    ).exists()
    try:
        with transaction.atomic():
            entitlement = Entitlement.objects.create(
                number=f"{application.number}/E",
                application=application,
                service=application.service,
                organisation_id=application.organisation_id,
                recipient_id=application.applicant_id,
                recipient_iin=application.applicant_iin,
                recipient_name=application.applicant_name,
                bank_name=str(answers.get("bank_name", ""))[:200],
                bank_account=str(answers.get("bank_account", ""))[:40],
                language=application.language or "kk",
                decided_on=decided_on,
                starts_on=starts_on,
                planned_end_on=max(planned_end, starts_on),
                recalculate_from=start_month if late else None,
            )
            EntitlementChild.objects.bulk_create(
                EntitlementChild(
                    entitlement=entitlement,
                    child=child,
                    full_name=" ".join(
                        p for p in (child.last_name, child.first_name, child.middle_name) if p
                    ),
                    birth_date=child.birth_date,
                    ends_on=min(end, entitlement.planned_end_on),
                )
                for child, end in zip(children, child_ends, strict=True)
            )
            ENTITLEMENT_AUDIT.record(
                subject=entitlement,
                actor=actor,
                action="opened",
                to_state=entitlement.state,
                data={"application": application.number, "starts_on": starts_on.isoformat()},
                at=at or timezone.now(),
            )
    except IntegrityError:
        return Entitlement.objects.get(application_id=application.pk)
    return entitlement


def open_after_decision(application: Application) -> None:
    """Called by a service's deciding transition, inside its transaction: the job that
    opens the entitlement is enqueued with the decision (committed with it or not at
    all); it reads the decision's date from the audit event."""
    from . import jobs

    enqueue(jobs.open_entitlement, application_pk=application.pk)


def _checked_day(entitlement: Entitlement, on: Any, *, allow_start: bool = True) -> date:
    if not isinstance(on, date):
        raise InvalidEntitlementChange(_("Enter the date."))
    if on < entitlement.starts_on or (not allow_start and on == entitlement.starts_on):
        raise InvalidEntitlementChange(_("The date is before the entitlement starts."))
    if on > entitlement.paid_until:
        raise InvalidEntitlementChange(_("The date is after the entitlement ends."))
    return on


def _checked_reason(reason: str, *, required: bool) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise InvalidEntitlementChange(_("Write the reason."))
    if len(reason) > REASON_MAX_LENGTH:
        raise InvalidEntitlementChange(_("The reason is too long (up to 2000 characters)."))
    return reason


def entitlement_suspend(
    *, entitlement: Entitlement, actor, on: date, reason: str, expected_state: str | None
) -> Entitlement:
    reason = _checked_reason(reason, required=True)
    day = _checked_day(entitlement, on)
    return _run_entitlement(
        entitlement, "suspend", actor, expected_state, reason, {"on": day.isoformat()}
    )


def entitlement_resume(
    *, entitlement: Entitlement, actor, on: date, reason: str = "", expected_state: str | None
) -> Entitlement:
    reason = _checked_reason(reason, required=False)
    day = _checked_day(entitlement, on)
    return _run_entitlement(
        entitlement, "resume", actor, expected_state, reason, {"on": day.isoformat()}
    )


def entitlement_terminate(
    *,
    entitlement: Entitlement,
    actor,
    on: date,
    ground: str,
    reason: str,
    expected_state: str | None,
) -> Entitlement:
    """Early termination: not paid from ``on``; the notice is issued after the commit."""
    source = get_source(entitlement.service)
    if source.end_ground(ground) is None:
        raise InvalidEntitlementChange(_("Choose the ground of the termination."))
    reason = _checked_reason(reason, required=False)
    day = _checked_day(entitlement, on, allow_start=True)
    return _run_entitlement(
        entitlement,
        "terminate",
        actor,
        expected_state,
        reason,
        {"on": day.isoformat(), "ground": ground},
    )


def entitlements_end_due(*, today: date | None = None) -> list[str]:
    """End every entitlement whose planned end has come (the daily job, on the day)."""
    today = today or timezone.localdate()
    due = Entitlement.objects.exclude(state=Entitlement.State.ENDED).filter(
        planned_end_on__lte=today
    )
    ended = []
    for entitlement in due.iterator():
        try:
            _run_entitlement(entitlement, "expire", None, None, "", {"on": today.isoformat()})
        except (ChangeRefused, StaleRecord):
            continue
        ended.append(entitlement.number)
    return ended


def _run_entitlement(entitlement, action, actor, expected_state, reason, data) -> Entitlement:
    return run_transition(
        ENTITLEMENT_WORKFLOW,
        record=entitlement,
        action=action,
        actor=actor,
        expected_state=expected_state,
        reason=reason,
        data=data,
    )


def _enqueue_entitlement_effects(entitlement_pk: int, event_pk: int, documents: list[str]) -> None:
    from . import jobs

    if documents:
        enqueue(
            jobs.issue_entitlement_documents,
            entitlement_pk=entitlement_pk,
            event_pk=event_pk,
            kinds=documents,
        )


ENTITLEMENT_WORKFLOW = Workflow(
    rows=lambda entitlement: Entitlement.objects.select_related("organisation"),
    audit=ENTITLEMENT_AUDIT,
    stale=StaleRecord,
    refused=ChangeRefused,
    not_permitted=NotPermitted,
    store_deadlines=_no_deadlines,
    enqueue_side_effects=_enqueue_entitlement_effects,
)


# ------------------------------------------------------------------------ registers


def register_prepare(*, organisation, month: date, actor) -> PaymentRegister:
    """Prepare (or prepare again) the office's register of a month: its lines are
    computed from the entitlements. Two clerks at once make one register (unique per
    office and month; the second waits for the first's lock and prepares it again).
    An approved register is frozen: ChangeRefused."""
    month = first_of_month(month)
    with transaction.atomic():
        # Before the row exists: a new month must follow the office's last register.
        _refuse_out_of_order(organisation.pk, month)
        register, _created = PaymentRegister.objects.get_or_create(
            organisation=organisation, month=month, defaults={"due_on": payment_due_on(month)}
        )
        if register.state == PaymentRegister.State.APPROVED:
            raise ChangeRefused(
                _(
                    "This register is approved and frozen. A correction goes to the next month's register."
                )
            )
        return run_transition(
            REGISTER_WORKFLOW,
            record=register,
            action="prepare",
            actor=actor,
            expected_state=None,
        )


def register_approve(
    *, register: PaymentRegister, actor, version: int | None, expected_state: str | None
) -> PaymentRegister:
    """A head of the office approves the prepared register: frozen from then on."""
    _refuse_out_of_order(register.organisation_id, register.month)
    approved = run_transition(
        REGISTER_WORKFLOW,
        record=register,
        action="approve",
        actor=actor,
        expected_state=expected_state,
        data={"version": version} if version is not None else {},
    )
    # What the approved register corrected is done with (a change after its
    # preparation stays marked for the next one).
    Entitlement.objects.filter(
        organisation_id=approved.organisation_id,
        recalculate_from__lt=approved.month,
        updated_at__lte=approved.prepared_at,
    ).update(recalculate_from=None)
    return approved


def _refuse_out_of_order(organisation_id: int, month: date) -> None:
    problem = register_order_problem(organisation_id, month)
    if problem:
        raise ChangeRefused(problem)


def register_record_export(*, register: PaymentRegister, actor, what: str) -> None:
    """Every export is audited (who took which file of which register)."""
    REGISTER_AUDIT.record(
        subject=register, actor=actor, action="exported", data={"what": what}, at=timezone.now()
    )


def register_record_view(*, register: PaymentRegister, actor) -> None:
    """Opening a register (the recipients' names and accounts) is audited too."""
    REGISTER_AUDIT.record(subject=register, actor=actor, action="viewed", at=timezone.now())


REGISTER_WORKFLOW = Workflow(
    rows=lambda register: PaymentRegister.objects.select_related("organisation"),
    audit=REGISTER_AUDIT,
    stale=StaleRecord,
    refused=ChangeRefused,
    not_permitted=NotPermitted,
    store_deadlines=_no_deadlines,
    enqueue_side_effects=lambda pk, event_pk, documents: None,
)


class _Rates:
    """Rates and pro-rating rules looked up once per service and day while a register
    is filled (at 100,000 entitlements it asks the database a handful of times)."""

    def __init__(self, region) -> None:
        self.region = region
        self._rates: dict[tuple[str, date], Rate | None] = {}
        self._methods: dict[tuple[str, date], str] = {}
        self._rules = list(ProrationRule.objects.order_by("-effective_from"))

    def rate_on(self, source: EntitlementSource):
        def lookup(day: date) -> Rate | None:
            key = (source.service, day)
            if key not in self._rates:
                self._rates[key] = source.rate(self.region, day)
            return self._rates[key]

        return lookup

    def method(self, service: str, month: date) -> str:
        key = (service, month)
        if key not in self._methods:
            rules = [r for r in self._rules if r.effective_from <= month]
            own = next((r for r in rules if r.service == service), None)
            shared = next((r for r in rules if r.service == ""), None)
            chosen = own or shared
            self._methods[key] = chosen.method if chosen else calculation.CALENDAR_DAYS
        return self._methods[key]


def _due(
    rates: _Rates, source, child: dict, entitlement: dict, pauses, month: date
) -> calculation.MonthAmount | None:
    ends = min(child["ends_on"], entitlement["ends_on"] or entitlement["planned_end_on"])
    try:
        return calculation.month_amount(
            month=month,
            starts_on=entitlement["starts_on"],
            ends_on=ends,
            pauses=pauses,
            rate_on=rates.rate_on(source),
            method=rates.method(source.service, month),
        )
    except LookupError as missing:
        raise MissingRate(
            _(
                "The amount for %(month)s is not entered yet (the payment norm or the monthly calculation index): ask the administrator to enter it, then prepare the register."
            )
            % {"month": missing.args[0].strftime("%m.%Y")}
        ) from None


def _days_in(month: date) -> int:
    first, after = calculation.month_bounds(month)
    return (after - first).days


def _paid_twice(
    lines: list[RegisterLine], entitlements: dict[int, dict], children: dict[int, list[Any]]
) -> list[dict[str, Any]]:
    """Children the month pays under more than one entitlement (the same name and date of
    birth: a child in patronat and under guardianship at once, or opened twice), for the
    head to check before approving. Stored with the register when it is prepared."""
    by_child = {child["pk"]: child for rows in children.values() for child in rows}
    names: dict[tuple[str, date], str] = {}
    paid_by: dict[tuple[str, date], set[int]] = defaultdict(set)
    for item in lines:
        if item.kind != RegisterLine.Kind.REGULAR:
            continue
        child = by_child[item.child_id]
        key = (" ".join(child["full_name"].casefold().split()), child["birth_date"])
        names.setdefault(key, child["full_name"])
        paid_by[key].add(item.entitlement_id)
    return sorted(
        (
            {
                "child": names[key],
                "birth_date": key[1].isoformat(),
                "entitlements": sorted(entitlements[pk]["number"] for pk in pks),
            }
            for key, pks in paid_by.items()
            if len(pks) > 1
        ),
        key=lambda row: (row["child"], row["birth_date"]),
    )


def fill_register(register: PaymentRegister, *, actor) -> None:
    """Compute the lines of a register (called by its prepare transition, under its
    lock): the month's payment of every child due, then the corrections of earlier
    months already paid by approved registers. A fixed number of queries."""
    month = register.month
    after = next_month(month)
    office = register.organisation
    rates = _Rates(office.region)
    RegisterLine.objects.filter(register=register).delete()

    due = Q(organisation=office, starts_on__lt=after) & (
        Q(ends_on__gt=month) | Q(ends_on__isnull=True, planned_end_on__gt=month)
    )
    redo = Q(organisation=office, recalculate_from__lt=month)
    fields = (
        "pk",
        "number",
        "service",
        "recipient_iin",
        "starts_on",
        "ends_on",
        "planned_end_on",
        "recalculate_from",
    )
    entitlements = {e["pk"]: e for e in Entitlement.objects.filter(due | redo).values(*fields)}
    children: dict[int, list[Any]] = defaultdict(list)
    for child in (
        EntitlementChild.objects.filter(entitlement__in=Entitlement.objects.filter(due | redo))
        .order_by("entitlement_id", "birth_date", "pk")
        .values("pk", "entitlement_id", "ends_on", "full_name", "birth_date")
    ):
        children[child["entitlement_id"]].append(child)
    pauses: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    for pause in EntitlementPause.objects.filter(
        entitlement__in=Entitlement.objects.filter(due | redo)
    ).values("entitlement_id", "starts_on", "ends_on"):
        pauses[pause["entitlement_id"]].append((pause["starts_on"], pause["ends_on"]))

    lines: list[RegisterLine] = []

    def line(pk: int, child: dict, kind: str, for_month: date, amount: Decimal, due_amount):
        rate = due_amount.rate if due_amount else None
        lines.append(
            RegisterLine(
                register=register,
                entitlement_id=pk,
                child_id=child["pk"],
                kind=kind,
                for_month=for_month,
                days_paid=due_amount.days_paid if due_amount else 0,
                days_in_month=due_amount.days_in_month if due_amount else _days_in(for_month),
                rate=rate.amount if rate else Decimal(0),
                amount=amount,
                reference_kk=rate.reference_kk[:300] if rate else "",
                reference_ru=rate.reference_ru[:300] if rate else "",
            )
        )

    # The corrections: what approved registers paid for earlier months against what was due.
    to_redo = [e for e in entitlements.values() if e["recalculate_from"] is not None]
    if to_redo:
        frozen_months = set(
            PaymentRegister.objects.filter(
                organisation=office, state=PaymentRegister.State.APPROVED, month__lt=month
            ).values_list("month", flat=True)
        )
        paid: dict[tuple[int, date], Decimal] = defaultdict(Decimal)
        for row in RegisterLine.objects.filter(
            register__state=PaymentRegister.State.APPROVED,
            register__organisation=office,
            entitlement_id__in=[e["pk"] for e in to_redo],
        ).values("child_id", "for_month", "amount"):
            paid[(row["child_id"], row["for_month"])] += row["amount"]
        for entitlement in to_redo:
            source = get_source(entitlement["service"])
            for earlier in sorted(m for m in frozen_months if m >= entitlement["recalculate_from"]):
                for child in children[entitlement["pk"]]:
                    owed = _due(
                        rates, source, child, entitlement, pauses[entitlement["pk"]], earlier
                    )
                    difference = (owed.amount if owed else Decimal(0)) - paid[
                        (child["pk"], earlier)
                    ]
                    if difference:
                        line(
                            entitlement["pk"],
                            child,
                            RegisterLine.Kind.ADJUSTMENT,
                            earlier,
                            difference,
                            owed,
                        )

    # The month itself.
    for pk, entitlement in entitlements.items():
        if not has_source(entitlement["service"]):
            continue
        source = get_source(entitlement["service"])
        for child in children[pk]:
            owed = _due(rates, source, child, entitlement, pauses[pk], month)
            if owed is not None and owed.amount:
                line(pk, child, RegisterLine.Kind.REGULAR, month, owed.amount, owed)

    RegisterLine.objects.bulk_create(lines, batch_size=2000)
    register.total = sum((item.amount for item in lines), Decimal(0))
    register.adjustments_total = sum(
        (item.amount for item in lines if item.kind == RegisterLine.Kind.ADJUSTMENT), Decimal(0)
    )
    register.children_paid = len(
        {item.child_id for item in lines if item.kind == RegisterLine.Kind.REGULAR}
    )
    # People, not entitlements: a carer with a patronat contract and a guardian allowance
    # is one recipient (with a transfer for each, under its own purpose).
    register.recipients = len(
        {entitlements[item.entitlement_id]["recipient_iin"] for item in lines}
    )
    register.paid_twice = _paid_twice(lines, entitlements, children)
    register.prepared_by = actor
    register.prepared_at = timezone.now()
    register.version += 1
