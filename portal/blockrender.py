"""Rendering one sidebar block (portal.blocks) from its context function and template.

Its own module so that the page cache, which fills the live blocks of a kept page, and the
template tags, which render the sidebar, both import it without importing each other.
"""

from django.template.loader import get_template


def render_block(block, title, context):
    """One block's HTML, or "" when it has nothing to show."""
    block_context = block.context(context, title)
    if block_context is None:
        return ""
    block_context.setdefault("block_title", title)
    block_context.setdefault("request", context.get("request"))
    block_context.setdefault("user", context.get("user"))
    block_context.setdefault("csrf_token", context.get("csrf_token"))
    # Rendered without the request: the layout's context processors are not the
    # blocks' business, and running them once per block cost more than the blocks.
    return get_template(block.template).render(block_context)
