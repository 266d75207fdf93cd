"""What the visit statistics cost a request, measured in-process (not part of make test).

Usage: .venv/bin/python bench/visits.py [--requests 20000]

Serves a trivial view through Django's WSGI handler and the site's whole middleware stack,
first without VisitStatisticsMiddleware, then with it for a returning browser (its cookie) and
for a new browser on every request; then times snapshot(), the sidebar block's query. Uses
DATABASE_URL, VISIT_BACKEND and REDIS_URL like the site; by default a SQLite file under var/.
One thread, so the figures compare the work per request, not the server's throughput
(bench/run.py measures that under gunicorn).
"""

import argparse
import io
import os
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "sqlite:///var/bench-visits.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.update(
    DJANGO_DEBUG="0",
    DJANGO_SECRET_KEY="bench-only-secret-key-" + "x" * 40,
    DJANGO_ALLOWED_HOSTS="testserver",
    DJANGO_SECURE_SSL_REDIRECT="0",
    DJANGO_SECURE_COOKIES="0",
    LOG_LEVEL="ERROR",
)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.urls import path  # noqa: E402

from portal import visits  # noqa: E402
from portal.models import VisitorPresence  # noqa: E402

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


def trivial(request):
    return HttpResponse("ok")


urlpatterns = [path("trang/", trivial)]


def environ(cookie=None, address="127.0.0.1"):
    env = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/trang/",
        "SCRIPT_NAME": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "HTTP_USER_AGENT": BROWSER,
        "REMOTE_ADDR": address,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }
    if cookie:
        env["HTTP_COOKIE"] = f"{visits.VISITOR_COOKIE}={cookie}"
    return env


def serve(handler, environs):
    started = time.perf_counter()
    for env in environs:
        response = handler(env, lambda status, headers: None)
        assert response.status_code == 200, response.status_code
        response.close()
    return time.perf_counter() - started


def report(name, seconds, count):
    print(f"{name:<44} {count / seconds:>9,.0f} req/s {seconds / count * 1e6:>8,.0f} µs/req")


def time_snapshot(label):
    started = time.perf_counter()
    for _ in range(2000):
        visits.snapshot()
    online = visits.snapshot()["online"]
    report(f"snapshot(), {online:,} online", time.perf_counter() - started, 2000)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument(
        "--persistent",
        action="store_true",
        help="keep database connections open between requests (CONN_MAX_AGE=None)",
    )
    args = parser.parse_args()
    count = args.requests
    if args.persistent:
        settings.DATABASES["default"]["CONN_MAX_AGE"] = None
    call_command("migrate", verbosity=0)
    VisitorPresence.objects.all().delete()
    database = settings.DATABASES["default"]
    print(
        f"{database['ENGINE']}, CONN_MAX_AGE={database.get('CONN_MAX_AGE')}, "
        f"VISIT_BACKEND={settings.VISIT_BACKEND}"
    )

    without = [
        item for item in settings.MIDDLEWARE if not item.endswith("VisitStatisticsMiddleware")
    ]
    with override_settings(ROOT_URLCONF=__name__, MIDDLEWARE=without):
        handler = WSGIHandler()
        serve(handler, [environ() for _ in range(500)])
        report("trivial view, no visit statistics", serve(handler, [environ()] * count), count)

    with override_settings(ROOT_URLCONF=__name__):
        handler = WSGIHandler()
        cookie = uuid.uuid4().hex
        serve(handler, [environ(cookie) for _ in range(500)])
        returning = [environ(cookie) for _ in range(count)]
        report("returning browser (one UPDATE)", serve(handler, returning), count)
        time_snapshot("snapshot()")
        fresh = [environ(uuid.uuid4().hex) for _ in range(count)]
        report("new browser every request (new visit)", serve(handler, fresh), count)
        time_snapshot("snapshot()")


if __name__ == "__main__":
    main()
