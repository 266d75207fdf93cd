"""Site search (to be written)."""

from django.http import Http404


def search(request):
    raise Http404
