"""What the pages' lists share: the page of a list, its query string, the filters' warnings."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.utils.http import urlencode

PER_PAGE = 20


def page(request, queryset, per_page=PER_PAGE):
    # get_page turns a missing, bad or too large ?trang= into a real page, never an error.
    return Paginator(queryset, per_page).get_page(request.GET.get("trang"))


def query_without_page(request):
    return urlencode([(k, v) for k, v in request.GET.items() if k != "trang"])


def warn(request, texts):
    for text in texts:
        messages.warning(request, text)
