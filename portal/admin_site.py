"""The admin, in Vietnamese, titled with the board's name."""

from django.contrib import admin


class PortalAdminSite(admin.AdminSite):
    site_title = "Quản trị"
    index_title = "Bảng điều khiển"
    index_template = "admin/portal_index.html"

    def each_context(self, request):
        from .models import SiteProfile

        context = super().each_context(request)
        profile = SiteProfile.load()
        context["site_header"] = profile.short_name or profile.board_name
        context["site_title"] = f"Quản trị – {profile.short_name or profile.board_name}"
        context["site_url"] = "/"
        return context

    def get_urls(self):
        from django.urls import path

        return [
            path("thong-ke/", self.admin_view(self.visit_stats_view), name="visit-stats"),
            *super().get_urls(),
        ]

    def visit_stats_view(self, request):
        from .visits_admin import visit_stats

        return visit_stats(request, self)
