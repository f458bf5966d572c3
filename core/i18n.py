"""Bilingual content: Chinese fields are primary, English ones optional."""

from django.utils.translation import get_language


class Bilingual:
    """Chinese fields are primary; `<field>_en` is shown to English readers when filled in."""

    def localized(self, field: str) -> str:
        language = (get_language() or "").lower()
        if language.startswith("en"):
            english = getattr(self, f"{field}_en", "")
            if english:
                return english
        return getattr(self, field)
