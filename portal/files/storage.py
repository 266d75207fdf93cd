"""Private storage: files under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, that no URL reaches.

Documents' and inspection records' files live here; only views that check the reader's
right send them (portal.files.sending). `manage.py check` refuses a PRIVATE_MEDIA_ROOT
inside a public root (portal.checks).
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, read at use so tests and deployments may move it."""

    def __init__(self):
        super().__init__(base_url=None)

    # Properties, not FileSystemStorage's cached ones: the setting may change after import.
    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL: they are sent by the download view.")


private_storage = PrivateStorage()


def remove_stored_file(name):
    """Delete a stored private file once the current transaction commits."""
    transaction.on_commit(lambda: private_storage.delete(name))
