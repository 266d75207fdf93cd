"""Writes of the news app that follow a rule."""

from django.db.models import F

from portal.images import make_thumbnail

from .text import clean_html, nfc, slugify_vi

COVER_THUMBNAIL_SIZE = (360, 240)


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


def prepare_article_for_save(article):
    """Normalize the text to NFC, clean the body's HTML, and give the article a slug."""
    article.title = nfc(article.title).strip()
    article.summary = nfc(article.summary).strip()
    article.byline = nfc(article.byline).strip()
    article.cover_caption = nfc(article.cover_caption).strip()
    article.body = clean_html(article.body)
    if not article.slug:
        article.slug = unique_slug(type(article), slugify_vi(article.title), article.pk)
    if article.cover_image and (not article.cover_thumbnail or not article.cover_image._committed):
        # Saved once the cover is stored; see article_save_cover_thumbnail.
        article._cover_changed = True


def article_save_cover_thumbnail(article):
    """Make the list thumbnail of a new or changed cover, once."""
    if not getattr(article, "_cover_changed", False) or not article.cover_image:
        return
    content, name = make_thumbnail(article.cover_image, COVER_THUMBNAIL_SIZE)
    article.cover_thumbnail.save(name, content, save=False)
    type(article).objects.filter(pk=article.pk).update(cover_thumbnail=article.cover_thumbnail.name)
    article._cover_changed = False


def article_register_view(article_pk):
    """Count one view with a single atomic UPDATE."""
    from .models import Article

    Article.objects.filter(pk=article_pk).update(view_count=F("view_count") + 1)
