"""Site-wide middleware: idle sessions, visit statistics.

A database outage is answered with 503 by portal.views.server_error."""

from . import idle


class IdleSessionMiddleware:
    """Logs out a signed-in user idle longer than the limit (see portal/idle.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return idle.handle(request, self.get_response)

    def process_view(self, request, view_func, view_args, view_kwargs):
        return idle.on_view(request, view_func)


class VisitStatisticsMiddleware:
    """Counts each page view (see portal/visits/).

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
