"""Demo entitlements and registers for seed_demo (issue #15): every decided patronat
and allowance application of the demo gets its entitlement (as the decision's job
would open it, dated by the decision), one is suspended and one terminated early; at
KOK-EDU every month's register from the first entitlement's month to last month is
approved (the clerk prepared it, the head approved it) and this month's is prepared,
not approved (the dashboard flags it once its 15th has passed)."""

from __future__ import annotations

from django.db.models import Min
from django.utils import timezone

from applications.models import Application
from guardianship_portal.accounts.models import Role, User
from guardianship_portal.organisations.models import Organisation

from .actions import (
    entitlement_open,
    entitlement_suspend,
    entitlement_terminate,
    register_approve,
    register_prepare,
)
from .errors import PaymentActionError
from .models import Entitlement, PaymentRegister, first_of_month, next_month, previous_month
from .registry import all_sources

DEMO_OFFICE = "KOK-EDU"


def seed_payments(*, stdout=None) -> int:
    """Idempotent: what exists is kept. Returns how many entitlements were opened."""
    opened = 0
    for source in all_sources():
        decided = Application.objects.filter(service=source.service, state="completed").exclude(
            pk__in=Entitlement.objects.values("application_id")
        )
        for application in decided.select_related("organisation").order_by("pk"):
            event = application.events.filter(action=source.opened_by).order_by("at").last()
            day = timezone.localtime(event.at).date() if event else timezone.localdate()
            entitlement_open(
                application=application,
                decided_on=day,
                actor=event.actor if event else None,
                at=event.at if event else None,
            )
            opened += 1
    office = Organisation.objects.filter(code=DEMO_OFFICE).first()
    if office is None:
        return opened
    clerk = User.objects.filter(organisation=office, role=Role.CLERK).order_by("pk").first()
    head = User.objects.filter(organisation=office, role=Role.SUPERVISOR).order_by("pk").first()
    if clerk is None or head is None:
        return opened
    _demo_changes(office, clerk)
    this_month = first_of_month(timezone.localdate())
    first = Entitlement.objects.filter(organisation=office).aggregate(first=Min("starts_on"))[
        "first"
    ]
    month = first_of_month(first) if first else previous_month(this_month)
    try:
        # Every month from the first entitlement's on, so that no demo child has a month
        # left unpaid: the past ones approved, this month's prepared, not approved.
        while month < this_month:
            register = PaymentRegister.objects.filter(organisation=office, month=month).first()
            if register is None or not register.is_frozen:
                register = register_prepare(organisation=office, month=month, actor=clerk)
                register_approve(
                    register=register,
                    actor=head,
                    version=register.version,
                    expected_state="prepared",
                )
            month = next_month(month)
        current = PaymentRegister.objects.filter(organisation=office, month=this_month).first()
        if current is None:
            register_prepare(organisation=office, month=this_month, actor=clerk)
    except PaymentActionError as error:
        if stdout is not None:
            stdout.write(f"  payments: {error.message}")
    if stdout is not None and opened:
        stdout.write(f"  payments: {opened} entitlements, registers at {DEMO_OFFICE}")
    return opened


def _demo_changes(office, clerk) -> None:
    """One suspended and one ended early, for the pages to show (once)."""
    rows = Entitlement.objects.filter(organisation=office, service="patronat").order_by("pk")
    if rows.exclude(state=Entitlement.State.ACTIVE).exists():
        return
    active = list(rows.filter(state=Entitlement.State.ACTIVE)[:3])
    today = timezone.localdate()
    if len(active) >= 3:
        try:
            entitlement_suspend(
                entitlement=active[1],
                actor=clerk,
                on=max(today.replace(day=1), active[1].starts_on),
                reason="Бала емдеу мекемесінде / Ребёнок на лечении в стационаре",
                expected_state="active",
            )
            entitlement_terminate(
                entitlement=active[2],
                actor=clerk,
                on=max(today.replace(day=1), active[2].starts_on),
                ground="returned_to_parents",
                reason="Сот шешімі / Решение суда",
                expected_state="active",
            )
        except PaymentActionError:
            return
