"""The accountant's pages: office scoping, prepare → approve by two people, exports,
the entitlement's changes with clear messages on bad input, the cabinet's and the
dashboard's parts; no code on a page; every view and export audited."""

import re
from datetime import date, timedelta

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from applications.models import AccessLog
from guardianship_portal.organisations.models import Organisation
from payments.models import Entitlement, EntitlementPause, PaymentRegister, RegisterEvent
from payments.selectors import supervision_totals

from .conftest import decided

pytestmark = pytest.mark.django_db

CODES = re.compile(
    r">\s*(active|suspended|ended|prepared|approved|draft|regular|adjustment|patronat|guardian_allowance|term_reached|adopted)\s*<"
)


def logged_in(client, user):
    client.force_login(user)
    return client


def test_the_clerk_sees_the_office_entitlements_only(client, world):
    mine = decided(world)
    theirs = decided(world, office=world.other_office)
    page = logged_in(client, world.clerk).get(reverse("payments:entitlements"))
    assert page.status_code == 200
    text = page.content.decode()
    assert mine.number in text and theirs.number not in text
    assert not CODES.search(text)
    assert client.get(reverse("payments:entitlement", args=[theirs.pk])).status_code == 404
    detail = client.get(reverse("payments:entitlement", args=[mine.pk]))
    assert detail.status_code == 200 and not CODES.search(detail.content.decode())
    assert AccessLog.objects.filter(user=world.clerk, application=mine.application).exists()
    assert AccessLog.objects.filter(
        user=world.clerk, application=theirs.application, outcome="denied"
    ).exists()


def test_applicants_do_not_reach_the_office_pages(client, world):
    decided(world)
    assert (
        logged_in(client, world.applicant).get(reverse("payments:entitlements")).status_code == 403
    )
    assert client.get(reverse("payments:registers")).status_code == 403


def test_prepare_approve_and_export_through_the_pages(client, world):
    decided(world)
    clerk = logged_in(client, world.clerk)
    months = clerk.get(reverse("payments:registers"))
    assert months.status_code == 200 and not CODES.search(months.content.decode())
    response = clerk.post(reverse("payments:register_prepare", args=["2026-03"]))
    assert response.status_code == 302
    register = PaymentRegister.objects.get(organisation=world.office, month=date(2026, 3, 1))
    page = clerk.get(reverse("payments:register", args=["2026-03"]))
    text = page.content.decode()
    assert "62" in text and not CODES.search(text)
    assert "15.02.2026" in text  # the deadline shown
    # The clerk cannot approve; the head can.
    refused = clerk.post(
        reverse("payments:register_approve", args=["2026-03"]), {"version": register.version}
    )
    assert refused.status_code == 400
    assert PaymentRegister.objects.get(pk=register.pk).state == "prepared"
    head = logged_in(client, world.head)
    # The head is offered the approval, the clerk who prepared it is not.
    assert 'data-testid="approval-by-head"' in text
    offered = head.get(reverse("payments:register", args=["2026-03"])).content.decode()
    assert 'name="confirmed"' in offered
    # Approval freezes the register: not without ticking the confirmation.
    register_url = reverse("payments:register", args=["2026-03"])
    unconfirmed = head.post(
        reverse("payments:register_approve", args=["2026-03"]),
        {"version": register.version},
        HTTP_REFERER=f"http://testserver{register_url}",
    )
    assert unconfirmed.status_code == 400
    # Switching the language there returns to the register, not to the POST address.
    assert f'name="next" value="{register_url}"' in unconfirmed.content.decode()
    html = unconfirmed.content.decode()
    with translation.override(re.search(r'<html lang="(\w+)"', html)[1]):
        assert gettext("Tick the box to confirm that the register is checked.") in html
    assert PaymentRegister.objects.get(pk=register.pk).state == "prepared"
    done = head.post(
        reverse("payments:register_approve", args=["2026-03"]),
        {"version": register.version, "confirmed": "on"},
    )
    assert done.status_code == 302
    assert PaymentRegister.objects.get(pk=register.pk).state == "approved"
    # A second click says it is approved already (not that someone changed it).
    again = head.post(
        reverse("payments:register_approve", args=["2026-03"]),
        {"version": register.version, "confirmed": "on"},
        follow=True,
    )
    with translation.override(re.search(r'<html lang="(\w+)"', again.content.decode())[1]):
        assert [str(m) for m in again.context["messages"]][-1] == gettext(
            "The register is approved already."
        )
    # Frozen: preparing again is refused with a message, nothing changes.
    again = logged_in(client, world.clerk).post(
        reverse("payments:register_prepare", args=["2026-03"])
    )
    assert again.status_code == 400
    for what, language, kind in (
        ("xlsx", "kk", "spreadsheet"),
        ("pdf", "ru", "pdf"),
        ("csv", "kk", "csv"),
    ):
        response = client.get(reverse("payments:register_export", args=["2026-03", what, language]))
        assert response.status_code == 200, what
        assert kind in response["Content-Type"] or what == "csv"
        body = (
            b"".join(response.streaming_content)
            if hasattr(response, "streaming_content")
            else response.content
        )
        assert body[:4] in (b"PK\x03\x04", b"%PDF") or b"KZ86125KZT5004100100" in body
    assert RegisterEvent.objects.filter(register=register, action="exported").count() == 3
    # The frozen register's own buttons lead to the files, in the language they name
    # (the bank file in the page's).
    for language in ("kk", "ru"):
        with translation.override(language):
            frozen = client.get(reverse("payments:register", args=["2026-03"]))
        links = re.findall(r'href="([^"]*/export/[^"]*)"', frozen.content.decode())
        assert sorted(link.rsplit("/", 3)[-3:-1][0] for link in links) == [
            "csv",
            "pdf",
            "pdf",
            "xlsx",
            "xlsx",
        ]
        assert any(link.endswith(f"/csv/{language}/") for link in links)
        for link in links:
            assert client.get(link).status_code == 200, link
    assert RegisterEvent.objects.filter(
        register=register, action="viewed", actor=world.clerk
    ).exists()


def test_a_register_not_approved_is_not_exported(client, world):
    decided(world)
    clerk = logged_in(client, world.clerk)
    clerk.post(reverse("payments:register_prepare", args=["2026-03"]))
    response = clerk.get(reverse("payments:register_export", args=["2026-03", "csv", "kk"]))
    assert response.status_code == 302
    assert not RegisterEvent.objects.filter(action="exported").exists()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_pages_say_which_month_comes_next_and_offer_no_other(client, world, language):
    decided(world)
    first = PaymentRegister.objects.create(
        organisation=world.office, month=date(2026, 3, 1), due_on=date(2026, 2, 15)
    )
    PaymentRegister.objects.filter(pk=first.pk).update(state="approved")
    clerk = logged_in(client, world.clerk)
    with translation.override(language):
        skipped = clerk.get(reverse("payments:register", args=["2026-05"])).content.decode()
        next_one = clerk.get(reverse("payments:register", args=["2026-04"])).content.decode()
        told = gettext(
            "Prepare the register of %(month)s first: registers go month by month, so that no month is left unpaid."
        ) % {"month": "04.2026"}
        assert told in skipped and gettext("Prepare the register") not in skipped
        assert reverse("payments:register_prepare", args=["2026-05"]) not in skipped
        assert reverse("payments:register_prepare", args=["2026-04"]) in next_one
    assert not PaymentRegister.objects.filter(month=date(2026, 5, 1)).exists()


def test_a_bad_month_is_a_404_not_a_500(client, world):
    clerk = logged_in(client, world.clerk)
    assert clerk.get(reverse("payments:register", args=["2026-13"])).status_code == 404
    assert clerk.get(reverse("payments:register", args=["soon"])).status_code == 404


def test_bad_input_on_a_change_is_told_and_nothing_is_saved(client, world):
    entitlement = decided(world)
    clerk = logged_in(client, world.clerk)
    url = reverse("payments:entitlement_act", args=[entitlement.pk, "suspend"])
    response = clerk.post(url, {"on": "2019-01-01", "reason": "Себеп", "expected_state": "active"})
    assert response.status_code == 400
    assert not EntitlementPause.objects.exists()
    response = clerk.post(url, {"on": "", "reason": "", "expected_state": "active"})
    assert response.status_code == 400
    done = clerk.post(url, {"on": "2026-04-01", "reason": "Себеп", "expected_state": "active"})
    assert done.status_code == 302
    assert Entitlement.objects.get(pk=entitlement.pk).state == "suspended"
    # The page was open on the old state: told, nothing happens.
    stale = clerk.post(url, {"on": "2026-04-01", "reason": "Себеп", "expected_state": "active"})
    assert stale.status_code == 400
    assert EntitlementPause.objects.count() == 1


def test_termination_through_the_page_then_the_notice(
    client, world, django_capture_on_commit_callbacks
):
    entitlement = decided(world)
    clerk = logged_in(client, world.clerk)
    url = reverse("payments:entitlement_act", args=[entitlement.pk, "terminate"])
    filled = {"ground": "adopted", "on": "2026-05-01", "reason": "", "expected_state": "active"}
    # Ending cannot be undone: not without ticking the confirmation.
    unconfirmed = clerk.post(url, filled)
    assert unconfirmed.status_code == 400
    assert Entitlement.objects.get(pk=entitlement.pk).state == "active"
    with django_capture_on_commit_callbacks(execute=True):
        response = clerk.post(url, {**filled, "confirmed": "on"})
    assert response.status_code == 302
    page = clerk.get(reverse("payments:entitlement", args=[entitlement.pk]))
    assert not CODES.search(page.content.decode())
    # No child is shown as paid past the end (each child's line says 01.05.2026).
    child_lines = re.findall(r'data-testid="child-end">([^<]*)<', page.content.decode())
    assert child_lines and all("01.05.2026" in line for line in child_lines), child_lines
    # The notice's buttons on the page lead to the PDF in each language.
    links = re.findall(r'href="([^"]*/termination_notice/[^"]*)"', page.content.decode())
    assert sorted(link.rstrip("/").rsplit("/", 1)[-1] for link in links) == ["kk", "ru"]
    for link in links:
        pdf = clerk.get(link)
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_the_cabinet_part_shows_the_applicant_own_entitlement(world, rf):
    mine = decided(world)
    decided(world, applicant=world.other_clerk)
    html = Template("{% load payments %}{% cabinet_entitlements user %}").render(
        Context({"user": world.applicant})
    )
    assert mine.number in html and html.count('data-testid="cabinet-entitlement"') == 1
    assert "KZ86125KZT5004100100" in html
    assert not CODES.search(html)


def test_the_dashboard_totals_flag_a_late_register(world):
    decided(world)
    decided(world, service="guardian_allowance")
    totals = supervision_totals(
        Organisation.objects.filter(pk=world.office.pk), date(2026, 3, 1), today=date(2026, 2, 20)
    )
    assert totals.flagged == 1 and totals.amount == 0
    from payments.actions import register_approve, register_prepare

    register = register_prepare(
        organisation=world.office, month=date(2026, 3, 1), actor=world.clerk
    )
    register_approve(
        register=register, actor=world.head, version=register.version, expected_state="prepared"
    )
    totals = supervision_totals(
        Organisation.objects.filter(pk=world.office.pk), date(2026, 3, 1), today=date(2026, 2, 20)
    )
    assert totals.flagged == 0 and totals.children == 2 and totals.amount == register.total
    assert {s.service for s in totals.by_service} == {"patronat", "guardian_allowance"}
    with translation.override("kk"):
        html = Template(
            "{% load payments %}{% supervision_payment_totals organisations month %}"
        ).render(Context({"organisations": Organisation.objects.all(), "month": date(2026, 3, 1)}))
    assert world.office.name_kk in html and not CODES.search(html)


@pytest.mark.parametrize(
    "name",
    [
        "admin:payments_entitlement_changelist",
        "admin:payments_paymentregister_changelist",
        "admin:payments_prorationrule_changelist",
        "admin:payments_prorationrule_add",
        "admin:payments_bankfilelayout_changelist",
        "admin:payments_bankfilelayout_add",
    ],
)
def test_the_admin_pages_render(client, world, name):
    from tests.factories import UserFactory

    decided(world)
    admin = UserFactory(role="administrator", is_staff=True, is_superuser=True)
    assert logged_in(client, admin).get(reverse(name)).status_code == 200


def test_a_bank_layout_with_an_unknown_column_is_refused(world):
    from django.core.exceptions import ValidationError

    from payments.models import BankFileLayout

    layout = BankFileLayout(code="x", name="X", columns=["iban", "salary"])
    with pytest.raises(ValidationError) as refused:
        layout.clean()
    assert "salary" in str(refused.value)


def test_the_dashboard_shows_this_month_and_the_next(world):
    """This month's money was due by the 15th of the month before: a register not
    approved is flagged there; the month paid next is shown beside it."""
    from django.utils import timezone

    from payments.selectors import next_month

    this_month = timezone.localdate().replace(day=1)
    decided(world, starts=date(2026, 1, 1))
    with translation.override("ru"):
        html = Template("{% load payments %}{% supervision_payment_totals organisations %}").render(
            Context({"organisations": Organisation.objects.filter(pk=world.office.pk)})
        )
    assert html.count('data-testid="payment-totals"') == 2
    for month in (this_month, next_month(this_month)):
        assert f"Выплаты за {month:%m.%Y}" in html
    # No register for this month, and its deadline has passed: flagged.
    assert "не утвердил реестр вовремя" in html


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_register_approved_late_stays_marked_late(client, world, language):
    from payments.actions import register_approve, register_prepare

    entitlement = decided(world)
    # March 2026 was due by 15.02.2026: approved today (December), it is late.
    register = register_prepare(
        organisation=world.office, month=date(2026, 3, 1), actor=world.clerk
    )
    register = register_approve(
        register=register, actor=world.head, version=register.version, expected_state="prepared"
    )
    assert register.approved_late
    head = logged_in(client, world.head)
    with translation.override(language):
        late = gettext("approved late, on %(day)s") % {"day": ""}
    page = head.get(f"/{language}/payments/registers/2026-03/").content.decode()
    assert 'data-testid="approved-late"' in page and late.strip() in page
    # The register's lines tell recipients apart by IIN and entitlement number.
    assert f"{entitlement.recipient_iin} · № {entitlement.number}" in page
    listing = head.get(f"/{language}/payments/registers/").content.decode()
    earlier = listing.split('data-testid="earlier-registers"', 1)[1]
    assert "/payments/registers/2026-03/" in earlier and 'data-testid="approved-late"' in earlier
    totals = Template(
        "{% load payments %}{% supervision_payment_totals organisations month %}"
    ).render(
        Context(
            {
                "organisations": Organisation.objects.filter(pk=world.office.pk),
                "month": date(2026, 3, 1),
            }
        )
    )
    assert 'data-testid="approved-late"' in totals


def test_a_register_approved_by_its_deadline_is_not_late(world):
    register = PaymentRegister(
        organisation=world.office, month=date(2027, 3, 1), due_on=date(2027, 2, 15)
    )
    assert not register.approved_late
    from django.utils import timezone

    register.approved_at = timezone.now()
    assert not register.approved_late


@pytest.mark.parametrize(("language", "words"), [("kk", "теңге"), ("ru", "тенге")])
def test_the_entitlement_page_shows_the_monthly_amount(client, world, language, words):
    entitlement = decided(world)
    page = logged_in(client, world.clerk).get(
        f"/{language}/payments/entitlements/{entitlement.pk}/"
    )
    amount = re.search(r'data-testid="rate-now">([^<]*)<', page.content.decode()).group(1)
    assert "62" in amount and "000,00" in amount and words in amount
    assert "№ 500" in page.content.decode()  # the act that sets the norm


def test_the_cabinet_shows_the_month_after_next_once_approved(world):
    """Paid by the 15th of the month before: in December the February register may be
    approved, and the carer sees it."""
    from payments.selectors import cabinet_entitlements

    decided(world)
    (item,) = cabinet_entitlements(world.applicant, today=date(2026, 3, 10))
    assert date(2026, 5, 1) in [row["month"] for row in item.months]


@pytest.mark.parametrize(
    ("language", "words"),
    [("kk", "дейін төленеді, содан кейін аяқталады"), ("ru", "Выплачивается по")],
)
def test_an_entitlement_terminated_from_a_later_day_is_still_paid_until_then(
    client, world, language, words
):
    from django.utils import timezone

    from payments.actions import entitlement_terminate

    entitlement = decided(world)
    later = timezone.localdate() + timedelta(days=20)
    entitlement_terminate(
        entitlement=entitlement,
        actor=world.clerk,
        on=later,
        ground="adopted",
        reason="",
        expected_state="active",
    )
    page = (
        logged_in(client, world.clerk)
        .get(f"/{language}/payments/entitlements/{entitlement.pk}/")
        .content.decode()
    )
    state = re.search(r'data-testid="entitlement-state">([^<]*)<', page).group(1)
    assert words in state and (later - timedelta(days=1)).strftime("%d.%m.%Y") in state
