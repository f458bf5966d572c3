import pytest
from django.core.exceptions import ValidationError

from profiles.credit_code import credit_code_check_char, validate_credit_code
from profiles.forms import CompanyForm

VALID = [
    "91350100M000100Y43",  # the example code printed in GB 32100-2015
    "91110000802100433B",
    "91370200163562681G",
    "91370211MA3C1A0X8P",
    "12100000400000624D",
]


def _with_check(first17: str) -> str:
    return first17 + credit_code_check_char(first17)


def test_credit_code_check_char_matches_published_codes():
    assert [credit_code_check_char(c[:17]) for c in VALID[:3]] == ["3", "B", "G"]


@pytest.mark.parametrize("code", VALID)
def test_credit_code_valid_when_check_char_matches(code):
    code = _with_check(code[:17])
    assert validate_credit_code(code) is None


def test_credit_code_valid_ignores_spaces_and_case():
    assert validate_credit_code(" 91350100m000100y43 ") is None


@pytest.mark.parametrize(
    ("code", "error_code"),
    [
        ("91350100M000100Y4", "credit_code_length"),
        ("91350100M000100Y433", "credit_code_length"),
        ("91350100M000100I43", "credit_code_chars"),
        ("9135010OM000100Y43", "credit_code_chars"),
        ("91ABCDEFM000100Y43", "credit_code_division"),
        ("91350100M000100Y44", "credit_code_check"),
        ("91110000802100433C", "credit_code_check"),
    ],
)
def test_credit_code_invalid_gets_its_reason(code, error_code):
    with pytest.raises(ValidationError) as excinfo:
        validate_credit_code(code)
    assert excinfo.value.code == error_code


def test_credit_code_wrong_length_message_says_how_many():
    with pytest.raises(ValidationError) as excinfo:
        validate_credit_code("123")
    assert excinfo.value.messages == ["统一社会信用代码应为 18 位，此处为 3 位。"]


@pytest.mark.django_db
def test_company_form_normalises_and_rejects_wrong_code():
    good = CompanyForm(data={"name": "甲公司", "credit_code": "91350100m000100y43"})
    bad = CompanyForm(data={"name": "乙公司", "credit_code": "91350100M000100Y44"})
    assert good.is_valid() and good.cleaned_data["credit_code"] == "91350100M000100Y43"
    assert not bad.is_valid()
    assert bad.errors["credit_code"] == ["统一社会信用代码有误：校验码不符。"]


@pytest.mark.parametrize("first17", ["Y1370200MA3C1A0X8", "N2370211MA3C1A0X8"])
def test_credit_code_letters_for_authority_and_category_are_allowed(first17):
    """GB 32100 allows letters in the first two places (stdnum alone would refuse them)."""
    code = _with_check(first17)
    assert validate_credit_code(code) is None
    with pytest.raises(ValidationError) as excinfo:
        validate_credit_code(code[:17] + ("0" if code[17] != "0" else "1"))
    assert excinfo.value.code == "credit_code_check"
