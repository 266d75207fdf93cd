"""News: categories, articles, tags, ratings and readers' comments."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from portal.images import RandomImageName, validate_image_upload
from portal.slugs import fill_slug

from .prepare import article_save_cover_thumbnail, prepare_article_for_save


class CategoryQuerySet(models.QuerySet):
    def in_menu(self):
        return self.filter(show_in_menu=True)

    def top_level(self):
        return self.filter(parent__isnull=True)


class Category(models.Model):
    """A news category (chuyên mục); two levels at most."""

    name = models.CharField(_("tên chuyên mục"), max_length=150)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=160,
        unique=True,
        blank=True,
        help_text=_("Để trống để tạo từ tên (không dấu)."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("chuyên mục cha"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    show_in_menu = models.BooleanField(_("hiện trên trình đơn"), default=True)
    description = models.TextField(_("mô tả"), blank=True)
    legacy_alias = models.CharField(
        _("bí danh cũ (NukeViet)"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=_(
            "Bí danh chuyên mục trên trang cũ, ví dụ Tin-tuc; để chuyển hướng liên kết cũ."
        ),
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")
        ordering = ["order", "name"]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def save(self, *args, **kwargs):
        fill_slug(self, self.name, 160)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:category", args=[self.slug])


class Tag(models.Model):
    name = models.CharField(_("tên thẻ"), max_length=100, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)

    class Meta:
        verbose_name = _("thẻ")
        verbose_name_plural = _("thẻ")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        fill_slug(self, self.name, 120)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:tag", args=[self.slug])


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Articles readers may see now: published, and their time has come (no cron)."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now or timezone.now())

    def in_category(self, category):
        """Articles of a category (main or additional), and of its sub-categories."""
        ids = [category.pk, *category.children.values_list("pk", flat=True)]
        return self.filter(Q(category_id__in=ids) | Q(extra_categories__in=ids)).distinct()

    def for_listing(self):
        """What list pages print: no body, the main category joined."""
        return self.select_related("category").defer("body")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        PUBLISHED = "published", _("Đã đăng")
        HIDDEN = "hidden", _("Đã ẩn")

    title = models.CharField(_("tiêu đề"), max_length=300)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Để trống để tạo từ tiêu đề (không dấu, đ → d)."),
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("chuyên mục chính"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    extra_categories = models.ManyToManyField(
        Category,
        verbose_name=_("chuyên mục khác"),
        blank=True,
        related_name="extra_articles",
    )
    summary = models.TextField(_("tóm tắt (sapo)"), blank=True)
    body = models.TextField(
        _("nội dung"),
        blank=True,
        help_text=_("Được làm sạch khi lưu: mã script, thuộc tính sự kiện, iframe lạ bị loại bỏ."),
    )
    cover_image = models.ImageField(
        _("ảnh đại diện"),
        upload_to=RandomImageName("articles", "cover_image"),
        blank=True,
        width_field="cover_width",
        height_field="cover_height",
        validators=[validate_image_upload],
    )
    cover_width = models.PositiveIntegerField(editable=False, null=True)
    cover_height = models.PositiveIntegerField(editable=False, null=True)
    cover_thumbnail = models.ImageField(upload_to="articles/thumbs/", editable=False, blank=True)
    # The size the article page shows: an editor's 8 MB original is not sent to readers.
    cover_large = models.ImageField(
        upload_to="articles/large/",
        editable=False,
        blank=True,
        width_field="cover_large_width",
        height_field="cover_large_height",
    )
    cover_large_width = models.PositiveIntegerField(editable=False, null=True)
    cover_large_height = models.PositiveIntegerField(editable=False, null=True)
    cover_caption = models.CharField(_("chú thích ảnh"), max_length=500, blank=True)
    byline = models.CharField(
        _("tác giả (như ghi trên bài)"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Bài và ảnh: Ngô Đức Hải"),
    )
    source = models.CharField(_("nguồn"), max_length=200, blank=True)
    tags = models.ManyToManyField(Tag, verbose_name=_("thẻ"), blank=True, related_name="articles")
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("thời gian đăng"),
        default=timezone.now,
        db_index=True,
        help_text=_("Thời gian trong tương lai: bài tự xuất hiện vào lúc đó."),
    )
    is_featured = models.BooleanField(_("tin nổi bật trang chủ"), default=False)
    allow_comments = models.BooleanField(_("cho phép bình luận"), default=True)
    allow_rating = models.BooleanField(_("cho phép đánh giá"), default=True)
    view_count = models.PositiveIntegerField(_("lượt xem"), default=0, editable=False)
    rating_total = models.PositiveIntegerField(_("tổng điểm"), default=0, editable=False)
    rating_count = models.PositiveIntegerField(_("số lượt đánh giá"), default=0, editable=False)
    legacy_id = models.PositiveIntegerField(
        _("mã bài cũ (NukeViet)"), null=True, blank=True, unique=True
    )
    legacy_alias = models.CharField(_("bí danh cũ (NukeViet)"), max_length=255, blank=True)
    search_text = models.TextField(
        _("văn bản tìm kiếm"),
        blank=True,
        default="",
        editable=False,
        help_text=_("Tiêu đề, tóm tắt, nội dung và thẻ, viết thường không dấu; tự cập nhật."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người sửa cuối"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "-published_at"], name="article_status_pub")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        prepare_article_for_save(self)
        super().save(*args, **kwargs)
        article_save_cover_thumbnail(self)

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

    @cached_property
    def cover(self):
        """The cover as the article page shows it: {"url", "width", "height"}, or None."""
        if self.cover_large:
            return {
                "url": self.cover_large.url,
                "width": self.cover_large_width,
                "height": self.cover_large_height,
            }
        if self.cover_image:
            return {
                "url": self.cover_image.url,
                "width": self.cover_width,
                "height": self.cover_height,
            }
        return None

    @property
    def is_live(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()


class Rating(models.Model):
    """One reader's score of an article; one per reader and article, enforced by the database."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="ratings")
    voter = models.CharField(_("người đánh giá"), max_length=64)
    score = models.PositiveSmallIntegerField(_("điểm"))
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lượt đánh giá")
        verbose_name_plural = _("lượt đánh giá")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["article", "voter"], name="one_rating_per_voter"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="rating_1_to_5"),
        ]

    def __str__(self):
        return f"{self.article} – {self.score}"

    def shows_on_public_pages(self):
        return False  # the figures are live fragments of the kept pages


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        REJECTED = "rejected", _("Từ chối")
        SPAM = "spam", _("Thư rác")

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="comments"
    )
    name = models.CharField(_("họ tên"), max_length=100)
    email = models.EmailField(_("email"), help_text=_("Không hiển thị công khai."))
    body = models.TextField(_("ý kiến"), max_length=3000)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("thành viên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    visitor = models.CharField(_("khách"), max_length=64, blank=True, editable=False)
    ip_address = models.GenericIPAddressField(
        _("địa chỉ IP"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True, db_index=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("ý kiến bạn đọc")
        verbose_name_plural = _("ý kiến bạn đọc")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.name}: {self.body[:50]}"

    def shows_on_public_pages(self):
        # A comment waiting for moderation is seen by its author only (on a fresh page).
        return self.status != self.Status.PENDING
