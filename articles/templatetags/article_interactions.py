"""The readers' blocks of an article page: comments (rating needs no tag)."""

from django import template

from .. import services

register = template.Library()


@register.simple_tag(takes_context=True)
def article_comments(context, article):
    """{% article_comments article as block %}: see services.comments_for_page."""
    return services.comments_for_page(context.get("request"), article)
