"""The WSGI application gunicorn serves during the benchmark: the site, as portal.wsgi
serves it, plus what its pages are measured against, on the same server in the same run:

- /__bench__/trivial: a Django view returning "ok" through Django's handler with no
  middleware: the least a Django response costs on this server (the ratio's base);
- /__bench__/trivial-mw: the same view behind the site's whole middleware stack (sessions,
  CSRF, locale, visit statistics…): what the shell costs every request;
- /static/…: files of STATIC_ROOT sent by the WSGI server itself (sendfile), as nginx
  would: the server's own ceiling.

The product's URLs are untouched: bench/urls.py is reached only from here.
"""

import mimetypes
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

from django.conf import settings  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.utils._os import safe_join  # noqa: E402

from portal.wsgi import application as site  # noqa: E402

BENCH_URLCONF = "bench.urls"


class BenchHandler(WSGIHandler):
    """Django's WSGI handler resolving bench/urls.py, with the middleware given."""

    def __init__(self, middleware):
        self.middleware = list(middleware)
        super().__init__()

    def load_middleware(self, is_async=False):
        saved = settings.MIDDLEWARE
        settings.MIDDLEWARE = self.middleware
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = saved

    def get_response(self, request):
        request.urlconf = BENCH_URLCONF
        return super().get_response(request)


bare = BenchHandler([])
behind_middleware = BenchHandler(settings.MIDDLEWARE)


def static(environ, start_response):
    name = environ.get("PATH_INFO", "")[len(settings.STATIC_URL) :]
    try:
        path = safe_join(str(settings.STATIC_ROOT), name)
    except Exception:
        path = None
    if not path or not os.path.isfile(path):
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    start_response(
        "200 OK",
        [
            ("Content-Type", content_type),
            ("Content-Length", str(os.path.getsize(path))),
            ("Cache-Control", "public, max-age=31536000, immutable"),
        ],
    )
    handle = open(path, "rb")  # noqa: SIM115 - closed by the server
    wrapper = environ.get("wsgi.file_wrapper")
    return wrapper(handle, 65536) if wrapper else iter(lambda: handle.read(65536), b"")


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    if path == "/__bench__/trivial":
        return bare(environ, start_response)
    if path == "/__bench__/trivial-mw":
        return behind_middleware(environ, start_response)
    if path.startswith(settings.STATIC_URL):
        return static(environ, start_response)
    return site(environ, start_response)
