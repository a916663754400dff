"""Reads for the payments' pages, the applicant's cabinet and the supervision
dashboard; each a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Min, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from applications.registry import get_service
from applications.selectors import log_access, log_denied
from guardianship_portal.organisations.models import Organisation

from .models import (
    Entitlement,
    PaymentRegister,
    RegisterLine,
    first_of_month,
    next_month,
    payment_due_on,
    previous_month,
)
from .registry import Rate, get_source

CABINET_MONTHS = 6


def office_of(user):
    """The office whose payments this user works (its clerks and supervisors)."""
    if not user.is_authenticated or user.organisation_id is None:
        return None
    if not user.has_perm("accounts.work_queue"):
        return None
    return user.organisation


def office_entitlements(office, *, state: str = "") -> QuerySet[Entitlement]:
    rows = Entitlement.objects.filter(organisation=office).prefetch_related("children")
    if state:
        rows = rows.filter(state=state)
    return rows.order_by("recipient_name", "pk")


def entitlement_for(user, pk: int) -> Entitlement:
    """The entitlement if it belongs to the user's office; 404 otherwise (the refused
    attempt is logged against its application, like an application's)."""
    office = office_of(user)
    entitlement = (
        Entitlement.objects.select_related("organisation", "application")
        .prefetch_related("children", "pauses")
        .filter(pk=pk, organisation=office)
        .first()
        if office is not None
        else None
    )
    if entitlement is None:
        application_pk = (
            Entitlement.objects.filter(pk=pk).values_list("application_id", flat=True).first()
        )
        log_denied(user=user, pk=application_pk or 0)
        raise Http404
    log_access(
        user=user, application=entitlement.application, what=f"entitlement {entitlement.number}"
    )
    return entitlement


def timeline(entitlement: Entitlement):
    return entitlement.events.select_related("actor").order_by("at", "pk")


def register_of(office, month: date) -> PaymentRegister | None:
    return (
        PaymentRegister.objects.select_related("organisation", "prepared_by", "approved_by")
        .filter(organisation=office, month=first_of_month(month))
        .first()
    )


def months_around(today: date | None = None, *, before: int = 3, after: int = 2) -> list[date]:
    """The months a clerk works on: the next two (prepared now, by the 15th of the month
    before) and the last few."""
    month = first_of_month(today or timezone.localdate())
    months = [month]
    for _ in range(after):
        months.append(next_month(months[-1]))
    earlier = month
    for _ in range(before):
        earlier = previous_month(earlier)
        months.insert(0, earlier)
    return list(reversed(months))


def register_order_problem(organisation_id: int, month: date) -> str:
    """Why the office's register of ``month`` cannot be prepared or approved now, in the
    active language ("" when it can). Registers go month by month, without a gap: a
    month left out would leave its children unpaid, and two registers open at once
    would each carry the same correction (paid twice). The office's first register is
    where its payments through the portal begin; the month after the last one is next."""
    month = first_of_month(month)
    registers = dict(
        PaymentRegister.objects.filter(organisation_id=organisation_id).values_list(
            "month", "state"
        )
    )
    if not registers:
        return ""
    earlier_open = sorted(
        m for m, state in registers.items() if m < month and state != PaymentRegister.State.APPROVED
    )
    if earlier_open:
        return gettext(
            "The register of %(month)s is not approved yet. Approve it first: registers go month by month, so that a correction is paid once."
        ) % {"month": earlier_open[0].strftime("%m.%Y")}
    if month in registers:
        return ""
    first, last = min(registers), max(registers)
    if month < first:
        return gettext(
            "The office's payments through the portal begin with its first register, %(first)s: an earlier month is not prepared here."
        ) % {"first": first.strftime("%m.%Y")}
    if month < last:
        # Not reachable while registers are kept month by month; said plainly if data
        # from before that rule has a gap.
        return gettext(
            "The register of a later month, %(last)s, is prepared already: what was due for this month is paid by the next register as a correction."
        ) % {"last": last.strftime("%m.%Y")}
    if month > next_month(last):
        return gettext(
            "Prepare the register of %(month)s first: registers go month by month, so that no month is left unpaid."
        ) % {"month": next_month(last).strftime("%m.%Y")}
    return ""


@dataclass
class MonthRow:
    month: date
    due_on: date
    register: PaymentRegister | None
    overdue: bool
    # Before the office's first register: its payments through the portal begin later.
    before_first: bool = False


def office_months(office, today: date | None = None) -> list[MonthRow]:
    today = today or timezone.localdate()
    months = months_around(today)
    registers = {
        r.month: r for r in PaymentRegister.objects.filter(organisation=office, month__in=months)
    }
    first = PaymentRegister.objects.filter(organisation=office).aggregate(first=Min("month"))[
        "first"
    ]
    rows = []
    for m in months:
        register = registers.get(m)
        before_first = first is not None and m < first
        rows.append(
            MonthRow(
                month=m,
                due_on=payment_due_on(m),
                register=register,
                overdue=payment_due_on(m) < today
                and not before_first
                and (register is None or not register.is_frozen),
                before_first=before_first,
            )
        )
    return rows


@dataclass(frozen=True)
class RateNow:
    day: date
    rate: Rate | None  # None: not entered yet


def rate_now(entitlement: Entitlement, today: date | None = None) -> RateNow | None:
    """The monthly amount per child the entitlement is paid at today (or on its first
    day, if later), as the register computes it; None for an ended one."""
    if entitlement.state == Entitlement.State.ENDED:
        return None
    day = max(today or timezone.localdate(), entitlement.starts_on)
    source = get_source(entitlement.service)
    return RateNow(day=day, rate=source.rate(entitlement.organisation.region, day))


def registers_before(office, month: date) -> list[PaymentRegister]:
    """The office's registers of the months before those the list shows, newest first
    (an office has twelve a year: all of them, as links)."""
    return list(
        PaymentRegister.objects.filter(organisation=office, month__lt=month)
        .only("month", "state", "approved_at", "due_on")
        .order_by("-month")
    )


@dataclass
class ServiceTotal:
    service: str
    title: Any
    amount: Decimal = Decimal(0)
    children: int = 0
    recipients: int = 0


def register_summary(register: PaymentRegister) -> list[ServiceTotal]:
    rows = (
        RegisterLine.objects.filter(register=register)
        .values("entitlement__service")
        .annotate(
            amount=Sum("amount"),
            children=Count("child", distinct=True, filter=Q(kind=RegisterLine.Kind.REGULAR)),
            recipients=Count("entitlement", distinct=True),
        )
        .order_by("entitlement__service")
    )
    return [
        ServiceTotal(
            service=row["entitlement__service"],
            title=get_service(row["entitlement__service"]).title,
            amount=row["amount"] or Decimal(0),
            children=row["children"],
            recipients=row["recipients"],
        )
        for row in rows
    ]


def register_lines(register: PaymentRegister):
    return (
        RegisterLine.objects.filter(register=register)
        .select_related("entitlement", "child")
        .order_by(
            "entitlement__recipient_name", "entitlement_id", "child__birth_date", "for_month", "pk"
        )
    )


# ------------------------------------------------------------------------ the cabinet


@dataclass
class CabinetEntitlement:
    entitlement: Entitlement
    service_title: Any
    months: list[dict[str, Any]] = field(default_factory=list)


def cabinet_entitlements(user, today: date | None = None) -> list[CabinetEntitlement]:
    """The applicant's own entitlements, with each recent month's payment: its amount
    and whether it is approved for transfer, being prepared or not listed yet."""
    if not user.is_authenticated:
        return []
    today = today or timezone.localdate()
    entitlements = list(
        Entitlement.objects.filter(recipient=user)
        .select_related("organisation")
        .prefetch_related("children")
        .order_by("-starts_on", "pk")
    )
    if not entitlements:
        return []
    # The same months ahead as the office's list: next month's money is transferred by
    # this month's 15th, so its register may be approved already (and the carer told).
    months = months_around(today, before=CABINET_MONTHS - 2, after=2)
    paid: dict[tuple[int, date], dict[str, Any]] = {}
    for row in (
        RegisterLine.objects.filter(
            entitlement__in=entitlements,
            register__month__in=months,
        )
        .values("entitlement_id", "register__month", "register__state")
        .annotate(amount=Sum("amount"))
    ):
        paid[(row["entitlement_id"], row["register__month"])] = row
    result = []
    for entitlement in entitlements:
        item = CabinetEntitlement(
            entitlement=entitlement, service_title=get_service(entitlement.service).title
        )
        for month in months:
            if month < first_of_month(entitlement.starts_on):
                continue
            row = paid.get((entitlement.pk, month))
            status = "none"
            if row is not None:
                status = (
                    "approved"
                    if row["register__state"] == PaymentRegister.State.APPROVED
                    else "prepared"
                )
            elif month >= entitlement.paid_until:
                status = "ended"  # no day of the month is paid any more
            item.months.append(
                {
                    "month": month,
                    "status": status,
                    "amount": row["amount"] if row else None,
                    "due_on": payment_due_on(month),
                }
            )
        result.append(item)
    return result


# ------------------------------------------------------------------------ supervision


@dataclass
class OfficeTotal:
    organisation: Any
    services: dict[str, ServiceTotal]
    register: PaymentRegister | None
    flagged: bool

    @property
    def amount(self) -> Decimal:
        return sum((s.amount for s in self.services.values()), Decimal(0))

    @property
    def children(self) -> int:
        return sum(s.children for s in self.services.values())


@dataclass
class PaymentTotals:
    month: date
    due_on: date
    offices: list[OfficeTotal]
    by_service: list[ServiceTotal]
    amount: Decimal
    children: int
    flagged: int


def supervision_totals(organisations, month: date, today: date | None = None) -> PaymentTotals:
    """For a supervisor's organisations (a queryset, or the dashboard's
    ``scope.organisations``) and a month: each office's
    total and children paid per service, from its register; the office's register is
    flagged when it was not approved by the 15th of the month before. Offices without
    entitlements are left out. Three queries."""
    today = today or timezone.localdate()
    if not isinstance(organisations, QuerySet):  # the dashboard's Scope.organisations
        organisations = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
    month = first_of_month(month)
    due_on = payment_due_on(month)
    with_entitlements = set(
        # order_by(): the model's ordering would enter the DISTINCT (one row per entitlement).
        Entitlement.objects.filter(organisation__in=organisations)
        .order_by()
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    registers = {
        r.organisation_id: r
        for r in PaymentRegister.objects.filter(
            organisation__in=organisations, month=month
        ).select_related("organisation")
    }
    per_office: dict[int, dict[str, ServiceTotal]] = defaultdict(dict)
    for row in (
        RegisterLine.objects.filter(register__in=registers.values())
        .order_by()
        .values("register__organisation_id", "entitlement__service")
        .annotate(
            amount=Sum("amount"),
            children=Count("child", distinct=True, filter=Q(kind=RegisterLine.Kind.REGULAR)),
            recipients=Count("entitlement", distinct=True),
        )
    ):
        service = row["entitlement__service"]
        per_office[row["register__organisation_id"]][service] = ServiceTotal(
            service=service,
            title=get_service(service).title,
            amount=row["amount"] or Decimal(0),
            children=row["children"],
            recipients=row["recipients"],
        )
    offices = []
    for organisation in organisations.filter(pk__in=with_entitlements | set(registers)).order_by(
        "code"
    ):
        register = registers.get(organisation.pk)
        offices.append(
            OfficeTotal(
                organisation=organisation,
                services=per_office.get(organisation.pk, {}),
                register=register,
                flagged=due_on < today and (register is None or not register.is_frozen),
            )
        )
    by_service: dict[str, ServiceTotal] = {}
    for office in offices:
        for code, total in office.services.items():
            into = by_service.setdefault(code, ServiceTotal(service=code, title=total.title))
            into.amount += total.amount
            into.children += total.children
            into.recipients += total.recipients
    return PaymentTotals(
        month=month,
        due_on=due_on,
        offices=offices,
        by_service=list(by_service.values()),
        amount=sum((o.amount for o in offices), Decimal(0)),
        children=sum(o.children for o in offices),
        flagged=sum(1 for o in offices if o.flagged),
    )


@dataclass
class MonthTotal:
    month: date
    total: ServiceTotal


@dataclass
class PeriodPayments:
    """What the approved registers of a reporting period paid (issue #15, item 4):
    a row per month and service, a row per service and per organisation for the whole
    period, the grand total, and the registers that were late (approved after the 15th
    of the month before, or not approved although their money was due)."""

    months: list[MonthTotal]
    by_service: list[ServiceTotal]
    by_organisation: list[tuple[Any, ServiceTotal]]
    total: ServiceTotal
    late: list[tuple[Any, date]]

    @property
    def empty(self) -> bool:
        return not self.months and not self.late


def period_payments(
    organisations: list[Organisation], start: date, end: date, today: date | None = None
) -> PeriodPayments:
    """For a report's organisations and period (whole months): five queries. Children
    are counted once per month in the month rows and once per period in the period
    rows (a child paid in three months of a quarter is one child of the quarter)."""
    today = today or timezone.localdate()
    ids = [o.pk for o in organisations]
    names = {o.pk: o for o in organisations}
    first, last = first_of_month(start), first_of_month(end)
    lines = RegisterLine.objects.filter(
        register__organisation_id__in=ids,
        register__month__range=(first, last),
        register__state=PaymentRegister.State.APPROVED,
    ).order_by()
    figures = {
        "amount": Sum("amount"),
        "children": Count("child", distinct=True, filter=Q(kind=RegisterLine.Kind.REGULAR)),
        "recipients": Count("entitlement", distinct=True),
    }

    def total_of(code: str, row: dict) -> ServiceTotal:
        return ServiceTotal(
            service=code,
            title=get_service(code).title if code else "",
            amount=row["amount"] or Decimal(0),
            children=row["children"],
            recipients=row["recipients"],
        )

    months: list[MonthTotal] = []
    for row in lines.values("register__month", "entitlement__service").annotate(**figures):
        months.append(
            MonthTotal(row["register__month"], total_of(row["entitlement__service"], row))
        )
    months.sort(key=lambda m: (m.month, m.total.service))
    by_service = sorted(
        (
            total_of(row["entitlement__service"], row)
            for row in lines.values("entitlement__service").annotate(**figures)
        ),
        key=lambda s: s.service,
    )
    by_organisation = sorted(
        (
            (names[row["register__organisation_id"]], total_of("", row))
            for row in lines.values("register__organisation_id").annotate(**figures)
        ),
        key=lambda pair: pair[0].code,
    )
    total = ServiceTotal(
        service="",
        title="",
        amount=sum((s.amount for s in by_service), Decimal(0)),
        children=sum(s.children for s in by_service),
        recipients=sum(s.recipients for s in by_service),
    )
    # Late registers: each office with entitlements is expected to have an approved
    # register for every month of the period from its first entitlement's month on,
    # by that month's due date.
    registers = {
        (r.organisation_id, r.month): r
        for r in PaymentRegister.objects.filter(
            organisation_id__in=ids, month__range=(first, last)
        ).only("organisation_id", "month", "state", "due_on", "approved_at")
    }
    first_entitled = {
        row["organisation_id"]: first_of_month(row["first"])
        for row in Entitlement.objects.filter(organisation_id__in=ids, starts_on__lte=end)
        .order_by()
        .values("organisation_id")
        .annotate(first=Min("starts_on"))
    }
    late: list[tuple[Any, date]] = []
    for organisation_id, since in sorted(first_entitled.items(), key=lambda i: names[i[0]].code):
        month = max(first, since)
        while month <= last:
            due_on = payment_due_on(month)
            register = registers.get((organisation_id, month))
            approved_on = (
                timezone.localdate(register.approved_at)
                if register is not None and register.approved_at and register.is_frozen
                else None
            )
            if (approved_on is not None and approved_on > due_on) or (
                approved_on is None and due_on < today
            ):
                late.append((names[organisation_id], month))
            month = next_month(month)
    return PeriodPayments(
        months=months,
        by_service=by_service,
        by_organisation=by_organisation,
        total=total,
        late=late,
    )
