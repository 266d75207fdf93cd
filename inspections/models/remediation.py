"""Remediation after a notice: what each organization must fix, by when, and reminders."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .campaigns import Campaign
from .common import DUE_SOON_DAYS, private_file
from .organizations import PartyOrganization


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
