"""The remediation items (reported, verified through services) and the reminders sent."""

import datetime

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from portal.admin_site import register_task

from .. import services
from ..forms import RemediationItemForm
from ..models import DUE_SOON_DAYS, RemediationItem, ReminderSent
from .common import ReadableFilesMixin, changed_columns, due_label, file_link


class DueFilter(admin.SimpleListFilter):
    title = "hạn hoàn thành"
    parameter_name = "han"

    def lookups(self, request, model_admin):
        return [
            ("qua-han", "Quá hạn"),
            ("sap-den-han", f"Sắp đến hạn ({DUE_SOON_DAYS} ngày)"),
            ("chua-den-han", "Chưa đến hạn"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        value = self.value()
        if value == "qua-han":
            return queryset.overdue(today)
        if value == "sap-den-han":
            return queryset.due_soon(today)
        if value == "chua-den-han":
            return queryset.unfinished().filter(
                deadline__gt=today + datetime.timedelta(days=DUE_SOON_DAYS)
            )
        return queryset


@admin.register(RemediationItem)
class RemediationItemAdmin(ReadableFilesMixin, admin.ModelAdmin):
    form = RemediationItemForm
    file_links = {"report_file": "report_file_link"}
    list_display = ["short_what", "organization", "campaign", "deadline", "status", "due_state"]
    list_filter = [
        "status",
        DueFilter,
        ("organization", admin.RelatedOnlyFieldListFilter),
        ("campaign", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["organization", "campaign"]
    search_fields = ["what", "organization__name", "campaign__title", "report_number"]
    autocomplete_fields = ["campaign", "organization"]
    readonly_fields = ["status", "verified_at"]
    fieldsets = [
        (None, {"fields": ["campaign", "organization", "what", "deadline", "status"]}),
        (
            "Báo cáo khắc phục của tổ chức",
            {
                "fields": ["report_number", "report_date", "report_file"],
                "description": "Nhập số và ngày báo cáo: nội dung chuyển sang “Đã báo cáo”.",
            },
        ),
        (
            "Kiểm tra xác nhận",
            {
                "fields": ["verification_note", "verified_at"],
                "description": (
                    "Khi tổ chức đã báo cáo: ghi ý kiến rồi bấm “Xác nhận đã khắc phục” cuối "
                    "trang (hoặc dùng thao tác cùng tên ở danh sách)."
                ),
            },
        ),
    ]
    actions = ["verify_selected"]

    @admin.display(description="Nội dung")
    def short_what(self, obj):
        return obj.what if len(obj.what) <= 80 else obj.what[:79] + "…"

    @admin.display(description="Quá hạn / sắp đến hạn")
    def due_state(self, obj):
        label = due_label(obj, self._today)
        if label.startswith("Quá hạn"):
            return format_html('<strong style="color:#b71c1c">{}</strong>', label)
        return label

    def changelist_view(self, request, extra_context=None):
        self._today = timezone.localdate()  # one "today" for the whole list
        return super().changelist_view(request, extra_context)

    _today = None

    @admin.display(description="Tệp báo cáo")
    def report_file_link(self, obj):
        return file_link(obj.report_file, "khac-phuc", obj.pk) if obj.pk else "–"

    change_form_template = "admin/inspections/remediationitem/change_form.html"
    VERIFY = "_xac_nhan"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_verify"] = (
            obj is not None
            and obj.status == RemediationItem.Status.REPORTED
            and self.has_change_permission(request, obj)
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        if self.VERIFY in request.POST:
            # Back to the item: its new state (or why it was refused) is read there.
            return redirect(reverse("admin:inspections_remediationitem_change", args=[obj.pk]))
        return super().response_change(request, obj)

    def _verify(self, request, obj, was_reported):
        """The button "Xác nhận đã khắc phục": the service, judged on the stored status."""
        if not was_reported:
            self.message_user(
                request,
                "Chưa xác nhận: chỉ xác nhận nội dung mà tổ chức đã báo cáo khắc phục.",
                messages.ERROR,
            )
            return
        try:
            services.remediation_verify(obj, request.user, obj.verification_note)
        except services.CampaignError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, "Đã xác nhận nội dung đã được khắc phục.", messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        was_open = obj.status == RemediationItem.Status.OPEN
        was_reported = obj.status == RemediationItem.Status.REPORTED
        if change:
            # Only what was changed: the status may have moved on the pages meanwhile.
            fields = changed_columns(form)
            reporting = was_open and obj.report_number and obj.report_date
            if reporting:
                # The report itself goes through the service, which judges the stored status.
                fields = [f for f in fields if f not in ("report_number", "report_date")]
            if fields:
                obj.save(update_fields=fields)
        else:
            obj.save()
        if was_open and obj.report_number and obj.report_date:
            try:
                services.remediation_report(obj, request.user, obj.report_number, obj.report_date)
            except services.CampaignError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
        if change and self.VERIFY in request.POST:
            self._verify(request, obj, was_reported)

    @admin.action(
        description="Xác nhận đã khắc phục (các nội dung đã báo cáo)", permissions=["change"]
    )
    def verify_selected(self, request, queryset):
        done = 0
        for item in queryset:
            try:
                services.remediation_verify(item, request.user, item.verification_note)
            except services.CampaignError as error:
                self.message_user(request, f"“{item}”: {' '.join(error.messages)}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, f"Đã xác nhận {done} nội dung.", messages.SUCCESS)


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    """What the reminder command sent: a record, never edited."""

    list_display = ["item", "day", "sent_at"]
    list_filter = ["day"]
    date_hierarchy = "day"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


register_task(
    "Theo dõi nội dung khắc phục",
    "admin:inspections_remediationitem_changelist",
    "inspections.view_remediationitem",
    31,
)
