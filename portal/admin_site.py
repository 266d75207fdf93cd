"""The admin, in Vietnamese, titled with the board's name."""

from dataclasses import dataclass

from django.contrib import admin
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Task:
    title: str
    url_name: str
    permission: str = ""  # "app.codename"; empty: every staff member
    order: int = 100


# The dashboard's common tasks; other apps add theirs with register_task() in ready().
TASKS: list[Task] = [
    Task(
        "Sửa thông tin website (chân trang)",
        "admin:portal_siteprofile_changelist",
        "portal.change_siteprofile",
        80,
    ),
    Task("Thêm quảng cáo / liên kết ảnh", "admin:portal_banner_add", "portal.add_banner", 81),
    Task("Thêm album ảnh hoạt động", "admin:portal_photoalbum_add", "portal.add_photoalbum", 82),
    Task(
        "Sắp xếp các khối cột phải",
        "admin:portal_sidebarblock_changelist",
        "portal.change_sidebarblock",
        83,
    ),
    Task("Sửa trình đơn chính", "admin:portal_menuitem_changelist", "portal.change_menuitem", 84),
    Task("Thống kê truy cập", "admin:visit-stats", "", 90),
]


def register_task(title, url_name, permission="", order=100):
    TASKS.append(Task(title, url_name, permission, order))


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

    def index(self, request, extra_context=None):
        tasks = []
        for task in sorted(TASKS, key=lambda t: t.order):
            if task.permission and not request.user.has_perm(task.permission):
                continue
            try:
                tasks.append(
                    {"title": task.title, "url": reverse(task.url_name, current_app=self.name)}
                )
            except NoReverseMatch:
                continue
        return super().index(request, {"common_tasks": tasks, **(extra_context or {})})

    def get_urls(self):
        from django.urls import path

        return [
            path("thong-ke/", self.admin_view(self.visit_stats_view), name="visit-stats"),
            *super().get_urls(),
        ]

    def visit_stats_view(self, request):
        from .visits_admin import visit_stats

        return visit_stats(request, self)
