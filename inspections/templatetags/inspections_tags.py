"""Small formatting helpers of the inspection pages (no queries)."""

from django import template

from portal.accounts import display_name

register = template.Library()


@register.filter
def dot(value):
    """A number of campaigns as the plans write it: 3 → "03 đợt"."""
    try:
        return f"{int(value):02d} đợt"
    except (TypeError, ValueError):
        return ""


@register.filter
def deadline_mark(item, today):
    """ "qua-han", "sap-den-han" or "" for a remediation item, by the local calendar."""
    if item.is_overdue(today):
        return "qua-han"
    if item.is_due_soon(today):
        return "sap-den-han"
    return ""


@register.filter
def lines(value):
    """Non-empty lines of a text field (named members, one per line)."""
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


@register.filter
def person(user):
    """A user's name in Vietnamese order, family name first ("Võ Thị Lan")."""
    return display_name(user) if user else ""
