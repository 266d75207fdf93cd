"""The in-process half of the load benchmark (bench/run.py runs it with the server's settings):

    python -m bench.inprocess urls DIR          # the URL lists wrk draws from, from the database
    python -m bench.inprocess sql DIR OUT.json  # SQL queries and time per request, as a guest
    python -m bench.inprocess profile PATH OUT  # cProfile of one guest request of PATH

A guest is a fresh django.test.Client for every request: no cookie, no user agent, as wrk.
"""

import cProfile
import io
import json
import os
import pstats
import random
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote_plus

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.templatetags.static import static  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from articles.models import Article, Category, Tag  # noqa: E402
from documents.models import (  # noqa: E402
    Document,
    DocumentCategory,
    DocumentField,
    DocumentKind,
    IssuingBody,
)

# The reader mix: share of each family of pages in the mixed run.
MIX = {"home": 30, "article": 40, "category": 10, "search": 10, "documents": 10}
# Families measured alone too, the references first.
FAMILIES = ["static", "trivial", "trivial-mw", *MIX]
PER_PAGE = 15  # articles.views.PER_PAGE: the lists' pages
DOCUMENTS_PER_PAGE = 20  # documents.views.PER_PAGE
# What readers of a board's site search for: words of the news, with and without
# diacritics, phrases, a prefix, a typo, and a word found nowhere.
QUERIES = [
    "kiểm tra",
    "kiem tra",
    "giám sát",
    "nghị quyết",
    "nghi quyet trung uong",
    "nghị quyết trung ương",
    "đảng bộ",
    "tuyên truyền",
    "tuyen truyen mieng",
    "báo cáo viên",
    "xây dựng Đảng",
    "chuyển đổi số",
    "Kon Plông",
    "phòng, chống tham nhũng",
    "học tập và làm theo",
    "nông thôn mới",
    "đại hội",
    "sinh hoạt chi bộ",
    "Măng Đen",
    "bầu cử",
    "giam sat chuyen de",
    "tuyen truyn",
    "kiểm tr",
    "quán triệt nghị quyết",
    "dân vận",
    "Ngọc Tem",
    "xyzzy",
]


def _pages(count, per_page, wanted):
    last = max(1, -(-count // per_page))
    return sorted({page for page in wanted if page <= last} | {last})


def families(seed=9):
    """{family: [(weight, path)]}: the distinct URLs each family of pages draws from."""
    rng = random.Random(f"{seed}:urls")
    published = Article.objects.published()
    newest = list(published.order_by("-published_at").values_list("slug", flat=True)[:500])
    everyone = list(published.values_list("slug", flat=True))
    older = rng.sample(everyone, min(len(everyone), 4500))
    # Readers of a burst read the newest articles mostly; the archive too.
    article = [(9, f"/bai-viet/{slug}/") for slug in newest]
    article += [(1, f"/bai-viet/{slug}/") for slug in older]

    category = []
    for c in Category.objects.all():
        count = published.filter(category=c).count()
        for page in _pages(count, PER_PAGE, [1, 2, 3, 5, 10, 50, 100, 500]):
            weight = 8 if page == 1 else 3 if page <= 5 else 1
            suffix = "" if page == 1 else f"?trang={page}"
            category.append((weight, f"/chuyen-muc/{c.slug}/{suffix}"))
    for page in _pages(published.count(), PER_PAGE, [1, 2, 3, 10, 100, 1000, 3000]):
        category.append(
            (8 if page == 1 else 2, "/tin-tuc/" + ("" if page == 1 else f"?trang={page}"))
        )
    for tag in Tag.objects.order_by("pk")[:40]:
        category.append((2, f"/the/{tag.slug}/"))
        category.append((1, f"/the/{tag.slug}/?trang=5"))

    search = [(3, f"/tim-kiem/?q={quote_plus(q)}") for q in QUERIES]
    search += [(1, f"/tim-kiem/?q={quote_plus(q)}&trang=2") for q in QUERIES[:8]]

    public = Document.objects.public()
    lists = [(20, "/van-ban/")]
    for page in _pages(public.count(), DOCUMENTS_PER_PAGE, [2, 3, 5, 100, 500]):
        lists.append((2, f"/van-ban/?trang={page}"))
    for name, model in [
        ("loai", DocumentKind),
        ("co_quan", IssuingBody),
        ("linh_vuc", DocumentField),
        ("danh_muc", DocumentCategory),
    ]:
        for pk in model.objects.values_list("pk", flat=True):
            lists.append((1, f"/van-ban/?{name}={pk}"))
    years = public.dates("issued_on", "year")
    lists += [(1, f"/van-ban/?nam={day.year}") for day in years]
    lists += [(1, f"/van-ban/?hieu_luc={status}") for status in Document.Status.values]
    codes = list(public.exclude(number="").values_list("symbol", flat=True)[:2000])
    lists += [
        (1, f"/van-ban/?q={quote_plus(code)}") for code in rng.sample(codes, min(10, len(codes)))
    ]
    lists += [(1, f"/van-ban/?q={quote_plus(q)}") for q in ["báo cáo", "hướng dẫn tuyên truyền"]]
    lists += [
        (2, f"/van-ban/danh-muc/{slug}/")
        for slug in DocumentCategory.objects.values_list("slug", flat=True)
    ]
    slugs = list(public.values_list("slug", flat=True))
    details = rng.sample(slugs, min(len(slugs), 3000))
    # As many readers open a document as browse the lists.
    weight = sum(w for w, _ in lists) / max(1, len(details))
    documents = lists + [(weight, f"/van-ban/{slug}/") for slug in details]

    return {
        "static": [(1, static("css/site.css"))],
        "trivial": [(1, "/__bench__/trivial")],
        "trivial-mw": [(1, "/__bench__/trivial-mw")],
        "home": [(1, "/")],
        "article": article,
        "category": category,
        "search": search,
        "documents": documents,
    }


def write_urls(directory):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    lists = families()
    mix = []
    for family, urls in lists.items():
        (directory / f"{family}.txt").write_text(
            "".join(f"{weight:g} {path}\n" for weight, path in urls), encoding="utf-8"
        )
        if family in MIX:
            total = sum(weight for weight, _ in urls)
            mix += [(MIX[family] * weight / total, path) for weight, path in urls]
    (directory / "mix.txt").write_text(
        "".join(f"{weight:.6g} {path}\n" for weight, path in mix), encoding="utf-8"
    )
    summary = {family: len(urls) for family, urls in lists.items()}
    summary["mix"] = len(mix)
    summary["stored articles"] = Article.objects.count()
    summary["stored documents"] = Document.objects.count()
    (directory / "urls.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    print(json.dumps(summary))


def _read(directory, family):
    rows = []
    for line in (Path(directory) / f"{family}.txt").read_text(encoding="utf-8").splitlines():
        weight, path = line.split(" ", 1)
        rows.append((float(weight), path))
    return rows


def _settings_for(family):
    if family == "trivial":
        return override_settings(ROOT_URLCONF="bench.urls", MIDDLEWARE=[])
    if family == "trivial-mw":
        return override_settings(ROOT_URLCONF="bench.urls")
    return override_settings()


def guest_get(path):
    return Client(raise_request_exception=False).get(path)


def measure(path):
    """One warm-up request of `path` as a guest, then one more counted: its SQL queries and
    time. The first request's time is kept too (the page maybe not yet kept). A first
    request slower than 5 s is not repeated: its own figures stand for both."""
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        first = guest_get(path)
        first_ms = (time.perf_counter() - started) * 1000
    row = {
        "path": path,
        "status": first.status_code,
        "first_status": first.status_code,
        "queries": len(queries),
        "ms": first_ms,
        "first_ms": first_ms,
        "repeated": False,
    }
    if first_ms > 5000:
        return row
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = guest_get(path)
        row["ms"] = (time.perf_counter() - started) * 1000
    row.update(status=response.status_code, queries=len(queries), repeated=True)
    return row


def sql(directory, out, per_family=8, seed=9):
    rng = random.Random(f"{seed}:sql")
    results = {}
    for family in FAMILIES:
        if family == "static":
            continue
        urls = _read(directory, family)
        paths = [path for _weight, path in urls]
        if len(paths) > per_family:
            # The heaviest-weighted first (page 1, the newest), then a random spread.
            heaviest = max(urls)[1]
            paths = [heaviest, *rng.sample([p for p in paths if p != heaviest], per_family - 1)]
        with _settings_for(family):
            guest_get(paths[0])  # the process's first request loads what every one needs
            rows = [measure(path) for path in paths]
        results[family] = {
            "rows": rows,
            "queries": statistics.median(r["queries"] for r in rows),
            "queries_max": max(r["queries"] for r in rows),
            "ms": statistics.median(r["ms"] for r in rows),
            "ms_max": max(r["ms"] for r in rows),
            "first_ms": statistics.median(r["first_ms"] for r in rows),
            "bad": [r["path"] for r in rows if r["status"] != 200],
        }
        print(
            f"{family:<12} {results[family]['queries']:>5} queries  "
            f"{results[family]['ms']:>8.1f} ms  (first {results[family]['first_ms']:.1f} ms)",
            flush=True,
        )
    Path(out).write_text(json.dumps(results, indent=1), encoding="utf-8")


def _shorter(report):
    """The project's paths relative, the libraries' from their package on."""
    report = report.replace(str(ROOT) + "/", "")
    return re.sub(r"/\S*?/(?:site-packages|python3\.\d+)/", "", report)


def profile(path, out, lines=40):
    """cProfile of one guest request of `path`, the first of it in this process (the home
    page warms the process first): top functions by cumulative, then by own time."""
    guest_get("/")
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    response = guest_get(path)
    profiler.disable()
    ms = (time.perf_counter() - started) * 1000
    parts = []
    for order, count in (("cumulative", lines), ("tottime", 15)):
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats(order).print_stats(count)
        report = text.getvalue()
        parts.append(f"by {order} time:\n" + _shorter(report[report.index("ncalls") - 3 :]))
    header = f"GET {path} → {response.status_code}, {ms:.0f} ms under the profiler\n\n"
    Path(out).write_text(header + "\n".join(parts), encoding="utf-8")
    print(header, end="")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "urls":
        write_urls(*args)
    elif command == "sql":
        sql(*args[:2], per_family=int(args[2]) if len(args) > 2 else 8)
    elif command == "profile":
        profile(*args)
    else:
        sys.exit(__doc__)
