"""What the inspections' admins share: links to the private files, the columns a form
changed, the read-only view of private files, and the deadline label of a remediation."""

import os

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from ..models import Campaign

DONE_STATUSES = [Campaign.Status.CONCLUDED, Campaign.Status.FOLLOW_UP, Campaign.Status.CLOSED]


def file_link(fieldfile, kind, pk):
    """A private file named and linked to the pages' access-checked download view."""
    if not fieldfile:
        return "–"
    url = reverse("inspections:file", args=[kind, pk])
    return format_html('<a href="{}">{}</a>', url, os.path.basename(fieldfile.name))


def changed_columns(form, changed=None):
    """The columns a model form changed (many-to-many relations are saved on their own)."""
    model = form._meta.model
    columns = {
        field.name
        for field in model._meta.concrete_fields
        if field.editable and field.name != "status"
    }
    return [name for name in (form.changed_data if changed is None else changed) if name in columns]


class ReadableFilesMixin:
    """Readers (view permission only) see each private file as a link to the download view.

    The admin's read-only page would link the field's URL, and a private file has none
    (PrivateStorage.url() raises): `file_links` maps a file field to the method shown
    instead. Those who may change keep the upload widget (forms.PrivateFileInput).
    """

    file_links = {}

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *self.file_links.values()]

    def _swap(self, names):
        return [self.file_links.get(name, name) for name in names]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_change_permission(request, obj):
            return fieldsets
        return [
            (title, {**options, "fields": self._swap(options["fields"])})
            for title, options in fieldsets
        ]


def due_label(item, today=None):
    """ "Quá hạn" / "Sắp đến hạn" computed from the deadline by the calendar of Asia/Ho_Chi_Minh."""
    today = today or timezone.localdate()
    if item.is_overdue(today):
        days = (today - item.deadline).days
        return f"Quá hạn {days} ngày"
    if item.is_due_soon(today):
        days = (item.deadline - today).days
        return "Sắp đến hạn (hôm nay)" if days == 0 else f"Sắp đến hạn (còn {days} ngày)"
    return "–"
