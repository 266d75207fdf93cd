"""The party organizations that campaigns target, and the board's annual plans."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .common import private_file


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
