"""Images uploaded from the rich-text editor (CKEditor 4).

CKEditor 4 gets no security fixes any more, so this view trusts nothing it sends: only staff
who may write articles (RICH_TEXT_UPLOAD_PERMISSIONS) upload; the bytes decide whether the file is an image (Pillow,
through portal.images.inspect_image, which also refuses decompression bombs and oversized
files); the stored name is random, with the extension of the real format.

A refusal is answered as CKEditor expects (JSON with HTTP 200 for XHR uploads, a callback
script for the old dialog form), so that the editor shows our message instead of a bare
"HTTP error".
"""

import json
import logging
import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal.images import ALLOWED_FORMATS, inspect_image, reencode

logger = logging.getLogger(__name__)

UPLOAD_FOLDER = "articles/uploads"
UPLOAD_PERMISSIONS = settings.RICH_TEXT_UPLOAD_PERMISSIONS


def _may_upload(user):
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and any(user.has_perm(permission) for permission in UPLOAD_PERMISSIONS)
    )


def _same_origin(request):
    """Whether the request comes from a page of this site.

    CKEditor cannot send Django's CSRF token with its uploads, so the token check is
    replaced: the session cookie is SameSite=Lax (another site's POST is anonymous), and a
    browser that names another origin is refused.
    """
    origin = request.headers.get("Origin")
    if origin == "null":
        return False
    # Browsers name the origin of such a request; the referring page stands in for it where
    # an older one does not. A request naming neither is not from the editor.
    source = origin + "/" if origin else request.headers.get("Referer", "")
    return bool(source) and url_has_allowed_host_and_scheme(
        source, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def _respond(request, *, url="", error="", status=200):
    func_num = request.GET.get("CKEditorFuncNum", "")
    # ASCII digits only, and few: str.isdigit() accepts "²", and int() refuses 5,000 digits.
    if re.fullmatch(r"[0-9]{1,9}", func_num) and request.GET.get("responseType") != "json":
        # The old dialog form posts into an iframe and expects a script calling back.
        arguments = json.dumps([int(func_num), url, error])[1:-1].replace("<", "\\u003c")
        script = f"window.parent.CKEDITOR.tools.callFunction({arguments});"
        return HttpResponse(
            f"<!DOCTYPE html><script>{script}</script>", content_type="text/html; charset=utf-8"
        )
    if error:
        return JsonResponse({"uploaded": 0, "error": {"message": error}}, status=status)
    return JsonResponse({"uploaded": 1, "fileName": url.rsplit("/", 1)[-1], "url": url})


def upload_name(extension, today=None):
    """articles/uploads/YYYY/MM/<random>.<extension>"""
    day = today or timezone.localdate()
    return f"{UPLOAD_FOLDER}/{day:%Y/%m}/{secrets.token_hex(12)}.{extension}"


@csrf_exempt
@require_POST
def upload(request):
    """Store one image sent by the editor; answer with its URL or a Vietnamese refusal."""
    if not _may_upload(request.user):
        return _respond(request, error="Bạn không có quyền tải ảnh lên.", status=403)
    if not _same_origin(request):
        return _respond(request, error="Yêu cầu không đến từ trang quản trị.", status=403)
    file = request.FILES.get("upload")
    if file is None:
        return _respond(request, error="Chưa chọn tệp ảnh để tải lên.")
    try:
        fmt, _size = inspect_image(file)
    except ValidationError as exc:
        return _respond(request, error=" ".join(exc.messages))
    name = default_storage.save(upload_name(ALLOWED_FORMATS[fmt]), reencode(file, fmt))
    logger.info("Image %s uploaded by %s", name, request.user.pk)
    return _respond(request, url=default_storage.url(name))
