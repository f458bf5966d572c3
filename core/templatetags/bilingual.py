"""`{{ obj|localized:"field" }}` for any app's templates: the host-given English `<field>_en`
on English pages when filled in, else the Chinese field (core.i18n.Bilingual)."""

from django import template

register = template.Library()


@register.filter
def localized(obj, field: str) -> str:
    return obj.localized(field)
