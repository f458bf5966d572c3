"""A host's own matching rules: its staff change weights or switch rules off, preview, save."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from matching.forms import RuleSettingsForm
from matching.permissions import access_host_rules
from matching.selectors import rule_table, rules_tuned
from matching.services.rules import (
    PREVIEW_NEEDS,
    rule_overrides_reset,
    rule_overrides_save,
    rules_preview,
)


@login_required
def host_rules(request, slug: str):
    host = access_host_rules(request.user, slug)
    table = rule_table(host=host)
    preview = None
    if request.method == "POST" and request.POST.get("action") == "reset":
        rule_overrides_reset(host=host)
        messages.success(request, _("The matching rules are back to their defaults."))
        return redirect("matching:host_rules", slug=host.slug)
    if request.method == "POST":
        form = RuleSettingsForm(request.POST)
        if form.is_valid():
            try:
                if request.POST.get("action") == "save":
                    rule_overrides_save(host=host, settings=form.settings())
                    messages.success(request, _("The matching rules are saved."))
                    return redirect("matching:host_rules", slug=host.slug)
                preview = rules_preview(host=host, settings=form.settings())
            except ValidationError as exc:
                form.add_error(None, exc)
    else:
        initial = {f"weight_{r['name']}": r["weight"] for r in table}
        initial |= {f"enabled_{r['name']}": r["enabled"] for r in table}
        form = RuleSettingsForm(initial=initial)
    context = {
        "host": host,
        "form": form,
        "tuned": rules_tuned(table),
        "preview": preview,
        "preview_needs": PREVIEW_NEEDS,
    }
    return render(request, "matching/host_rules.html", context)
