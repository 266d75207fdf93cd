"""Writes of the documents app that carry a rule."""

import html
import os

from django.core.files.base import ContentFile
from django.utils.html import strip_tags

from articles.text import clean_html, fold_words, nfc

from .models import Document, DocumentFile, remove_stored_file
from .validators import validate_and_describe


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


def _short_name(name, limit=255):
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
        old = DocumentFile.objects.filter(pk=document_file.pk).values_list("file", flat=True)
        for name in old:
            if name:
                remove_stored_file(name)
    document_file.size = upload.size
    if not document_file.original_name:
        document_file.original_name = _short_name(getattr(upload, "name", "") or field.name)
    else:
        document_file.original_name = _short_name(document_file.original_name)
    document_file.title = nfc(document_file.title or "").strip()


def document_attach_file(document, content, name, title="", order=0):
    """Attach bytes to a document as a new file, through the same checks as an upload."""
    upload = ContentFile(content, name=_short_name(name) or "tep")
    document_file = DocumentFile(
        document=document, title=title, original_name=name, order=order, file=upload
    )
    document_file.save()
    return document_file


def document_duplicates(document):
    """Other documents with the same number, kind and issuing body (another term's, or the
    same one typed twice), oldest last. Empty when the document has no number."""
    if not (document.number and document.kind_id):
        return Document.objects.none()
    return (
        Document.objects.filter(
            number=nfc(document.number).strip(),
            kind_id=document.kind_id,
            issuing_body_id=document.issuing_body_id,
        )
        .exclude(pk=document.pk)
        .order_by("-issued_on", "-id")
    )
