"""The party organizations (the units inspected), with the totals of those active."""

from django.contrib import admin
from django.db.models import Count, Sum

from ..models import PartyOrganization


@admin.register(PartyOrganization)
class PartyOrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "member_count", "is_active", "order"]
    list_filter = ["kind", "is_active", ("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["name"]
    autocomplete_fields = ["parent"]
    fields = ["name", "kind", "parent", "member_count", "is_active", "order"]

    def changelist_view(self, request, extra_context=None):
        totals = PartyOrganization.objects.filter(is_active=True).aggregate(
            organizations=Count("id"), members=Sum("member_count")
        )
        members = f"{totals['members'] or 0:,}".replace(",", ".")  # 2.036, as Vietnamese writes
        extra = {
            "subtitle": f"Đang hoạt động: {totals['organizations']} tổ chức, {members} đảng viên"
        }
        return super().changelist_view(request, {**extra, **(extra_context or {})})
