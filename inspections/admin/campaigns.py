"""The campaign with its inlines (targets, delegation, notice, remediation, timeline) and
its "Chuyển bước" page and actions, which move the status through services only."""

from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from portal.accounts import display_name
from portal.admin_site import register_task

from .. import lifecycle, services
from ..forms import AdvanceForm, CampaignForm, NoticeForm, RemediationItemForm
from ..models import (
    Campaign,
    CampaignEvent,
    CampaignTarget,
    DelegationMember,
    Finding,
    Notice,
    RemediationItem,
)
from .common import DONE_STATUSES, ReadableFilesMixin, changed_columns, due_label, file_link


class NamedAutocomplete(AutocompleteSelect):
    """An autocomplete that names its chosen row from the row already loaded (`known`)
    instead of one query per inline row."""

    known = {}

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if v not in (None, "")}
        if not selected or not selected <= self.known.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        for key in sorted(selected):
            options.append(self.create_option(name, key, self.known[key], True, len(options)))
        return [(None, options, 0)]


class NamedRowsMixin:
    """Inline rows whose organization autocomplete is named without a query per row (the
    inline's queryset loads the organization with its row)."""

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization":
            kwargs["widget"] = NamedAutocomplete(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class NamedRowForm(formset.form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                field = self.fields.get("organization")
                if field is None or not self.instance.organization_id:
                    return
                widget = getattr(field.widget, "widget", field.widget)
                if isinstance(widget, NamedAutocomplete):
                    organization = self.instance.organization
                    widget.known = {str(organization.pk): str(organization)}

        formset.form = NamedRowForm
        return formset


class TargetInline(NamedRowsMixin, admin.TabularInline):
    model = CampaignTarget
    fields = ["organization", "members", "finding_state"]
    readonly_fields = ["finding_state"]
    autocomplete_fields = ["organization"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        # Whether each target has its finding, in the query of the rows (not one per row).
        has_finding = Exists(Finding.objects.filter(target=OuterRef("pk")))
        return super().get_queryset(request).annotate(has_finding=has_finding)

    @admin.display(description="Kết quả")
    def finding_state(self, obj):
        if not obj.pk:
            return "–"
        has = getattr(obj, "has_finding", None)
        if has is None:
            has = Finding.objects.filter(target=obj).exists()
        # Short: a long sentence here wrapped one word a line and widened the page.
        return "Đã ghi" if has else "Chưa ghi"


class DelegationInline(admin.TabularInline):
    model = DelegationMember
    fields = ["name", "position", "role", "order"]
    extra = 0


class NoticeInline(ReadableFilesMixin, admin.StackedInline):
    model = Notice
    form = NoticeForm
    extra = 0
    max_num = 1
    fields = ["number", "issued_on", "signer", "recipients", "text", "file"]
    file_links = {"file": "file_link"}

    @admin.display(description="Tệp thông báo")
    def file_link(self, obj):
        return file_link(obj.file, "thong-bao", obj.pk) if obj.pk else "–"

    def has_delete_permission(self, request, obj=None):
        # A concluded campaign rests on its notice: it may be corrected, never removed.
        if obj is not None and obj.status in DONE_STATUSES:
            return False
        return super().has_delete_permission(request, obj)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        campaign = obj

        class CampaignNoticeForm(formset.form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, campaign=campaign, **kwargs)

        formset.form = CampaignNoticeForm
        return formset


class RemediationInline(NamedRowsMixin, admin.TabularInline):
    model = RemediationItem
    form = RemediationItemForm
    fields = ["organization", "what", "deadline", "status", "due_state"]
    readonly_fields = ["status", "due_state"]
    autocomplete_fields = ["organization"]
    extra = 0
    show_change_link = True

    @admin.display(description="Hạn")
    def due_state(self, obj):
        return due_label(obj) if obj.pk else "–"


class EventInline(admin.TabularInline):
    """The timeline: written by the services only."""

    model = CampaignEvent
    fields = ["at", "from_status", "to_status", "actor_name", "note", "document_kind", "file_name"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "Các bước đã thực hiện"

    @admin.display(description="Người thực hiện")
    def actor_name(self, obj):
        return display_name(obj.actor) if obj.actor else "–"

    @admin.display(description="Tệp")
    def file_name(self, obj):
        return obj.original_name or (obj.file.name.rsplit("/", 1)[-1] if obj.file else "–")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class YearFilter(admin.SimpleListFilter):
    title = "năm"
    parameter_name = "nam"

    def lookups(self, request, model_admin):
        years = Campaign.objects.dates("start_on", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit() and len(value) == 4:
            return queryset.filter(start_on__year=int(value))
        return queryset


@admin.register(Campaign)
class CampaignAdmin(ReadableFilesMixin, admin.ModelAdmin):
    form = CampaignForm
    # Readers see the officer's name in Vietnamese order, not the account's user name.
    file_links = {"decision_file": "decision_file_link", "responsible": "responsible_name"}
    change_form_template = "admin/inspections/campaign/change_form.html"
    list_display = ["title", "kind", "status", "start_on", "finish", "is_public"]
    list_filter = [
        YearFilter,
        "kind",
        "status",
        ("presiding_body", admin.RelatedOnlyFieldListFilter),
        ("targets__organization", admin.RelatedOnlyFieldListFilter),
        ("directives", admin.RelatedOnlyFieldListFilter),
        "is_public",
    ]
    date_hierarchy = "start_on"
    search_fields = [
        "title",
        "decision_number",
        "notice__number",
        "targets__organization__name",
        "summary",
    ]
    # Not the article: its autocomplete would need the right to read every article (drafts
    # included, and their previews on the site); the form offers published ones instead.
    autocomplete_fields = ["directives", "escalated_from"]
    filter_horizontal = ["coordinating_bodies"]
    readonly_fields = ["status_display", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["kind", "title", "plan", "status_display", "responsible"]}),
        ("Cơ quan", {"fields": ["presiding_body", "coordinating_bodies"]}),
        (
            "Quyết định thành lập đoàn",
            {"fields": ["decision_number", "decision_date", "decision_file"]},
        ),
        ("Văn bản được kiểm tra, giám sát", {"fields": ["directives"]}),
        (
            "Thời gian",
            {"fields": ["period_from", "period_to", "start_on", "end_on", "extended_to"]},
        ),
        (
            "Kết quả và công khai",
            {"fields": ["summary", "is_public", "article", "escalated_from"]},
        ),
        ("Thông tin khác", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [TargetInline, DelegationInline, NoticeInline, RemediationInline, EventInline]
    actions = ["advance_selected", "escalate_selected"]

    class Media:
        # The inline tables scroll in their own box rather than widening the page.
        css = {"all": ["css/inspections.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("presiding_body")

    def has_delete_permission(self, request, obj=None):
        # A concluded campaign is a record of the board (its notice is protected too): only
        # a superuser may remove it.
        if obj is not None and obj.status in DONE_STATUSES and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            # The bulk delete would remove concluded campaigns the page refuses to delete.
            actions.pop("delete_selected", None)
        return actions

    @admin.display(description="Cán bộ theo dõi")
    def responsible_name(self, obj):
        return display_name(obj.responsible) if obj.responsible else "–"

    def get_search_results(self, request, queryset, search_term):
        queryset, _duplicates = super().get_search_results(request, queryset, search_term)
        return queryset, True  # the joins on targets and notice may repeat a campaign

    @admin.display(description="Trạng thái")
    def status_display(self, obj):
        if not obj.pk:
            return "Theo kế hoạch (trạng thái đổi bằng nút “Chuyển bước”)"
        return obj.get_status_display()

    @admin.display(description="Kết thúc", ordering="end_on")
    def finish(self, obj):
        if obj.extended_to:
            return format_html("{} <small>(gia hạn)</small>", obj.finish_on.strftime("%d/%m/%Y"))
        return obj.end_on.strftime("%d/%m/%Y")

    @admin.display(description="Tệp quyết định")
    def decision_file_link(self, obj):
        return file_link(obj.decision_file, "quyet-dinh", obj.pk) if obj.pk else "–"

    def save_model(self, request, obj, form, change):
        if change:
            # Only what was changed on the form: a step taken on the pages while the form
            # was open (status, decision, extension) must not be written back as it was.
            obj.save(update_fields=[*changed_columns(form), "updated_at"])
            obj.refresh_from_db(fields=["status"])
        else:
            obj.save()
        if change and "extended_to" in form.changed_data and obj.extended_to:
            # The form's clean() (the model's) has allowed it: one extension, a third at most.
            CampaignEvent.objects.create(
                campaign=obj,
                from_status=obj.status,
                to_status=obj.status,
                actor=request.user,
                note=f"Gia hạn thời gian làm việc đến {obj.extended_to:%d/%m/%Y}.",
            )
        if not change:
            CampaignEvent.objects.create(
                campaign=obj,
                from_status="",
                to_status=obj.status,
                actor=request.user,
                note="Lập cuộc kiểm tra, giám sát.",
            )

    def save_formset(self, request, form, formset, change):
        if formset.model is not RemediationItem:
            return super().save_formset(request, form, formset, change)
        # A remediation row saves only what was changed on it: its status may have moved
        # on the pages meanwhile (reported, verified).
        formset.save(commit=False)
        for item in formset.deleted_objects:
            item.delete()
        for item in formset.new_objects:
            item.save()
        for item, changed in formset.changed_objects:
            item.save(update_fields=changed_columns(formset.form, changed))
        return None

    # "Chuyển bước" --------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<int:object_id>/chuyen-buoc/",
                self.admin_site.admin_view(self.advance_view),
                name="inspections_campaign_advance",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["next_moves"] = lifecycle.next_moves(obj) if obj else []
        context["can_advance"] = bool(obj) and self.has_change_permission(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def advance_view(self, request, object_id):
        campaign = get_object_or_404(Campaign, pk=object_id)
        if not self.has_change_permission(request, campaign):
            raise PermissionDenied
        change_url = reverse("admin:inspections_campaign_change", args=[campaign.pk])
        form = AdvanceForm(request.POST or None, request.FILES or None, campaign=campaign)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.campaign_advance(
                    campaign,
                    data["to_status"],
                    request.user,
                    note=data["note"],
                    document_kind=data["document_kind"],
                    file=data["file"],
                    decision_number=data.get("decision_number") or "",
                    decision_date=data.get("decision_date"),
                )
            except services.CampaignError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    f"Đã chuyển “{campaign}” sang bước “{campaign.get_status_display()}”.",
                    messages.SUCCESS,
                )
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Chuyển bước: {campaign}",
            "opts": self.model._meta,
            "original": campaign,
            "campaign": campaign,
            "form": form,
            "moves": form.moves,
            "change_url": change_url,
            "has_notice": Notice.objects.filter(campaign=campaign).exists(),
        }
        return TemplateResponse(request, "admin/inspections/campaign/advance.html", context)

    @admin.action(description="Chuyển các cuộc đã chọn sang bước tiếp theo", permissions=["change"])
    def advance_selected(self, request, queryset):
        moved = 0
        for campaign in queryset:
            moves = [m for m in lifecycle.next_moves(campaign) if m.to_status != "closed"]
            moves = moves or lifecycle.next_moves(campaign)
            if not moves:
                self.message_user(request, f"“{campaign}”: đã kết thúc.", messages.WARNING)
                continue
            try:
                services.campaign_advance(campaign, moves[0].to_status, request.user)
            except services.CampaignError as error:
                self.message_user(
                    request, f"“{campaign}”: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                moved += 1
        if moved:
            self.message_user(request, f"Đã chuyển bước {moved} cuộc.", messages.SUCCESS)

    @admin.action(
        description="Chuyển cuộc giám sát có dấu hiệu vi phạm thành cuộc kiểm tra",
        permissions=["add"],
    )
    def escalate_selected(self, request, queryset):
        for campaign in queryset:
            try:
                created = services.campaign_escalate(campaign, request.user)
            except services.CampaignError as error:
                self.message_user(
                    request, f"“{campaign}”: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                self.message_user(request, f"Đã lập cuộc kiểm tra “{created}”.", messages.SUCCESS)


register_task(
    "Thêm cuộc kiểm tra, giám sát", "admin:inspections_campaign_add", "inspections.add_campaign", 30
)
