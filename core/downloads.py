"""Sending a private file after its view has checked who may have it."""

import mimetypes
from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header


def private_file_response(file: FieldFile, *, as_attachment: bool = True) -> HttpResponse:
    """The file as a download. Behind nginx (MEDIA_X_ACCEL_PREFIX set) the answer is an empty
    X-Accel-Redirect to nginx's internal location and nginx sends the bytes, so a slow download
    never holds a web worker; otherwise Django streams the file itself.

    Precondition: the caller has checked the permission. Nothing else serves these files."""
    prefix = settings.MEDIA_X_ACCEL_PREFIX
    if not prefix:
        return FileResponse(file.open("rb"), as_attachment=as_attachment)
    filename = PurePosixPath(file.name).name
    content_type, _encoding = mimetypes.guess_type(filename)
    response = HttpResponse(content_type=content_type or "application/octet-stream")
    response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(file.name)
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    return response
