"""Load the demo site (idempotent): the seed page's site shell and each app's demo content."""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

DEMO_APPS = ["portal", "articles", "documents", "inspections"]


class Command(BaseCommand):
    help = "Nạp nội dung mẫu của trang (chạy lại nhiều lần vẫn an toàn)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Nạp cả khi DEBUG tắt (máy thử nghiệm, đo tải). Không dùng trên máy chủ thật.",
        )

    def handle(self, *args, **options):
        # The demo logins have published passwords, the superuser among them: never on a
        # production site by accident.
        if not (settings.DEBUG or options["force"]):
            raise CommandError(
                "Nội dung mẫu tạo tài khoản quản trị với mật khẩu công khai: chỉ nạp khi "
                "DJANGO_DEBUG bật, hoặc thêm --force trên máy thử nghiệm."
            )
        logins = []
        for label in DEMO_APPS:
            if not apps.is_installed(label):
                continue
            try:
                module = import_module(f"{label}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{label}.demo":
                    raise
                continue
            logins += module.load() or []
            self.stdout.write(f"Đã nạp nội dung mẫu: {label}")
        if logins:
            self.stdout.write(self.style.SUCCESS("\nTài khoản dùng thử (chỉ để trình diễn):"))
            for role, username, password in logins:
                self.stdout.write(
                    f"  {role:<22} tên đăng nhập: {username:<12} mật khẩu: {password}"
                )
                if role == settings.REPORTERS_GROUP:
                    self.stdout.write(
                        f"  {'':<22} (tải được văn bản, tài liệu dành cho Báo cáo viên)"
                    )
            self.stdout.write("  Trang quản trị: http://127.0.0.1:8000/admin/")
