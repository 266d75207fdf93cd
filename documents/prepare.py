"""What a document's save derives from what the editor typed: clean text, search key, the
checked description of a new file. The model and the services both import it."""

import html
import os

from django.utils.html import strip_tags

from portal.files.storage import remove_stored_file
from portal.files.validators import validate_and_describe
from portal.text import clean_html, fold_words, nfc


def document_search_text(document):
    """The folded words a reader's search is matched against: codes, number, summary, text.

    "80-BC/BTGTU", "BC.80.BTGTU" and "bc 80" fold to the same words ("bc", "80", "btgtu").
    """
    kind = document.kind if document.kind_id else None
    body = document.issuing_body if document.issuing_body_id else None
    parts = [
        document.code,
        document.symbol,
        document.number,
        kind.name if kind else "",
        kind.abbreviation if kind else "",
        body.abbreviation if body else "",
        body.name if body else "",
        document.summary,
        document.signer,
        html.unescape(strip_tags(document.description)),
    ]
    return fold_words(" ".join(part for part in parts if part))


def prepare_document_for_save(document):
    """Normalize the text an editor typed and sanitize the rich text, before every save."""
    for name in ("number", "symbol", "code", "summary", "signer"):
        setattr(document, name, nfc(getattr(document, name) or "").strip())
    document.description = clean_html(nfc(document.description or ""))
    document.search_text = document_search_text(document)


def short_file_name(name, limit=255):
    """The file name the uploader gave, NFC, without folders, cut to `limit` keeping the
    extension (it is what the download's Content-Disposition will carry)."""
    name = nfc(os.path.basename((name or "").replace("\\", "/"))).strip()
    if len(name) <= limit:
        return name
    stem, extension = os.path.splitext(name)
    return stem[: limit - len(extension)] + extension


def prepare_document_file_for_save(document_file):
    """Check a newly uploaded file and describe it (type, MIME type, size, original name).

    Runs on every save, whoever saves (admin, demo, shell): an unchecked file never reaches
    the storage. Raises ValidationError for a refused file.
    """
    field = document_file.file
    if not field or getattr(field, "_committed", True):
        return
    upload = field.file
    document_file.file_type, document_file.content_type = validate_and_describe(upload)
    if document_file.pk:
        # A replaced file goes from the disk with the save that replaces it.
        old = type(document_file).objects.filter(pk=document_file.pk).values_list("file", flat=True)
        for name in old:
            if name:
                remove_stored_file(name)
    document_file.size = upload.size
    if not document_file.original_name:
        document_file.original_name = short_file_name(getattr(upload, "name", "") or field.name)
    else:
        document_file.original_name = short_file_name(document_file.original_name)
    document_file.title = nfc(document_file.title or "").strip()
