"""Rating and comments (to be written)."""

from django.http import Http404


def rate(request, slug):
    raise Http404


def comment(request, slug):
    raise Http404
