"""The sidebar blocks "Văn Bản Mới" and "Tài liệu", as the seed shows them, with exact figures."""

import datetime
import re

import pytest
from django.conf import settings
from django.template import Context
from django.test import Client, RequestFactory
from django.urls import reverse

from documents.counters import document_register_download
from documents.models import Access
from portal import pagecache
from tests.documents.factories import (
    DocumentFactory,
    DocumentFileFactory,
    DocumentKindFactory,
    IssuingBodyFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SEED = settings.BASE_DIR.parent / "shared/seeds/000_b641f2f4c79caa62.txt"
# (kind, number, body, summary, views, downloads), as the seed's block lists them.
SEVEN = [
    ("BC", "80", "BTGTU", "công tác báo chí quí I; nhiệm vụ trọng tâm quí II-2021", 20, 14),
    ("HD", "04", "BTGTW", "tuyên truyền (kèm đề cương) kỷ niệm 135 năm Ngày Quốc tế Lao động 1/5", 19, 14),
    ("BC", "78", "BTGTU", "công tác Tuyên giáo quí I, nhiệm vụ trọng tâm quí II-2021", 80, 61),
    ("HD", "171", "BTGTW", "tuyên truyền kết quả phát triển KT-XH năm 2020; mục tiêu, nhiệm vụ năm 2021", 131, 63),
    ("BC", "68", "BTGTU", "công tác Tuyên giáo tháng 2; nhiệm vụ trọng tâm tháng 3-2021", 305, 171),
    ("TL", "", "BTGTU", "đề cương tuyên truyền kỷ niệm 110 năm Ngày sinh đồng chí Lê Thanh Nghị", 380, 153),
    ("TL", "", "BTGTU", "Hướng dẫn và Đề cương tuyên truyền kỷ niệm 90 năm Ngày thành lập Đoàn Thanh niên", 630, 179),
]  # fmt: skip


def kinds():
    return {
        "BC": DocumentKindFactory(name="Báo cáo", abbreviation="BC"),
        "HD": DocumentKindFactory(name="Hướng dẫn", abbreviation="HD"),
        "TL": DocumentKindFactory(name="Tài liệu", abbreviation="", is_material=True),
    }


def bodies():
    return {
        "BTGTU": IssuingBodyFactory(name="Ban Tuyên giáo Tỉnh ủy", abbreviation="BTGTU"),
        "BTGTW": IssuingBodyFactory(name="Ban Tuyên giáo Trung ương", abbreviation="BTGTW"),
    }


def make_seven():
    kind, body = kinds(), bodies()
    day = datetime.date(2021, 4, 20)
    documents = []
    for n, (k, number, b, summary, views, downloads) in enumerate(SEVEN):
        documents.append(
            DocumentFactory(
                kind=kind[k],
                number=number,
                issuing_body=body[b],
                summary=summary,
                issued_on=day - datetime.timedelta(days=10 * n),
                view_count=views,
                download_count=downloads,
            )
        )
    return documents


def squeeze(text):
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def block_lines(html, key):
    """The text lines of one block of a page, one per element, in order."""
    start = html.rindex("<section", 0, html.index(f'aria-labelledby="block-{key}"'))
    section = html[start : html.index("</section>", start)]
    lines = [squeeze(line) for line in re.sub(r"<[^>]+>", "\n", section).splitlines()]
    return [line for line in lines if line]


def seed_block_lines():
    lines = [squeeze(line) for line in SEED.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    start = lines.index("Văn Bản Mới")
    return lines[start : start + 1 + 3 * 7]


def test_the_blocks_show_the_seeds_documents_line_by_line():
    make_seven()
    html = Client().get(reverse("portal:home")).content.decode()
    seed = seed_block_lines()
    assert seed[:4] == ["Văn Bản Mới", "BC.80.BTGTU", SEVEN[0][3], "Lượt xem:20 | lượt tải:14"]
    # The five documents under "Văn Bản Mới", the two materials in the block after it.
    assert block_lines(html, "documents-new") == seed[: 1 + 3 * 5]
    assert block_lines(html, "documents-materials") == ["Tài liệu", *seed[1 + 3 * 5 :]]
    assert html.index("block-documents-new") < html.index("block-documents-materials")


def test_a_kept_guest_page_shows_a_download_at_once():
    documents = make_seven()
    file = DocumentFileFactory(document=documents[0])
    guest = Client()
    assert "Lượt xem:20 | lượt tải:14" in guest.get(reverse("portal:home")).content.decode()
    request = RequestFactory().get("/", HTTP_USER_AGENT="Mozilla/5.0 Firefox/128.0")
    request.user = UserFactory(groups=[settings.REPORTERS_GROUP])
    assert document_register_download(request, file)
    # The page is kept (no save happened), and the hole shows the new figure.
    assert "Lượt xem:20 | lượt tải:15" in guest.get(reverse("portal:home")).content.decode()


def test_the_blocks_show_only_what_the_reader_may_see():
    DocumentFactory(summary="văn bản công khai mới")
    DocumentFactory(summary="đề cương chỉ báo cáo viên", view_access=Access.REPORTERS)
    guest_home = Client().get(reverse("portal:home")).content.decode()
    assert "văn bản công khai mới" in guest_home
    assert "đề cương chỉ báo cáo viên" not in guest_home
    reporter = Client()
    reporter.force_login(UserFactory(groups=[settings.REPORTERS_GROUP]))
    assert "đề cương chỉ báo cáo viên" in reporter.get(reverse("portal:home")).content.decode()


def test_without_documents_the_blocks_are_not_shown():
    html = Client().get(reverse("portal:home")).content.decode()
    assert "block-documents-new" not in html
    assert "block-documents-materials" not in html


def test_the_blocks_are_inclusion_templates_with_the_placeholder_replaced():
    make_seven()
    from portal import blocks

    registered = blocks.registered()
    assert registered["documents-new"].template == "documents/blocks/documents.html"
    assert registered["documents-materials"].default_title == "Tài liệu"
    assert registered["documents-materials"].default_order == 11


def render_document_blocks(user):
    from portal import blocks
    from portal.blockrender import render_block

    request = RequestFactory().get("/")
    request.user = user
    context = Context({"request": request, "user": user})
    registered = blocks.registered()
    return "".join(
        render_block(registered[key], registered[key].default_title, context)
        for key in ("documents-new", "documents-materials")
    )


@pytest.mark.parametrize("documents", [5, 50])
def test_both_blocks_cost_one_query_however_many_documents(documents, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    kind = kinds()
    for n in range(documents):
        DocumentFactory(kind=kind["TL" if n % 3 == 0 else "BC"], number=str(n) if n % 3 else "")
    materials = len(range(0, documents, 3))
    # Five documents and two materials, as the seed's sidebar shows them.
    shown = min(2, materials) + min(5, documents - materials)
    with django_assert_num_queries(1):
        html = render_document_blocks(AnonymousUser())
    assert html.count("document-block__item") == shown
    # A member, as each request loads them: their groups, then the one query.
    reporter = UserFactory(groups=[settings.REPORTERS_GROUP])
    reporter = type(reporter).objects.get(pk=reporter.pk)
    with django_assert_num_queries(2):
        html = render_document_blocks(reporter)
    assert html.count("document-block__item") == shown


@pytest.mark.parametrize("documents", [5, 50])
def test_filling_a_kept_page_reads_all_figures_in_one_query(documents, django_assert_num_queries):
    rows = [DocumentFactory() for _ in range(documents)]
    html = "".join(pagecache.live_hole("document-stats", d.pk) for d in rows)
    request = RequestFactory().get("/")
    with django_assert_num_queries(1):
        filled = pagecache._fill_live_fragments(request, html)
    assert filled.count("Lượt xem:0 | lượt tải:0") == documents
