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
