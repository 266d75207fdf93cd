"""Delete presence rows of visitors gone longer than the visit gap (run from cron if wanted).

Requests already prune a batch now and then; this catches up after a burst of new visitors.
"""

from django.core.management.base import BaseCommand

from portal import visits


class Command(BaseCommand):
    help = "Xóa dấu vết của khách đã rời trang quá thời gian một lượt truy cập."

    def handle(self, *args, **options):
        deleted = visits.prune()
        self.stdout.write(f"Đã xóa {deleted} khách không còn truy cập.")
