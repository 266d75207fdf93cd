"""Documents in templates: the sidebar blocks and the live views/downloads line."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from documents.models import Document
from portal import pagecache

register = template.Library()

BLOCK_SIZE = 5
STATS_TEMPLATE = "documents/includes/stats.html"
# What a block or a list row reads of a document: no description, no search key.
ROW_FIELDS = ("code", "number", "summary", "slug", "issued_on", "view_count", "download_count")


def _newest(context, materials):
    """The newest documents (or materials) the reader may see: one bounded query."""
    user = context.get("user")
    return list(
        Document.objects.visible_to(user)
        .filter(kind__is_material=materials)
        .only(*ROW_FIELDS, "kind_id", "issuing_body_id")[:BLOCK_SIZE]
    )


def new_documents_context(context, title):
    """Block "Văn Bản Mới": code, summary and figures of the newest documents, as the seed."""
    documents = _newest(context, materials=False)
    if not documents:
        return None
    return {"block_title": title, "documents": documents, "block_key": "documents-new"}


def materials_context(context, title):
    """Block "Tài liệu": the same for propaganda materials (outlines, guides to read out)."""
    documents = _newest(context, materials=True)
    if not documents:
        return None
    return {"block_title": title, "documents": documents, "block_key": "documents-materials"}


@register.simple_tag(takes_context=True)
def document_stats(context, document):
    """`Lượt xem:N | lượt tải:M` of a document: a live hole in a page kept for guests.

    In a page rendered for one reader, the figures just read with the document are exact,
    so they are printed at once, with no query per document.
    """
    if pagecache.rendering_for_cache(context.get("request")):
        return mark_safe(pagecache.live_hole("document-stats", document.pk))  # noqa: S308
    return mark_safe(render_to_string(STATS_TEMPLATE, {"document": document}).strip())  # noqa: S308


def render_document_stats(request, ids):
    """{pk: html} of the figures of these documents: one query for all holes of a page."""
    pks = [int(pk) for pk in ids if str(pk).isdigit()]
    rows = Document.objects.filter(pk__in=pks).only("view_count", "download_count")
    return {
        str(row.pk): render_to_string(STATS_TEMPLATE, {"document": row}).strip() for row in rows
    }
