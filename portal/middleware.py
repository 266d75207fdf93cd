"""Site-wide middleware: database outages, idle sessions, visit statistics."""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


class DatabaseOutageMiddleware:
    """A database that cannot be reached is answered with 503, never with a page of 200."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)) or (
            isinstance(exception, DatabaseError) and "connect" in str(exception).lower()
        ):
            logger.error("Database unavailable: %s", exception)
            return outage_response()
        return None


def outage_response():
    body = render_to_string("503.html")
    response = HttpResponse(body, status=503)
    response["Retry-After"] = "60"
    return response


class IdleSessionMiddleware:
    """Placeholder; see portal/idle.py."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)


class VisitStatisticsMiddleware:
    """Placeholder; see portal/visits.py."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
