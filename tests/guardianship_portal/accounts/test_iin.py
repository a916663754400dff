from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from guardianship_portal.accounts.iin import iin_check_digit, make_iin, parse_iin


@pytest.mark.parametrize(
    ("iin", "code"),
    [
        pytest.param("", "iin_format", id="empty"),
        pytest.param("12345678901", "iin_format", id="eleven-digits"),
        pytest.param("1234567890123", "iin_format", id="thirteen-digits"),
        pytest.param("88041240120a", "iin_format", id="letter"),
        pytest.param("880412701201", "iin_century", id="century-digit-7"),
        pytest.param("880412001201", "iin_century", id="century-digit-0"),
        pytest.param("881312401201", "iin_date", id="month-13"),
        pytest.param("880230401201", "iin_date", id="february-30"),
        pytest.param("010229501201", "iin_date", id="29-feb-non-leap-2001"),
    ],
)
def test_malformed_iin_is_refused_with_its_reason(iin, code):
    with pytest.raises(ValidationError) as raised:
        parse_iin(iin)
    assert raised.value.code == code


def test_wrong_check_digit_is_refused():
    valid = make_iin(date(1988, 4, 12), male=False, serial=1201)
    wrong = valid[:11] + str((int(valid[11]) + 1) % 10)
    with pytest.raises(ValidationError) as raised:
        parse_iin(wrong)
    assert raised.value.code == "iin_checksum"


@pytest.mark.parametrize(
    ("first_eleven", "expected"),
    [
        # weights 1..11: 8*1+8*2+0*3+4*4+1*5+2*6+4*7+0*8+1*9+2*10+0*11 = 114; 114 % 11 = 4
        pytest.param("88041240120", 4, id="first-weights"),
        # 0*1+0*2+0*3+0*4+0*5+0*6+5*7+0*8+0*9+0*10+1*11 = 46 % 11 = 2
        pytest.param("00000050001", 2, id="mostly-zeros"),
    ],
)
def test_check_digit_by_hand(first_eleven, expected):
    assert iin_check_digit(first_eleven) == expected


def test_second_weights_used_when_first_gives_ten():
    # Digits chosen so the first weighted sum is 10 mod 11:
    # 0*1+...+0*9 + 1*10 + 0*11 = 10 → second weights: 1*1 (weight of the 10th digit is 1) = 1
    assert iin_check_digit("00000000010") == 1


def test_number_whose_both_sums_give_ten_is_invalid():
    # Some serials give 10 under both weight sets: no 12th digit can make them valid.
    for serial in range(10_000):
        first = f"880412{4}{serial:04d}"
        if iin_check_digit(first) is None:
            for last in "0123456789":
                with pytest.raises(ValidationError):
                    parse_iin(first + last)
            return
    pytest.fail("expected at least one serial with no valid check digit")


@pytest.mark.parametrize(
    ("iin_birth", "male", "century_digit"),
    [
        (date(1899, 12, 31), True, "1"),
        (date(1950, 6, 1), False, "4"),
        (date(2012, 2, 29), True, "5"),
        (date(2020, 1, 1), False, "6"),
    ],
)
def test_century_and_sex_digit(iin_birth, male, century_digit):
    iin = make_iin(iin_birth, male=male, serial=5)
    assert iin[6] == century_digit
    info = parse_iin(iin)
    assert info.birth_date == iin_birth
    assert info.is_male is male


@given(
    born=st.dates(min_value=date(1800, 1, 1), max_value=date(2099, 12, 31)),
    male=st.booleans(),
    serial=st.integers(min_value=0, max_value=9999),
)
def test_made_iins_parse_back(born, male, serial):
    info = parse_iin(make_iin(born, male=male, serial=serial))
    assert info.birth_date == born
    assert info.is_male is male


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_any_twelve_digits_either_parse_or_give_a_validation_error(value):
    try:
        info = parse_iin(value)
    except ValidationError as error:
        assert error.code in {"iin_century", "iin_date", "iin_checksum"}
    else:
        assert info.birth_date.strftime("%y%m%d") == value[:6]
