"""Site search: /tim-kiem/?q=…&chuyen-muc=<slug>&tu=dd/mm/yyyy&den=dd/mm/yyyy&trang=N.

Words are matched without diacritics or case against Article.search_text, a folded copy of
the title, summary, body text and tag names kept up to date on save. Every word must begin
a word of the article ("dang" finds "Đảng", not "bàn giao dang dở" only because of "dở").
On PostgreSQL the results are ranked by full-text search (the portal_unaccent
configuration, migration 0003) plus trigram word similarity, which also lets near misses
through; on SQLite the same filter runs, newest first, with exact phrases ahead.

Other apps join the search by adding a provider to PROVIDERS (register_provider): each
gives an ordered QuerySet for a SearchRequest and turns one row into a hit to print.
"""

import datetime
import html
import re
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, When
from django.db.models.signals import m2m_changed
from django.shortcuts import render
from django.utils.html import escape, strip_tags
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from portal.dates import local_midnight

from .models import Article, Category
from .text import fold, nfc

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
MAX_WORD_LENGTH = 40
PER_PAGE = 10
EXCERPT_CHARS = 260
TEXT_SEARCH_CONFIG = "portal_unaccent"
NEAR_MISS = 0.7
DATE_FORMAT = "%d/%m/%Y"


def search_words(text):
    """The distinct folded words of a query, in order, within the limits."""
    words = []
    for word in re.findall(r"\w+", fold(text)):
        if len(word) <= MAX_WORD_LENGTH and word not in words:
            words.append(word)
    return words[:MAX_WORDS]


@dataclass
class SearchRequest:
    """What a reader asked for, checked; `problems` are messages to show."""

    text: str = ""
    words: list = field(default_factory=list)
    category: Category | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    problems: list = field(default_factory=list)
    # Who searches: a provider of restricted content (documents) shows only what they may see.
    user: object = None

    @property
    def folded(self):
        return " ".join(self.words)


def _parse_date(value, label, problems):
    value = (value or "").strip()
    if not value:
        return None
    try:
        return datetime.datetime.strptime(value, DATE_FORMAT).date()
    except ValueError:
        problems.append(f"{label} “{value[:20]}” không hợp lệ; hãy nhập theo dạng ngày/tháng/năm.")
        return None


def parse_request(params):
    """A SearchRequest from the query string; never raises on bad input."""
    problems = []
    text = nfc(params.get("q", "")).strip()
    if len(text) > MAX_QUERY_LENGTH:
        problems.append(
            f"Từ khóa quá dài ({len(text)} ký tự); hãy nhập tối đa {MAX_QUERY_LENGTH} ký tự."
        )
        words = []
    else:
        words = search_words(text)
        if text and not words:
            problems.append("Từ khóa chỉ gồm dấu câu hoặc ký hiệu; hãy nhập chữ hoặc số.")
    category = None
    slug = params.get("chuyen-muc", "").strip()
    if slug and not re.fullmatch(r"[-a-zA-Z0-9_]{1,160}", slug):
        # Not a slug at all (a NUL byte would even break PostgreSQL's query).
        problems.append("Không có chuyên mục này; đã tìm trong mọi chuyên mục.")
        slug = ""
    if slug:
        category = Category.objects.filter(slug=slug[:160]).first()
        if category is None:
            problems.append("Không có chuyên mục này; đã tìm trong mọi chuyên mục.")
    date_from = _parse_date(params.get("tu"), "Ngày bắt đầu", problems)
    date_to = _parse_date(params.get("den"), "Ngày kết thúc", problems)
    if date_from and date_to and date_from > date_to:
        problems.append("Ngày bắt đầu sau ngày kết thúc; đã đổi chỗ hai ngày.")
        date_from, date_to = date_to, date_from
    return SearchRequest(text[:MAX_QUERY_LENGTH], words, category, date_from, date_to, problems)


def word_filter(words, column="search_text"):
    """Each word begins a word of the column (a folded text of words one space apart)."""
    condition = Q()
    for word in words:
        condition &= Q(**{f"{column}__startswith": word}) | Q(**{f"{column}__contains": " " + word})
    return condition


class ArticleSearch:
    """Published articles."""

    key = "bai-viet"
    label = "Tin bài"

    def results(self, request):
        queryset = Article.objects.published().select_related("category")
        if request.category is not None:
            ids = [request.category.pk, *request.category.children.values_list("pk", flat=True)]
            extra = Article.extra_categories.through.objects.filter(category_id__in=ids)
            # A subquery rather than a join: no duplicates, so no DISTINCT under the ranking.
            queryset = queryset.filter(
                Q(category_id__in=ids) | Q(pk__in=extra.values("article_id"))
            )
        start = request.date_from and local_midnight(request.date_from)
        if start:
            queryset = queryset.filter(published_at__gte=start)
        if request.date_to and request.date_to < datetime.date.max:
            end = local_midnight(request.date_to + datetime.timedelta(days=1))
            if end:
                queryset = queryset.filter(published_at__lt=end)
        if connection.vendor == "postgresql":
            return self._ranked_postgres(queryset, request)
        phrase = Q(search_text__contains=request.folded)
        return (
            queryset.filter(word_filter(request.words))
            .annotate(exact=Case(When(phrase, then=1), default=0, output_field=IntegerField()))
            .order_by("-exact", "-published_at", "-id")
        )

    def _ranked_postgres(self, queryset, request):
        from django.contrib.postgres.search import (
            SearchQuery,
            SearchRank,
            SearchVector,
            TrigramWordSimilarity,
        )

        vector = (
            SearchVector("title", weight="A", config=TEXT_SEARCH_CONFIG)
            + SearchVector("summary", weight="B", config=TEXT_SEARCH_CONFIG)
            + SearchVector("search_text", weight="C", config=TEXT_SEARCH_CONFIG)
        )
        query = SearchQuery(request.folded, config=TEXT_SEARCH_CONFIG, search_type="plain")
        # %> (pg_trgm's 0.6 threshold) can use the GIN index; the stricter bound keeps
        # "dang" from finding every "dân".
        near_miss = Q(search_text__trigram_word_similar=request.folded, similarity__gte=NEAR_MISS)
        return (
            queryset.annotate(similarity=TrigramWordSimilarity(request.folded, "search_text"))
            .filter(word_filter(request.words) | near_miss)
            .annotate(rank=SearchRank(vector, query) + F("similarity"))
            .order_by("-rank", "-published_at", "-id")
        )

    def hit(self, article, words):
        body_text = html.unescape(strip_tags(article.body))
        return {
            "title": highlight(article.title, words),
            "url": article.get_absolute_url(),
            "excerpt": excerpt(f"{article.summary} {body_text}".strip(), words),
            "date": article.published_at,
            "category": article.category,
        }


PROVIDERS = [ArticleSearch()]


def register_provider(provider):
    """Let another app's content (documents…) be searched: see ArticleSearch for the API."""
    if all(existing.key != provider.key for existing in PROVIDERS):
        PROVIDERS.append(provider)


def _folded_with_positions(text):
    """The folded text and, for each of its characters, the index of the original one."""
    folded = fold(text)
    if len(folded) == len(text):
        # Vietnamese letters fold one to one (ế → e, đ → d): positions are unchanged, and
        # folding the whole text at once is far cheaper than a character at a time.
        return folded, range(len(text))
    chars, positions = [], []
    for index, char in enumerate(text):
        for folded_char in fold(char):
            chars.append(folded_char)
            positions.append(index)
    return "".join(chars), positions


def _match_spans(text, words):
    if not words:
        return []
    folded, positions = _folded_with_positions(text)
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    spans = []
    for match in re.finditer(rf"(?<!\w)(?:{alternatives})", folded):
        start, end = positions[match.start()], positions[match.end() - 1] + 1
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def highlight(text, words):
    """The text escaped, with the words (found without diacritics or case) in <mark>."""
    text = nfc(text)
    out, position = [], 0
    for start, end in _match_spans(text, words):
        out.append(f"{escape(text[position:start])}<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 – every piece of the reader's text is escaped


def excerpt(text, words, length=EXCERPT_CHARS):
    """About `length` characters around the first word found, highlighted."""
    text = re.sub(r"\s+", " ", nfc(text)).strip()
    spans = _match_spans(text, words)
    start = 0
    if spans and spans[0][0] > length // 3:
        start = text.rfind(" ", 0, spans[0][0] - length // 3) + 1
    piece = Truncator(text[start:]).chars(length)
    shown = highlight(piece, words)
    return mark_safe(f"… {shown}") if start else shown  # noqa: S308 – built from escaped parts


def category_choices():
    """(category, is_child) pairs: each top category followed by its children; one query."""
    categories = list(Category.objects.all())
    children = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)
    return [
        (item, is_child)
        for top in children.get(None, [])
        for item, is_child in [(top, False), *((c, True) for c in children.get(top.pk, []))]
    ]


def _tabs(wanted, provider, page_obj, query):
    """The kinds of content to search, each with its number of results for these words.

    A reader searching "bc 80" among news finds nothing, but sees "Văn bản (1)" beside it:
    one COUNT per other kind, only when there are words to search.
    """
    if len(PROVIDERS) < 2:
        return []
    others = {key: value for key, value in query.items() if key != "loai"}
    tabs = []
    for item in PROVIDERS:
        count = None
        if wanted.words:
            count = page_obj.paginator.count if item is provider else item.results(wanted).count()
        url = "?" + urlencode({**others, "loai": item.key})
        tabs.append({"label": item.label, "url": url, "count": count, "current": item is provider})
    return tabs


def search(request):
    """The search page: a form, then ranked, highlighted, paginated results."""
    wanted = parse_request(request.GET)
    wanted.user = request.user
    provider = next((p for p in PROVIDERS if p.key == request.GET.get("loai")), PROVIDERS[0])
    page_obj = hits = None
    if wanted.words:
        page_obj = Paginator(provider.results(wanted), PER_PAGE).get_page(request.GET.get("trang"))
        hits = [provider.hit(row, wanted.words) for row in page_obj.object_list]
    query = {
        key: value
        for key, value in {
            "q": wanted.text,
            "chuyen-muc": wanted.category.slug if wanted.category else "",
            "tu": wanted.date_from.strftime(DATE_FORMAT) if wanted.date_from else "",
            "den": wanted.date_to.strftime(DATE_FORMAT) if wanted.date_to else "",
            "loai": provider.key if len(PROVIDERS) > 1 else "",
        }.items()
        if value
    }
    context = {
        "wanted": wanted,
        "provider": provider,
        "providers": PROVIDERS if len(PROVIDERS) > 1 else [],
        "tabs": _tabs(wanted, provider, page_obj, query),
        "categories": category_choices(),
        "page_obj": page_obj,
        "hits": hits,
        "query_string": urlencode(query),
        "tu": request.GET.get("tu", "")[:20],
        "den": request.GET.get("den", "")[:20],
    }
    return render(request, "articles/search.html", context)


def _tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Tag names are part of the search key: rewrite it when an article's tags change."""
    from .services import article_refresh_search_text

    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        article_refresh_search_text([instance.pk])
    elif pk_set:
        article_refresh_search_text(pk_set)


m2m_changed.connect(_tags_changed, sender=Article.tags.through, dispatch_uid="article-tags-search")
