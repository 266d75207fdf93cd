"""Documents: directives, guides, reports and outlines, with files restricted by group.

Every file lives in private storage (PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT): no URL reaches
it except the download view, which checks the reader's right each time.
"""

import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.files.storage import private_storage, remove_stored_file
from portal.files.validators import validate_document_upload
from portal.slugs import fill_slug

from .prepare import (
    document_search_text,
    prepare_document_file_for_save,
    prepare_document_for_save,
)

# The years a document's date may have, in the admin and in the list's year filter alike:
# outside them a date is a typing slip (year 1 or 9999, which some databases cannot order).
FIRST_YEAR, LAST_YEAR = 1900, 2100


class Access(models.TextChoices):
    """Who may see a document, or download its files."""

    PUBLIC = "public", _("Mọi người")
    MEMBERS = "members", _("Thành viên đã đăng nhập")
    REPORTERS = "reporters", _("Báo cáo viên")
    GROUPS = "groups", _("Các nhóm được chọn")


class DocumentKind(models.Model):
    """Loại văn bản: Báo cáo (BC), Hướng dẫn (HD)… Two kinds may share an abbreviation."""

    name = models.CharField(_("tên loại"), max_length=100, unique=True)
    abbreviation = models.CharField(
        _("viết tắt"),
        max_length=10,
        blank=True,
        help_text=_("Dùng trong số ký hiệu, ví dụ BC trong 80-BC/BTGTU. Để trống nếu không có."),
    )
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)
    is_material = models.BooleanField(
        _("là tài liệu tuyên truyền"),
        default=False,
        help_text=_("Văn bản loại này hiện ở khối “Tài liệu” thay vì “Văn Bản Mới”."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")
        ordering = ["order", "name"]

    def __str__(self):
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    def save(self, *args, **kwargs):
        fill_slug(self, self.name, 120)
        super().save(*args, **kwargs)


class IssuingBody(models.Model):
    """Cơ quan ban hành. Bodies merge and get renamed: old documents keep the old body."""

    name = models.CharField(_("tên cơ quan"), max_length=200)
    abbreviation = models.CharField(
        _("viết tắt"), max_length=20, help_text=_("Ví dụ BTGTU, BTGTW, TU, HU.")
    )
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)
    active_from = models.DateField(_("hoạt động từ"), null=True, blank=True)
    active_to = models.DateField(
        _("hoạt động đến"),
        null=True,
        blank=True,
        help_text=_("Ngày cơ quan giải thể, sáp nhập hoặc đổi tên; để trống nếu còn hoạt động."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_from__isnull=True)
                | Q(active_to__isnull=True)
                | Q(active_from__lte=models.F("active_to")),
                name="issuingbody_active_from_before_to",
                violation_error_message=_("Ngày bắt đầu hoạt động phải trước ngày kết thúc."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.abbreviation})"

    def save(self, *args, **kwargs):
        fill_slug(self, self.abbreviation or self.name, 120)
        super().save(*args, **kwargs)


class _NamedList(models.Model):
    """A list an editor keeps of names with a slug and an order (fields, categories)."""

    slug = models.SlugField(_("đường dẫn"), max_length=160, unique=True, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        fill_slug(self, self.name, 160)
        super().save(*args, **kwargs)


class DocumentField(_NamedList):
    """Lĩnh vực: tuyên truyền, báo chí, khoa giáo…"""

    name = models.CharField(_("tên lĩnh vực"), max_length=150, unique=True)

    class Meta(_NamedList.Meta):
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")


class DocumentCategory(_NamedList):
    """A browsing category of the documents' pages (Văn bản Trung ương, Tài liệu BCV…)."""

    name = models.CharField(_("tên danh mục"), max_length=150, unique=True)

    class Meta(_NamedList.Meta):
        verbose_name = _("danh mục văn bản")
        verbose_name_plural = _("danh mục văn bản")

    def get_absolute_url(self):
        return reverse("documents:category", args=[self.slug])


def _access_filter(prefix, user):
    """Q of the rows whose rule `<prefix>_access` (groups `<prefix>_groups`) admits the user."""
    field = f"{prefix}_access"
    allowed = Q(**{field: Access.PUBLIC})
    if user is None or not user.is_authenticated:
        return allowed
    allowed |= Q(**{field: Access.MEMBERS})
    group_ids = user_group_ids(user)
    if settings.REPORTERS_GROUP in user_group_names(user):
        allowed |= Q(**{field: Access.REPORTERS})
    if group_ids:
        chosen = Document.objects.filter(**{f"{prefix}_groups__in": group_ids}).values("pk")
        allowed |= Q(**{field: Access.GROUPS, "pk__in": chosen})
    return allowed


def _user_groups(user):
    """(id, name) of the user's groups, read once per user object."""
    cached = getattr(user, "_portal_group_rows", None)
    if cached is None:
        cached = list(user.groups.values_list("id", "name")) if user.is_authenticated else []
        user._portal_group_rows = cached
    return cached


def user_group_ids(user):
    return {pk for pk, _name in _user_groups(user)}


def user_group_names(user):
    return {name for _pk, name in _user_groups(user)}


def sees_everything(user):
    """Staff who may read documents in the admin see and download every published one."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("documents.view_document")
    )


class DocumentQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(is_published=True, published_at__lte=now or timezone.now())

    def visible_to(self, user):
        """Published documents this user may see (their page, their line in lists)."""
        queryset = self.published()
        if sees_everything(user):
            return queryset
        return queryset.filter(_access_filter("view", user))

    def downloadable_by(self, user):
        """Published documents whose files this user may download (and see)."""
        queryset = self.published()
        if sees_everything(user):
            return queryset
        return queryset.filter(_access_filter("view", user)).filter(
            _access_filter("download", user)
        )

    def public(self):
        """What a guest sees: for the kept pages, feeds, the sitemap."""
        return self.published().filter(view_access=Access.PUBLIC)

    def with_status(self, status, day=None):
        """Documents in force, expired or not yet in force on a day (local today by default),
        decided as Document.status_on decides it."""
        day = day or timezone.localdate()
        not_yet = Q(effective_from__gt=day) | Q(effective_from__isnull=True, issued_on__gt=day)
        expired = Q(effective_to__lte=day)
        if status == Document.Status.NOT_YET:
            return self.filter(not_yet)
        if status == Document.Status.EXPIRED:
            return self.exclude(not_yet).filter(expired)
        if status == Document.Status.IN_FORCE:
            return self.exclude(not_yet).exclude(expired)
        return self


class Document(models.Model):
    """A document of the board or from above: number, kind, issuer, files, who may read it."""

    number = models.CharField(
        _("số"),
        max_length=20,
        blank=True,
        help_text=_("Số văn bản như in trên giấy, ví dụ 80 hoặc 04; để trống với tài liệu."),
    )
    kind = models.ForeignKey(
        DocumentKind,
        verbose_name=_("loại văn bản"),
        on_delete=models.PROTECT,
        help_text=_("Báo cáo, Hướng dẫn, Đề cương…; cho chữ viết tắt trong số ký hiệu."),
    )
    issuing_body = models.ForeignKey(
        IssuingBody,
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Cơ quan ký ban hành; để trống với tài liệu không có cơ quan ban hành."),
    )
    symbol = models.CharField(
        _("số và ký hiệu"),
        max_length=60,
        blank=True,
        help_text=_(
            "Như in trên văn bản, ví dụ 80-BC/BTGTU; để trống để tạo từ số, loại, cơ quan."
        ),
    )
    code = models.CharField(
        _("mã hiển thị"),
        max_length=60,
        blank=True,
        help_text=_("Mã ngắn trên trang, ví dụ BC.80.BTGTU; để trống để tạo tự động."),
    )
    summary = models.CharField(
        _("trích yếu"),
        max_length=500,
        help_text=_("Nội dung tóm tắt như in dưới số ký hiệu, ví dụ: Kết quả công tác quý I."),
    )
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Để trống để tạo tự động; đổi đường dẫn sẽ làm hỏng các liên kết cũ."),
    )
    issued_on = models.DateField(_("ngày ban hành"), help_text=_("Ngày ghi trên văn bản."))
    effective_from = models.DateField(
        _("hiệu lực từ"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu có hiệu lực khi ban hành."),
    )
    effective_to = models.DateField(
        _("hết hiệu lực từ"), null=True, blank=True, help_text=_("Để trống nếu chưa hết hiệu lực.")
    )
    signer = models.CharField(
        _("người ký"),
        max_length=150,
        blank=True,
        help_text=_("Họ tên người ký, ví dụ: Nguyễn Văn A."),
    )
    description = models.TextField(
        _("nội dung"), blank=True, help_text=_("Giới thiệu hoặc toàn văn; được làm sạch khi lưu.")
    )
    fields = models.ManyToManyField(
        DocumentField,
        verbose_name=_("lĩnh vực"),
        blank=True,
        related_name="documents",
        help_text=_("Lĩnh vực của văn bản, dùng cho bộ lọc trên trang; chọn được nhiều."),
    )
    categories = models.ManyToManyField(
        DocumentCategory,
        verbose_name=_("danh mục"),
        blank=True,
        related_name="documents",
        help_text=_("Các trang danh mục liệt kê văn bản này; chọn được nhiều."),
    )
    related = models.ManyToManyField(
        "self",
        verbose_name=_("văn bản liên quan"),
        blank=True,
        symmetrical=True,
        help_text=_("Hiện ở cuối trang văn bản; liên kết có ở cả hai văn bản."),
    )
    replaces = models.ManyToManyField(
        "self",
        verbose_name=_("thay thế văn bản"),
        blank=True,
        symmetrical=False,
        related_name="replaced_by",
        help_text=_("Các văn bản cũ mà văn bản này thay thế; trang của chúng sẽ ghi rõ."),
    )
    secret = models.BooleanField(
        _("văn bản mật"),
        default=False,
        help_text=_("Văn bản mật không được đưa lên mạng; trang sẽ từ chối lưu."),
    )
    view_access = models.CharField(
        _("ai được xem"),
        max_length=10,
        choices=Access.choices,
        default=Access.PUBLIC,
        help_text=_("Ai thấy văn bản trong danh sách, tìm kiếm và trang của văn bản."),
    )
    view_groups = models.ManyToManyField(
        Group,
        verbose_name=_("nhóm được xem"),
        blank=True,
        related_name="+",
        help_text=_("Chỉ dùng khi “ai được xem” là các nhóm được chọn."),
    )
    download_access = models.CharField(
        _("ai được tải về"),
        max_length=10,
        choices=Access.choices,
        default=Access.PUBLIC,
        help_text=_("Ai tải được các tệp đính kèm; người tải phải được xem văn bản."),
    )
    download_groups = models.ManyToManyField(
        Group,
        verbose_name=_("nhóm được tải về"),
        blank=True,
        related_name="+",
        help_text=_("Chỉ dùng khi “ai được tải về” là các nhóm được chọn."),
    )
    is_published = models.BooleanField(
        _("đăng trên trang"), default=True, help_text=_("Bỏ chọn để lưu bản nháp, chưa hiện.")
    )
    published_at = models.DateTimeField(
        _("thời điểm đăng"),
        default=timezone.now,
        db_index=True,
        help_text=_("Chọn thời điểm sau để hẹn giờ đăng; văn bản hiện khi đến giờ."),
    )
    view_count = models.PositiveIntegerField(_("lượt xem"), default=0)
    download_count = models.PositiveIntegerField(_("lượt tải"), default=0)
    search_text = models.TextField(_("khóa tìm kiếm"), blank=True, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ngày sửa"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-issued_on", "-published_at", "-id"]
        indexes = [models.Index(fields=["is_published", "-published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(secret=False),
                name="document_never_secret",
                violation_error_message=_(
                    "Văn bản mật không được đưa lên mạng (Luật Bảo vệ bí mật nhà nước)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(effective_from__isnull=True)
                | Q(effective_to__isnull=True)
                | Q(effective_from__lte=models.F("effective_to")),
                name="document_effective_from_before_to",
                violation_error_message=_("Ngày hết hiệu lực không được trước ngày có hiệu lực."),
            ),
            # Numbers restart each term, so only the issue date tells two documents apart.
            models.UniqueConstraint(
                fields=["number", "kind", "issuing_body", "issued_on"],
                condition=~Q(number=""),
                name="document_unique_number_kind_body_date",
                violation_error_message=_(
                    "Đã có văn bản cùng số, loại, cơ quan ban hành và ngày ban hành."
                ),
            ),
        ]

    class Status(models.TextChoices):
        """Whether a document is in force on a given day; computed, never typed."""

        IN_FORCE = "in_force", _("Còn hiệu lực")
        EXPIRED = "expired", _("Hết hiệu lực")
        NOT_YET = "not_yet", _("Chưa hiệu lực")

    def __str__(self):
        return f"{self.display_code} – {self.summary}"

    def save(self, *args, **kwargs):
        prepare_document_for_save(self)
        self._unset_stale_derived_codes()
        if not self.symbol:
            self.symbol = derived_symbol(self)
        if not self.code:
            self.code = derived_code(self)
        fill_slug(self, f"{self.code} {self.summary}"[:180], 200)
        # The codes just derived are part of the search key.
        self.search_text = document_search_text(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:detail", args=[self.slug])

    def _unset_stale_derived_codes(self):
        """Blank a stored symbol or code that is only what the saved number, kind and body
        gave, so that it is derived again from the new ones: changing 356 to 357 must not
        leave "BC.356.BTGTU" on the page. A value the editor typed differs, and is kept."""
        if self.pk is None or not (self.symbol or self.code):
            return
        old = (
            Document.objects.select_related("kind", "issuing_body")
            .only(
                "number",
                "kind",
                "issuing_body",
                "kind__name",
                "kind__abbreviation",
                "issuing_body__abbreviation",
            )
            .filter(pk=self.pk)
            .first()
        )
        if old is None:
            return
        if self.symbol == derived_symbol(old):
            self.symbol = ""
        if self.code == derived_code(old):
            self.code = ""

    @property
    def display_code(self):
        return self.code or derived_code(self)

    @property
    def display_symbol(self):
        return self.symbol or derived_symbol(self)

    def status_on(self, day):
        start = self.effective_from or self.issued_on
        if day < start:
            return self.Status.NOT_YET
        if self.effective_to is not None and day >= self.effective_to:
            return self.Status.EXPIRED
        return self.Status.IN_FORCE

    @property
    def status(self):
        return self.status_on(timezone.localdate())


def derived_symbol(document):
    """Số và ký hiệu as printed: 80-BC/BTGTU; without a number, the kind's name."""
    kind = document.kind if document.kind_id else None
    body = document.issuing_body if document.issuing_body_id else None
    if not document.number:
        return kind.name if kind else ""
    left = "-".join(part for part in [document.number, kind.abbreviation if kind else ""] if part)
    return f"{left}/{body.abbreviation}" if body else left


def derived_code(document):
    """The site's short code: BC.80.BTGTU; without a number, the kind's name in capitals."""
    kind = document.kind if document.kind_id else None
    body = document.issuing_body if document.issuing_body_id else None
    if not document.number:
        return kind.name.upper() if kind else ""
    parts = [kind.abbreviation if kind else "", document.number, body.abbreviation if body else ""]
    return ".".join(part for part in parts if part)


def document_file_name(instance, filename):
    """upload_to: a random name under documents/YYYY/MM/ with the extension of the detected
    content; the uploader's name is kept in original_name only, never on disk."""
    extension = instance.file_type or "bin"
    day = timezone.localdate()
    return f"documents/{day:%Y/%m}/{secrets.token_hex(16)}.{extension}"


class DocumentFile(models.Model):
    """One file of a document, kept in private storage; type decided from its content."""

    document = models.ForeignKey(
        Document, verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(
        _("tệp"),
        storage=private_storage,
        upload_to=document_file_name,
        max_length=255,
        validators=[validate_document_upload],
        help_text=_(
            "PDF, DOC/DOCX, XLS/XLSX, PPT/PPTX, ODT/ODS, ZIP hoặc ảnh; loại tệp được kiểm tra "
            "theo nội dung, không theo tên."
        ),
    )
    title = models.CharField(
        _("tên hiển thị"), max_length=200, blank=True, help_text=_("Để trống để dùng tên tệp.")
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True, editable=False)
    file_type = models.CharField(_("định dạng"), max_length=10, blank=True, editable=False)
    content_type = models.CharField(_("kiểu MIME"), max_length=120, blank=True, editable=False)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(
        _("thứ tự"), default=0, help_text=_("Tệp có số nhỏ hiện trước.")
    )
    download_count = models.PositiveIntegerField(_("lượt tải"), default=0)
    created_at = models.DateTimeField(_("ngày tải lên"), auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["order", "id"]

    def __str__(self):
        # Never the stored name: it is random, and says nothing to an editor.
        return self.title or self.original_name or f"Tệp {self.pk or 'mới'}"

    def save(self, *args, **kwargs):
        # Before the FileField stores the bytes: their type names the file on disk.
        prepare_document_file_for_save(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:download", args=[self.pk])

    @property
    def is_pdf(self):
        return self.file_type == "pdf"


@receiver(post_delete, sender=DocumentFile)
def remove_deleted_file(sender, instance, **kwargs):
    # A restricted file must not outlive its row on disk; removed once the delete is final.
    if instance.file.name:
        remove_stored_file(instance.file.name)


class ReaderVisit(models.Model):
    """When a member last opened their documents page: what is newer is marked new."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="document_visit",
    )
    seen_at = models.DateTimeField(_("lần xem trước"))

    class Meta:
        verbose_name = _("lần xem tài liệu")
        verbose_name_plural = _("lần xem tài liệu")
        ordering = ["-seen_at"]

    def __str__(self):
        return f"{self.user} – {self.seen_at:%d/%m/%Y %H:%M}"

    def shows_on_public_pages(self):
        # A member's visit changes no page a guest is kept: it must not empty the page cache.
        return False
