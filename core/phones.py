"""Mobile numbers: read as people type them, stored in E.164 form (+8613800138000).

A number without a country code is read as one of settings.PHONE_DEFAULT_REGION (China: people
type 138 0013 8000). Parsing and validation are Google's libphonenumber rules (`phonenumbers`).
"""

from __future__ import annotations

import phonenumbers
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

INVALID_PHONE = _("Enter a valid mobile number, e.g. 138 0013 8000 or +852 6123 4567.")

# Longer than any real number with its spacing; keeps absurd input away from the parser.
MAX_INPUT_LENGTH = 32


def normalize_phone(value: str, *, region: str = "") -> str:
    """`value` in E.164 form; raises ValidationError (invalid_phone) for anything that is not a
    valid number (nor a mobile or fixed-or-mobile one)."""
    value = (value or "").strip()
    if not value or len(value) > MAX_INPUT_LENGTH:
        raise ValidationError(INVALID_PHONE, code="invalid_phone")
    try:
        number = phonenumbers.parse(value, region or settings.PHONE_DEFAULT_REGION)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(INVALID_PHONE, code="invalid_phone") from exc
    if not phonenumbers.is_valid_number(number) or phonenumbers.number_type(number) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise ValidationError(INVALID_PHONE, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    """How a stored number is shown: national form at home, international form otherwise."""
    try:
        number = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(number) == settings.PHONE_DEFAULT_REGION:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def mask_phone(e164: str) -> str:
    """A number as others may see it: 138****8000."""
    try:
        national = str(phonenumbers.parse(e164).national_number)
    except phonenumbers.NumberParseException:
        national = e164.lstrip("+")
    if len(national) < 8:
        return "*" * len(national)
    return national[:3] + "****" + national[-4:]


class PhoneNumberField(forms.CharField):
    """A mobile number as people type it; cleans to E.164."""

    default_error_messages = {"invalid_phone": INVALID_PHONE}

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Mobile number"))
        kwargs.setdefault("max_length", MAX_INPUT_LENGTH)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "type": "tel",
                    "autocomplete": "tel",
                    "inputmode": "tel",
                    "placeholder": _("e.g. 138 0013 8000"),
                }
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        return normalize_phone(value)
