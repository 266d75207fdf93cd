"""The search page: a form, then ranked, highlighted, paginated results of one kind."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode

from .providers import PROVIDERS, scoped_provider
from .query import DATE_FORMAT, parse_request

PER_PAGE = 10


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
    """/tim-kiem/: the form, then the results of the kind asked for (the first by default)."""
    scoped = scoped_provider()
    wanted = parse_request(request.GET, scoped)
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
            **({scoped.scope_param: wanted.scope.slug if wanted.scope else ""} if scoped else {}),
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
        "scoped": scoped,
        "scopes": scoped.scope_choices() if scoped else [],
        "page_obj": page_obj,
        "hits": hits,
        "query_string": urlencode(query),
        "tu": request.GET.get("tu", "")[:20],
        "den": request.GET.get("den", "")[:20],
    }
    return render(request, "portal/search.html", context)
