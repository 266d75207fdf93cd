"""Admin of the inspections: organizations, plans, campaigns with their steps, findings,
notices and remediation.

A campaign's status is never typed: it moves through the "Chuyển bước" page or the admin
action, both of which call services.campaign_advance (illegal moves get a message).
"""

import datetime
import os

from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from portal.accounts import display_name
from portal.admin_site import register_task

from . import lifecycle, services
from .forms import (
    AdvanceForm,
    CampaignForm,
    InspectionPlanForm,
    NoticeForm,
    RemediationItemForm,
)
from .models import (
    DUE_SOON_DAYS,
    Campaign,
    CampaignEvent,
    CampaignTarget,
    DelegationMember,
    Finding,
    InspectionPlan,
    Notice,
    PartyOrganization,
    RemediationItem,
    ReminderSent,
)

DONE_STATUSES = [Campaign.Status.CONCLUDED, Campaign.Status.FOLLOW_UP, Campaign.Status.CLOSED]


def file_link(fieldfile, kind, pk):
    """A private file named and linked to the pages' access-checked download view."""
    if not fieldfile:
        return "–"
    url = reverse("inspections:file", args=[kind, pk])
    return format_html('<a href="{}">{}</a>', url, os.path.basename(fieldfile.name))


def changed_columns(form, changed=None):
    """The columns a model form changed (many-to-many relations are saved on their own)."""
    model = form._meta.model
    columns = {
        field.name
        for field in model._meta.concrete_fields
        if field.editable and field.name != "status"
    }
    return [name for name in (form.changed_data if changed is None else changed) if name in columns]


class ReadableFilesMixin:
    """Readers (view permission only) see each private file as a link to the download view.

    The admin's read-only page would link the field's URL, and a private file has none
    (PrivateStorage.url() raises): `file_links` maps a file field to the method shown
    instead. Those who may change keep the upload widget (forms.PrivateFileInput).
    """

    file_links = {}

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *self.file_links.values()]

    def _swap(self, names):
        return [self.file_links.get(name, name) for name in names]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_change_permission(request, obj):
            return fieldsets
        return [
            (title, {**options, "fields": self._swap(options["fields"])})
            for title, options in fieldsets
        ]


# --- Organizations ------------------------------------------------------------------------


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


# --- Plans ------------------------------------------------------------------------------


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


# --- Campaigns ----------------------------------------------------------------------------


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


# --- Targets and their findings -----------------------------------------------------------


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


# --- Remediation ------------------------------------------------------------------------


def due_label(item, today=None):
    """ "Quá hạn" / "Sắp đến hạn" computed from the deadline by the calendar of Asia/Ho_Chi_Minh."""
    today = today or timezone.localdate()
    if item.is_overdue(today):
        days = (today - item.deadline).days
        return f"Quá hạn {days} ngày"
    if item.is_due_soon(today):
        days = (item.deadline - today).days
        return "Sắp đến hạn (hôm nay)" if days == 0 else f"Sắp đến hạn (còn {days} ngày)"
    return "–"


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
    "Thêm cuộc kiểm tra, giám sát", "admin:inspections_campaign_add", "inspections.add_campaign", 30
)
register_task(
    "Theo dõi nội dung khắc phục",
    "admin:inspections_remediationitem_changelist",
    "inspections.view_remediationitem",
    31,
)
