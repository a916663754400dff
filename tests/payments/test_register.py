"""The monthly register: amounts from the norm or MRP in force that month, pro-rating by
a rule that is data, the automatic end on the 18th birthday, early termination, two
people (the clerk prepares, the head approves), frozen once approved, corrections in a
later month."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from payments.actions import (
    entitlement_resume,
    entitlement_suspend,
    entitlement_terminate,
    entitlements_end_due,
    register_approve,
    register_prepare,
)
from payments.errors import (
    ChangeRefused,
    InvalidEntitlementChange,
    MissingRate,
    NotPermitted,
    RegisterChanged,
    SamePersonApproves,
)
from payments.models import (
    Entitlement,
    EntitlementEvent,
    PaymentRegister,
    ProrationRule,
    RegisterEvent,
    RegisterLine,
)

from .conftest import MRP_2025, MRP_2026, NEW_NORM, NORM, decided

pytestmark = pytest.mark.django_db


def prepare(world, month, actor=None):
    return register_prepare(organisation=world.office, month=month, actor=actor or world.clerk)


def approve(world, register, actor=None):
    return register_approve(
        register=register,
        actor=actor or world.head,
        version=register.version,
        expected_state=register.state,
    )


def lines(register, **filters):
    return list(
        RegisterLine.objects.filter(register=register, **filters).order_by("for_month", "pk")
    )


def test_the_norm_in_force_that_month_applies_across_a_norm_change(world):
    from services.patronat.models import PaymentNorm

    PaymentNorm.objects.create(
        region=world.office.region,
        effective_from=date(2026, 3, 1),
        monthly_amount=NEW_NORM,
        decision_reference_kk="Облыс әкімдігінің 2026 жылғы 10 ақпандағы № 40 қаулысы",
        decision_reference_ru="Постановление акимата области от 10 февраля 2026 года № 40",
    )
    decided(world, children=(date(2012, 5, 17), date(2015, 1, 2)))
    february = approve(world, prepare(world, date(2026, 2, 1)))
    march = prepare(world, date(2026, 3, 1))
    assert [line.amount for line in lines(february)] == [NORM, NORM]
    assert [line.amount for line in lines(march)] == [NEW_NORM, NEW_NORM]
    assert march.total == 2 * NEW_NORM and march.children_paid == 2 and march.recipients == 1
    assert "№ 40" in lines(march)[0].reference_kk and "№ 40" in lines(march)[0].reference_ru
    assert "№ 500" in lines(february)[0].reference_ru


def test_the_allowance_follows_the_mrp_of_each_year(world):
    decided(world, service="guardian_allowance", starts=date(2025, 11, 1))
    december = approve(world, prepare(world, date(2025, 12, 1)))
    january = prepare(world, date(2026, 1, 1))
    assert lines(december)[0].amount == MRP_2025 * 10
    assert lines(january)[0].amount == MRP_2026 * 10


def test_a_first_partial_month_is_pro_rated_by_the_rule_in_force(world):
    decided(world, service="guardian_allowance", starts=date(2026, 2, 10))
    by_days = prepare(world, date(2026, 2, 1))
    (line,) = lines(by_days)
    assert (line.days_paid, line.days_in_month) == (19, 28)
    assert line.amount == (MRP_2026 * 10 * 19 / 28).quantize(Decimal("0.01"))
    ProrationRule.objects.create(
        service="guardian_allowance", effective_from=date(2026, 1, 1), method="whole_month"
    )
    again = prepare(world, date(2026, 2, 1))
    assert again.pk == by_days.pk
    assert [line.amount for line in lines(again)] == [MRP_2026 * 10]


def test_the_entitlement_ends_on_the_18th_birthday_and_is_not_paid_after(world):
    entitlement = decided(world, children=(date(2008, 3, 20),))
    assert entitlement.planned_end_on == date(2026, 3, 20)
    assert entitlements_end_due(today=date(2026, 3, 19)) == []
    assert Entitlement.objects.get(pk=entitlement.pk).state == Entitlement.State.ACTIVE
    assert entitlements_end_due(today=date(2026, 3, 20)) == [entitlement.number]
    ended = Entitlement.objects.get(pk=entitlement.pk)
    assert (ended.state, ended.ends_on, ended.end_ground) == (
        "ended",
        date(2026, 3, 20),
        "term_reached",
    )
    event = EntitlementEvent.objects.get(entitlement=entitlement, action="expire")
    assert (event.from_state, event.to_state, event.actor) == ("active", "ended", None)
    # Run again the same day: nothing more happens.
    assert entitlements_end_due(today=date(2026, 3, 20)) == []
    march = prepare(world, date(2026, 3, 1))
    (line,) = lines(march)
    assert line.days_paid == 19 and line.amount == (NORM * 19 / 31).quantize(Decimal("0.01"))
    approve(world, march)
    assert lines(prepare(world, date(2026, 4, 1))) == []


def test_early_termination_stops_the_next_month(world):
    entitlement = decided(world)
    ended = entitlement_terminate(
        entitlement=entitlement,
        actor=world.clerk,
        on=date(2026, 4, 1),
        ground="adopted",
        reason="",
        expected_state="active",
    )
    assert ended.state == "ended" and ended.ends_on == date(2026, 4, 1)
    march = prepare(world, date(2026, 3, 1))
    assert [line.amount for line in lines(march)] == [NORM]
    approve(world, march)
    assert lines(prepare(world, date(2026, 4, 1))) == []


def test_a_ground_outside_the_contract_is_refused(world):
    entitlement = decided(world)
    with pytest.raises(InvalidEntitlementChange):
        entitlement_terminate(
            entitlement=entitlement,
            actor=world.clerk,
            on=date(2026, 4, 1),
            ground="guardian_released",  # the allowance's, not the contract's
            reason="",
            expected_state="active",
        )
    assert Entitlement.objects.get(pk=entitlement.pk).state == "active"


def test_suspension_and_resumption_are_paid_by_days(world):
    entitlement = decided(world)
    entitlement_suspend(
        entitlement=entitlement,
        actor=world.clerk,
        on=date(2026, 4, 11),
        reason="Бала емханада",
        expected_state="active",
    )
    april_register = prepare(world, date(2026, 4, 1))
    assert [line.days_paid for line in lines(april_register)] == [10]
    entitlement_resume(
        entitlement=Entitlement.objects.get(pk=entitlement.pk),
        actor=world.clerk,
        on=date(2026, 4, 21),
        expected_state="suspended",
    )
    april_register = prepare(world, date(2026, 4, 1))
    (april,) = lines(april_register)
    assert april.days_paid == 20
    approve(world, april_register)
    assert [line.amount for line in lines(prepare(world, date(2026, 5, 1)))] == [NORM]
    actions = list(
        EntitlementEvent.objects.filter(entitlement=entitlement).values_list("action", flat=True)
    )
    assert actions == ["opened", "suspend", "resume"]


def test_a_resumption_after_the_month_was_paid_is_corrected_next_month(world):
    entitlement = decided(world)
    entitlement_suspend(
        entitlement=entitlement,
        actor=world.clerk,
        on=date(2026, 4, 11),
        reason="Бала емханада",
        expected_state="active",
    )
    april = approve(world, prepare(world, date(2026, 4, 1)))
    assert lines(prepare(world, date(2026, 5, 1))) == []  # suspended: nothing in May
    entitlement_resume(
        entitlement=Entitlement.objects.get(pk=entitlement.pk),
        actor=world.clerk,
        on=date(2026, 4, 21),
        expected_state="suspended",
    )
    may = lines(prepare(world, date(2026, 5, 1)))
    assert [(line.kind, line.for_month) for line in may] == [
        ("adjustment", date(2026, 4, 1)),
        ("regular", date(2026, 5, 1)),
    ]
    # April's days 21-30 come on top of the ten days April's register paid.
    assert may[0].days_paid == 20
    assert may[0].amount + lines(april)[0].amount == (NORM * 20 / 30).quantize(Decimal("0.01"))


def test_only_the_office_changes_its_entitlements(world):
    entitlement = decided(world)
    with pytest.raises(NotPermitted):
        entitlement_suspend(
            entitlement=entitlement,
            actor=world.other_clerk,
            on=date(2026, 4, 1),
            reason="x",
            expected_state="active",
        )
    with pytest.raises(NotPermitted):
        entitlement_suspend(
            entitlement=entitlement,
            actor=world.applicant,
            on=date(2026, 4, 1),
            reason="x",
            expected_state="active",
        )
    assert Entitlement.objects.get(pk=entitlement.pk).state == "active"


def test_two_people_the_clerk_prepares_the_head_approves(world):
    decided(world)
    register = prepare(world, date(2026, 3, 1))
    assert register.state == "prepared" and register.prepared_by == world.clerk
    assert register.due_on == date(2026, 2, 15)
    with pytest.raises(NotPermitted):
        approve(world, register, actor=world.second_clerk)
    # The head may prepare too, but then someone else must approve.
    by_head = prepare(world, date(2026, 3, 1), actor=world.head)
    with pytest.raises(SamePersonApproves):
        approve(world, by_head, actor=world.head)
    assert PaymentRegister.objects.get(pk=register.pk).state == "prepared"
    with pytest.raises(NotPermitted):
        register_prepare(organisation=world.office, month=date(2026, 3, 1), actor=world.other_clerk)


def test_an_approval_of_what_was_prepared_again_since_is_refused(world):
    decided(world)
    register = prepare(world, date(2026, 3, 1))
    seen = register.version
    prepare(world, date(2026, 3, 1), actor=world.second_clerk)
    with pytest.raises(RegisterChanged):
        register_approve(
            register=register, actor=world.head, version=seen, expected_state="prepared"
        )
    assert PaymentRegister.objects.get(pk=register.pk).state == "prepared"


def test_a_frozen_register_cannot_change_and_a_correction_comes_next_month(world):
    entitlement = decided(world)
    march = approve(world, prepare(world, date(2026, 3, 1)))
    assert march.state == "approved" and march.approved_by == world.head
    assert list(RegisterEvent.objects.filter(register=march).values_list("action", flat=True)) == [
        "prepare",
        "approve",
    ]
    with pytest.raises(ChangeRefused):
        prepare(world, date(2026, 3, 1))
    line = lines(march)[0]
    line.amount = Decimal("1")
    with pytest.raises(ValidationError):
        line.save()
    with pytest.raises(ValidationError):
        RegisterLine.objects.filter(register=march).update(amount=0)
    with pytest.raises(ValidationError):
        RegisterLine.objects.filter(register=march).delete()
    march.total = Decimal("1")
    with pytest.raises(ValidationError):
        march.save()
    assert PaymentRegister.objects.get(pk=march.pk).total == NORM
    # March was paid in full; the child was adopted on 16 March: the April register
    # pays nothing for April and takes back 16–31 March.
    entitlement_terminate(
        entitlement=entitlement,
        actor=world.clerk,
        on=date(2026, 3, 16),
        ground="adopted",
        reason="Асырап алу туралы сот шешімі",
        expected_state="active",
    )
    april = prepare(world, date(2026, 4, 1))
    (correction,) = lines(april)
    assert correction.kind == "adjustment" and correction.for_month == date(2026, 3, 1)
    owed = (NORM * 15 / 31).quantize(Decimal("0.01"))
    assert correction.amount == owed - NORM
    assert april.adjustments_total == owed - NORM
    assert [line.amount for line in lines(march)] == [NORM]  # the frozen one is untouched
    approve(world, april)
    # Overpaid: nothing to transfer; the register and its list name the sum to recover.
    from payments import exports
    from payments.documents import issue_payment_list

    assert exports.transfers(april) == []
    (recovery,) = exports.recoveries(april)
    assert recovery["entitlement__number"] == entitlement.number
    assert recovery["total"] == owed - NORM
    document = issue_payment_list(register=april, language="ru")
    with document.file.open("rb") as handle:
        text = " ".join(page.extract_text() for page in PdfReader(handle).pages)
    assert "Не включено в банковский файл" in " ".join(text.split())
    assert entitlement.number in text
    # The list states what the bank file transfers (nothing here), not only the
    # register's negative total.
    assert exports.to_transfer(april, exports.recoveries(april)) == Decimal(0)
    assert "Перечисляется банковским файлом, тенге 0,00" in " ".join(text.split())
    assert Entitlement.objects.get(pk=entitlement.pk).recalculate_from is None
    # Corrected once: May neither pays nor corrects again.
    assert lines(prepare(world, date(2026, 5, 1))) == []


@pytest.mark.parametrize(
    ("language", "words"),
    [("kk", "03.2026 тізілімі әлі бекітілмеген"), ("ru", "Реестр за 03.2026 ещё не утверждён")],
)
def test_registers_go_month_by_month_so_a_correction_is_paid_once(world, language, words):
    from django.utils import translation

    decided(world)
    march = prepare(world, date(2026, 3, 1))
    with translation.override(language), pytest.raises(ChangeRefused) as refused:
        prepare(world, date(2026, 4, 1))
    assert words in str(refused.value.message)
    assert not PaymentRegister.objects.filter(month=date(2026, 4, 1)).exists()
    approve(world, march)
    april = prepare(world, date(2026, 4, 1))
    assert april.state == "prepared"
    assert approve(world, april).state == "approved"


@pytest.mark.parametrize(
    ("language", "skipped", "before"),
    [
        ("kk", "Алдымен 04.2026 тізілімін", "тізілімінен, 03.2026, басталады"),
        ("ru", "Сначала подготовьте реестр за 04.2026", "с его первого реестра, 03.2026"),
    ],
)
def test_no_month_is_left_out_of_the_registers(world, language, skipped, before):
    """A month skipped would leave its children unpaid; a month before the office's
    first register is outside the portal's payments. Both are said and nothing is made."""
    from django.utils import translation

    decided(world)
    approve(world, prepare(world, date(2026, 3, 1)))
    with translation.override(language):
        with pytest.raises(ChangeRefused) as refused:
            prepare(world, date(2026, 5, 1))
        assert skipped in str(refused.value.message)
        with pytest.raises(ChangeRefused) as refused:
            prepare(world, date(2026, 2, 1))
        assert before in str(refused.value.message)
    assert set(PaymentRegister.objects.values_list("month", flat=True)) == {date(2026, 3, 1)}
    assert prepare(world, date(2026, 4, 1)).state == "prepared"


def test_an_entitlement_opened_after_its_months_were_approved_is_paid_them_next(world):
    """Registers are prepared ahead (by the 15th of the month before): a decision taken
    later starts in a month whose register is already approved. The next register pays
    those months as corrections, so no month is lost."""
    approve(world, prepare(world, date(2026, 3, 1)))
    approve(world, prepare(world, date(2026, 4, 1)))
    entitlement = decided(world, starts=date(2026, 3, 1))
    assert entitlement.recalculate_from == date(2026, 3, 1)
    may = lines(prepare(world, date(2026, 5, 1)))
    assert [(line.kind, line.for_month, line.amount) for line in may] == [
        ("adjustment", date(2026, 3, 1), NORM),
        ("adjustment", date(2026, 4, 1), NORM),
        ("regular", date(2026, 5, 1), NORM),
    ]
    approve(world, PaymentRegister.objects.get(month=date(2026, 5, 1)))
    assert Entitlement.objects.get(pk=entitlement.pk).recalculate_from is None
    # Paid once: June has only its own month.
    assert [line.kind for line in lines(prepare(world, date(2026, 6, 1)))] == ["regular"]


def test_a_missing_norm_refuses_the_register_and_saves_nothing(world):
    from services.patronat.models import PaymentNorm

    PaymentNorm.objects.all().delete()
    decided(world)
    with pytest.raises(MissingRate) as refused:
        prepare(world, date(2026, 3, 1))
    assert "03.2026" in str(refused.value.message)
    assert not PaymentRegister.objects.exists()


def test_offices_see_only_their_own_entitlements_in_the_register(world):
    decided(world)
    decided(world, office=world.other_office)
    register = prepare(world, date(2026, 3, 1))
    assert register.recipients == 1


def test_the_deadline_is_reminded_once_then_told_late(world):
    from applications.models import Notification
    from payments.reminders import remind_registers

    decided(world)
    # April's money goes out by 15 March: nothing before 10 March.
    assert remind_registers(today=date(2026, 3, 9)) == 0
    told = remind_registers(today=date(2026, 3, 10))
    assert told == 3  # two clerks and the head of the office
    assert remind_registers(today=date(2026, 3, 11)) == 0  # once
    assert remind_registers(today=date(2026, 3, 16)) == 3  # late
    note = Notification.objects.filter(recipient=world.clerk).order_by("pk").first()
    assert "04.2026" in note.message_kk and "15.03.2026" in note.message_ru
    assert not Notification.objects.filter(recipient=world.other_clerk).exists()
    register = register_prepare(
        organisation=world.office, month=date(2026, 4, 1), actor=world.clerk
    )
    approve(world, register)
    assert remind_registers(today=date(2026, 3, 17)) == 0


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_child_paid_under_two_entitlements_is_shown_before_approval(client, world, language):
    from django.utils import translation
    from django.utils.translation import gettext

    from payments.actions import register_prepare

    patronat = decided(world)
    allowance = decided(world, service="guardian_allowance")  # the same child, by mistake
    decided(world, children=(date(2015, 1, 2),))  # another child: not listed
    register = register_prepare(
        organisation=world.office, month=date(2026, 3, 1), actor=world.clerk
    )
    assert register.paid_twice == [
        {
            "child": "Серіков Нұрлан0",
            "birth_date": "2012-05-17",
            "entitlements": sorted([patronat.number, allowance.number]),
        }
    ]
    client.force_login(world.head)
    page = client.get(f"/{language}/payments/registers/2026-03/").content.decode()
    with translation.override(language):
        heading = gettext("Children paid under two entitlements this month")
    assert 'data-testid="paid-twice"' in page and heading in page
    assert "17.05.2012" in page and patronat.number in page and allowance.number in page


def test_one_child_per_entitlement_is_no_warning(world):
    from payments.actions import register_prepare

    decided(world, children=(date(2012, 5, 17), date(2015, 1, 2)))
    register = register_prepare(
        organisation=world.office, month=date(2026, 3, 1), actor=world.clerk
    )
    assert register.paid_twice == []
