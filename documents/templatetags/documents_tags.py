"""Documents in templates: the sidebar blocks and the live views/downloads line."""

from django import template
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from documents.models import Document
from portal import pagecache

register = template.Library()

BLOCK_SIZE = 5
# The seed's site shows its two newest materials under the five newest documents.
MATERIALS_BLOCK_SIZE = 2
STATS_TEMPLATE = "documents/includes/stats.html"
# What a block or a list row reads of a document: no description, no search key.
ROW_FIELDS = ("code", "number", "summary", "slug", "issued_on", "view_count", "download_count")


def _newest(context, materials):
    """The newest documents (or materials) the reader may see.

    Both blocks are read by one bounded query (the newest BLOCK_SIZE documents and MATERIALS_BLOCK_SIZE materials, by a window
    over kind.is_material), kept on the request for the second block: two blocks, one query.
    """
    request = context.get("request")
    both = getattr(request, "_documents_blocks", None)
    if both is None:
        user = context.get("user")
        # A user not saved (an error page built without a real login) reads as a guest.
        user = user if getattr(user, "pk", None) else None
        newest_first = [F("issued_on").desc(), F("published_at").desc(), F("id").desc()]
        rows = (
            Document.objects.visible_to(user)
            .annotate(
                is_material=F("kind__is_material"),
                rank=Window(
                    RowNumber(), partition_by=[F("kind__is_material")], order_by=newest_first
                ),
            )
            .filter(
                Q(is_material=False, rank__lte=BLOCK_SIZE)
                | Q(is_material=True, rank__lte=MATERIALS_BLOCK_SIZE)
            )
            .only(*ROW_FIELDS, "kind_id", "issuing_body_id")
            .order_by(*newest_first)
        )
        both = {True: [], False: []}
        for row in rows:
            both[bool(row.is_material)].append(row)
        if request is not None:
            request._documents_blocks = both
    return both[materials]


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
