"""Registry of sidebar blocks.

A block is an inclusion tag; registering it here lets the admin place it in the sidebar
(order, visibility, title). Other apps register their blocks in their AppConfig.ready().
"""

from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Block:
    key: str
    default_title: str
    template: str
    context: object  # callable(context, title) -> dict
    default_order: int = 100
    # A live block shows figures that change with every request (the visit statistics):
    # cached pages leave a hole for it that is filled on each request.
    live: bool = False


_registry: dict[str, Block] = {}


def register(key, default_title, template, default_order=100, live=False):
    """Decorator: register the function that builds a block's template context."""

    def decorator(func):
        _registry[key] = Block(key, default_title, template, func, default_order, live)
        return func

    return decorator


@dataclass(frozen=True)
class MemberLink:
    """A page of another app offered to signed-in members (login box, account page)."""

    title: str
    url_name: str
    shown_to: object  # callable(user) -> bool; must not cost a query per page if possible
    order: int = 100


_member_links: dict[str, MemberLink] = {}


def register_member_link(title, url_name, shown_to=None, order=100):
    """Offer a page to members; `shown_to(user)` decides for whom (everyone if None)."""
    _member_links[url_name] = MemberLink(title, url_name, shown_to or (lambda user: True), order)


def member_links(user):
    """[(title, url)] of the pages offered to this signed-in user, in order."""
    from django.urls import reverse

    if user is None or not user.is_authenticated:
        return []
    return [
        (link.title, reverse(link.url_name))
        for link in sorted(_member_links.values(), key=lambda link: link.order)
        if link.shown_to(user)
    ]


def registered():
    return dict(_registry)


def choices():
    return [
        (block.key, block.default_title)
        for block in sorted(_registry.values(), key=lambda b: b.default_order)
    ]


def placement():
    """Return [(Block, title)] in the order the admin set, visible blocks only (cached)."""
    from .models import SIDEBAR_CACHE_KEY, SidebarBlock

    rows = cache.get(SIDEBAR_CACHE_KEY)
    if rows is None:
        rows = list(SidebarBlock.objects.values_list("key", "title", "is_visible", "order"))
        cache.set(SIDEBAR_CACHE_KEY, rows, 60 * 60)
    configured = {key for key, *_rest in rows}
    entries = [(order, key, title) for key, title, visible, order in rows if visible]
    # Blocks that nobody placed yet show in their default place.
    entries += [
        (block.default_order, block.key, block.default_title)
        for block in _registry.values()
        if block.key not in configured
    ]
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    return [(_registry[key], title) for _order, key, title in entries if key in _registry]
