"""The yearly inspection plans, with how many of their campaigns are done."""

from django.contrib import admin
from django.db.models import Count, Q

from ..forms import InspectionPlanForm
from ..models import Campaign, InspectionPlan
from .common import DONE_STATUSES, ReadableFilesMixin, file_link


class PlannedCampaignInline(admin.TabularInline):
    """The campaigns of the plan, to read; each is edited on its own page."""

    model = Campaign
    fields = ["title", "kind", "status", "start_on", "end_on"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = "Các cuộc theo kế hoạch"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(InspectionPlan)
class InspectionPlanAdmin(ReadableFilesMixin, admin.ModelAdmin):
    form = InspectionPlanForm
    fields = ["year", "number", "title", "issued_by", "issued_on", "planned_count", "file"]
    file_links = {"file": "file_link"}
    list_display = ["number", "title", "year", "issued_by", "issued_on", "progress"]
    list_filter = ["year", ("issued_by", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["issued_by"]
    search_fields = ["number", "title"]
    inlines = [PlannedCampaignInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                num_done=Count("campaigns", filter=Q(campaigns__status__in=DONE_STATUSES)),
                num_campaigns=Count("campaigns"),
            )
        )

    @admin.display(description="Tệp văn bản")
    def file_link(self, obj):
        return file_link(obj.file, "ke-hoach", obj.pk)

    @admin.display(description="Đã thực hiện / kế hoạch")
    def progress(self, obj):
        return f"{obj.num_done:02d} / {obj.planned_count:02d} đợt"
