"""Reader pages of the news (to be written)."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


latest = category = tag = detail = print_view = save_view = _todo
