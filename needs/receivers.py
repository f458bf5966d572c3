"""Needs' parts of the profiles app's pages and import (connected in NeedsConfig.ready)."""

from django.template.loader import render_to_string

from needs import importer
from needs.selectors import company_public_needs


def needs_import_kind(sender, **kwargs) -> dict:
    """The "needs" kind of the organizers' bulk import."""
    return {"needs": importer}


def company_needs_block(sender, *, request, company, **kwargs) -> str:
    """The company's public needs, on its page."""
    context = {"needs": company_public_needs(company=company)}
    return render_to_string("needs/_company_needs.html", context, request=request)
