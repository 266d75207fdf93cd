"""Static files with a content hash in their names in production, so a deploy never leaves
a browser with an old script (idle.js) against a new server."""

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage


class PortalStaticStorage(ManifestStaticFilesStorage):
    manifest_strict = False

    def url(self, name, force=False):
        # Before collectstatic has run (a fresh checkout, a quick check) the plain name
        # still works: the error and outage pages must render whatever happens.
        try:
            return super().url(name, force)
        except ValueError:
            return f"{self.base_url}{name}"
