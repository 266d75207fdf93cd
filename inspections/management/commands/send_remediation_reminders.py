"""Email the officers responsible about remediation overdue or due within seven days.

Safe from cron, as often as wanted: an item is reminded at most once a day. The day is
claimed in the database (ReminderSent, unique per item and day) before the email goes,
so two runs at once send it once; an item no recipient could be told about is given back
for the next run. The officer responsible gets their items while they may read the
records; otherwise the Kiểm tra – Giám sát group does.

    manage.py send_remediation_reminders            # today in Asia/Ho_Chi_Minh
    manage.py send_remediation_reminders --dry-run  # say what would be sent, send nothing
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from inspections.access import can_read
from inspections.models import DUE_SOON_DAYS, RemediationItem, ReminderSent
from portal.accounts import display_name


def fallback_recipients():
    """Active members of the inspectors' group with an email address."""
    return list(
        get_user_model()
        .objects.filter(groups__name=settings.INSPECTORS_GROUP, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .distinct()
    )


def recipients_of(campaign, fallback, readers):
    """The officer responsible if they may still read the records, else the group.

    `readers` remembers, per user, whether they may read (one permission check each)."""
    user = campaign.responsible
    if user is not None and user.is_active and user.email:
        if user.pk not in readers:
            readers[user.pk] = can_read(user)
        if readers[user.pk]:
            return [user]
    return fallback


def due_items(today):
    """Open items overdue or due within DUE_SOON_DAYS days of `today`."""
    return (
        RemediationItem.objects.unfinished()
        .filter(deadline__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))
        .select_related("campaign__responsible", "organization")
        .order_by("deadline", "pk")
    )


def claim(item, today):
    """Record that the item is reminded today; False when another run already did."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(item=item, day=today)
    except IntegrityError:
        return False
    return True


class Command(BaseCommand):
    help = (
        "Gửi thư nhắc cán bộ theo dõi về các nội dung khắc phục quá hạn và sắp đến hạn "
        f"(trong {DUE_SOON_DAYS} ngày); mỗi nội dung nhắc tối đa một lần mỗi ngày."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chỉ liệt kê thư sẽ gửi, không gửi và không ghi nhận.",
        )
        parser.add_argument(
            "--today",
            help="Tính hạn theo ngày này (YYYY-MM-DD) thay vì hôm nay; dùng để thử.",
        )

    def handle(self, *args, **options):
        today = self.parse_today(options.get("today"))
        dry_run = options["dry_run"]
        already = set(ReminderSent.objects.filter(day=today).values_list("item_id", flat=True))
        fallback = None
        readers = {}
        by_user, users = defaultdict(list), {}
        skipped = no_recipient = 0
        for item in due_items(today):
            if item.pk in already:
                skipped += 1
                continue
            if fallback is None:
                fallback = fallback_recipients()
            recipients = recipients_of(item.campaign, fallback, readers)
            # Sent to the group because no officer (able to read it) follows the campaign.
            item.unassigned = recipients is fallback
            if not recipients:
                no_recipient += 1
                continue
            if not dry_run and not claim(item, today):
                skipped += 1
                continue
            for user in recipients:
                users[user.pk] = user
                by_user[user.pk].append(item)

        sent = failed = 0
        claimed, reached = set(), set()
        for user_pk, items in by_user.items():
            user = users[user_pk]
            subject, body = self.compose(user, items, today)
            if dry_run:
                self.stdout.write(f"[thử] {user.email}: {subject}")
                continue
            claimed.update(item.pk for item in items)
            try:
                send_mail(subject, body, None, [user.email])
            except Exception as error:  # noqa: BLE001 - any mail failure is reported below
                failed += 1
                self.stderr.write(f"Không gửi được thư tới {user.email}: {error}")
            else:
                sent += 1
                reached.update(item.pk for item in items)
        # A day is given back only for items nobody was told about: with several
        # recipients, one failed send must not make the others get it again tomorrow.
        if claimed - reached:
            ReminderSent.objects.filter(item__in=claimed - reached, day=today).delete()

        items_count = len({item.pk for items in by_user.values() for item in items})
        verb = "Sẽ gửi" if dry_run else "Đã gửi"
        self.stdout.write(
            f"Ngày {today:%d/%m/%Y}: {verb} {sent if not dry_run else len(by_user)} thư về "
            f"{items_count} nội dung khắc phục; bỏ qua {skipped} nội dung đã nhắc hôm nay"
            + (f"; {no_recipient} nội dung không có người nhận" if no_recipient else "")
            + (f"; {failed} thư gửi lỗi" if failed else "")
            + "."
        )

    def parse_today(self, value):
        if not value:
            return timezone.localdate()
        try:
            return datetime.date.fromisoformat(value)
        except ValueError as error:
            raise CommandError("--today phải có dạng YYYY-MM-DD, ví dụ 2017-06-12.") from error

    def compose(self, user, items, today):
        overdue = [item for item in items if item.deadline < today]
        due_soon = [item for item in items if item.deadline >= today]
        for item in overdue:
            item.days_late = (today - item.deadline).days
        for item in due_soon:
            item.days_left = (item.deadline - today).days
        parts = []
        if overdue:
            parts.append(f"{len(overdue)} quá hạn")
        if due_soon:
            parts.append(f"{len(due_soon)} sắp đến hạn")
        subject = f"Nhắc việc: nội dung khắc phục {' và '.join(parts)} ({today:%d/%m/%Y})"
        body = render_to_string(
            "inspections/email/remediation_reminder.txt",
            {
                "user": user,
                "name": display_name(user),
                "overdue": overdue,
                "due_soon": due_soon,
                "today": today,
                "days": DUE_SOON_DAYS,
                "all_assigned": not any(item.unassigned for item in items),
            },
        )
        return subject, body
