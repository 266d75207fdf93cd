"""Readers' rating and comments of an article: POST only, the rules are in services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from portal.net import client_ip
from portal.visits import visitor_of

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
    visitor = visitor_of(request)
    ok, message = services.rating_add(
        article,
        visitor.lasting_key,
        request.POST.get("score"),
        # A member's account is the vote; only guests' votes hold their address.
        address=None if visitor.is_member else visitor.address,
        ip=None if visitor.is_member else client_ip(request),
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


@require_POST
def comment(request, slug):
    """Take a reader's comment and go back to the article, where the outcome shows."""
    article = get_object_or_404(Article.objects.published(), slug=slug)
    result = services.comment_submit(
        article,
        request.POST,
        request.user,
        visitor_of(request).lasting_key,
        client_ip(request),
    )
    if result.closed:
        raise PermissionDenied(result.message)
    services.comment_remember(request.session, result, article)
    if result.ok:
        messages.success(request, result.message)
        return redirect(f"{article.get_absolute_url()}#y-kien-ban-doc")
    messages.error(request, result.message)
    return redirect(f"{article.get_absolute_url()}#gui-y-kien")
