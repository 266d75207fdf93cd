"""Views and downloads of documents: counted once per visitor, atomically, never for bots.

As for articles (articles.services.first_in_visit): what a visitor has already been counted
for is remembered in the cache (shared by every process when Redis is used) for a visit,
i.e. until VISIT_GAP_SECONDS (30 minutes) pass without them coming back to it; only a
counted event writes, with one atomic UPDATE per row (F() + 1), never a read-modify-write.

Per visit, not per Django session: guests have no session. A visitor is a member's account
(so logging out and in again within the visit counts nothing more, on any browser), else
the visitor cookie, else the address and browser. A guest who reads a document and then
logs in to download it is two visitors (the cookie, then the account): the view may count
once more, a limitation accepted for not tying guests' cookies to accounts.
"""

import logging

from django.db import DatabaseError, transaction
from django.db.models import F

from articles.services import first_in_visit

logger = logging.getLogger(__name__)


def document_register_view(request, document):
    """Count a visitor's view of a document once per visit (a 30-minute gap ends it, not
    the session); return whether it counted."""
    from .models import Document

    if not first_in_visit(request, f"documents:seen:{document.pk}"):
        return False
    try:
        counted = (
            Document.objects.published()
            .filter(pk=document.pk)
            .update(view_count=F("view_count") + 1)
        )
    except DatabaseError:
        logger.exception("Document view could not be counted")
        return False
    if counted and "view_count" in document.__dict__:
        document.view_count += 1
    return bool(counted)


def document_register_download(request, document_file):
    """Count a download once per visitor per file per visit; return whether it counted.

    The file's count and its document's total move in one transaction, so they never
    disagree, and with F() so parallel downloads all count.
    """
    from .models import Document, DocumentFile

    if not first_in_visit(request, f"documents:downloaded:{document_file.pk}"):
        return False
    try:
        with transaction.atomic():
            counted = DocumentFile.objects.filter(pk=document_file.pk).update(
                download_count=F("download_count") + 1
            )
            if counted:
                Document.objects.filter(pk=document_file.document_id).update(
                    download_count=F("download_count") + 1
                )
    except DatabaseError:
        logger.exception("Document download could not be counted")
        return False
    return bool(counted)
