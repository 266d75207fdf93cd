"""A campaign of inspection or supervision: kind, plan, bodies, window, lifecycle."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.text import fold_words

from .common import MAX_PERIOD_YEARS, _vn, add_years, private_file
from .organizations import InspectionPlan


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
            # Through the relations: the notice and targets are defined after the campaign.
            notices = self._meta.get_field("notice").related_model.objects
            parts += notices.filter(campaign_id=self.pk).values_list("number", flat=True)
            parts += self.targets.values_list("organization__name", flat=True)
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
