from django.db import migrations

from portal.groups import sync_group_permissions


class Migration(migrations.Migration):
    """The inspection group now reads articles: it links a campaign to its article in the
    admin (the autocomplete answered 403 without the right)."""

    dependencies = [
        ("inspections", "0004_campaign_search_text"),
        ("articles", "0001_initial"),
        ("portal", "0002_groups"),
    ]

    operations = [migrations.RunPython(sync_group_permissions, migrations.RunPython.noop)]
