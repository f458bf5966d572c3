"""Organizers' bulk import: upload, preview (a dry run: nothing saved), confirm."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hosts.models import Host
from profiles.forms import ImportUploadForm
from profiles.importers import KINDS, ImportFileError, read_table, run_import
from profiles.models import ImportBatch
from profiles.permissions import can_import, staff_host_ids

MAX_UPLOAD = 10 * 1024 * 1024


def _hosts(user):
    if user.is_superuser:
        return Host.objects.filter(status=Host.Status.APPROVED)
    return Host.objects.filter(pk__in=staff_host_ids(user))


@login_required
def import_upload(request, kind: str):
    hosts = _hosts(request.user)
    if kind not in KINDS or not hosts.exists():
        raise Http404
    form = ImportUploadForm(request.POST or None, request.FILES or None, hosts=hosts)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_UPLOAD:
                raise ImportFileError(_("The file is larger than 10 MB."))
            rows = read_table(upload.read(), filename=upload.name, columns=KINDS[kind].COLUMNS)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            batch = ImportBatch.objects.create(
                token=secrets.token_urlsafe(24),
                kind=kind,
                host=form.cleaned_data["host"],
                uploaded_by=request.user,
                filename=upload.name[:255],
                rows=rows,
            )
            return redirect("profiles:import_preview", token=batch.token)
    context = {"form": form, "kind": kind, "columns": KINDS[kind].COLUMNS}
    return render(request, "profiles/import_upload.html", context)


@login_required
def import_preview(request, token: str):
    batch = ImportBatch.objects.select_related("host").filter(token=token).first()
    if batch is None or not can_import(request.user, batch.host):
        raise Http404
    if request.method == "POST" and batch.applied_at is None:
        report = run_import(kind=batch.kind, rows=batch.rows, host=batch.host)
        batch.result = {**report.counts(), "rows": report.rows}
        batch.applied_at = timezone.now()
        batch.rows = []  # the file's personal data now lives in the profiles only
        batch.save(update_fields=["result", "applied_at", "rows"])
        messages.success(request, _("The file is imported."))
        return redirect("profiles:import_preview", token=batch.token)
    if batch.applied_at:
        counts, rows = batch.result, batch.result.get("rows", [])
    else:
        report = run_import(kind=batch.kind, rows=batch.rows, host=batch.host, dry_run=True)
        counts, rows = report.counts(), report.rows
    return render(
        request, "profiles/import_preview.html", {"batch": batch, "counts": counts, "rows": rows}
    )
