"""Sidebar blocks of the site shell (inclusion tags) and the sidebar that orders them."""

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.numberformat import format as number_format
from django.utils.safestring import mark_safe

from portal import blocks, fragments, pagecache, visits
from portal.accounts import display_name
from portal.blockrender import render_block
from portal.models import Banner

register = template.Library()


@register.filter
def so(value):
    """A whole number grouped the Vietnamese way: 9927613 -> 9.927.613."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return value
    return number_format(number, ".", grouping=3, thousand_sep=".", force_grouping=True)


@register.simple_tag(takes_context=True)
def sidebar(context):
    """Render the visible sidebar blocks in the order set in the admin."""
    request = context.get("request")
    leave_holes = pagecache.rendering_for_cache(request)
    parts = []
    for block, title in blocks.placement():
        if block.live and leave_holes:
            parts.append(pagecache.hole(block.key))
        else:
            parts.append(render_block(block, title, context))
    # Each part is a rendered template, escaped by the template engine.
    return mark_safe("".join(parts))  # noqa: S308


def block_tag(key, title, template_name, order, live=False):
    """Register a block both in the sidebar registry and as an inclusion tag of its own."""

    def decorator(func):
        blocks.register(key, title, template_name, order, live)(func)

        def tag(context, title=title):
            return func(context, title) or {"hidden": True}

        tag.__name__ = func.__name__
        register.inclusion_tag(template_name, takes_context=True)(tag)
        return func

    return decorator


@block_tag("login", "Đăng nhập", "includes/blocks/login_box.html", 40)
def login_box(context, title):
    request = context.get("request")
    if request is not None and request.path == reverse("portal:login"):
        return None  # the page is the login form itself
    user = context.get("user")
    display = display_name(user) if user is not None and user.is_authenticated else ""
    return {
        "display_name": display,
        "member_links": blocks.member_links(user),
        "block_title": title,
        "next_path": getattr(context.get("request"), "get_full_path", lambda: "/")(),
    }


@block_tag("banners", "Liên kết", "includes/blocks/banners.html", 20)
def banners(context, title):
    return {"block_title": title, "fragment": fragments.banners(Banner.Position.SIDEBAR)}


@block_tag("photos", "Hình ảnh hoạt động", "includes/blocks/photos.html", 30)
def activity_photos(context, title):
    return {"block_title": title, "fragment": fragments.photos()}


@block_tag("stats", "Thống kê", "includes/blocks/visit_stats.html", 50, live=True)
def visit_stats(context, title):
    return {"block_title": title, "stats": visits.snapshot(now=timezone.now())}


@register.simple_tag(takes_context=True)
def live(context, key, arg):
    """A live fragment (pagecache.register_live): a hole in a page kept for guests."""
    request = context.get("request")
    if pagecache.rendering_for_cache(request):
        return mark_safe(pagecache.live_hole(key, arg))  # noqa: S308 - a fixed comment
    html = pagecache.render_live(request, key, [arg]).get(str(arg), "")
    # The renderer returns what the template engine rendered and escaped.
    return mark_safe(html)  # noqa: S308


@register.simple_tag
def header_banners():
    return fragments.banners(Banner.Position.HEADER)
