"""The unified social credit code (统一社会信用代码) of GB 32100-2015.

18 characters from a 31-character alphabet (digits and capital letters without I, O, S, V, Z):
registration authority (1), entity category (1), administrative division (6), organisation code
(9) and a check character computed from the first 17 with weights 3^i mod 31.

python-stdnum (`stdnum.cn.uscc`) checks the length, the alphabet and the check character; we
keep our translated messages, which say which part is wrong. stdnum also insists on digits in
the first two places, where GB 32100 allows letters (registration authority "N", "Y" and
others): such a code is accepted when its other parts and its check character are right.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.cn import uscc

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
LENGTH = 18


def normalize_credit_code(value: str) -> str:
    """Upper case without spaces, as people often type or paste it."""
    return "".join((value or "").split()).upper()


def credit_code_check_char(first17: str) -> str:
    """The check character for the first 17 characters (which must be in ALPHABET)."""
    return uscc.calc_check_digit(first17)


def _check_error() -> ValidationError:
    return ValidationError(
        _("This unified social credit code is mistyped: its check character does not match."),
        code="credit_code_check",
    )


def validate_credit_code(value: str) -> None:
    """Raise ValidationError (codes credit_code_length, _chars, _division, _check) for a wrong
    code; an empty one is left to the field's `blank`."""
    code = normalize_credit_code(value)
    if not code:
        return
    try:
        uscc.validate(code)
    except stdnum_errors.InvalidLength:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)d."),
            code="credit_code_length",
            params={"count": len(code)},
        ) from None
    except stdnum_errors.InvalidChecksum:
        raise _check_error() from None
    except stdnum_errors.InvalidFormat:
        _explain_format(code)


def _explain_format(code: str) -> None:
    """Say what stdnum found wrong in the form of an 18-character code, or accept a code with
    letters in its first two places (see the module docstring)."""
    wrong = sorted({ch for ch in code if ch not in ALPHABET})
    if wrong:
        raise ValidationError(
            _(
                "A unified social credit code uses digits and capital letters except I, O, S, V "
                "and Z; these characters are not allowed: %(chars)s."
            ),
            code="credit_code_chars",
            params={"chars": " ".join(wrong)},
        )
    if not code[2:8].isdigit():
        raise ValidationError(
            _("Characters 3 to 8 of a unified social credit code are the division code (digits)."),
            code="credit_code_division",
        )
    if credit_code_check_char(code[:17]) != code[17]:
        raise _check_error()
