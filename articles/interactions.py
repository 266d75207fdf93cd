"""Readers' rating and comments of an article: POST only, the rules are in services."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from . import services
from .models import Article


def _wants_json(request):
    return (
        "application/json" in request.headers.get("Accept", "")
        or request.headers.get("X-Requested-With") == "XMLHttpRequest"
    )


@require_POST
def rate(request, slug):
    """Record a vote; answer rating.js with JSON, a form with a redirect to the article."""
    article = get_object_or_404(Article.objects.published(), slug=slug)
    visitor = services.visitor_of(request)
    ok, message = services.rating_add(
        article,
        visitor.key,
        request.POST.get("score"),
        # A member's account is the vote; only guests' votes hold their address.
        address=None if visitor.is_member else visitor.address,
    )
    if _wants_json(request):
        return JsonResponse(
            {
                "ok": ok,
                "message": message,
                "total": article.rating_total,
                "count": article.rating_count,
                "summary": services.rating_summary(article),
            },
            status=200 if ok else 400,
        )
    (messages.success if ok else messages.error)(request, message)
    return redirect(f"{article.get_absolute_url()}#danh-gia")


def comment(request, slug):
    raise Http404
