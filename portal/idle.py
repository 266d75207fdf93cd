"""Idle logout of signed-in users (to be completed)."""

from django.http import HttpResponse
from django.views.decorators.http import require_POST


@require_POST
def keepalive(request):
    return HttpResponse(status=204)
