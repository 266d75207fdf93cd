"""Reader pages of the news: lists, the article, its print and download forms, old links."""

import re
from urllib.parse import quote

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from portal import pagecache
from portal.models import SiteProfile
from portal.pagecache import guest_cached

from . import services
from .models import Article, Category, Tag

PER_PAGE = 15
NEIGHBOURS = 10


def _page(request, articles):
    # get_page turns a missing, bad or too large ?trang= into a real page, never an error.
    return Paginator(articles, PER_PAGE).get_page(request.GET.get("trang"))


@require_safe
@guest_cached(params=("trang",))
def latest(request):
    articles = Article.objects.published().for_listing()
    return render(request, "articles/latest.html", {"page_obj": _page(request, articles)})


@require_safe
@guest_cached(params=("trang",))
def category(request, slug):
    category = get_object_or_404(Category.objects.select_related("parent"), slug=slug)
    articles = Article.objects.published().in_category(category).for_listing()
    context = {
        "category": category,
        "children": category.children.all(),
        "page_obj": _page(request, articles),
    }
    return render(request, "articles/category.html", context)


@require_safe
@guest_cached(params=("trang",))
def tag(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.published().filter(tags=tag).for_listing()
    return render(request, "articles/tag.html", {"tag": tag, "page_obj": _page(request, articles)})


def _article(request, slug):
    """(article, is_preview): readers get live articles only; staff also see the others."""
    article = get_object_or_404(
        Article.objects.select_related("category__parent").prefetch_related("tags"), slug=slug
    )
    if article.is_live:
        return article, False
    # Only staff who may read articles in the admin see unpublished ones.
    if request.user.is_staff and request.user.has_perm("articles.view_article"):
        return article, True
    raise Http404("Bài viết không tồn tại hoặc chưa được đăng.")


def _neighbours(article):
    """The 10 newer and 10 older articles of the same main category, nearest first."""
    same = Article.objects.published().for_listing().filter(category_id=article.category_id)
    at = article.published_at
    newer = same.filter(Q(published_at__gt=at) | Q(published_at=at, pk__gt=article.pk))
    older = same.filter(Q(published_at__lt=at) | Q(published_at=at, pk__lt=article.pk))
    return (
        list(newer.order_by("published_at", "id")[:NEIGHBOURS]),
        list(older.order_by("-published_at", "-id")[:NEIGHBOURS]),
    )


def _metadata(request, article, canonical):
    """schema.org NewsArticle of the article."""
    profile = SiteProfile.load()
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.summary,
        "datePublished": article.published_at.isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "mainEntityOfPage": canonical,
        "articleSection": article.category.name,
        "keywords": [t.name for t in article.tags.all()],
        "publisher": {"@type": "Organization", "name": profile.board_name},
    }
    if article.byline:
        # "Bài và ảnh: Ngô Đức Hải" names its author after the colon.
        data["author"] = {"@type": "Person", "name": article.byline.rsplit(":", 1)[-1].strip()}
    if article.cover:
        data["image"] = [request.build_absolute_uri(article.cover["url"])]
    return data


_counts_view = pagecache.counts_view(
    "_article_shown",
    lambda slug: Article.objects.published().only("pk").filter(slug=slug).first(),
    lambda request, article: services.article_register_view(request, article),
)


@require_safe
@_counts_view
@guest_cached
def detail(request, slug):
    article, preview = _article(request, slug)
    if not preview:
        request._article_shown = article
    newer, older = _neighbours(article)
    canonical = request.build_absolute_uri(article.get_absolute_url())
    context = {
        "article": article,
        "preview": preview,
        "newer": newer,
        "older": older,
        "canonical": canonical,
        "metadata": _metadata(request, article, canonical),
    }
    return render(request, "articles/detail.html", context)


@require_safe
@guest_cached
def print_view(request, slug):
    article, preview = _article(request, slug)
    return render(request, "articles/print.html", {"article": article, "preview": preview})


def _download_name(title):
    # Characters file systems refuse, and quotes that would end the header's value.
    name = re.sub(r'[\\/:*?"<>|\s]+', " ", title).strip()[:150].strip() or "bai-viet"
    return f"{name}.html"


@require_safe
def save_view(request, slug):
    """The article as one HTML file to keep, named by its Vietnamese title."""
    article, preview = _article(request, slug)
    html = render_to_string(
        "articles/save.html",
        {
            "article": article,
            "canonical": request.build_absolute_uri(article.get_absolute_url()),
            "site_root": request.build_absolute_uri("/"),
            "site_profile": SiteProfile.load(),
        },
    )
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    # RFC 6266/5987: an ASCII name for old clients, the Vietnamese one for the others.
    response["Content-Disposition"] = (
        f'attachment; filename="{article.slug}.html"; '
        f"filename*=UTF-8''{quote(_download_name(article.title))}"
    )
    return response


@require_safe
def legacy_redirect(request, category_alias, alias, legacy_id):
    """/<Category-Alias>/<alias>-<id>.html of the NukeViet site → the article's address."""
    in_category = (
        Q(category__legacy_alias__iexact=category_alias)
        | Q(category__parent__legacy_alias__iexact=category_alias)
        | Q(extra_categories__legacy_alias__iexact=category_alias)
    )
    article = (
        Article.objects.published()
        .filter(in_category, legacy_id=legacy_id, legacy_alias=alias)
        .only("slug")
        .first()
    )
    if article is None:
        raise Http404("Không tìm thấy bài viết theo liên kết cũ.")
    return HttpResponsePermanentRedirect(article.get_absolute_url())
