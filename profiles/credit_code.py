"""The unified social credit code (统一社会信用代码) of GB 32100-2015.

18 characters from a 31-character alphabet (digits and capital letters without I, O, S, V, Z):
registration authority (1), entity category (1), administrative division (6), organisation code
(9) and a check character computed from the first 17 with weights 3^i mod 31.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, …
LENGTH = 18


def normalize_credit_code(value: str) -> str:
    """Upper case without spaces, as people often type or paste it."""
    return "".join((value or "").split()).upper()


def credit_code_check_char(first17: str) -> str:
    """The check character for the first 17 characters (which must be in ALPHABET)."""
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    """Raise ValidationError (codes credit_code_length, _chars, _check) for a wrong code."""
    code = normalize_credit_code(value)
    if not code:
        return
    if len(code) != LENGTH:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)d."),
            code="credit_code_length",
            params={"count": len(code)},
        )
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
        raise ValidationError(
            _("This unified social credit code is mistyped: its check character does not match."),
            code="credit_code_check",
        )
