"""Sending files that no URL reaches: the download views of documents and inspections.

    send_private_file(request, document_file.file, "Báo cáo quý I.pdf", "application/pdf")

The caller checks the reader's right first; this only sends. With the setting
PRIVATE_MEDIA_ACCEL_PREFIX (e.g. "/_private/", an nginx `internal` location whose alias is
PRIVATE_MEDIA_ROOT) the response is empty and nginx sends the bytes (X-Accel-Redirect), so
no app process is held by a slow download; without it Django streams the file itself.
"""

import re
import unicodedata
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control

FALLBACK_NAME = "tep"


def ascii_file_name(name):
    """An ASCII stand-in for clients that ignore filename*: "Báo cáo.pdf" → "Bao cao.pdf"."""
    name = name.replace("Đ", "D").replace("đ", "d").replace("–", "-").replace("—", "-")
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    # Quotes, backslashes and control characters would end or break the quoted value.
    name = re.sub(r'[\x00-\x1f\x7f"\\/]+', "_", name).strip() or FALLBACK_NAME
    # A dropped character (an emoji, a symbol) leaves two spaces where there was one.
    name = re.sub(r"\s+", " ", name).strip() or FALLBACK_NAME
    return name[:150]


def content_disposition(download_name, inline=False):
    """`attachment; filename="Bao cao.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o.pdf` (RFC 6266).

    The ASCII name serves old clients; filename* (RFC 5987) carries the Vietnamese one.
    """
    name = unicodedata.normalize("NFC", download_name or "").strip()
    # Path separators and control characters are never part of a name to save under.
    name = re.sub(r"[\x00-\x1f\x7f/\\]+", "_", name) or FALLBACK_NAME
    disposition = "inline" if inline else "attachment"
    return f"{disposition}; filename=\"{ascii_file_name(name)}\"; filename*=UTF-8''{quote(name, safe='')}"


def send_private_file(request, fieldfile, download_name, content_type, inline=False):
    """The response sending a stored private file, named download_name.

    fieldfile: a FieldFile of private storage (its .name is the stored name). inline=True
    lets the browser show it (a PDF in an iframe) instead of saving it. Raises Http404 when
    the file is missing from the storage (only checked when Django sends it itself).
    """
    content_type = content_type or "application/octet-stream"
    prefix = getattr(settings, "PRIVATE_MEDIA_ACCEL_PREFIX", "")
    if prefix:
        response = HttpResponse(content_type=content_type)
        # nginx decodes the URI: a stored name with spaces or Vietnamese letters must be quoted.
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(fieldfile.name)
    else:
        try:
            handle = fieldfile.storage.open(fieldfile.name, "rb")
        except (FileNotFoundError, IsADirectoryError, ValueError) as error:
            raise Http404("Tệp không còn trên máy chủ.") from error
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition(download_name, inline)
    # Restricted bytes must not stay in a shared cache (a proxy, a CDN) for the next reader.
    patch_cache_control(response, private=True)
    # A file typed as PDF is never run as HTML or script by a browser guessing its type.
    response["X-Content-Type-Options"] = "nosniff"
    return response
