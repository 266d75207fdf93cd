"""Views and downloads of documents: counted once per visitor, atomically, never for bots.

As for articles, by the shell's counter (portal.visits.readers.count_once_per_visit): what
a visitor has already been counted for is remembered in the cache (shared by every process
when Redis is used) for a visit, i.e. until VISIT_GAP_SECONDS (30 minutes) pass without them
coming back to it; only a counted event writes, with one atomic UPDATE per row (F() + 1),
never a read-modify-write.

Per visit, not per Django session: guests have no session. A visitor is a member's account
(so logging out and in again within the visit counts nothing more, on any browser), else
the visitor cookie, else the address and browser. A guest who reads a document and then
logs in to download it is two visitors (the cookie, then the account): the view may count
once more, a limitation accepted for not tying guests' cookies to accounts.
"""

from portal.visits import count_once_per_visit

from .models import Document, DocumentFile


def document_register_view(request, document):
    """Count a visitor's view of a document once per visit (a 30-minute gap ends it, not
    the session); return whether it counted."""
    counted = count_once_per_visit(
        request,
        f"documents:seen:{document.pk}",
        Document.objects.published().filter(pk=document.pk),
        "view_count",
        what="Document view",
    )
    if counted and "view_count" in document.__dict__:
        document.view_count += 1
    return counted


def document_register_download(request, document_file):
    """Count a download once per visitor per file per visit; return whether it counted.

    The file's count and its document's total move in one transaction, so they never
    disagree, and with F() so parallel downloads all count.
    """
    return count_once_per_visit(
        request,
        f"documents:downloaded:{document_file.pk}",
        DocumentFile.objects.filter(pk=document_file.pk),
        "download_count",
        also=[(Document.objects.filter(pk=document_file.document_id), "download_count")],
        what="Document download",
    )
