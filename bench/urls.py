"""The benchmark's own URLs, reached only through bench/wsgi.py (never portal.urls)."""

from django.http import HttpResponse
from django.urls import path


def trivial(request):
    """The least a Django view can do: what every page is measured against."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("__bench__/trivial", trivial, name="bench-trivial"),
    path("__bench__/trivial-mw", trivial, name="bench-trivial-mw"),
]
