"""The portal's user groups and the admin permissions each one holds.

Group names are settings (EDITORS_GROUP, REPORTERS_GROUP, INSPECTORS_GROUP). The rules
name models by app label and model name, so a rule whose app has no models yet is
skipped; each migration that adds models a group works on runs the sync again:

    from portal.groups import sync_group_permissions

    operations = [
        ...,
        migrations.RunPython(sync_group_permissions, migrations.RunPython.noop),
    ]

The sync only adds: permissions an administrator granted by hand are kept.
"""

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

ALL = "*"
EDIT = ("add", "change", "view")
VIEW = ("view",)

# Setting that names the group -> (app label, model name or ALL, actions or ALL).
GROUP_RULES = {
    "EDITORS_GROUP": [
        ("portal", "banner", EDIT),
        ("portal", "menuitem", EDIT),
        ("portal", "photoalbum", EDIT),
        ("portal", "photo", EDIT),
        ("portal", "siteprofile", EDIT),
        ("portal", "visitday", VIEW),
        ("articles", ALL, EDIT),
        ("documents", ALL, EDIT),
        # Editors read the inspection records (to write about them); they change nothing.
        ("inspections", ALL, VIEW),
    ],
    # Reporters read restricted documents on the site; they have nothing to do in the admin.
    "REPORTERS_GROUP": [],
    "INSPECTORS_GROUP": [
        ("inspections", ALL, ALL),
        ("documents", ALL, VIEW),
    ],
}


def group_names():
    """The names of the portal's groups, from the settings."""
    return [getattr(settings, setting) for setting in GROUP_RULES]


def create_missing_permissions(apps=global_apps, using=DEFAULT_DB_ALIAS):
    """Create the content types and default permissions of every installed app.

    Django creates them after `migrate` has finished, too late for a data migration
    that runs on a fresh database.
    """
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using, apps=apps)


def _model_names(apps, app_label):
    try:
        return [model._meta.model_name for model in apps.get_app_config(app_label).get_models()]
    except LookupError:
        return []


def rules_filter(apps, rules):
    """A Q over Permission matching the rules (an empty list matches nothing)."""
    query = Q(pk__in=[])
    for app_label, model, actions in rules:
        models = _model_names(apps, app_label) if model == ALL else [model]
        if not models:
            continue
        in_app = Q(content_type__app_label=app_label)
        if actions == ALL:
            query |= in_app & Q(content_type__model__in=models)
        else:
            codenames = [f"{action}_{name}" for name in models for action in actions]
            query |= in_app & Q(codename__in=codenames)
    return query


def sync_group_permissions(apps=global_apps, schema_editor=None):
    """Create the portal's groups if missing and add the permissions the rules give them.

    Usable as a RunPython function (historical `apps`) and from code (the real apps).
    """
    using = schema_editor.connection.alias if schema_editor else DEFAULT_DB_ALIAS
    create_missing_permissions(apps, using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for setting, rules in GROUP_RULES.items():
        group, _created = Group.objects.using(using).get_or_create(name=getattr(settings, setting))
        permissions = Permission.objects.using(using).filter(rules_filter(apps, rules))
        group.permissions.add(*permissions)
