"""Issue #14, item 1: the registry gateway's interface and its local fake."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from guardianship_portal.accounts.iin import validate_iin
from guardianship_portal.gateways.registry import (
    FakeStateRegistry,
    RegistryUnavailable,
    ask,
    load_fake_data,
    registry_gateway,
)

DEMO_APPLICANT = "880412412011"
CHILD_IN_REGISTRY = "150314512033"
CHILD_BORN_ABROAD = "120601512058"
SLOW = "900101399908"
DOWN = "900102399913"


@pytest.fixture(autouse=True)
def fresh_fake():
    FakeStateRegistry.reset()
    yield
    FakeStateRegistry.reset()


def test_the_setting_selects_the_fake_and_it_says_so():
    gateway = registry_gateway()
    assert isinstance(gateway, FakeStateRegistry) and gateway.is_fake
    answer = ask(lambda: gateway.person(DEMO_APPLICANT))
    assert answer.request_id.startswith("FAKE-")


def test_the_demo_applicant_her_child_and_marriage():
    gateway = registry_gateway()
    person = ask(lambda: gateway.person(DEMO_APPLICANT))
    assert person.found
    assert person.record.full_name == "Сейітова Айгүл Бауыржанқызы"
    assert person.record.birth_date == date(1988, 4, 12) and person.record.sex == "F"

    birth = ask(lambda: gateway.birth(CHILD_IN_REGISTRY))
    assert birth.record.registered_in_kazakhstan
    assert birth.record.mother_iin == DEMO_APPLICANT
    assert birth.record_fields()["birth_date"] == "2015-03-14"

    marriage = ask(lambda: gateway.marriage(DEMO_APPLICANT))
    assert marriage.record.spouse_name == "Сейітов Ерлан Маратұлы"
    assert marriage.record.dissolved_on is None


def test_no_record_is_an_answer_not_an_error():
    gateway = registry_gateway()
    assert not ask(lambda: gateway.birth(CHILD_BORN_ABROAD)).found
    assert ask(lambda: gateway.birth(CHILD_BORN_ABROAD)).record_fields() == {}
    assert not ask(lambda: gateway.marriage(CHILD_IN_REGISTRY)).found


def test_a_slow_registry_is_unavailable_after_the_timeout(settings):
    gateway = registry_gateway()
    assert settings.FAKE_REGISTRY_DELAY_SECONDS > settings.REGISTRY_TIMEOUT_SECONDS
    with pytest.raises(RegistryUnavailable, match="no answer within"):
        ask(lambda: gateway.person(SLOW))
    # With time enough, the same IIN answers.
    assert ask(lambda: gateway.person(SLOW), timeout=5).record is None


def test_a_refusing_gateway_or_any_adapter_error_is_unavailable():
    gateway = registry_gateway()
    with pytest.raises(RegistryUnavailable, match="refused"):
        ask(lambda: gateway.marriage(DOWN))

    def broken():
        raise ConnectionResetError("connection reset by peer")

    with pytest.raises(RegistryUnavailable, match="connection reset"):
        ask(broken)


def test_tests_can_add_records_and_the_fake_data_is_valid():
    data = load_fake_data()
    for iin in [*data.persons, *data.births, *data.marriages, *data.behaviours]:
        validate_iin(iin)
    for iin, person in data.persons.items():
        assert person.iin == iin
    child = data.births[CHILD_IN_REGISTRY]
    FakeStateRegistry.data.births["061105612067"] = replace(
        child, child_iin="061105612067", first_name="Дана"
    )
    assert ask(lambda: registry_gateway().birth("061105612067")).record.first_name == "Дана"
