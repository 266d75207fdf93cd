"""The benchmark's data set: a board's archive after fifteen years, bulk-inserted.

100,000 articles in 30 categories with 3–8 KB bodies, photos and tags; 20,000 documents,
each with a real PDF in the private storage; 200,000 readers' comments; 1,000 party
organizations and 500 inspection campaigns with their whole follow-up; ten years of daily
visits. Everything is drawn from random.Random seeded with --seed (and the chunk it is in),
so the same seed and --until give the same rows.

Rows go in with bulk_create, one transaction per kind. bulk_create runs no save(), so every
column the save path derives (slugs, codes, cleaned HTML, search keys) is computed here by
the project's own functions (bench/project.py); `check_against_save` then saves a sample
of rows through the real save() inside a rolled-back transaction and reports any column
that save() would have written differently.
"""

import collections
import contextlib
import datetime
import itertools
import multiprocessing
import os
import random
import re
import resource
import time
import zoneinfo
from html import escape
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connections, router, transaction
from django.db.models import Max

from articles.models import Article, Category, Comment, Tag
from documents.models import (
    Access,
    Document,
    DocumentCategory,
    DocumentField,
    DocumentFile,
    DocumentKind,
    IssuingBody,
    derived_code,
    derived_symbol,
)
from inspections import lifecycle
from inspections.models import (
    PUBLIC_STATUSES,
    Campaign,
    CampaignEvent,
    CampaignTarget,
    DelegationMember,
    Finding,
    InspectionPlan,
    Notice,
    PartyOrganization,
    RemediationItem,
)
from portal.models import MENU_CACHE_KEY, SIDEBAR_CACHE_KEY, SITE_PROFILE_CACHE_KEY, VisitDay

from . import project, textgen

TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)

# Full-size counts; --scale multiplies them (--articles sets the articles' own).
SIZES = {
    "articles": 100_000,
    "tags": 2_000,
    "comments": 200_000,
    "documents": 20_000,
    "organizations": 1_000,
    "campaigns": 500,
}
YEARS_OF_ARTICLES = 15
YEARS_OF_VISITS = 10
KINDS = ["categories", "tags", "articles", "comments", "documents", "organizations"]
KINDS += ["campaigns", "visits"]
CHUNK = 500  # articles a worker makes at a time
SENTENCES_PER_YEAR = 2_500  # the pool each year's article bodies are drawn from
BATCH = 500  # rows per INSERT

# 6 top-level categories with 4 sub-categories each: 30. The demo's 8 are among them, so
# their pages and menu entries keep working.
CATEGORIES = [
    ("Tin tức – Sự kiện", ["Tin trong tỉnh", "Tin trong nước", "Tin quốc tế", "Tin hoạt động"]),
    (
        "Tuyên truyền",
        ["Đề cương tuyên truyền", "Tuyên truyền miệng", "Thông tin đối ngoại", "Biển, đảo"],
    ),
    (
        "Kiểm tra – Giám sát",
        ["Kết quả kiểm tra", "Kết quả giám sát", "Thi hành kỷ luật đảng", "Nghiệp vụ kiểm tra"],
    ),
    (
        "Báo cáo viên",
        [
            "Thông tin thời sự",
            "Hội nghị báo cáo viên",
            "Tài liệu sinh hoạt chi bộ",
            "Định hướng dư luận",
        ],
    ),
    ("Văn hóa – Xã hội", ["Văn hóa – Văn nghệ", "Giáo dục", "Y tế", "Du lịch"]),
    (
        "Xây dựng Đảng",
        [
            "Học tập và làm theo Bác",
            "Lý luận chính trị",
            "Bảo vệ nền tảng tư tưởng",
            "Công tác dân vận",
        ],
    ),
]
SOURCES = ["Ban Tuyên giáo Tỉnh ủy", "Báo Kon Tum", "Tạp chí Cộng sản", "Báo Nhân Dân", "TTXVN"]

# What each kind of document is about: "<kind> <summary>" reads as its trích yếu.
DOCUMENT_SUBJECTS = {
    "Báo cáo": ["kết quả {obj} {time}", "công tác tuyên giáo {time}; nhiệm vụ trọng tâm"],
    "Hướng dẫn": ["tuyên truyền {obj}", "thực hiện {obj}"],
    "Kế hoạch": ["triển khai {obj} {time}", "kiểm tra, giám sát {obj} {time}"],
    "Nghị quyết": ["về {obj}", "về tăng cường {obj} {time}"],
    "Chỉ thị": ["về đẩy mạnh {obj}", "về tăng cường lãnh đạo {obj}"],
    "Kết luận": ["về tiếp tục thực hiện {obj}"],
    "Quy định": ["về {obj}"],
    "Quyết định": ["ban hành quy chế {obj}", "thành lập đoàn kiểm tra {obj}"],
    "Thông báo": ["kết luận về {obj}", "lịch hội nghị {obj} {time}"],
    "Công văn": ["về việc {obj}", "định hướng tuyên truyền {obj}"],
    "Chương trình": ["hành động thực hiện {obj}"],
    "Đề cương": ["đề cương tuyên truyền {obj}"],
    "Tài liệu": ["tài liệu sinh hoạt chi bộ về {obj}", "tài liệu tuyên truyền {obj}"],
}
KIND_WEIGHTS = {"Báo cáo": 5, "Hướng dẫn": 4, "Kế hoạch": 4, "Công văn": 4, "Thông báo": 3}
BODY_WEIGHTS = {"BTGTU": 8, "TU": 3, "BTVTU": 3, "BTGTW": 3, "HU": 2}
INSPECTION_BODIES = {
    "HU": ("Huyện ủy Kon Plông", 50),
    "BTVHU": ("Ban Thường vụ Huyện ủy Kon Plông", 51),
    "UBKTHU": ("Ủy ban Kiểm tra Huyện ủy Kon Plông", 52),
    "BTGHU": ("Ban Tuyên giáo Huyện ủy Kon Plông", 70),
}
AGENCIES = [
    "Trường Tiểu học", "Trường THCS", "Trường Mầm non", "Trạm Y tế xã", "Phòng Giáo dục",
    "Chi cục Thuế", "Kho bạc Nhà nước", "Hạt Kiểm lâm", "Công an xã", "Ban Chỉ huy Quân sự xã",
    "Bưu điện", "Điện lực", "Trung tâm Văn hóa", "Ngân hàng Chính sách xã hội",
]  # fmt: skip

S = Campaign.Status


# --- Helpers ----------------------------------------------------------------------------


class Slugs:
    """Unique slugs handed out in memory, as portal.slugs.unique_slug hands them out from
    the table: `base`, then `base-2`, `base-3`…, cut to the field's length."""

    def __init__(self, model, max_length):
        self.taken = set(model.objects.values_list("slug", flat=True))
        self.max_length = max_length
        self.next = {}

    def take(self, base):
        base = base[: self.max_length].strip("-") or "bai-viet"
        candidate, n = base, self.next.get(base, 1)
        if candidate in self.taken:
            while True:
                n += 1
                suffix = f"-{n}"
                candidate = base[: self.max_length - len(suffix)] + suffix
                if candidate not in self.taken:
                    break
        self.next[base] = n
        self.taken.add(candidate)
        return candidate


@contextlib.contextmanager
def explicit_timestamps(*models):
    """Let bulk_create store the created_at/updated_at given (a 2012 article was created in
    2012), instead of the auto_now and auto_now_add stamps of the load's moment."""
    saved = []
    for model in models:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                saved.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


@contextlib.contextmanager
def deferred_indexes(*models):
    """On PostgreSQL, drop the tables' plain (non-unique) indexes while they are filled and
    build them again once, at the end: cheaper than updating a trigram index row by row.
    Inside the caller's transaction, so a failed load leaves them as they were."""
    connection = connections[router.db_for_write(models[0])]
    if connection.vendor != "postgresql":
        yield []
        return
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.relname, pg_get_indexdef(i.oid)
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relname = ANY(%s) AND NOT x.indisunique AND NOT x.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
            """,
            [[model._meta.db_table for model in models]],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield indexes
    with connection.cursor() as cursor:
        # The foreign keys are checked at commit; pending checks forbid CREATE INDEX.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for _name, definition in indexes:
            cursor.execute(definition)


def database_cpu_seconds():
    """CPU seconds the PostgreSQL backend of this connection has used, when the server runs
    on this machine (its /proc is readable); None otherwise."""
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return pid, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def ahead(pool, func, tasks, window):
    """pool.imap that keeps at most `window` tasks done or under way: memory stays flat
    when the database is slower than the workers. Without a pool, in this process."""
    if pool is None:
        yield from map(func, tasks)
        return
    tasks = iter(tasks)
    pending = collections.deque(
        pool.apply_async(func, (task,)) for task in itertools.islice(tasks, window)
    )
    while pending:
        result = pending.popleft().get()
        pending.extend(pool.apply_async(func, (task,)) for task in itertools.islice(tasks, 1))
        yield result


def cumulative(weights):
    return list(itertools.accumulate(weights))


def at_time(day, rng, first_hour=7, last_hour=21):
    hour = rng.randint(first_hour, last_hour)
    return datetime.datetime.combine(
        day, datetime.time(hour, rng.randrange(60), rng.randrange(60)), TZ
    )


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


# --- The workers (run in a pool of processes; pure: they never touch the database) -------

# Set by the parent before it forks the pool of a kind; the workers inherit it.
_SHARED = {}


def _sentence_pool(task):
    """(year, (texts, html, search keys, byte lengths of the html)) of a year's sentences."""
    seed, year, count = task
    rng = random.Random(f"{seed}:sentences:{year}")
    texts = [project.nfc(textgen.sentence(rng, year)) for _ in range(count)]
    htmls = [escape(text) for text in texts]
    keys = [project.search_text_of(html) for html in htmls]
    return year, (texts, htmls, keys, [len(html.encode("utf-8")) for html in htmls])


def _articles(task):
    """[(Article without slug, its slug's base, its tags' indices, extra category pk)].

    The bodies are paragraphs of sentences drawn from the year's pool, whose search keys
    search_text_of made once: an article's key is its title's and summary's, its blocks',
    and its tags' keys, one space apart. That is what search_text_of gives for the whole
    article, as no word spans two blocks (line breaks part them, as CKEditor writes them)
    or two sentences; check_against_save compares it with what save() computes.
    """
    seed, start, moments = task
    rng = random.Random(f"{seed}:articles:{start}")
    shared = _SHARED
    tag_names, tag_cum, tag_ranks = shared["tag_names"], shared["tag_cum"], shared["tag_ranks"]
    category_pks, category_cum = shared["category_pks"], shared["category_cum"]
    covers, images, headings = shared["covers"], shared["images"], shared["heading_keys"]
    rows = []
    for moment in moments:
        year = moment.year
        texts, htmls, keys, lengths = shared["sentences"][year]
        title = project.nfc(textgen.title(rng, year)).strip()
        summary = " ".join(texts[rng.randrange(len(texts))] for _ in range(rng.randint(1, 2)))
        summary = project.nfc(summary).strip()
        parts, body_keys = [], []
        for kind, value in textgen.body_plan(rng, year, images, rng.randint(3000, 8000), lengths):
            if kind == "p":
                parts.append("<p>" + " ".join(htmls[i] for i in value) + "</p>")
                body_keys.append(" ".join(keys[i] for i in value))
            elif kind == "h3":
                parts.append(f"<h3>{escape(value)}</h3>")
                body_keys.append(headings[value])
            else:
                parts.append(value)
                body_keys.append(project.search_text_of(value))
        tags = sorted(
            set(rng.choices(range(len(tag_names)), cum_weights=tag_cum, k=rng.randint(1, 5))),
            key=tag_ranks.__getitem__,
        )
        category = rng.choices(category_pks, cum_weights=category_cum)[0]
        extra = rng.choice(category_pks) if rng.random() < 0.08 else None
        cover = covers[rng.randrange(len(covers))] if covers and rng.random() < 0.8 else {}
        status = rng.random()
        search_keys = [
            project.search_text_of(title, summary),
            *body_keys,
            project.search_text_of(*(tag_names[index] for index in tags)),
        ]
        byline = rng.choice(["Bài và ảnh: ", "", "Tin: ", "Nhóm phóng viên: "])
        article = Article(
            title=title,
            category_id=category,
            summary=summary,
            body=project.clean_html("\n\n".join(parts)),
            byline=project.nfc(byline + textgen.person(rng)).strip(),
            source=rng.choice(SOURCES) if rng.random() < 0.3 else "",
            status=(
                Article.Status.PUBLISHED
                if status < 0.96
                else Article.Status.HIDDEN
                if status < 0.98
                else Article.Status.DRAFT
            ),
            published_at=moment,
            is_featured=rng.random() < 0.03,
            allow_comments=rng.random() < 0.95,
            allow_rating=rng.random() < 0.95,
            view_count=min(250_000, int(rng.paretovariate(1.3) * 40)),
            cover_caption=project.nfc(f"Ảnh minh họa: {title[:120]}" if cover else "").strip(),
            search_text=" ".join(key for key in search_keys if key),
            created_at=moment,
            updated_at=moment,
            **cover,
        )
        rows.append(
            (article, project.slugify_vi(title), tags, extra if extra != category else None)
        )
    return rows


COMMENT_STATUSES = [Comment.Status.APPROVED] * 90 + [Comment.Status.PENDING] * 6
COMMENT_STATUSES += [Comment.Status.REJECTED] * 3 + [Comment.Status.SPAM]


def _comments(task):
    """The comments of a run of articles [(pk, published_at, how many)], oldest first."""
    seed, start, articles, end = task
    rng = random.Random(f"{seed}:comments:{start}")
    rows = []
    for pk, published, count in articles:
        for _ in range(count):
            name = textgen.person(rng)
            written = min(end, published + datetime.timedelta(hours=rng.expovariate(1 / 60)))
            email = f"{project.slugify_vi(name).replace('-', '.')}{rng.randrange(100)}"
            rows.append(
                Comment(
                    article_id=pk,
                    name=name,
                    email=f"{email}@example.com",
                    body=project.nfc(textgen.comment(rng, published.year)).strip(),
                    status=rng.choice(COMMENT_STATUSES),
                    visitor=f"c:{rng.getrandbits(128):032x}",
                    ip_address=f"113.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}",
                    created_at=written,
                )
            )
    rows.sort(key=lambda comment: comment.created_at)
    return rows


def _documents(task):
    """[(Document without slug, its slug's base, field pks, category pks, DocumentFile)] of
    documents whose kind, body, number and dates the parent drew; the PDF of each is
    written into the private storage, as an upload is."""
    seed, start, skeletons = task
    rng = random.Random(f"{seed}:documents:{start}")
    shared = _SHARED
    kinds, bodies = shared["kinds"], shared["bodies"]
    field_pks, list_pks = shared["field_pks"], shared["list_pks"]
    file_field = DocumentFile._meta.get_field("file")
    file_type, content_type = shared["file_type"], shared["content_type"]
    now = datetime.datetime.now(TZ)
    rows = []
    for kind_pk, body_pk, number, issued_on in skeletons:
        kind, body = kinds[kind_pk], bodies.get(body_pk)
        time_text = textgen.fill(rng.choice(textgen.TIMES), rng, issued_on.year)
        subject = rng.choice(DOCUMENT_SUBJECTS.get(kind.name, ["về {obj}"]))
        access = [Access.PUBLIC, Access.MEMBERS, Access.REPORTERS]
        view = rng.choices(access, [85, 8, 7])[0]
        download = rng.choices(access, [75, 10, 15])[0] if view == Access.PUBLIC else view
        published = at_time(issued_on + datetime.timedelta(days=rng.randint(1, 5)), rng, 7, 17)
        published = min(now, published)
        views = int(rng.paretovariate(1.4) * 20)
        effective_to = None
        if rng.random() < 0.1:
            effective_to = issued_on + datetime.timedelta(days=rng.randint(30, 1500))
        description = ""
        if rng.random() < 0.5:
            description = f"<p>{escape(textgen.paragraph(rng, issued_on.year))}</p>"
        document = Document(
            number=number,
            kind=kind,
            issuing_body=body,
            summary=subject.format(obj=rng.choice(textgen.OBJECTS), time=time_text)[:500],
            issued_on=issued_on,
            effective_to=effective_to,
            signer=textgen.person(rng) if rng.random() < 0.7 else "",
            description=description,
            view_access=view,
            download_access=download,
            is_published=rng.random() < 0.98,
            published_at=published,
            view_count=views,
            download_count=int(views * rng.random() * 0.6),
            created_at=published,
            updated_at=published,
        )
        # What Document.save() derives, in its order (the slug's uniqueness: the parent).
        project.prepare_document_for_save(document)
        document.symbol = derived_symbol(document)
        document.code = derived_code(document)
        slug_base = project.slugify_vi(f"{document.code} {document.summary}"[:180])
        document.search_text = project.document_search_text(document)
        title = f"{kind.name} {document.symbol}: {document.summary}"
        pdf = project.make_pdf(title, [f"Ngay ban hanh: {issued_on:%d/%m/%Y}"])
        record = DocumentFile(
            title="Toàn văn",
            file_type=file_type,
            content_type=content_type,
            size=len(pdf),
            order=0,
            download_count=document.download_count,
            created_at=document.published_at,
            original_name=project.short_file_name(
                f"{document.code} – {document.summary}"[:150].replace("/", "-") + ".pdf"
            ),
        )
        name = file_field.generate_filename(record, "toan-van.pdf")
        record.file.name = file_field.storage.save(name, ContentFile(pdf))
        rows.append(
            (
                document,
                slug_base,
                rng.sample(field_pks, rng.randint(1, min(2, len(field_pks)))),
                rng.sample(list_pks, 1),
                record,
            )
        )
    return rows


# --- The loader -------------------------------------------------------------------------


class Loader:
    def __init__(self, *, seed, scale, articles, until, jobs, progress, out, keep_indexes):
        self.seed = seed
        self.until = until
        self.jobs = jobs
        self.progress = progress
        self.out = out
        self.keep_indexes = keep_indexes
        self.counts = {kind: max(1, round(size * scale)) for kind, size in SIZES.items()}
        if articles is not None:
            self.counts["articles"] = articles
        self.counts["tags"] = max(40, self.counts["tags"])
        self.timings = {}
        self.steps = {}  # parts of a kind's time worth knowing
        self.cpu_used = {}  # kind: CPU seconds of (this process, the workers, the database)
        self.backends = {}  # PostgreSQL backend pid: its CPU seconds when last read
        self.inserted = collections.Counter()

    def rng(self, kind):
        return random.Random(f"{self.seed}:{kind}")

    def cpu(self):
        """(this process, its finished workers, the database backends) CPU seconds so far."""
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        backend = database_cpu_seconds()
        if backend is not None:
            pid, seconds = backend
            self.backends[pid] = seconds
        return (
            own.ru_utime + own.ru_stime,
            children.ru_utime + children.ru_stime,
            sum(self.backends.values()) if self.backends else None,
        )

    def run(self, kinds):
        for kind in kinds:
            started, cpu = time.monotonic(), self.cpu()
            getattr(self, f"load_{kind}")()
            self.timings[kind] = time.monotonic() - started
            self.cpu_used[kind] = [
                after - before if before is not None else None
                for before, after in zip(cpu, self.cpu(), strict=True)
            ]
        started = time.monotonic()
        self.finish()
        self.timings["analyze, caches"] = time.monotonic() - started
        return self.timings

    def bulk(self, model, rows, batch=BATCH, **kwargs):
        created = model.objects.bulk_create(rows, batch_size=batch, **kwargs)
        self.inserted[model._meta.label] += len(rows)
        return created

    # Categories and tags: few rows, through the normal save path where it is cheap.

    def load_categories(self):
        with transaction.atomic():
            order = 0
            for name, children in CATEGORIES:
                order += 10
                parent, _ = Category.objects.update_or_create(
                    slug=project.slugify_vi(name),
                    defaults={"name": name, "parent": None, "order": order},
                )
                for number, child in enumerate(children, start=1):
                    Category.objects.update_or_create(
                        slug=project.slugify_vi(child),
                        defaults={"name": child, "parent": parent, "order": order + number},
                    )
            top = {c.slug: c for c in Category.objects.filter(parent=None, show_in_menu=True)}
            from articles.demo import load_menu

            load_menu(top)  # an entry for each top-level category the menu lacks

    def categories(self):
        slugs = [project.slugify_vi(name) for name, _ in CATEGORIES]
        slugs += [project.slugify_vi(child) for _, children in CATEGORIES for child in children]
        found = {c.slug: c for c in Category.objects.filter(slug__in=slugs)}
        return [found[slug] for slug in slugs if slug in found]

    def load_tags(self):
        rng = self.rng("tags")
        names = textgen.tag_names(rng, self.counts["tags"])
        existing = set(Tag.objects.values_list("name", flat=True))
        slugs = Slugs(Tag, 120)
        rows = [
            Tag(name=project.nfc(name), slug=slugs.take(project.slugify_vi(name)))
            for name in names
            if project.nfc(name) not in existing
        ]
        with transaction.atomic():
            self.bulk(Tag, rows)

    def tags(self):
        """[(pk, name, rank)] in the order tags are drawn; rank is the tag's place in the
        database's ORDER BY name, the order article_search_text reads an article's tags in."""
        names = [project.nfc(n) for n in textgen.tag_names(self.rng("tags"), self.counts["tags"])]
        rows = Tag.objects.filter(name__in=names).order_by("name").values_list("name", "pk")
        found = {name: (pk, rank) for rank, (name, pk) in enumerate(rows)}
        return [(found[name][0], name, found[name][1]) for name in names if name in found]

    def covers(self):
        """Sixteen cover photos, stored and resized as an editor's upload is; every article
        with a cover uses one of them, and the bodies show their large copies."""
        rng = self.rng("covers")
        covers = []
        for index in range(16):
            article = Article()
            colour = (rng.randrange(40, 200), rng.randrange(30, 120), rng.randrange(30, 160))
            text = textgen.place_name(rng)
            article.cover_image.save(
                "anh.png", project.placeholder_image(text, (1200, 800), colour, index), save=False
            )
            content, name = project.make_thumbnail(
                article.cover_image, project.COVER_THUMBNAIL_SIZE
            )
            article.cover_thumbnail.save(name, content, save=False)
            content, name = project.make_thumbnail(article.cover_image, project.COVER_LARGE_SIZE)
            article.cover_large.save(name, content, save=False)
            covers.append(
                {
                    "cover_image": article.cover_image.name,
                    "cover_width": 1200,
                    "cover_height": 800,
                    "cover_thumbnail": article.cover_thumbnail.name,
                    "cover_large": article.cover_large.name,
                    "cover_large_width": article.cover_large.width,
                    "cover_large_height": article.cover_large.height,
                }
            )
        images = [
            {
                "url": Article._meta.get_field("cover_large").storage.url(c["cover_large"]),
                "width": c["cover_large_width"],
                "height": c["cover_large_height"],
            }
            for c in covers
        ]
        return covers, images

    # The kinds whose rows workers make: a pool forked once the shared values are set.

    @contextlib.contextmanager
    def workers(self, kind):
        """map(func, tasks) over a pool of --jobs processes, in order, at most a few tasks
        ahead; records how long this process waited for them and spent inserting."""
        pool = None
        if self.jobs > 1:
            connections.close_all()  # the workers never use the database
            pool = multiprocessing.get_context("fork").Pool(self.jobs)
        waited = 0.0

        def results(func, tasks):
            nonlocal waited
            iterator = ahead(pool, func, tasks, window=2 * self.jobs)
            while True:
                started = time.monotonic()
                try:
                    result = next(iterator)
                except StopIteration:
                    return
                finally:
                    waited += time.monotonic() - started
                yield result

        started = time.monotonic()
        try:
            yield results
        finally:
            if pool is not None:
                pool.close()
                pool.join()
            self.steps[f"{kind}: waiting for the workers"] = waited
            self.steps[f"{kind}: the rest (inserting)"] = time.monotonic() - started - waited

    # Articles.

    def article_moments(self, count):
        """Publication times over the years, more of them lately (the board writes more)."""
        rng = self.rng("article-times")
        last = self.until
        first = add_years(last, -YEARS_OF_ARTICLES)
        span = (last - first).days
        moments = []
        for _ in range(count):
            day = first + datetime.timedelta(days=int(span * rng.random() ** 0.75))
            moments.append(at_time(min(day, last), rng))
        moments.sort()
        now = datetime.datetime.now(TZ)
        return [min(moment, now - datetime.timedelta(minutes=1)) for moment in moments]

    def load_articles(self):
        count = self.counts["articles"]
        categories = self.categories()
        tags = self.tags()
        started = time.monotonic()
        covers, images = self.covers()
        moments = self.article_moments(count)
        years = range(moments[0].year, moments[-1].year + 1) if moments else []
        with self.workers("sentences") as results:
            tasks = [(self.seed, year, SENTENCES_PER_YEAR) for year in years]
            sentences = dict(results(_sentence_pool, tasks))
        # Most articles in the sub-categories, the provincial news most of all.
        weights = [
            20 if c.slug == "tin-trong-tinh" else 3 if c.parent_id else 1 for c in categories
        ]
        _SHARED.update(
            sentences=sentences,
            heading_keys={
                heading: project.search_text_of(escape(heading))
                for heading in (o[0].upper() + o[1:] for o in textgen.OBJECTS)
            },
            tag_names=[name for _pk, name, _rank in tags],
            tag_ranks=[rank for _pk, _name, rank in tags],
            # A few tags on many articles, most on a few: a Zipf-like law.
            tag_cum=cumulative(1 / (rank + 1) ** 0.9 for rank in range(len(tags))),
            category_pks=[c.pk for c in categories],
            category_cum=cumulative(weights),
            covers=covers,
            images=images,
        )
        self.steps["articles: covers, sentence pools"] = time.monotonic() - started
        tasks = [
            (self.seed, start, moments[start : start + CHUNK]) for start in range(0, count, CHUNK)
        ]
        slugs = Slugs(Article, 200)
        legacy_next = (Article.objects.aggregate(m=Max("legacy_id"))["m"] or 10_000) + 1
        launch = add_years(self.until, -2)  # older articles came from the NukeViet site
        Tags = Article.tags.through
        Extra = Article.extra_categories.through
        postgres = connections[router.db_for_write(Article)].vendor == "postgresql"
        bar = self.progress(total=count, desc="articles", unit="bài")
        with (
            self.workers("articles") as results,
            transaction.atomic(),
            explicit_timestamps(Article),
            contextlib.ExitStack() as stack,
        ):
            if postgres and not self.keep_indexes:
                stack.enter_context(deferred_indexes(Article, Tags, Extra))
            for rows in results(_articles, tasks):
                articles = []
                for article, slug_base, _tags, _extra in rows:
                    article.slug = slugs.take(slug_base)
                    if article.published_at.date() < launch:
                        article.legacy_id = legacy_next
                        article.legacy_alias = nukeviet_alias(article.title)
                        legacy_next += 1
                    articles.append(article)
                self.bulk(Article, articles)
                self.bulk(
                    Tags,
                    [
                        Tags(article_id=article.pk, tag_id=tags[index][0])
                        for article, _slug, indices, _extra in rows
                        for index in indices
                    ],
                    batch=5000,
                )
                self.bulk(
                    Extra,
                    [
                        Extra(article_id=article.pk, category_id=extra)
                        for article, _slug, _tags, extra in rows
                        if extra is not None
                    ],
                    batch=5000,
                )
                bar.update(len(rows))
            if postgres and not self.keep_indexes:
                bar.set_postfix_str("building the indexes")
        bar.close()

    # Comments: readers' opinions under the published articles, most of them approved.

    def load_comments(self):
        rng = self.rng("comments")
        count = self.counts["comments"]
        articles = list(
            Article.objects.published()
            .filter(allow_comments=True)
            .order_by("pk")
            .values_list("pk", "published_at")
        )
        if not articles:
            return
        # Popular articles draw many comments, most draw none or a few.
        cum = cumulative(rng.paretovariate(1.1) for _ in articles)
        per_article = collections.Counter(
            rng.choices(range(len(articles)), cum_weights=cum, k=count)
        )
        end = datetime.datetime.now(TZ)
        tasks, run, size = [], [], 0
        for index, (pk, published) in enumerate(articles):
            if per_article[index]:
                run.append((pk, published, per_article[index]))
                size += per_article[index]
            if size >= 5000 or index == len(articles) - 1:
                tasks.append((self.seed, len(tasks), run, end))
                run, size = [], 0
        bar = self.progress(total=count, desc="comments", unit="ý kiến")
        with (
            self.workers("comments") as results,
            transaction.atomic(),
            explicit_timestamps(Comment),
            deferred_indexes(Comment),
        ):
            for rows in results(_comments, tasks):
                self.bulk(Comment, rows, batch=1000)
                bar.update(len(rows))
        bar.close()

    # Documents: a PDF each, written into the private storage like an upload.

    def document_lists(self):
        from documents import demo as documents_demo

        documents_demo.load_kinds()
        documents_demo.load_bodies()
        documents_demo.load_fields_and_categories()
        for abbreviation, (name, order) in INSPECTION_BODIES.items():
            if not IssuingBody.objects.filter(abbreviation=abbreviation).exists():
                IssuingBody.objects.create(name=name, abbreviation=abbreviation, order=order)

    def document_skeletons(self, rng, count, kinds, bodies):
        """(kind pk, body pk or None, number, issued on) of each document, oldest first:
        numbers counted per kind, body and year, never the number of a stored document
        of the same kind, body and day (the database refuses those)."""
        kind_cum = cumulative(KIND_WEIGHTS.get(k.name, 1) for k in kinds)
        body_cum = cumulative(BODY_WEIGHTS.get(b.abbreviation, 1) for b in bodies)
        keys = set(
            Document.objects.values_list("number", "kind_id", "issuing_body_id", "issued_on")
        )
        numbers = collections.Counter()
        last = self.until
        first = add_years(last, -YEARS_OF_ARTICLES)
        days = sorted(
            first + datetime.timedelta(days=rng.randrange((last - first).days))
            for _ in range(count)
        )
        skeletons = []
        for issued_on in days:
            kind = rng.choices(kinds, cum_weights=kind_cum)[0]
            body = rng.choices(bodies, cum_weights=body_cum)[0] if rng.random() < 0.97 else None
            number = ""
            if not kind.is_material and body is not None:
                key = (kind.pk, body.pk, issued_on.year)
                while True:
                    numbers[key] += 1
                    number = f"{numbers[key]:02d}"
                    if (number, kind.pk, body.pk, issued_on) not in keys:
                        break
                keys.add((number, kind.pk, body.pk, issued_on))
            skeletons.append((kind.pk, body.pk if body else None, number, issued_on))
        return skeletons

    def load_documents(self):
        rng = self.rng("documents")
        count = self.counts["documents"]
        with transaction.atomic():
            self.document_lists()
        kinds = list(DocumentKind.objects.order_by("order", "pk"))
        bodies = list(IssuingBody.objects.order_by("order", "pk"))
        skeletons = self.document_skeletons(rng, count, kinds, bodies)
        sample = project.make_pdf("Toàn văn", ["Tài liệu mẫu"])
        file_type, content_type = project.validate_and_describe(ContentFile(sample, name="a.pdf"))
        _SHARED.update(
            kinds={k.pk: k for k in kinds},
            bodies={b.pk: b for b in bodies},
            field_pks=list(
                DocumentField.objects.order_by("order", "pk").values_list("pk", flat=True)
            ),
            list_pks=list(
                DocumentCategory.objects.order_by("order", "pk").values_list("pk", flat=True)
            ),
            file_type=file_type,
            content_type=content_type,
        )
        tasks = [
            (self.seed, start, skeletons[start : start + 500]) for start in range(0, count, 500)
        ]
        slugs = Slugs(Document, 200)
        Fields = Document.fields.through
        Lists = Document.categories.through
        bar = self.progress(total=count, desc="documents", unit="văn bản")
        with (
            self.workers("documents") as results,
            transaction.atomic(),
            explicit_timestamps(Document, DocumentFile),
            deferred_indexes(Document, DocumentFile, Fields, Lists),
        ):
            for rows in results(_documents, tasks):
                documents = []
                for document, slug_base, _fields, _lists, _file in rows:
                    document.slug = slugs.take(slug_base)
                    documents.append(document)
                self.bulk(Document, documents)
                self.bulk(
                    Fields,
                    [
                        Fields(document_id=document.pk, documentfield_id=pk)
                        for document, _slug, chosen, _lists, _file in rows
                        for pk in chosen
                    ],
                    batch=5000,
                )
                self.bulk(
                    Lists,
                    [
                        Lists(document_id=document.pk, documentcategory_id=pk)
                        for document, _slug, _fields, chosen, _file in rows
                        for pk in chosen
                    ],
                    batch=5000,
                )
                files = []
                for document, _slug, _fields, _lists, record in rows:
                    record.document = document
                    files.append(record)
                self.bulk(DocumentFile, files)
                bar.update(len(rows))
        bar.close()

    # Inspections: the organizations, then a plan a year and its campaigns, all the way.

    def load_organizations(self):
        rng = self.rng("organizations")
        count = self.counts["organizations"]
        K = PartyOrganization.Kind
        taken = set(PartyOrganization.objects.filter(parent=None).values_list("name", flat=True))

        def unique(name):
            candidate, n = name, 1
            while candidate in taken:
                n += 1
                candidate = f"{name} ({n})"
            taken.add(candidate)
            return candidate

        parents, children = [], []
        order = PartyOrganization.objects.aggregate(m=Max("order"))["m"] or 0
        while len(parents) + len(children) < count:
            order += 1
            roll = rng.random()
            if roll < 0.35:
                commune = PartyOrganization(
                    name=unique(f"Đảng bộ xã {textgen.place_name(rng)}"),
                    kind=K.DANG_BO_CO_SO,
                    member_count=rng.randint(10, 60),
                    order=order,
                )
                parents.append(commune)
                cells = set()
                for _ in range(rng.randint(3, 8)):
                    cells.add(f"Chi bộ thôn {textgen.place_name(rng)}")
                for cell in sorted(cells):
                    children.append((commune, cell, rng.randint(8, 40)))
            elif roll < 0.45:
                parents.append(
                    PartyOrganization(
                        name=unique(f"Đảng bộ {rng.choice(AGENCIES)} {textgen.place_name(rng)}"),
                        kind=K.DANG_BO_CO_SO,
                        member_count=rng.randint(30, 120),
                        order=order,
                    )
                )
            else:
                parents.append(
                    PartyOrganization(
                        name=unique(f"Chi bộ {rng.choice(AGENCIES)} {textgen.place_name(rng)}"),
                        kind=K.CHI_BO_CO_SO,
                        member_count=rng.randint(5, 35),
                        order=order,
                        is_active=rng.random() < 0.97,
                    )
                )
        children = children[: max(0, count - len(parents))]
        with transaction.atomic():
            self.bulk(PartyOrganization, parents)
            self.bulk(
                PartyOrganization,
                [
                    PartyOrganization(
                        name=name,
                        kind=K.CHI_BO_TRUC_THUOC,
                        parent=parent,
                        member_count=members,
                        order=index,
                    )
                    for index, (parent, name, members) in enumerate(children)
                ],
            )

    def load_campaigns(self):
        rng = self.rng("campaigns")
        count = self.counts["campaigns"]
        with transaction.atomic():
            self.document_lists()
        bodies = {b.abbreviation: b for b in IssuingBody.objects.order_by("-pk")}
        presiding = [bodies[a] for a in ("BTGHU", "UBKTHU", "HU") if a in bodies]
        organizations = list(
            PartyOrganization.objects.filter(is_active=True).values_list("pk", "name")
        )
        directives = list(
            Document.objects.filter(kind__name__in=["Nghị quyết", "Chỉ thị", "Kết luận"])
            .order_by("issued_on")
            .values_list("pk", "issued_on")
        )
        articles = list(
            Article.objects.published()
            .filter(
                category__slug__in=["kiem-tra-giam-sat", "ket-qua-kiem-tra", "ket-qua-giam-sat"]
            )
            .values_list("pk", flat=True)[:2000]
        )
        actor = get_user_model().objects.filter(username="kiemtra").first()
        today = datetime.datetime.now(TZ).date()
        last = min(self.until, today)
        first_year = last.year - YEARS_OF_ARTICLES + 1
        plans = {}
        with transaction.atomic(), explicit_timestamps(Campaign, InspectionPlan):
            for year in range(first_year, last.year + 1):
                issued = datetime.date(year, 1, rng.randint(10, 25))
                plans[year] = InspectionPlan(
                    year=year,
                    number=f"{rng.randint(1, 40):02d}-KH/HU",
                    title=f"Kế hoạch kiểm tra, giám sát năm {year}",
                    issued_by=bodies.get("BTVHU") or presiding[0],
                    issued_on=issued,
                    planned_count=max(1, round(count / YEARS_OF_ARTICLES)),
                    created_at=at_time(issued, rng),
                )
            self.bulk(InspectionPlan, list(plans.values()))

            campaigns, parts = [], []
            span = (last - datetime.date(first_year, 1, 1)).days
            starts = sorted(
                datetime.date(first_year, 2, 1) + datetime.timedelta(days=rng.randrange(span))
                for _ in range(count)
            )
            for start_on in starts:
                campaign, part = self.campaign(rng, start_on, last, plans, presiding, organizations)
                campaign.responsible = actor
                if campaign.status in PUBLIC_STATUSES and rng.random() < 0.3:
                    campaign.is_public = True
                    campaign.summary = textgen.paragraph(rng, start_on.year, (2, 4))
                    if articles and rng.random() < 0.4:
                        campaign.article_id = rng.choice(articles)
                campaigns.append(campaign)
                parts.append(part)
            self.bulk(Campaign, campaigns)
            self.campaign_parts(rng, campaigns, parts, bodies, directives, actor)
            # The search key holds the notice's number and the targets' names: read back
            # through the model's own method, now that they are stored.
            for campaign in campaigns:
                campaign.search_text = campaign.folded_search_text()
            Campaign.objects.bulk_update(campaigns, ["search_text"], batch_size=BATCH)

    def campaign(self, rng, start_on, last, plans, presiding, organizations):
        kind = rng.choices(list(Campaign.Kind), [40, 45, 15])[0]
        end_on = start_on + datetime.timedelta(days=rng.randint(4, 20))
        period_to = start_on - datetime.timedelta(days=rng.randint(10, 60))
        period_from = add_years(period_to, -rng.randint(1, 4)) + datetime.timedelta(days=1)
        age = (last - end_on).days
        if age > 150:
            status = rng.choices([S.CLOSED, S.FOLLOW_UP, S.CONCLUDED], [70, 20, 10])[0]
        elif age > 0:
            status = rng.choice([S.DRAFT_REPORT, S.CONCLUDED, S.FOLLOW_UP])
        else:
            status = rng.choice([S.PLANNED, S.DECIDED, S.NOTIFIED, S.SELF_REPORTED, S.WORKING])
        stage = lifecycle.ORDER.index(status)
        decided = stage >= lifecycle.ORDER.index(S.DECIDED)
        targets = rng.sample(organizations, rng.randint(1, 3))
        what = "Kiểm tra" if kind == Campaign.Kind.KIEM_TRA else "Giám sát"
        campaign = Campaign(
            kind=kind,
            title=f"{what} việc thực hiện {rng.choice(textgen.OBJECTS)} tại {targets[0][1]}"[:300],
            plan=plans.get(start_on.year),
            presiding_body=rng.choice(presiding),
            decision_number=f"{rng.randint(1, 300)}-QĐ/HU" if decided else "",
            decision_date=start_on - datetime.timedelta(days=rng.randint(7, 20))
            if decided
            else None,
            period_from=period_from,
            period_to=period_to,
            start_on=start_on,
            end_on=end_on,
            status=status,
        )
        if decided and rng.random() < 0.1 and campaign.max_extension() > end_on:
            campaign.extended_to = end_on + datetime.timedelta(
                days=rng.randint(1, (campaign.max_extension() - end_on).days)
            )
        moment = at_time(campaign.decision_date or start_on, rng)
        campaign.created_at = moment
        campaign.updated_at = at_time(min(last, campaign.finish_on), rng)
        return campaign, {"targets": targets, "stage": stage}

    def campaign_parts(self, rng, campaigns, parts, bodies, directives, actor):
        coordinating = [bodies[a] for a in ("UBKTHU", "BTGHU") if a in bodies]
        Coordinating = Campaign.coordinating_bodies.through
        Directives = Campaign.directives.through
        targets, members, events, notices, coordination, checked = [], [], [], [], [], []
        for campaign, part in zip(campaigns, parts, strict=True):
            stage = part["stage"]
            for pk, _name in part["targets"]:
                targets.append(
                    CampaignTarget(
                        campaign=campaign,
                        organization_id=pk,
                        members=textgen.person(rng) if rng.random() < 0.2 else "",
                    )
                )
            for body in coordinating:
                if body.pk != campaign.presiding_body_id and rng.random() < 0.6:
                    coordination.append(
                        Coordinating(campaign_id=campaign.pk, issuingbody_id=body.pk)
                    )
            older = [pk for pk, issued in directives if issued < campaign.start_on][-200:]
            for pk in rng.sample(older, min(len(older), rng.randint(0, 2))):
                checked.append(Directives(campaign_id=campaign.pk, document_id=pk))
            if campaign.decision_number:
                roles = list(DelegationMember.Role)
                for order in range(rng.randint(3, 5)):
                    members.append(
                        DelegationMember(
                            campaign=campaign,
                            name=textgen.person(rng),
                            position=rng.choice(textgen.POSITIONS),
                            role=roles[min(order, 2)] if order < 3 else roles[3],
                            order=order,
                        )
                    )
            day = campaign.decision_date or campaign.start_on
            previous = ""
            for status in lifecycle.ORDER[: stage + 1]:
                day = min(day + datetime.timedelta(days=rng.randint(1, 12)), self.until)
                kinds = lifecycle.STEP_DOCUMENTS.get(status, ("",))
                events.append(
                    CampaignEvent(
                        campaign=campaign,
                        from_status=previous,
                        to_status=status,
                        actor=actor,
                        at=at_time(day, rng, 8, 17),
                        note=textgen.sentence(rng, day.year),
                        document_kind=kinds[0],
                    )
                )
                previous = status
            if stage >= lifecycle.ORDER.index(S.CONCLUDED):
                notices.append(
                    Notice(
                        campaign=campaign,
                        number=f"{rng.randint(1, 120)}-TB/HU",
                        issued_on=campaign.finish_on + datetime.timedelta(days=rng.randint(15, 40)),
                        signer=f"{textgen.person(rng)}, {rng.choice(textgen.POSITIONS)}",
                        recipients="Đảng ủy xã; Thường trực Huyện ủy; Ủy ban Kiểm tra Huyện ủy; Lưu VP.",
                        text=textgen.paragraph(rng, campaign.start_on.year),
                    )
                )
        self.bulk(CampaignTarget, targets)
        self.bulk(Coordinating, coordination, batch=5000)
        self.bulk(Directives, checked, batch=5000)
        self.bulk(DelegationMember, members)
        self.bulk(CampaignEvent, events)
        self.bulk(Notice, notices)
        by_campaign = collections.defaultdict(list)
        for target in targets:
            by_campaign[target.campaign_id].append(target)
        findings, items = [], []
        notice_of = {notice.campaign_id: notice for notice in notices}
        for campaign, part in zip(campaigns, parts, strict=True):
            if part["stage"] < lifecycle.ORDER.index(S.DRAFT_REPORT):
                continue
            for target in by_campaign[campaign.pk]:
                year = campaign.start_on.year
                findings.append(
                    Finding(
                        target=target,
                        strengths=textgen.paragraph(rng, year, (1, 3)),
                        shortcomings=textgen.paragraph(rng, year, (1, 2)),
                        violations=textgen.sentence(rng, year) if rng.random() < 0.1 else "",
                        recommendations=textgen.paragraph(rng, year, (1, 2)),
                    )
                )
            notice = notice_of.get(campaign.pk)
            if notice is None or campaign.status == S.CONCLUDED:
                continue
            for _ in range(rng.randint(1, 3)):
                target = rng.choice(by_campaign[campaign.pk])
                deadline = notice.issued_on + datetime.timedelta(days=rng.randint(30, 120))
                # A closed campaign has every item done; one under follow-up some left.
                done = campaign.status == S.CLOSED or rng.random() < 0.5
                item = RemediationItem(
                    campaign=campaign,
                    organization_id=target.organization_id,
                    what=textgen.sentence(rng, deadline.year),
                    deadline=deadline,
                )
                if done:
                    item.status = rng.choice(
                        [RemediationItem.Status.REPORTED, RemediationItem.Status.VERIFIED]
                    )
                    item.report_number = f"{rng.randint(1, 90)}-BC/ĐU"
                    item.report_date = deadline - datetime.timedelta(days=rng.randint(0, 20))
                    if item.status == RemediationItem.Status.VERIFIED:
                        item.verification_note = "Tổ chức đảng đã khắc phục đầy đủ."
                        item.verified_at = at_time(
                            item.report_date + datetime.timedelta(days=10), rng
                        )
                items.append(item)
        self.bulk(Finding, findings)
        self.bulk(RemediationItem, items)

    # Visits: ten years of days, growing, weekly rhythm, bursts around big events.

    def load_visits(self):
        rng = self.rng("visits")
        today = datetime.datetime.now(TZ).date()
        last = min(self.until, today)
        first = add_years(last, -YEARS_OF_VISITS)
        days = (last - first).days + 1
        bursts = {first + datetime.timedelta(days=rng.randrange(days)) for _ in range(30)}
        existing = set(VisitDay.objects.filter(day__gte=first).values_list("day", flat=True))
        rows = []
        for n in range(days):
            day = first + datetime.timedelta(days=n)
            if day in existing:
                continue
            base = 900 + 2600 * n / days
            if day.weekday() >= 5:
                base *= 0.6
            if any(0 <= (day - burst).days < 4 for burst in bursts):
                base *= rng.uniform(2, 6)
            rows.append(VisitDay(day=day, visits=int(base * rng.uniform(0.8, 1.2))))
        with transaction.atomic():
            self.bulk(VisitDay, rows, batch=1000)

    # After the load: the planner's statistics, and no cached value older than the rows.

    def finish(self):
        connection = connections[router.db_for_write(Article)]
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        project.bump_content_version()
        cache.delete_many(
            [project.BEFORE_MONTH_KEY, MENU_CACHE_KEY, SIDEBAR_CACHE_KEY, SITE_PROFILE_CACHE_KEY]
        )


def nukeviet_alias(title):
    """The alias NukeViet gave an article: its title without diacritics, words joined by
    hyphens, capitals kept ("Hoi-nghi-bao-cao-vien-Tinh-uy")."""
    from documents.demo import ascii_text

    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text(title)).strip("-")[:255]


# --- The check against the save path ------------------------------------------------------


def check_against_save(sample=20, seed=0):
    """Save a sample of the loaded rows through their model's save() in a transaction that is
    rolled back, and return [(model, pk, field, stored, saved)] for every column save()
    would have written differently: a derived column the bulk load missed."""
    rng = random.Random(f"{seed}:check")
    differences = []
    for model in (Article, Document, Campaign, Tag, Category, PartyOrganization):
        pks = list(model.objects.order_by("-pk").values_list("pk", flat=True)[:50_000])
        for pk in rng.sample(pks, min(sample, len(pks))):
            with transaction.atomic():
                row = model.objects.get(pk=pk)
                fields = [
                    f
                    for f in model._meta.concrete_fields
                    if not (getattr(f, "auto_now", False) or f.primary_key)
                ]
                before = {f.attname: getattr(row, f.attname) for f in fields}
                row.save()
                row.refresh_from_db()
                for f in fields:
                    after = getattr(row, f.attname)
                    if _comparable(after) != _comparable(before[f.attname]):
                        differences.append(
                            (model._meta.label, pk, f.attname, before[f.attname], after)
                        )
                transaction.set_rollback(True)
    return differences


_ATTRIBUTES = re.compile(r'\s+[^\s=>/]+(?:="[^"]*")?')


def _comparable(value):
    """HTML with each tag's attributes sorted: the sanitizer (nh3) adds loading="lazy" and
    decoding="async" to <img> in either order, from one call to the next."""
    if not isinstance(value, str) or "<" not in value:
        return value
    return re.sub(
        r"<(\w+)((?:\s+[^\s=>/]+(?:=\"[^\"]*\")?)*)\s*(/?)>",
        lambda m: f"<{m[1]}{''.join(sorted(_ATTRIBUTES.findall(m[2])))}{m[3]}>",
        value,
    )
