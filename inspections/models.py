"""Inspection (kiểm tra) and supervision (giám sát) campaigns of the board, and their follow-up.

Records are internal: only the Kiểm tra – Giám sát group and staff keep them; editors read.
Files live in the documents app's private storage and are sent by an access-checked view.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.files.storage import private_storage
from portal.text import fold_words

MAX_PERIOD_YEARS = 5
DUE_SOON_DAYS = 7
UPLOAD_TO = "inspections/%Y/%m/"


def add_years(day, years):
    """The same calendar day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _vn(day):
    return day.strftime("%d/%m/%Y")


def private_file(label):
    """A file of the records: in the private storage, sent only by the checked download."""
    return models.FileField(
        label, storage=private_storage, upload_to=UPLOAD_TO, blank=True, max_length=255
    )


class PartyOrganization(models.Model):
    """A grassroots party organization (tổ chức cơ sở đảng) that campaigns target."""

    class Kind(models.TextChoices):
        DANG_BO_CO_SO = "dang_bo_co_so", _("Đảng bộ cơ sở")
        CHI_BO_CO_SO = "chi_bo_co_so", _("Chi bộ cơ sở")
        DANG_BO_BO_PHAN = "dang_bo_bo_phan", _("Đảng bộ bộ phận")
        CHI_BO_TRUC_THUOC = "chi_bo_truc_thuoc", _("Chi bộ trực thuộc")

    name = models.CharField(_("tên tổ chức"), max_length=200)
    kind = models.CharField(_("loại hình"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    member_count = models.PositiveIntegerField(_("số đảng viên"), default=0)
    is_active = models.BooleanField(
        _("đang hoạt động"), default=True, help_text=_("Bỏ chọn khi tổ chức giải thể, sáp nhập.")
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tổ chức cơ sở đảng")
        verbose_name_plural = _("tổ chức cơ sở đảng")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "parent"], name="partyorg_unique_name")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("inspections:organization", args=[self.pk])


class InspectionPlan(models.Model):
    """The annual programme / plan (chương trình, kế hoạch kiểm tra, giám sát) of a year."""

    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.CharField(
        _("số và ký hiệu"), max_length=60, help_text=_("Như in trên văn bản, ví dụ 12-KH/HU.")
    )
    title = models.CharField(_("trích yếu"), max_length=300)
    issued_by = models.ForeignKey(
        "documents.IssuingBody",
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="inspection_plans",
    )
    issued_on = models.DateField(_("ngày ban hành"))
    planned_count = models.PositiveSmallIntegerField(
        _("số đợt theo kế hoạch"),
        default=0,
        help_text=_("Số cuộc kiểm tra, giám sát kế hoạch đề ra trong năm, ví dụ 03 đợt."),
    )
    file = private_file(_("tệp văn bản"))
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("kế hoạch kiểm tra, giám sát")
        verbose_name_plural = _("kế hoạch kiểm tra, giám sát")
        ordering = ["-year", "-issued_on", "-id"]

    def __str__(self):
        return f"{self.number} – {self.title} ({self.year})"

    def get_absolute_url(self):
        return reverse("inspections:plan", args=[self.pk])


class CampaignQuerySet(models.QuerySet):
    def public(self):
        """Campaigns guests may read: marked public, and concluded (their notice issued)."""
        return self.filter(is_public=True, status__in=PUBLIC_STATUSES)

    def of_year(self, year):
        return self.filter(start_on__year=year)

    def open(self):
        return self.exclude(status=Campaign.Status.CLOSED)


# A campaign's summary may be published once its notice is issued, not while it runs.
PUBLIC_STATUSES = ("concluded", "follow_up", "closed")


class Campaign(models.Model):
    """One inspection or supervision (đợt kiểm tra / giám sát), from plan to closing."""

    class Kind(models.TextChoices):
        KIEM_TRA = "kiem_tra", _("Kiểm tra")
        GIAM_SAT_CHUYEN_DE = "giam_sat_chuyen_de", _("Giám sát chuyên đề")
        GIAM_SAT_THUONG_XUYEN = "giam_sat_thuong_xuyen", _("Giám sát thường xuyên")

    class Status(models.TextChoices):
        """The lifecycle, in order; only the moves in inspections.lifecycle are legal."""

        PLANNED = "planned", _("Theo kế hoạch")
        DECIDED = "decided", _("Đã quyết định thành lập đoàn")
        NOTIFIED = "notified", _("Đã thông báo cho tổ chức")
        SELF_REPORTED = "self_reported", _("Đã nhận báo cáo tự kiểm tra/tự giám sát")
        WORKING = "working", _("Đoàn đang làm việc")
        DRAFT_REPORT = "draft_report", _("Dự thảo báo cáo")
        CONCLUDED = "concluded", _("Đã ban hành thông báo")
        FOLLOW_UP = "follow_up", _("Theo dõi khắc phục")
        CLOSED = "closed", _("Kết thúc")

    kind = models.CharField(_("loại"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("tên cuộc"), max_length=300)
    plan = models.ForeignKey(
        InspectionPlan,
        verbose_name=_("thuộc kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    presiding_body = models.ForeignKey(
        "documents.IssuingBody",
        verbose_name=_("cơ quan chủ trì"),
        on_delete=models.PROTECT,
        related_name="presided_campaigns",
    )
    coordinating_bodies = models.ManyToManyField(
        "documents.IssuingBody",
        verbose_name=_("cơ quan phối hợp"),
        blank=True,
        related_name="coordinated_campaigns",
        help_text=_("Ví dụ Ủy ban Kiểm tra Huyện ủy."),
    )
    decision_number = models.CharField(_("số quyết định thành lập đoàn"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_file = private_file(_("tệp quyết định"))
    directives = models.ManyToManyField(
        "documents.Document",
        verbose_name=_("văn bản được kiểm tra, giám sát"),
        blank=True,
        related_name="campaigns",
        help_text=_("Các chỉ thị, nghị quyết, kết luận mà đoàn kiểm tra, giám sát việc thực hiện."),
    )
    period_from = models.DateField(_("thời kỳ kiểm tra, giám sát từ"))
    period_to = models.DateField(
        _("đến"), help_text=_("Thời kỳ được kiểm tra, giám sát không quá 5 năm.")
    )
    start_on = models.DateField(_("bắt đầu làm việc"))
    end_on = models.DateField(_("kết thúc làm việc"))
    extended_to = models.DateField(
        _("gia hạn đến"),
        null=True,
        blank=True,
        help_text=_("Gia hạn một lần, không quá một phần ba thời gian làm việc ban đầu."),
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=Status.choices,
        default=Status.PLANNED,
        editable=False,
    )
    escalated_from = models.ForeignKey(
        "self",
        verbose_name=_("chuyển từ cuộc giám sát"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="escalations",
        help_text=_("Cuộc giám sát phát hiện dấu hiệu vi phạm dẫn đến cuộc kiểm tra này."),
    )
    summary = models.TextField(
        _("tóm tắt kết quả"),
        blank=True,
        help_text=_("Tóm tắt kết luận, hiện trên trang công khai nếu cuộc được công khai."),
    )
    is_public = models.BooleanField(
        _("công khai"),
        default=False,
        help_text=_(
            "Hiện trang tóm tắt (tên, loại, đối tượng, thời gian, kết luận) cho bạn đọc, từ khi "
            "cuộc đã ban hành thông báo."
        ),
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("bài viết liên quan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaigns",
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ theo dõi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspection_campaigns",
        help_text=_("Người nhận nhắc việc về các nội dung khắc phục."),
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ngày sửa"), auto_now=True)
    search_text = models.TextField(
        _("chữ để tìm"),
        blank=True,
        editable=False,
        help_text=_(
            "Tên, tóm tắt, số quyết định, số thông báo và tên các đối tượng, viết thường không "
            "dấu; tự cập nhật khi lưu."
        ),
    )

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("cuộc kiểm tra, giám sát")
        verbose_name_plural = _("cuộc kiểm tra, giám sát")
        ordering = ["-start_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_from__lte=F("period_to")),
                name="campaign_period_order",
                violation_error_message=_("Thời kỳ kiểm tra: ngày đầu phải trước ngày cuối."),
            ),
            models.CheckConstraint(
                condition=Q(start_on__lte=F("end_on")),
                name="campaign_window_order",
                violation_error_message=_("Ngày kết thúc làm việc phải sau ngày bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(extended_to__isnull=True) | Q(extended_to__gt=F("end_on")),
                name="campaign_extension_after_end",
                violation_error_message=_("Ngày gia hạn phải sau ngày kết thúc ban đầu."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or set(update_fields) & set(self.SEARCHED_FIELDS):
            self.search_text = self.folded_search_text()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("inspections:campaign", args=[self.pk])

    # The columns the folded search text is made of (besides the notice and the targets).
    SEARCHED_FIELDS = ("title", "summary", "decision_number")

    def folded_search_text(self):
        """The searchable words: the campaign's, its notice number's, its targets' names."""
        parts = [getattr(self, name) for name in self.SEARCHED_FIELDS]
        if self.pk:
            parts += Notice.objects.filter(campaign_id=self.pk).values_list("number", flat=True)
            parts += CampaignTarget.objects.filter(campaign_id=self.pk).values_list(
                "organization__name", flat=True
            )
        return fold_words(" ".join(part for part in parts if part))

    def refresh_search_text(self):
        """Rewrite the search text after its notice or targets changed (saved apart)."""
        self.search_text = self.folded_search_text()
        Campaign.objects.filter(pk=self.pk).update(search_text=self.search_text)

    @property
    def is_supervision(self):
        return self.kind != self.Kind.KIEM_TRA

    @property
    def is_published(self):
        """Whether guests can read the public page now (public and concluded)."""
        return self.is_public and self.status in PUBLIC_STATUSES

    @property
    def finish_on(self):
        """The last working day, with the extension if there is one."""
        return self.extended_to or self.end_on

    @property
    def notice_name(self):
        """What the campaign ends in: a conclusion notice, or a supervision result notice."""
        if self.is_supervision:
            return _("Thông báo kết quả giám sát")
        return _("Thông báo kết luận kiểm tra")

    def max_extension(self):
        """The latest day an extension may reach: a third of the original window at most."""
        days = (self.end_on - self.start_on).days + 1
        return self.end_on + datetime.timedelta(days=days // 3)

    def max_period_to(self):
        """The last day a period starting at period_from may reach (five years at most)."""
        return add_years(self.period_from, MAX_PERIOD_YEARS) - datetime.timedelta(days=1)

    # Whether the row was public when read from the database (or last saved): unticking
    # "công khai" must still empty the guests' kept copy of the public page.
    _was_public = False

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._was_public = instance.__dict__.get("is_public", True)
        return instance

    def shows_on_public_pages(self):
        """True when the public page shows or showed the campaign (asked after a save)."""
        if "is_public" in self.get_deferred_fields():
            return True
        was, self._was_public = self._was_public, self.is_public
        return was or self.is_public

    def clean(self):
        """The rules the admin and the forms must refuse with a message (the database
        constraints only catch what slips past)."""
        super().clean()
        errors = {}
        if self.start_on and self.end_on and self.end_on < self.start_on:
            errors["end_on"] = _("Ngày kết thúc làm việc phải sau ngày bắt đầu.")
        if self.period_from and self.period_to:
            if self.period_to < self.period_from:
                errors["period_to"] = _("Thời kỳ kiểm tra, giám sát: ngày cuối phải sau ngày đầu.")
            elif self.period_to > self.max_period_to():
                errors["period_to"] = _(
                    "Thời kỳ kiểm tra, giám sát không quá %(years)d năm: từ %(start)s chỉ đến "
                    "muộn nhất %(last)s."
                ) % {
                    "years": MAX_PERIOD_YEARS,
                    "start": _vn(self.period_from),
                    "last": _vn(self.max_period_to()),
                }
        if "end_on" not in errors:
            message = self.extension_error(self.extended_to)
            if message:
                errors["extended_to"] = message
        if errors:
            raise ValidationError(errors)

    def stored_extension(self):
        if not self.pk:
            return None
        return Campaign.objects.filter(pk=self.pk).values_list("extended_to", flat=True).first()

    def extension_error(self, new_end):
        """Why extending the working window to `new_end` is refused; None if it is allowed."""
        if new_end is None:
            stored = self.stored_extension()
            if stored:
                return _("Không thể bỏ gia hạn đã quyết định (đến %(day)s).") % {"day": _vn(stored)}
            return None
        if not (self.start_on and self.end_on):
            return None
        stored = self.stored_extension()
        if stored and stored != new_end:
            return _(
                "Cuộc đã được gia hạn một lần (đến %(day)s); không được gia hạn lần thứ hai."
            ) % {"day": _vn(stored)}
        if new_end <= self.end_on:
            return _("Ngày gia hạn phải sau ngày kết thúc ban đầu (%(day)s).") % {
                "day": _vn(self.end_on)
            }
        if new_end > self.max_extension():
            return _(
                "Chỉ được gia hạn không quá một phần ba thời gian làm việc ban đầu: muộn nhất "
                "đến %(day)s."
            ) % {"day": _vn(self.max_extension())}
        return None


class CampaignTarget(models.Model):
    """A party organization (and optionally named members) a campaign examines."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("cuộc"), on_delete=models.CASCADE, related_name="targets"
    )
    organization = models.ForeignKey(
        PartyOrganization,
        verbose_name=_("tổ chức đảng"),
        on_delete=models.PROTECT,
        related_name="targets",
    )
    members = models.TextField(
        _("đảng viên được kiểm tra, giám sát"),
        blank=True,
        help_text=_("Họ tên, chức vụ; mỗi người một dòng. Để trống nếu chỉ đối với tổ chức."),
    )

    class Meta:
        verbose_name = _("đối tượng")
        verbose_name_plural = _("đối tượng")
        ordering = ["campaign", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organization"], name="target_unique_per_campaign"
            )
        ]

    def __str__(self):
        return str(self.organization)


class DelegationMember(models.Model):
    """A member of the delegation (đoàn kiểm tra / giám sát)."""

    class Role(models.TextChoices):
        TRUONG_DOAN = "truong_doan", _("Trưởng đoàn")
        PHO_TRUONG_DOAN = "pho_truong_doan", _("Phó Trưởng đoàn")
        THANH_VIEN = "thanh_vien", _("Thành viên")
        THU_KY = "thu_ky", _("Thư ký")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("cuộc"), on_delete=models.CASCADE, related_name="delegation"
    )
    name = models.CharField(_("họ và tên"), max_length=150)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    role = models.CharField(_("nhiệm vụ trong đoàn"), max_length=20, choices=Role.choices)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("thành viên đoàn")
        verbose_name_plural = _("thành viên đoàn")
        ordering = ["campaign", "order", "id"]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"


class CampaignEvent(models.Model):
    """One step of a campaign's lifecycle: who moved it, when, with which document."""

    class DocumentKind(models.TextChoices):
        QUYET_DINH = "quyet_dinh", _("Quyết định")
        KE_HOACH = "ke_hoach", _("Kế hoạch")
        DE_CUONG = "de_cuong", _("Đề cương gợi ý báo cáo")
        BAO_CAO_TU_KIEM_TRA = "tu_bao_cao", _("Báo cáo tự kiểm tra / tự giám sát")
        BIEN_BAN = "bien_ban", _("Biên bản")
        DU_THAO = "du_thao", _("Dự thảo báo cáo")
        THONG_BAO = "thong_bao", _("Thông báo")
        BAO_CAO_KHAC_PHUC = "khac_phuc", _("Báo cáo khắc phục")
        KHAC = "khac", _("Văn bản khác")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("cuộc"), on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(
        _("từ trạng thái"), max_length=16, choices=Campaign.Status.choices, blank=True
    )
    to_status = models.CharField(
        _("sang trạng thái"), max_length=16, choices=Campaign.Status.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    note = models.TextField(_("ghi chú"), blank=True)
    document_kind = models.CharField(
        _("loại văn bản kèm theo"), max_length=16, choices=DocumentKind.choices, blank=True
    )
    file = private_file(_("tệp kèm theo"))
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True, editable=False)

    class Meta:
        verbose_name = _("bước thực hiện")
        verbose_name_plural = _("các bước thực hiện")
        ordering = ["campaign", "at", "id"]

    def __str__(self):
        return f"{self.campaign} → {self.get_to_status_display()}"


class Finding(models.Model):
    """What the delegation found at one target."""

    target = models.OneToOneField(
        CampaignTarget,
        verbose_name=_("đối tượng"),
        on_delete=models.CASCADE,
        related_name="finding",
    )
    strengths = models.TextField(_("ưu điểm"), blank=True)
    shortcomings = models.TextField(_("hạn chế, khuyết điểm"), blank=True)
    violations = models.TextField(_("vi phạm"), blank=True)
    causes = models.TextField(_("nguyên nhân"), blank=True)
    responsibility = models.TextField(_("trách nhiệm"), blank=True)
    new_factors = models.TextField(_("nhân tố mới"), blank=True)
    recommendations = models.TextField(_("kiến nghị"), blank=True)

    class Meta:
        verbose_name = _("kết quả kiểm tra, giám sát")
        verbose_name_plural = _("kết quả kiểm tra, giám sát")
        ordering = ["target"]

    def __str__(self):
        return f"{self.target.campaign} – {self.target}"

    @property
    def has_violations(self):
        return bool(self.violations.strip())


class Notice(models.Model):
    """The notice that concludes a campaign (Thông báo kết luận / kết quả giám sát)."""

    campaign = models.OneToOneField(
        Campaign, verbose_name=_("cuộc"), on_delete=models.CASCADE, related_name="notice"
    )
    number = models.CharField(_("số và ký hiệu"), max_length=60, help_text=_("Ví dụ 25-TB/HU."))
    issued_on = models.DateField(_("ngày ban hành"))
    signer = models.CharField(_("người ký"), max_length=150)
    recipients = models.TextField(_("nơi nhận"), blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    file = private_file(_("tệp thông báo"))

    class Meta:
        verbose_name = _("thông báo kết luận / kết quả giám sát")
        verbose_name_plural = _("thông báo kết luận / kết quả giám sát")
        ordering = ["-issued_on"]

    def __str__(self):
        return f"{self.number} ({self.issued_on:%d/%m/%Y})"

    # The steps at which a campaign may carry its notice.
    ALLOWED_STATUSES = ("draft_report", "concluded", "follow_up", "closed")

    def clean(self):
        super().clean()
        campaign = self.campaign if self.campaign_id else None
        if campaign is not None and campaign.status not in self.ALLOWED_STATUSES:
            raise ValidationError(
                _(
                    "Chỉ ban hành thông báo khi cuộc đã có dự thảo báo cáo; cuộc đang ở bước "
                    "“%(status)s”."
                )
                % {"status": campaign.get_status_display()}
            )


class RemediationQuerySet(models.QuerySet):
    def unfinished(self):
        """Items the organization has not yet done (neither reported nor verified)."""
        return self.filter(status=RemediationItem.Status.OPEN)

    def overdue(self, today=None):
        """Open items whose deadline has passed, by the calendar of Asia/Ho_Chi_Minh."""
        today = today or timezone.localdate()
        return self.unfinished().filter(deadline__lt=today)

    def due_soon(self, today=None, days=DUE_SOON_DAYS):
        """Open items due today or within `days` days."""
        today = today or timezone.localdate()
        return self.unfinished().filter(
            deadline__gte=today, deadline__lte=today + datetime.timedelta(days=days)
        )


class RemediationItem(models.Model):
    """Something an organization must fix after a campaign, and how it was followed up."""

    class Status(models.TextChoices):
        OPEN = "open", _("Đang thực hiện")
        REPORTED = "reported", _("Đã báo cáo")
        VERIFIED = "verified", _("Đã kiểm tra xác nhận")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("cuộc"), on_delete=models.CASCADE, related_name="remediations"
    )
    organization = models.ForeignKey(
        PartyOrganization,
        verbose_name=_("tổ chức thực hiện"),
        on_delete=models.PROTECT,
        related_name="remediations",
    )
    what = models.TextField(_("nội dung khắc phục"))
    deadline = models.DateField(_("hạn hoàn thành"))
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    report_number = models.CharField(_("số báo cáo khắc phục"), max_length=60, blank=True)
    report_date = models.DateField(_("ngày báo cáo"), null=True, blank=True)
    report_file = private_file(_("tệp báo cáo"))
    verification_note = models.TextField(_("ý kiến kiểm tra xác nhận"), blank=True)
    verified_at = models.DateTimeField(_("thời điểm xác nhận"), null=True, blank=True)

    objects = RemediationQuerySet.as_manager()

    class Meta:
        verbose_name = _("nội dung khắc phục")
        verbose_name_plural = _("nội dung khắc phục")
        ordering = ["deadline", "id"]

    def __str__(self):
        return f"{self.organization}: {self.what[:60]}"

    def clean(self):
        super().clean()
        if self.status != self.Status.OPEN and not (self.report_number and self.report_date):
            raise ValidationError(
                _("Nội dung đã báo cáo phải có số và ngày báo cáo khắc phục của tổ chức.")
            )

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and self.deadline < today

    def is_due_soon(self, today=None):
        today = today or timezone.localdate()
        return (
            self.status == self.Status.OPEN
            and today <= self.deadline <= today + datetime.timedelta(days=DUE_SOON_DAYS)
        )


class ReminderSent(models.Model):
    """That a reminder about an item was emailed on a day: at most one per item per day."""

    item = models.ForeignKey(
        RemediationItem, verbose_name=_("nội dung"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("ngày gửi"))
    sent_at = models.DateTimeField(_("thời điểm gửi"), default=timezone.now)

    class Meta:
        verbose_name = _("nhắc việc đã gửi")
        verbose_name_plural = _("nhắc việc đã gửi")
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["item", "day"], name="reminder_once_per_item_per_day")
        ]

    def __str__(self):
        return f"{self.item} – {self.day:%d/%m/%Y}"


# The campaign's search text holds its notice number and its targets' names: refresh it
# when they change, as they are saved apart from the campaign.


def _refresh_campaign(campaign_id):
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is not None:
        campaign.refresh_search_text()


@receiver([post_save, post_delete], sender=CampaignTarget)
@receiver([post_save, post_delete], sender=Notice)
def _campaign_part_changed(sender, instance, **kwargs):
    _refresh_campaign(instance.campaign_id)


@receiver(post_save, sender=PartyOrganization)
def _organization_renamed(sender, instance, created, **kwargs):
    if created:
        return
    for campaign in Campaign.objects.filter(targets__organization=instance).distinct():
        campaign.refresh_search_text()


# The many-to-many tables Django makes have English names ("Campaign-issuingbody
# relationships"), shown on the admin's delete confirmation: name them in Vietnamese.
# Auto-created models are not in the migrations, so this changes no schema.
for _field, _singular, _plural in (
    ("coordinating_bodies", "cơ quan phối hợp của cuộc", "cơ quan phối hợp của cuộc"),
    (
        "directives",
        "văn bản được kiểm tra, giám sát của cuộc",
        "văn bản được kiểm tra, giám sát của cuộc",
    ),
):
    _through = Campaign._meta.get_field(_field).remote_field.through._meta
    _through.verbose_name = _singular
    _through.verbose_name_plural = _plural
