"""Site-wide middleware: database outages, idle sessions, visit statistics."""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

from . import idle

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
    """Logs out a signed-in user idle longer than the limit (see portal/idle.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return idle.handle(request, self.get_response)

    def process_view(self, request, view_func, view_args, view_kwargs):
        return idle.on_view(request, view_func)


class VisitStatisticsMiddleware:
    """Counts each page view (see portal/visits.py).

    It counts before the view runs, so that the statistics block of the page already
    includes its reader, and gives a new browser its visitor cookie with the response.
    """

    def __init__(self, get_response):
        # Imported here: portal.visits needs the models, loaded once the middleware is built.
        from . import visits

        self.get_response = get_response
        self.visits = visits

    def __call__(self, request):
        response = self.get_response(request)
        self.visits.remember_visitor(request, response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        self.visits.record(request)
        return None
