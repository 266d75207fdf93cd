"""What an article's save derives from what the editor typed: clean text, slug, search key,
cover copies. Pure of rules about readers, so the model and the services both import it."""

from portal.images import make_thumbnail
from portal.slugs import unique_slug
from portal.text import clean_html, nfc, search_text_of, slugify_vi

COVER_THUMBNAIL_SIZE = (360, 240)
COVER_LARGE_SIZE = (960, 720)


def prepare_article_for_save(article):
    """Normalize the text to NFC, clean the body's HTML, and give the article a slug."""
    article.title = nfc(article.title).strip()
    article.summary = nfc(article.summary).strip()
    article.byline = nfc(article.byline).strip()
    article.cover_caption = nfc(article.cover_caption).strip()
    article.body = clean_html(article.body)
    article.search_text = article_search_text(article)
    if not article.slug:
        article.slug = unique_slug(type(article), slugify_vi(article.title), article.pk)
    if article.cover_image and (not article.cover_thumbnail or not article.cover_image._committed):
        # Saved once the cover is stored; see article_save_cover_thumbnail.
        article._cover_changed = True


def article_search_text(article):
    """The search key of an article: title, summary, body text and tag names."""
    tag_names = list(article.tags.values_list("name", flat=True)) if article.pk else []
    return search_text_of(article.title, article.summary, article.body, *tag_names)


def article_save_cover_thumbnail(article):
    """Make the list thumbnail of a new or changed cover, once."""
    if not getattr(article, "_cover_changed", False) or not article.cover_image:
        return
    content, name = make_thumbnail(article.cover_image, COVER_THUMBNAIL_SIZE)
    article.cover_thumbnail.save(name, content, save=False)
    content, name = make_thumbnail(article.cover_image, COVER_LARGE_SIZE)
    article.cover_large.save(name, content, save=False)  # sets its width and height fields
    type(article).objects.filter(pk=article.pk).update(
        cover_thumbnail=article.cover_thumbnail.name,
        cover_large=article.cover_large.name,
        cover_large_width=article.cover_large_width,
        cover_large_height=article.cover_large_height,
    )
    article._cover_changed = False
