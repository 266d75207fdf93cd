"""Build the benchmark's data set: a board's archive after fifteen years (bench/data.py).

    nice .venv/bin/python manage.py bench_data [--seed 9] [--articles 100000] [--scale 1.0]
        [--until 2026-11-30] [--jobs 2] [--yes] [--force]

Repeatable: the same seed and --until give the same rows. Not for a real site: it loads
the demo first (its logins have published passwords), hence the same guard as load_demo.
"""

import datetime
import os
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from articles.models import Article

# Above this many articles the database is someone's archive, not an empty or demo one.
MANY_ARTICLES = 1_000


class Command(BaseCommand):
    help = (
        "Nạp bộ dữ liệu đo hiệu năng: 100.000 bài viết, 20.000 văn bản, 200.000 ý kiến, "
        "1.000 tổ chức đảng, 500 cuộc kiểm tra, giám sát, 10 năm lượt truy cập."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=int, default=9, help="Hạt giống ngẫu nhiên (mặc định 9)."
        )
        parser.add_argument(
            "--articles", type=int, default=None, help="Số bài viết (mặc định 100.000 × scale)."
        )
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Nhân mọi số lượng (0.01: bộ nhỏ để thử)."
        )
        parser.add_argument(
            "--until",
            type=datetime.date.fromisoformat,
            default=None,
            help="Ngày cuối của dữ liệu, YYYY-MM-DD (mặc định hôm nay).",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=os.cpu_count() or 1,
            help="Số tiến trình soạn bài viết (mặc định: số lõi; 1: không dùng tiến trình phụ).",
        )
        parser.add_argument(
            "--kinds",
            default=None,
            help="Chỉ nạp các loại này, cách nhau bởi dấu phẩy (mặc định tất cả).",
        )
        parser.add_argument(
            "--keep-indexes",
            action="store_true",
            help="PostgreSQL: không tạm bỏ các chỉ mục thường của bảng bài viết khi nạp.",
        )
        parser.add_argument("--no-demo", action="store_true", help="Không nạp nội dung mẫu trước.")
        parser.add_argument(
            "--check",
            type=int,
            default=20,
            help="Số dòng mỗi loại được lưu thử qua save() để so các cột suy ra (0: bỏ qua).",
        )
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Nạp thêm cả khi cơ sở dữ liệu đã có nhiều bài viết.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Nạp cả khi DEBUG tắt (máy đo hiệu năng). Không dùng trên máy chủ thật.",
        )

    def handle(self, *args, **options):
        from tqdm import tqdm

        from bench import data

        # The demo's logins have published passwords: never on a production site.
        if not (settings.DEBUG or options["force"]):
            raise CommandError(
                "Bộ dữ liệu đo hiệu năng nạp cả nội dung mẫu, có tài khoản quản trị với mật "
                "khẩu công khai: chỉ nạp khi DJANGO_DEBUG bật, hoặc thêm --force trên máy đo."
            )
        existing = Article.objects.count()
        if existing > MANY_ARTICLES and not options["yes"]:
            raise CommandError(
                f"Cơ sở dữ liệu đã có {existing:,} bài viết: đây có thể là dữ liệu thật. Thêm "
                "--yes để nạp thêm bộ dữ liệu đo hiệu năng vào đó."
            )
        kinds = data.KINDS
        if options["kinds"]:
            kinds = [kind.strip() for kind in options["kinds"].split(",") if kind.strip()]
            unknown = sorted(set(kinds) - set(data.KINDS))
            if unknown:
                raise CommandError(f"Không có loại {', '.join(unknown)}: {', '.join(data.KINDS)}")
        if options["scale"] <= 0:
            raise CommandError("--scale phải lớn hơn 0.")

        started = time.monotonic()
        timings = {}
        if not options["no_demo"]:
            call_command("load_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
            timings["demo"] = time.monotonic() - started

        def progress(**kwargs):
            return tqdm(file=sys.stderr, mininterval=1, dynamic_ncols=True, **kwargs)

        loader = data.Loader(
            seed=options["seed"],
            scale=options["scale"],
            articles=options["articles"],
            until=options["until"] or datetime.date.today(),
            jobs=max(1, options["jobs"]),
            progress=progress,
            out=self.stdout,
            keep_indexes=options["keep_indexes"],
        )
        self.stdout.write(
            f"{connection.vendor}, {connection.settings_dict['NAME']}: "
            + ", ".join(f"{count:,} {kind}" for kind, count in loader.counts.items())
        )
        timings.update(loader.run(kinds))
        if options["check"]:
            checked = time.monotonic()
            differences = data.check_against_save(options["check"], options["seed"])
            timings["check against save()"] = time.monotonic() - checked
        total = time.monotonic() - started

        self.stdout.write(
            "\n| kind | rows | seconds | CPU s: this process | workers | database |"
            "\n| --- | ---: | ---: | ---: | ---: | ---: |"
        )
        rows = {
            "articles": [
                "articles.Article",
                "articles.Article_tags",
                "articles.Article_extra_categories",
            ],
            "tags": ["articles.Tag"],
            "comments": ["articles.Comment"],
            "documents": [
                "documents.Document",
                "documents.DocumentFile",
                "documents.Document_fields",
                "documents.Document_categories",
            ],
            "organizations": ["inspections.PartyOrganization"],
            "campaigns": [
                "inspections.Campaign",
                "inspections.CampaignTarget",
                "inspections.CampaignEvent",
                "inspections.DelegationMember",
                "inspections.Finding",
                "inspections.Notice",
                "inspections.RemediationItem",
            ],
            "visits": ["portal.VisitDay"],
        }
        for kind, seconds in timings.items():
            count = sum(loader.inserted[label] for label in rows.get(kind, []))
            cpu = [
                "" if value is None else f"{value:,.1f}"
                for value in loader.cpu_used.get(kind, [None, None, None])
            ]
            self.stdout.write(f"| {kind} | {count:,} | {seconds:,.1f} | {' | '.join(cpu)} |")
        sums = [sum(v[i] for v in loader.cpu_used.values() if v[i] is not None) for i in range(3)]
        self.stdout.write(
            f"| **total** | {sum(loader.inserted.values()):,} | {total:,.1f} | "
            + " | ".join(f"{value:,.1f}" for value in sums)
            + " |"
        )
        self.stdout.write(
            f"load average now {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
            f"({os.cpu_count()} cores): other work on the machine stretches the wall times"
        )
        for step, seconds in loader.steps.items():
            self.stdout.write(f"  {step}: {seconds:,.1f} s")
        if options["check"] and differences:
            for label, pk, field, stored, saved in differences[:20]:
                self.stderr.write(
                    f"{label} {pk} {field}: {str(stored)[:80]!r} ≠ {str(saved)[:80]!r}"
                )
            raise CommandError(
                f"{len(differences)} cột khác với khi lưu qua save(): bench/data.py chưa tính "
                "đúng các cột suy ra."
            )
