"""Admin of the news: categories, tags, articles, comment moderation, ratings, the report."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from portal import pagecache
from portal.admin_site import register_task
from portal.richtext import rich_text_widget

from . import search  # noqa: F401 – connects the tag → search key signal
from .models import Article, Category, Comment, Rating, Tag
from .reports import report_view
from .services import article_refresh_search_text

# --- Categories and tags ----------------------------------------------------------------


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["name", "slug", "parent", "order", "show_in_menu", "description", "legacy_alias"]

    def clean(self):
        data = super().clean()
        parent = data.get("parent")
        if parent is not None:
            if self.instance.pk and parent.pk == self.instance.pk:
                self.add_error("parent", "Một chuyên mục không thể là chuyên mục cha của chính nó.")
            elif parent.parent_id is not None:
                self.add_error(
                    "parent",
                    f"Chỉ có hai cấp chuyên mục: “{parent.name}” đã là chuyên mục con.",
                )
            elif self.instance.pk and self.instance.children.exists():
                self.add_error(
                    "parent",
                    "Chuyên mục này đang có chuyên mục con nên không thể đặt vào chuyên mục khác "
                    "(chỉ có hai cấp).",
                )
        return data


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    form = CategoryForm
    list_display = ["name", "slug", "parent", "order", "show_in_menu", "article_count"]
    list_editable = ["order", "show_in_menu"]
    list_filter = ["show_in_menu", ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "slug", "description"]
    list_select_related = ["parent"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_articles=Count("articles"))

    @admin.display(description="Số bài", ordering="num_articles")
    def article_count(self, obj):
        return obj.num_articles


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            # The name is in the search key of every article that carries the tag.
            article_refresh_search_text(obj.articles.values_list("pk", flat=True))


# --- Articles ---------------------------------------------------------------------------


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "category",
            "extra_categories",
            "summary",
            "body",
            "cover_image",
            "cover_caption",
            "byline",
            "source",
            "tags",
            "status",
            "published_at",
            "is_featured",
            "allow_comments",
            "allow_rating",
            "legacy_id",
            "legacy_alias",
        ]

    def __init__(self, *args, **kwargs):
        # The tag picker's widget turns the posted ids into numbers while it renders, and a
        # tampered id that is no number would be a 500, not a message.
        if args and hasattr(args[0], "getlist") and "tags" in args[0]:
            data = args[0].copy()
            data.setlist("tags", [v for v in data.getlist("tags") if v.isascii() and v.isdigit()])
            args = (data, *args[1:])
        super().__init__(*args, **kwargs)
        self.fields["body"].widget = rich_text_widget()

    def clean_published_at(self):
        value = self.cleaned_data["published_at"]
        # Year 1 or 9999 is a typing slip; PostgreSQL would even store it before Christ
        # and every page listing it would fail.
        if value and not 1900 <= value.year <= 2200:
            raise forms.ValidationError("Thời gian đăng phải trong khoảng năm 1900 đến 2200.")
        return value


class AuthorFilter(admin.SimpleListFilter):
    """The staff members who created articles (not every user of the site)."""

    title = "người tạo"
    parameter_name = "nguoi_tao"

    def lookups(self, request, model_admin):
        from django.contrib.auth import get_user_model

        users = get_user_model().objects.filter(
            pk__in=Article.objects.exclude(created_by=None).values("created_by")
        )
        return [(str(user.pk), user.get_full_name() or user.get_username()) for user in users]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(created_by_id=value) if value and value.isdigit() else queryset


class StatusFilter(admin.SimpleListFilter):
    """The statuses, with scheduled articles (published, their time not yet come) apart."""

    title = "trạng thái"
    parameter_name = "trang_thai"

    def lookups(self, request, model_admin):
        return [
            ("published", "Đã đăng"),
            ("scheduled", "Hẹn giờ"),
            ("draft", "Bản nháp"),
            ("hidden", "Đã ẩn"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        published = Q(status=Article.Status.PUBLISHED)
        match self.value():
            case "published":
                return queryset.filter(published, published_at__lte=now)
            case "scheduled":
                return queryset.filter(published, published_at__gt=now)
            case "draft" | "hidden" as status:
                return queryset.filter(status=status)
        return queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    list_display = [
        "title",
        "category",
        "status_label",
        "published_at",
        "view_count",
        "created_by",
        "preview_link",
    ]
    list_filter = [
        StatusFilter,
        ("category", admin.RelatedOnlyFieldListFilter),
        AuthorFilter,
        "published_at",
        "is_featured",
    ]
    list_select_related = ["category", "category__parent", "created_by"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "published_at"
    actions = ["publish_selected", "hide_selected"]
    autocomplete_fields = ["tags"]
    filter_horizontal = ["extra_categories"]
    readonly_fields = [
        "view_count",
        "rating_total",
        "rating_count",
        "created_by",
        "created_at",
        "updated_by",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "extra_categories", "summary", "body"]}),
        ("Ảnh đại diện", {"fields": ["cover_image", "cover_caption"]}),
        ("Tác giả và nguồn", {"fields": ["byline", "source", "tags"]}),
        (
            "Đăng bài",
            {
                "fields": [
                    "status",
                    "published_at",
                    "is_featured",
                    "allow_comments",
                    "allow_rating",
                ]
            },
        ),
        (
            "Số liệu và lịch sử",
            {
                "classes": ["collapse"],
                "fields": [
                    "view_count",
                    "rating_total",
                    "rating_count",
                    "created_by",
                    "created_at",
                    "updated_by",
                    "updated_at",
                    "legacy_id",
                    "legacy_alias",
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        # The list never prints the body; the search over it runs in the database.
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name.endswith("changelist"):
            queryset = queryset.defer("body", "search_text")
        return queryset

    @admin.display(description="Trạng thái", ordering="status")
    def status_label(self, obj):
        if obj.status == Article.Status.PUBLISHED and obj.published_at > timezone.now():
            return "Hẹn giờ"
        return obj.get_status_display()

    @admin.display(description="Xem trước")
    def preview_link(self, obj):
        label = "Xem" if obj.is_live else "Xem trước"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), label
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Đăng các bài đã chọn", permissions=["change"])
    def publish_selected(self, request, queryset):
        # One UPDATE sends no post_save: kept pages are made stale by hand.
        now = timezone.now()
        # A draft written long ago is news now: it goes to the top, not deep in the lists.
        # Hidden articles keep their date, scheduled ones their time.
        queryset.filter(status=Article.Status.DRAFT, published_at__lt=now).update(published_at=now)
        count = queryset.update(
            status=Article.Status.PUBLISHED, updated_by=request.user, updated_at=now
        )
        pagecache.bump_content_version()
        self.message_user(request, f"Đã đăng {count} bài.", messages.SUCCESS)

    @admin.action(description="Ẩn các bài đã chọn", permissions=["change"])
    def hide_selected(self, request, queryset):
        count = queryset.update(
            status=Article.Status.HIDDEN, updated_by=request.user, updated_at=timezone.now()
        )
        pagecache.bump_content_version()
        self.message_user(request, f"Đã ẩn {count} bài.", messages.SUCCESS)

    def get_urls(self):
        return [
            path(
                "bao-cao/",
                self.admin_site.admin_view(self.report),
                name="articles_article_report",
            ),
            *super().get_urls(),
        ]

    def report(self, request):
        return report_view(request, self.admin_site)


# --- Readers' comments and ratings ------------------------------------------------------


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["name", "short_body", "article", "status", "created_at", "ip_address"]
    list_filter = ["status", ("article", admin.RelatedOnlyFieldListFilter), "created_at"]
    list_select_related = ["article"]
    search_fields = ["name", "email", "body"]
    date_hierarchy = "created_at"
    actions = ["approve", "reject", "mark_spam"]
    fields = ["article", "name", "email", "body", "status", "user", "ip_address", "created_at"]
    readonly_fields = ["article", "user", "ip_address", "created_at"]

    @admin.display(description="Ý kiến")
    def short_body(self, obj):
        return obj.body if len(obj.body) <= 80 else obj.body[:79] + "…"

    def _set_status(self, request, queryset, status, done):
        count = queryset.update(status=status)
        pagecache.bump_content_version()
        self.message_user(request, f"{done} {count} ý kiến.", messages.SUCCESS)

    @admin.action(description="Duyệt các ý kiến đã chọn", permissions=["change"])
    def approve(self, request, queryset):
        self._set_status(request, queryset, Comment.Status.APPROVED, "Đã duyệt")

    @admin.action(description="Từ chối các ý kiến đã chọn", permissions=["change"])
    def reject(self, request, queryset):
        self._set_status(request, queryset, Comment.Status.REJECTED, "Đã từ chối")

    @admin.action(description="Đánh dấu thư rác", permissions=["change"])
    def mark_spam(self, request, queryset):
        self._set_status(request, queryset, Comment.Status.SPAM, "Đã đánh dấu thư rác")

    def get_urls(self):
        return [
            path(
                "cho-duyet/",
                self.admin_site.admin_view(self.pending),
                name="articles_comment_pending",
            ),
            *super().get_urls(),
        ]

    def pending(self, request):
        url = reverse("admin:articles_comment_changelist", current_app=self.admin_site.name)
        return redirect(f"{url}?status__exact={Comment.Status.PENDING}")


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    """Votes are the readers' own: staff look, nobody edits."""

    list_display = ["article", "score", "created_at"]
    list_filter = ["score", "created_at"]
    list_select_related = ["article"]
    search_fields = ["article__title"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- The dashboard ----------------------------------------------------------------------


class PendingCommentsTitle:
    """A task title counted when the dashboard prints it, not when the server starts."""

    def __str__(self):
        count = Comment.objects.pending().count()
        if not count:
            return "Không có ý kiến chờ duyệt"
        return f"{count} ý kiến chờ duyệt"


register_task(
    PendingCommentsTitle(), "admin:articles_comment_pending", "articles.change_comment", 10
)
register_task("Viết bài mới", "admin:articles_article_add", "articles.add_article", 11)
register_task(
    "Báo cáo số bài đã đăng", "admin:articles_article_report", "articles.view_article", 12
)
