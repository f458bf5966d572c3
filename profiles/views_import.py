"""Organizers' bulk import: upload, preview (a dry run: nothing saved), confirm."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hosts.models import Host
from profiles.forms import ImportUploadForm
from profiles.importers.batches import import_batch_apply, import_batch_create
from profiles.importers.reading import ImportFileError
from profiles.importers.run import kinds
from profiles.models import ImportBatch
from profiles.permissions import can_import, staff_host_ids


def _hosts(user):
    if user.is_superuser:
        return Host.objects.filter(status=Host.Status.APPROVED)
    return Host.objects.filter(pk__in=staff_host_ids(user))


def _declared_size(request) -> int:
    value = request.META.get("CONTENT_LENGTH") or "0"
    return int(value) if value.isascii() and value.isdigit() else 0


@login_required
def import_upload(request, kind: str):
    hosts = _hosts(request.user)
    importer = kinds().get(kind)
    if importer is None or not hosts.exists():
        raise Http404
    limit = settings.IMPORT_MAX_UPLOAD_BYTES
    if request.method == "POST" and _declared_size(request) > limit + 64 * 1024:
        # Refused before the body is read (the form fields around the file take a few KB).
        messages.error(request, _("The file is larger than 10 MB."))
        return redirect("profiles:import_upload", kind=kind)
    form = ImportUploadForm(request.POST or None, request.FILES or None, hosts=hosts)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > limit:
                raise ImportFileError(_("The file is larger than 10 MB."))
            batch = import_batch_create(
                kind=kind,
                host=form.cleaned_data["host"],
                user=request.user,
                filename=upload.name,
                data=upload.read(),
            )
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("profiles:import_preview", token=batch.token)
    context = {"form": form, "kind": kind, "columns": importer.COLUMNS}
    return render(request, "profiles/import_upload.html", context)


@login_required
def import_preview(request, token: str):
    """The preview of an uploaded file (POST confirms it), then the import's result."""
    batch = ImportBatch.objects.select_related("host").filter(token=token).first()
    if batch is None or not can_import(request.user, batch.host):
        raise Http404
    if request.method == "POST":
        try:
            import_batch_apply(batch=batch)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The file is imported."))
        return redirect("profiles:import_preview", token=batch.token)
    counts = {k: batch.result.get(k, 0) for k in ("created", "updated", "unchanged", "rejected")}
    context = {"batch": batch, "counts": counts, "rows": batch.result.get("rows", [])}
    return render(request, "profiles/import_preview.html", context)
