"""Search: a folded search key on articles; on PostgreSQL, unaccent full-text and trigrams."""

from django.contrib.postgres.operations import CreateExtension, TrigramExtension
from django.db import migrations, models

from portal.text import search_text_of

# The configuration articles.search ranks with: "simple" (no Vietnamese stemmer exists)
# with accents stripped, so "dang" and "Đảng" are the same lexeme.
CREATE_CONFIGURATION = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'portal_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION portal_unaccent (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION portal_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
    END IF;
END
$$;
"""
# Not in the model's Meta: a GIN trigram index has no meaning on SQLite.
CREATE_TRIGRAM_INDEX = (
    "CREATE INDEX IF NOT EXISTS article_search_text_trgm "
    "ON articles_article USING gin (search_text gin_trgm_ops)"
)


def postgres_search_objects(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_CONFIGURATION)
    schema_editor.execute(CREATE_TRIGRAM_INDEX)


def drop_postgres_search_objects(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS article_search_text_trgm")
    schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_unaccent")


def fill_search_text(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.prefetch_related("tags").iterator(chunk_size=500):
        tags = [tag.name for tag in article.tags.all()]
        text = search_text_of(article.title, article.summary, article.body, *tags)
        Article.objects.filter(pk=article.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_group_permissions"),
    ]

    operations = [
        # Both are no-ops on databases other than PostgreSQL.
        CreateExtension("unaccent"),
        TrigramExtension(),
        migrations.AddField(
            model_name="article",
            name="search_text",
            field=models.TextField(
                blank=True,
                default="",
                editable=False,
                help_text="Tiêu đề, tóm tắt, nội dung và thẻ, viết thường không dấu; tự cập nhật.",
                verbose_name="văn bản tìm kiếm",
            ),
        ),
        migrations.RunPython(postgres_search_objects, drop_postgres_search_objects),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]
