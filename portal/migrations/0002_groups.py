"""Create the portal's groups with their admin permissions.

The group names are read from django.conf.settings (EDITORS_GROUP, REPORTERS_GROUP,
INSPECTORS_GROUP) when the migration runs; the permission rules live in portal/groups.py
so that later apps' migrations can run the same sync when they add models.
"""

from django.db import migrations

from portal.groups import sync_group_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        # Reversing keeps the groups: users may already belong to them.
        migrations.RunPython(sync_group_permissions, migrations.RunPython.noop),
    ]
