"""Documents in the site search (portal.search): what the searching reader may see.

The words are matched, without diacritics or case, against Document.search_text, which
holds the code, số và ký hiệu, number, kind, body, summary and description as folded words:
"80-BC/BTGTU", "BC.80.BTGTU" and "bc 80" are the same words there.
"""

import html

from django.db.models import Case, IntegerField, Q, When
from django.utils.html import strip_tags

from portal.dates import local_midnight
from portal.search.display import excerpt, highlight
from portal.search.query import word_filter

from .models import Document


class DocumentSearch:
    key = "van-ban"
    label = "Văn bản"

    def results(self, request):
        queryset = Document.objects.visible_to(request.user).select_related("kind", "issuing_body")
        # The reader's dates are the issue dates here; news categories do not apply.
        if request.date_from:
            queryset = queryset.filter(issued_on__gte=request.date_from)
        if request.date_to:
            queryset = queryset.filter(issued_on__lte=request.date_to)
        phrase = Q(search_text__contains=request.folded)
        return (
            queryset.filter(word_filter(request.words))
            .annotate(exact=Case(When(phrase, then=1), default=0, output_field=IntegerField()))
            .order_by("-exact", "-issued_on", "-published_at", "-id")
        )

    def hit(self, document, words):
        text = html.unescape(strip_tags(document.description))
        return {
            "title": highlight(f"{document.display_code} – {document.summary}", words),
            "url": document.get_absolute_url(),
            "excerpt": excerpt(f"{document.display_symbol}. {text}".strip(), words),
            # The template prints a moment: the start of the issue day, and the day itself.
            "date": local_midnight(document.issued_on),
            "date_label": f"Ngày ban hành {document.issued_on:%d/%m/%Y}",
            "category": document.kind,
        }
