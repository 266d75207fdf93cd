from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Cổng thông tin"

    def ready(self):
        # Signals drop cached values on save; the tag library registers the sidebar blocks.
        from . import checks, signals  # noqa: F401
        from .templatetags import portal_tags  # noqa: F401


class PortalAdminConfig(AdminConfig):
    default_site = "portal.admin_site.PortalAdminSite"
