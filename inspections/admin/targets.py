"""A campaign's targets with their findings: where the delegation's results are written."""

from django.contrib import admin

from ..models import CampaignTarget, Finding


class FindingInline(admin.StackedInline):
    model = Finding
    extra = 1
    max_num = 1
    can_delete = False
    fields = [
        "strengths",
        "shortcomings",
        "violations",
        "causes",
        "responsibility",
        "new_factors",
        "recommendations",
    ]


@admin.register(CampaignTarget)
class CampaignTargetAdmin(admin.ModelAdmin):
    """A target with its finding: where the delegation's results are written."""

    list_display = ["organization", "campaign", "has_finding"]
    list_filter = [("campaign", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["organization", "campaign"]
    search_fields = ["organization__name", "campaign__title"]
    autocomplete_fields = ["campaign", "organization"]
    fields = ["campaign", "organization", "members"]
    inlines = [FindingInline]

    def get_queryset(self, request):
        # All three here: the changelist skips list_select_related once any is set.
        return super().get_queryset(request).select_related("finding", "organization", "campaign")

    @admin.display(description="Có kết quả", boolean=True)
    def has_finding(self, obj):
        return hasattr(obj, "finding")
