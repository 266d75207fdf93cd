from django import forms
from django.contrib import admin
from django.db import models
from django.utils.html import format_html

from . import blocks
from .models import Banner, MenuItem, Photo, PhotoAlbum, SidebarBlock, SiteProfile, VisitDay
from .templatetags.portal_tags import so


@admin.register(SiteProfile)
class SiteProfileAdmin(admin.ModelAdmin):
    fieldsets = [
        (
            "Tên và hình ảnh",
            {"fields": ["board_name", "short_name", "domain", "emblem", "header_image"]},
        ),
        (
            "Chân trang",
            {
                "fields": [
                    "licence_number",
                    "licence_date",
                    "governing_body",
                    "governing_body_address",
                    "responsible_person",
                    "phone",
                    "fax",
                    "email",
                    "reuse_notice",
                ]
            },
        ),
        ("Thống kê truy cập", {"fields": ["visits_before_launch"]}),
    ]

    def has_add_permission(self, request):
        return not SiteProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One row only: go straight to its form.
        from django.shortcuts import redirect

        profile = SiteProfile.load()
        return redirect("admin:portal_siteprofile_change", profile.pk)


@admin.register(MenuItem)
class MenuItemAdmin(admin.ModelAdmin):
    list_display = ["title", "url", "parent", "order", "is_visible", "open_in_new_tab"]
    list_editable = ["order", "is_visible"]
    list_filter = ["is_visible", "parent"]
    search_fields = ["title", "url"]
    list_select_related = ["parent"]


class SidebarBlockForm(forms.ModelForm):
    key = forms.ChoiceField(label="Khối", choices=blocks.choices)

    class Meta:
        model = SidebarBlock
        fields = ["key", "title", "order", "is_visible"]


@admin.register(SidebarBlock)
class SidebarBlockAdmin(admin.ModelAdmin):
    form = SidebarBlockForm
    list_display = ["title", "key", "order", "is_visible"]
    list_editable = ["order", "is_visible"]
    list_filter = ["is_visible"]


@admin.register(Banner)
class BannerAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "preview",
        "title",
        "position",
        "order",
        "show_from",
        "show_until",
        "is_active",
        "clicks",
    ]
    list_display_links = ["preview", "title"]
    list_editable = ["order", "is_active"]
    list_filter = ["position", "is_active", "open_in_new_tab"]
    search_fields = ["title", "link"]
    readonly_fields = ["click_count"]
    fields = [
        "title",
        "image",
        "link",
        "position",
        "order",
        "show_from",
        "show_until",
        "open_in_new_tab",
        "is_active",
        "click_count",
    ]

    @admin.display(description="Lượt bấm", ordering="click_count")
    def clicks(self, obj):
        return so(obj.click_count)

    @admin.display(description="Ảnh")
    def preview(self, obj):
        if not obj.image:
            return "–"
        return format_html(
            '<img src="{}" alt="" style="max-height:40px;max-width:120px">', obj.image.url
        )


class PhotoInline(admin.TabularInline):
    model = Photo
    extra = 3
    fields = ["image", "caption", "order", "preview"]
    readonly_fields = ["preview"]

    @admin.display(description="Xem trước")
    def preview(self, obj):
        if not obj.thumbnail:
            return "–"
        return format_html('<img src="{}" alt="" style="max-height:60px">', obj.thumbnail.url)


@admin.register(PhotoAlbum)
class PhotoAlbumAdmin(admin.ModelAdmin):
    list_display = ["title", "event_date", "is_published", "photo_count"]
    list_filter = ["is_published", "event_date"]
    search_fields = ["title", "description"]
    date_hierarchy = "event_date"
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PhotoInline]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(num_photos=Count("photos"))

    @admin.display(description="Số ảnh", ordering="num_photos")
    def photo_count(self, obj):
        return obj.num_photos


@admin.register(VisitDay)
class VisitDayAdmin(admin.ModelAdmin):
    list_display = ["day", "visit_count"]
    date_hierarchy = "day"

    @admin.display(description="Lượt truy cập", ordering="visits")
    def visit_count(self, obj):
        return so(obj.visits)
