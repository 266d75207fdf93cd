"""The site shell: profile (footer facts), menu, sidebar blocks, banners, activity photos,
and the visit statistics."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .images import RandomImageName, make_thumbnail, validate_image_upload

THUMBNAIL_SIZE = (320, 240)

SITE_PROFILE_CACHE_KEY = "portal:site-profile:v1"
MENU_CACHE_KEY = "portal:menu:v1"
SIDEBAR_CACHE_KEY = "portal:sidebar:v1"


class SiteProfile(models.Model):
    """The board's facts shown in the header and footer; a single row (pk=1)."""

    board_name = models.CharField(
        _("tên trang"),
        max_length=200,
        help_text=_("Tên hiển thị ở đầu trang, ví dụ: Trang thông tin điện tử Ban Tuyên giáo …"),
    )
    short_name = models.CharField(
        _("tên ngắn"), max_length=100, blank=True, help_text=_("Dùng trong tiêu đề trang.")
    )
    domain = models.CharField(
        _("tên miền"), max_length=100, blank=True, help_text=_("Ví dụ: tuyengiaokontum.org.vn")
    )
    licence_number = models.CharField(_("số giấy phép"), max_length=100, blank=True)
    licence_date = models.DateField(_("ngày cấp giấy phép"), null=True, blank=True)
    governing_body = models.CharField(_("cơ quan chủ quản"), max_length=200, blank=True)
    governing_body_address = models.CharField(
        _("địa chỉ cơ quan chủ quản"), max_length=300, blank=True
    )
    responsible_person = models.CharField(
        _("người chịu trách nhiệm chính"),
        max_length=300,
        blank=True,
        help_text=_("Họ tên và chức vụ, ví dụ: Ông Nguyễn Văn A, Trưởng Ban Tuyên giáo …"),
    )
    phone = models.CharField(_("điện thoại"), max_length=100, blank=True)
    fax = models.CharField(_("fax"), max_length=100, blank=True)
    email = models.CharField(
        _("email"),
        max_length=300,
        blank=True,
        help_text=_("Có thể ghi nhiều địa chỉ, cách nhau bởi dấu ;"),
    )
    reuse_notice = models.CharField(
        _("ghi chú khi sử dụng lại thông tin"),
        max_length=300,
        blank=True,
        help_text=_(
            "Ví dụ: Ghi rõ nguồn tuyengiaokontum.org.vn khi sử dụng lại thông tin từ website này"
        ),
    )
    emblem = models.ImageField(
        _("biểu trưng"),
        upload_to=RandomImageName("site", "emblem"),
        blank=True,
        validators=[validate_image_upload],
        help_text=_("Biểu trưng (huy hiệu Đảng) ở đầu trang."),
    )
    header_image = models.ImageField(
        _("ảnh đầu trang"),
        upload_to=RandomImageName("site", "header_image"),
        blank=True,
        validators=[validate_image_upload],
        help_text=_("Ảnh nền đầu trang (nên rộng 1200 px)."),
    )
    visits_before_launch = models.PositiveBigIntegerField(
        _("tổng lượt truy cập trước đây"),
        default=0,
        help_text=_(
            "Số lượt truy cập của trang cũ (ví dụ NukeViet) trước khi chuyển sang hệ thống này; "
            "được cộng vào « Tổng lượt truy cập »."
        ),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("thông tin website")
        verbose_name_plural = _("thông tin website")

    def __str__(self):
        return self.board_name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        """Return the profile (cached; a save clears the cache), creating a default row."""
        profile = cache.get(SITE_PROFILE_CACHE_KEY)
        if profile is None:
            profile, _created = cls.objects.get_or_create(
                pk=1, defaults={"board_name": "Trang thông tin điện tử Ban Tuyên giáo"}
            )
            cache.set(SITE_PROFILE_CACHE_KEY, profile, 60 * 60)
        return profile


def validate_menu_url(value):
    """A path of this site (/van-ban/) or a full http(s) address; nothing that runs script."""
    if value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ValidationError(
            _("Đường dẫn phải bắt đầu bằng / (trang trong website) hoặc http://, https://."),
            code="invalid_menu_url",
        ) from None


class MenuItemQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_visible=True)


class MenuItem(models.Model):
    """An entry of the main menu; entries with a parent form its drop-down."""

    title = models.CharField(_("tiêu đề"), max_length=100)
    url = models.CharField(
        _("đường dẫn"),
        max_length=300,
        validators=[validate_menu_url],
        help_text=_("Đường dẫn trong trang (ví dụ /van-ban/) hoặc địa chỉ đầy đủ https://…"),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("mục cha"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_visible = models.BooleanField(_("hiển thị"), default=True)
    open_in_new_tab = models.BooleanField(_("mở trong thẻ mới"), default=False)

    objects = MenuItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("mục trình đơn")
        verbose_name_plural = _("trình đơn chính")
        ordering = ["order", "id"]

    def __str__(self):
        return self.title


class SidebarBlock(models.Model):
    """Where a sidebar block stands and whether it shows; the blocks are template tags."""

    key = models.CharField(
        _("khối"), max_length=50, unique=True, help_text=_("Khối do hệ thống cung cấp.")
    )
    title = models.CharField(_("tiêu đề"), max_length=100)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_visible = models.BooleanField(_("hiển thị"), default=True)

    class Meta:
        verbose_name = _("khối cột phải")
        verbose_name_plural = _("khối cột phải")
        ordering = ["order", "id"]

    def __str__(self):
        return self.title


class BannerQuerySet(models.QuerySet):
    def live(self, position=None, now=None):
        """Banners that are switched on and inside their display window now."""
        now = now or timezone.now()
        qs = self.filter(is_active=True).filter(
            models.Q(show_from__isnull=True) | models.Q(show_from__lte=now),
            models.Q(show_until__isnull=True) | models.Q(show_until__gt=now),
        )
        if position:
            qs = qs.filter(position=position)
        return qs


class Banner(models.Model):
    class Position(models.TextChoices):
        SIDEBAR = "sidebar", _("Cột phải")
        HEADER = "header", _("Dưới đầu trang")
        FOOTER = "footer", _("Trên chân trang")

    title = models.CharField(_("tiêu đề"), max_length=200)
    image = models.ImageField(
        _("hình ảnh"),
        upload_to=RandomImageName("banners", "image"),
        width_field="image_width",
        height_field="image_height",
        validators=[validate_image_upload],
    )
    image_width = models.PositiveIntegerField(editable=False, null=True)
    image_height = models.PositiveIntegerField(editable=False, null=True)
    link = models.URLField(
        _("liên kết"),
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Địa chỉ http:// hoặc https:// mà ảnh dẫn tới."),
    )
    position = models.CharField(
        _("vị trí"), max_length=20, choices=Position.choices, default=Position.SIDEBAR
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    show_from = models.DateTimeField(_("hiển thị từ"), null=True, blank=True)
    show_until = models.DateTimeField(_("hiển thị đến"), null=True, blank=True)
    open_in_new_tab = models.BooleanField(_("mở trong thẻ mới"), default=True)
    is_active = models.BooleanField(_("đang bật"), default=True)
    click_count = models.PositiveIntegerField(_("lượt bấm"), default=0, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = BannerQuerySet.as_manager()

    class Meta:
        verbose_name = _("quảng cáo / liên kết ảnh")
        verbose_name_plural = _("quảng cáo / liên kết ảnh")
        ordering = ["position", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(show_from__isnull=True)
                | models.Q(show_until__isnull=True)
                | models.Q(show_until__gt=models.F("show_from")),
                name="banner_window_ordered",
                violation_error_message=_("« Hiển thị đến » phải sau « Hiển thị từ »."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:banner-click", args=[self.pk])


class PhotoAlbumQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class PhotoAlbum(models.Model):
    title = models.CharField(_("tiêu đề"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=200, unique=True, allow_unicode=False)
    description = models.TextField(_("mô tả"), blank=True)
    event_date = models.DateField(_("ngày hoạt động"), default=timezone.localdate)
    is_published = models.BooleanField(_("đã đăng"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = PhotoAlbumQuerySet.as_manager()

    class Meta:
        verbose_name = _("album ảnh hoạt động")
        verbose_name_plural = _("hình ảnh hoạt động")
        ordering = ["-event_date", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:album", args=[self.slug])


class PhotoQuerySet(models.QuerySet):
    def published(self):
        return self.filter(album__is_published=True)


class Photo(models.Model):
    album = models.ForeignKey(
        PhotoAlbum, verbose_name=_("album"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("ảnh"),
        upload_to=RandomImageName("photos", "image"),
        width_field="image_width",
        height_field="image_height",
        validators=[validate_image_upload],
    )
    image_width = models.PositiveIntegerField(editable=False, null=True)
    image_height = models.PositiveIntegerField(editable=False, null=True)
    thumbnail = models.ImageField(upload_to="photos/thumbs/", editable=False, blank=True)
    caption = models.CharField(_("chú thích"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")
        ordering = ["album", "order", "id"]

    def __str__(self):
        return self.caption or f"Ảnh {self.pk}"

    def save(self, *args, **kwargs):
        # The thumbnail is made once, when the photo (or its image) is saved.
        regenerate = bool(self.image) and (not self.thumbnail or not self.image._committed)
        super().save(*args, **kwargs)
        if regenerate:
            content, name = make_thumbnail(self.image, THUMBNAIL_SIZE)
            self.thumbnail.save(name, content, save=False)
            super().save(update_fields=["thumbnail"])

    def get_absolute_url(self):
        return reverse("portal:photo", args=[self.pk])


# --- Visit statistics ---------------------------------------------------------------------


class VisitorPresence(models.Model):
    """The last request of one visitor: who is online, and when a visit started.

    Rows older than the visit gap are no longer needed and are pruned.
    """

    class Kind(models.TextChoices):
        GUEST = "guest", _("Khách")
        MEMBER = "member", _("Thành viên")
        BOT = "bot", _("Máy chủ tìm kiếm")

    key = models.CharField(_("khóa khách"), max_length=64, primary_key=True)
    kind = models.CharField(_("loại"), max_length=6, choices=Kind.choices)
    last_seen = models.DateTimeField(_("lần cuối"), db_index=True)

    class Meta:
        verbose_name = _("khách đang truy cập")
        verbose_name_plural = _("khách đang truy cập")
        ordering = ["-last_seen"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.key[:8]}"


class VisitDayQuerySet(models.QuerySet):
    def totals(self, today):
        """Visits today, this month and in all days recorded, in one query."""
        first = today.replace(day=1)
        return self.aggregate(
            today=models.Sum("visits", filter=models.Q(day=today), default=0),
            month=models.Sum("visits", filter=models.Q(day__gte=first, day__lte=today), default=0),
            total=models.Sum("visits", default=0),
        )


class VisitDay(models.Model):
    """Visits counted on one day (Asia/Ho_Chi_Minh), kept for good."""

    day = models.DateField(_("ngày"), unique=True)
    visits = models.PositiveBigIntegerField(_("lượt truy cập"), default=0)

    objects = VisitDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt truy cập theo ngày")
        verbose_name_plural = _("lượt truy cập theo ngày")
        ordering = ["-day"]

    def __str__(self):
        return f"{self.day:%d/%m/%Y}: {self.visits}"
