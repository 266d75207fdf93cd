"""Writes of the documents app that carry a rule."""

from django.core.files.base import ContentFile

from portal.text import nfc

from .models import Document, DocumentFile
from .prepare import short_file_name


def document_attach_file(document, content, name, title="", order=0):
    """Attach bytes to a document as a new file, through the same checks as an upload."""
    upload = ContentFile(content, name=short_file_name(name) or "tep")
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
