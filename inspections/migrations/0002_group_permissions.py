from django.db import migrations

from portal.groups import sync_group_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0001_initial"),
        ("portal", "0002_groups"),
    ]

    operations = [migrations.RunPython(sync_group_permissions, migrations.RunPython.noop)]
