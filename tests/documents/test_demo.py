"""The documents of load_demo: the seed's seven exactly, real files, a second run adds nothing."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command

from documents import demo
from documents.models import Access, Document, DocumentFile, DocumentKind, IssuingBody

pytestmark = pytest.mark.django_db

# The seed's "Văn Bản Mới" block, in its order.
SEED_BLOCK = [
    ("BC.80.BTGTU", "công tác báo chí quí I; nhiệm vụ trọng tâm quí II-2021", 20, 14),
    (
        "HD.04.BTGTW",
        "tuyên truyền (kèm đề cương) kỷ niệm 135 năm Ngày Quốc tế Lao động 1/5",
        19,
        14,
    ),
    ("BC.78.BTGTU", "công tác Tuyên giáo quí I, nhiệm vụ trọng tâm quí II-2021", 80, 61),
    (
        "HD.171.BTGTW",
        "tuyên truyền kết quả phát triển KT-XH năm 2020; mục tiêu, nhiệm vụ năm 2021",
        131,
        63,
    ),
    ("BC.68.BTGTU", "công tác Tuyên giáo tháng 2; nhiệm vụ trọng tâm tháng 3-2021", 305, 171),
    (
        "TÀI LIỆU",
        "đề cương tuyên truyền kỷ niệm 110 năm Ngày sinh đồng chí Lê Thanh Nghị",
        380,
        153,
    ),
    (
        "TÀI LIỆU",
        "Hướng dẫn và Đề cương tuyên truyền kỷ niệm 90 năm Ngày thành lập Đoàn Thanh niên",
        630,
        179,
    ),
]


@pytest.fixture
def loaded():
    demo.load()


def _newest(count=7):
    rows = Document.objects.public().values_list("code", "summary", "view_count", "download_count")
    return list(rows[:count])


def test_the_seed_seven_are_newest_first_with_their_exact_counts(loaded):
    assert _newest() == SEED_BLOCK


def test_a_second_load_doubles_nothing(loaded):
    counts = [
        model.objects.count() for model in (Document, DocumentFile, DocumentKind, IssuingBody)
    ]
    demo.load()
    assert counts == [
        model.objects.count() for model in (Document, DocumentFile, DocumentKind, IssuingBody)
    ]
    assert _newest() == SEED_BLOCK


def test_the_materials_and_one_report_are_downloaded_by_reporters_only(loaded):
    restricted = set(
        Document.objects.filter(download_access=Access.REPORTERS, issued_on__year=2021)
        .values_list("code", flat=True)
        .distinct()
    )
    assert restricted == {"TÀI LIỆU", "BC.78.BTGTU"}
    assert Document.objects.filter(code="TÀI LIỆU", view_access=Access.PUBLIC).count() == 2


def _pdf_is_well_formed(content):
    """Every object the cross-reference table points at starts where it says."""
    assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")
    start = int(re.search(rb"startxref\s+(\d+)", content).group(1))
    assert content[start:].startswith(b"xref")
    offsets = re.findall(rb"(\d{10}) 00000 n", content[start:])
    for number, offset in enumerate(offsets, start=1):
        assert content[int(offset) :].startswith(b"%d 0 obj" % number)
    return content


def test_every_document_has_a_real_file_in_private_storage(loaded, settings):
    for document in Document.objects.all():
        files = list(document.files.all())
        assert files, document.code
        for stored in files:
            path = Path(stored.file.path)
            assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
            assert re.fullmatch(r"documents/\d{4}/\d{2}/[0-9a-f]{32}\.(pdf|docx)", stored.file.name)
            content = path.read_bytes()
            assert len(content) == stored.size
            if stored.file_type == "pdf":
                _pdf_is_well_formed(content)
                symbol = demo.ascii_text(f"So va ky hieu: {document.display_symbol}")
                assert symbol.encode() in content
            else:
                with zipfile.ZipFile(io.BytesIO(content)) as archive:
                    assert "word/document.xml" in archive.namelist()
    outline = DocumentFile.objects.get(file_type="docx")
    assert outline.document.code == "HD.04.BTGTW"
    # The seed's download count is the main file's; the figures add up.
    main = Document.objects.get(code="BC.80.BTGTU").files.get()
    assert main.download_count == 14


def test_more_documents_around_the_seed_cover_each_status_and_rule(loaded):
    others = Document.objects.exclude(issued_on__year=2021, issued_on__month__gte=2)
    assert 10 <= others.count() <= 20
    statuses = {document.status for document in others}
    assert statuses == set(Document.Status)
    assert others.filter(view_access=Access.MEMBERS).exists()
    replaced = Document.objects.get(code="QĐ.08.TU")
    assert replaced.status == Document.Status.EXPIRED
    assert replaced.replaced_by.get().code == "QĐ.15.TU"
    assert IssuingBody.objects.filter(active_to__isnull=False).exists()
    assert DocumentKind.objects.filter(abbreviation="QĐ").count() == 2


def test_load_demo_prints_that_the_reporter_downloads_their_documents():
    out = io.StringIO()
    call_command("load_demo", force=True, stdout=out)
    text = out.getvalue()
    assert "baocaovien" in text
    assert "tải được văn bản, tài liệu dành cho Báo cáo viên" in text
    assert Document.objects.filter(code="BC.80.BTGTU").count() == 1
