"""Load the demo site (idempotent): the seed page's site shell and each app's demo content."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand

DEMO_APPS = ["portal", "articles", "documents", "inspections"]


class Command(BaseCommand):
    help = "Nạp nội dung mẫu của trang (chạy lại nhiều lần vẫn an toàn)."

    def handle(self, *args, **options):
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
            self.stdout.write("  Trang quản trị: http://127.0.0.1:8000/admin/")
