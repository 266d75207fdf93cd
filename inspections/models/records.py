"""What a campaign records: its targets, delegation, steps, findings and notice."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .campaigns import Campaign
from .common import private_file
from .organizations import PartyOrganization


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
