from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Cổng thông tin"

    def ready(self):
        # Signals drop cached values on save; the tag library registers the sidebar blocks.
        # django-axes' records (locked-out logins) under a Vietnamese heading in the admin.
        from django.apps import apps

        from . import checks, pagecache, signals  # noqa: F401
        from .models import VisitDay, VisitorPresence
        from .templatetags import portal_tags  # noqa: F401

        pagecache.register_content_app(self.label, except_models=(VisitorPresence, VisitDay))

        if apps.is_installed("axes"):
            apps.get_app_config("axes").verbose_name = "Khóa đăng nhập sai"


class PortalAdminConfig(AdminConfig):
    default_site = "portal.admin_site.PortalAdminSite"
