"""The admin, in Vietnamese, titled with the board's name."""

import logging
from dataclasses import dataclass

from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, reverse

from .visits.admin_page import visit_stats

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Task:
    title: object  # a string, or an object whose str() is computed when the dashboard shows
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


class SafeChangeListMixin:
    """Bad input in a change list's URL or form gives a message, not a 500.

    Django's own change list lets some values through to the database layer: a date
    hierarchy at year 9999 (?day__year=9999) overflows, a tampered list-editable id fails
    to convert. Such requests go back to the plain list with a message.
    """

    def changelist_view(self, request, extra_context=None):
        try:
            response = super().changelist_view(request, extra_context)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            return response
        except (ValueError, OverflowError) as exc:
            logger.info("Bad change list input at %s: %s", request.get_full_path(), exc)
            if request.method == "POST":
                messages.error(request, "Dữ liệu gửi lên không hợp lệ nên chưa được lưu.")
                return HttpResponseRedirect(request.get_full_path())
            messages.error(
                request,
                "Bộ lọc không hợp lệ (ví dụ năm ngoài phạm vi); đã hiển thị toàn bộ danh sách.",
            )
            return HttpResponseRedirect(request.path)


class PortalAdminLoginForm(AdminAuthenticationForm):
    """The admin's login, telling a member with the right password where they belong.

    Django's own form answers "wrong user name or password" to a reporter whose password
    is right, which sends them hunting for a typo that is not there.
    """

    def confirm_login_allowed(self, user):
        if user.is_active and not user.is_staff:
            raise ValidationError(
                "Tài khoản “%(username)s” không được vào trang quản trị. Hãy đăng nhập ở "
                "trang chủ của cổng thông tin để dùng tài liệu và các trang dành cho bạn.",
                code="not_staff",
                params={"username": user.get_username()},
            )
        super().confirm_login_allowed(user)


class PortalAdminSite(admin.AdminSite):
    site_title = "Quản trị"
    login_form = PortalAdminLoginForm
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

    def register(self, model_or_iterable, admin_class=None, **options):
        # Every model's admin, ours and third-party ones alike, gets the safe change list.
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, SafeChangeListMixin):
            admin_class = type(
                admin_class.__name__,
                (SafeChangeListMixin, admin_class),
                {"__module__": admin_class.__module__},
            )
        return super().register(model_or_iterable, admin_class, **options)

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
        return visit_stats(request, self)
