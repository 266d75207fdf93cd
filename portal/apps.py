from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Cổng thông tin"

    def ready(self):
        from . import signals  # noqa: F401


class PortalAdminConfig(AdminConfig):
    default_site = "portal.admin_site.PortalAdminSite"
