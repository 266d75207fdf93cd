"""Unique slugs for any model with a `slug` field."""

from .text import slugify_vi


def unique_slug(model, base, instance_pk=None, max_length=200):
    """`base`, or `base-2`, `base-3`… whichever no other row of `model` has."""
    base = base[:max_length].strip("-") or "bai-viet"
    candidate, n = base, 1
    others = model.objects.exclude(pk=instance_pk) if instance_pk else model.objects.all()
    while others.filter(slug=candidate).exists():
        n += 1
        suffix = f"-{n}"
        candidate = base[: max_length - len(suffix)] + suffix
    return candidate


def fill_slug(instance, text, max_length):
    """Give a row without a slug one made from `text`, unique among its model's rows."""
    if not instance.slug:
        instance.slug = unique_slug(type(instance), slugify_vi(text), instance.pk, max_length)
