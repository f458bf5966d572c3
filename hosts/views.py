from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hosts.forms import HostApplicationForm
from hosts.selectors import hosts_of_user
from hosts.services import host_apply


@login_required
def apply(request):
    form = HostApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            host = host_apply(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Thank you. “%(name)s” will be reviewed; we will email you when it is approved.")
                % {"name": host.name},
            )
            return redirect("hosts:mine")
    return render(request, "hosts/apply.html", {"form": form})


@login_required
def mine(request):
    return render(request, "hosts/mine.html", {"hosts": hosts_of_user(user=request.user)})
