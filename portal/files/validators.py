"""Uploaded document files: their type decided by their content, never by their name.

`validate_and_describe(upload)` returns (file_type, content_type) or raises ValidationError
with a Vietnamese message; other apps (inspections) reuse it for their own files.
"""

import contextlib
import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from portal.images import ALLOWED_FORMATS, inspect_image

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "zip": "application/zip",
    "jpg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
}

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream every legacy Office file of a family holds, as its directory stores the name.
OLE2_STREAMS = {
    "doc": ["WordDocument"],
    "xls": ["Workbook", "Book"],
    "ppt": ["PowerPoint Document"],
}
OPEN_DOCUMENT = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
OOXML_FOLDERS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
# Enough of the file to find an OLE2 directory of a normal document; never the whole upload.
SNIFF_BYTES = 2 * 1024 * 1024

REFUSED = (
    "Tệp “%(name)s” không thuộc loại được nhận. Loại tệp được kiểm tra theo nội dung, không "
    "theo tên: chỉ nhận PDF, DOC/DOCX, XLS/XLSX, PPT/PPTX, ODT/ODS, ZIP và ảnh (JPEG, PNG, "
    "GIF, WebP)."
)

_CACHE_ATTRIBUTE = "_document_description"


def _refuse(name):
    return ValidationError(REFUSED, code="invalid_type", params={"name": name})


def _extension(name):
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def _ole2_type(head, name):
    """doc, xls or ppt from the streams the compound file holds; None for other OLE2 files
    (an .msi installer is one too, so a name alone is not enough)."""
    found = [
        family
        for family, streams in OLE2_STREAMS.items()
        if any(stream.encode("utf-16-le") in head for stream in streams)
    ]
    if not found:
        return None
    # A file holding several families' streams keeps the one its name gives.
    extension = _extension(name)
    return extension if extension in found else found[0]


def _zip_type(fileobj):
    """docx/xlsx/pptx, odt/ods or plain zip; None when it is no readable archive."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                # Read a bounded few bytes: the archive itself is never unpacked here.
                with archive.open("mimetype") as member:
                    declared = member.read(100).decode("ascii", "replace").strip()
                if declared in OPEN_DOCUMENT:
                    return OPEN_DOCUMENT[declared]
            if "[Content_Types].xml" in names:
                for folder, file_type in OOXML_FOLDERS.items():
                    if any(item.startswith(folder) for item in names):
                        return file_type
            return "zip"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return None


def _image_type(head):
    if head.startswith(b"\xff\xd8\xff"):
        return True
    if head.startswith(b"\x89PNG\r\n\x1a\n") or head[:6] in (b"GIF87a", b"GIF89a"):
        return True
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


def detect_type(fileobj, name=""):
    """The file type (pdf, docx, …) of the bytes, or raise ValidationError."""
    fileobj.seek(0)
    head = fileobj.read(SNIFF_BYTES)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(OLE2_MAGIC):
        file_type = _ole2_type(head, name)
        if file_type:
            return file_type
        raise _refuse(name)
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        file_type = _zip_type(fileobj)
        fileobj.seek(0)
        if file_type:
            return file_type
        raise _refuse(name)
    if _image_type(head):
        fmt, _dimensions = inspect_image(fileobj)  # bombs and broken images refused here
        return ALLOWED_FORMATS[fmt]
    raise _refuse(name)


def validate_and_describe(uploaded_file):
    """(file_type, content_type) of an upload whose content is an allowed kind, or raise
    ValidationError with a message for the uploader. The limit is DOCUMENT_UPLOAD_MAX_BYTES."""
    cached = getattr(uploaded_file, _CACHE_ATTRIBUTE, None)
    if cached:
        return cached
    name = os.path.basename(getattr(uploaded_file, "name", "") or "")
    size = getattr(uploaded_file, "size", None)
    if size is None:
        uploaded_file.seek(0, os.SEEK_END)
        size = uploaded_file.tell()
    limit = settings.DOCUMENT_UPLOAD_MAX_BYTES
    if size is not None and size > limit:
        raise ValidationError(
            "Tệp “%(name)s” quá lớn (%(size)s); giới hạn là %(limit)s.",
            code="file_too_large",
            params={"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    if not size:
        # Not code "empty": a form field's own message of that code would replace this one.
        raise ValidationError("Tệp “%(name)s” rỗng.", code="empty_file", params={"name": name})
    position = uploaded_file.tell() if hasattr(uploaded_file, "tell") else 0
    try:
        file_type = detect_type(uploaded_file, name)
    finally:
        with contextlib.suppress(OSError, ValueError):
            uploaded_file.seek(position)
    result = (file_type, CONTENT_TYPES[file_type])
    # The form, the model's validator and the save each ask: the bytes are read once.
    with contextlib.suppress(AttributeError):
        setattr(uploaded_file, _CACHE_ATTRIBUTE, result)
    return result


def validate_document_upload(fieldfile):
    """Model-field validator: a newly uploaded file must be of an allowed kind and size."""
    if not fieldfile or getattr(fieldfile, "_committed", True):
        return  # nothing new, or already stored and so already checked
    validate_and_describe(fieldfile.file)
