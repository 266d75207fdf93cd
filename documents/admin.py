"""Admin of the documents: kinds, issuing bodies, fields, categories, documents and files."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.html import format_html

from portal.admin_site import register_task
from portal.files.sending import send_private_file

from .forms import DocumentFileForm, DocumentForm, IssuingBodyForm
from .models import (
    Document,
    DocumentCategory,
    DocumentField,
    DocumentFile,
    DocumentKind,
    IssuingBody,
)


class _CountedAdmin(admin.ModelAdmin):
    """Lists of the small tables, with how many documents use each row."""

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_documents=Count("document"))

    @admin.display(description="Số văn bản", ordering="num_documents")
    def document_count(self, obj):
        return obj.num_documents


@admin.register(DocumentKind)
class DocumentKindAdmin(_CountedAdmin):
    list_display = ["name", "abbreviation", "is_material", "order", "document_count"]
    list_editable = ["order"]
    list_filter = ["is_material"]
    search_fields = ["name", "abbreviation"]
    fields = ["name", "abbreviation", "slug", "is_material", "order"]


@admin.register(IssuingBody)
class IssuingBodyAdmin(_CountedAdmin):
    form = IssuingBodyForm
    list_display = [
        "name",
        "abbreviation",
        "active_from",
        "active_to",
        "order",
        "document_count",
    ]
    list_editable = ["order"]
    search_fields = ["name", "abbreviation"]


@admin.register(DocumentField, DocumentCategory)
class NamedListAdmin(admin.ModelAdmin):
    """Fields and categories: names in order, with how many documents each one has."""

    list_display = ["name", "order", "document_count"]
    list_editable = ["order"]
    search_fields = ["name"]
    fields = ["name", "slug", "order"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_documents=Count("documents"))

    @admin.display(description="Số văn bản", ordering="num_documents")
    def document_count(self, obj):
        return obj.num_documents


# --- Documents --------------------------------------------------------------------------


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    form = DocumentFileForm
    extra = 1
    fields = ["file", "title", "order", "file_type", "size_label", "download_count", "link"]
    readonly_fields = ["file_type", "size_label", "download_count", "link"]

    @admin.display(description="Dung lượng")
    def size_label(self, obj):
        return filesizeformat(obj.size) if obj.pk else "–"

    @admin.display(description="Tải về")
    def link(self, obj):
        if not obj.pk:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:documents_document_file", args=[obj.pk]),
            obj.original_name or "Tải về",
        )


class EffectiveStatusFilter(admin.SimpleListFilter):
    """In force, expired, not yet in force: computed for today, never stored."""

    title = "hiệu lực"
    parameter_name = "hieu_luc"

    def lookups(self, request, model_admin):
        return Document.Status.choices

    def queryset(self, request, queryset):
        if self.value() in Document.Status.values:
            return queryset.with_status(self.value())
        return queryset


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    form = DocumentForm
    inlines = [DocumentFileInline]
    # Seven columns: the code already names the kind and the body, and on a 1366 px screen
    # eleven columns left the summary one word a line.
    list_display = [
        "code",
        "summary",
        "issued_on",
        "status_label",
        "access_label",
        "figures",
        "is_published",
    ]
    list_display_links = ["code", "summary"]
    list_filter = [
        "kind",
        "issuing_body",
        "fields",
        "categories",
        EffectiveStatusFilter,
        "view_access",
        "download_access",
        "is_published",
    ]
    list_select_related = ["kind", "issuing_body"]
    date_hierarchy = "issued_on"
    search_fields = ["code", "symbol", "number", "summary"]
    filter_horizontal = [
        "fields",
        "categories",
        "related",
        "replaces",
        "view_groups",
        "download_groups",
    ]
    readonly_fields = ["view_count", "download_count", "created_by", "created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "number",
                    "kind",
                    "issuing_body",
                    "symbol",
                    "code",
                    "summary",
                    "slug",
                    "signer",
                ]
            },
        ),
        ("Ngày và hiệu lực", {"fields": ["issued_on", "effective_from", "effective_to"]}),
        ("Nội dung", {"fields": ["description", "fields", "categories", "related", "replaces"]}),
        (
            "Quyền xem và tải về",
            {
                "description": (
                    "Người tải về phải vừa được xem văn bản vừa được tải tệp. Các nhóm chỉ có "
                    "tác dụng khi chọn “Các nhóm được chọn”."
                ),
                "fields": [
                    "secret",
                    "view_access",
                    "view_groups",
                    "download_access",
                    "download_groups",
                ],
            },
        ),
        ("Đăng trên trang", {"fields": ["is_published", "published_at"]}),
        (
            "Số liệu",
            {
                "classes": ["collapse"],
                "fields": [
                    "view_count",
                    "download_count",
                    "created_by",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name.endswith("changelist"):
            queryset = queryset.defer("description", "search_text")
        return queryset

    def get_urls(self):
        own = [
            path(
                "tep/<int:pk>/",
                self.admin_site.admin_view(self.file_view),
                name="documents_document_file",
            )
        ]
        return own + super().get_urls()

    def file_view(self, request, pk):
        """A document's file for staff, published or not (a draft is checked before it goes
        out); never counted: the counts are readers' downloads."""
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        if not request.user.has_perm("documents.view_document"):
            raise PermissionDenied
        document_file = get_object_or_404(DocumentFile, pk=pk)
        name = document_file.original_name or document_file.file.name.rsplit("/", 1)[-1]
        return send_private_file(request, document_file.file, name, document_file.content_type)

    @admin.display(description="Hiệu lực")
    def status_label(self, obj):
        return obj.status.label

    @admin.display(description="Xem / tải về", ordering="view_access")
    def access_label(self, obj):
        if obj.view_access == obj.download_access:
            return obj.get_view_access_display()
        return f"{obj.get_view_access_display()} / {obj.get_download_access_display()}"

    @admin.display(description="Lượt xem / tải", ordering="-download_count")
    def figures(self, obj):
        return f"{obj.view_count} / {obj.download_count}"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        for warning in getattr(form, "warnings", []):
            messages.warning(request, warning)


register_task("Thêm văn bản mới", "admin:documents_document_add", "documents.add_document", 20)
