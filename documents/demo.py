"""Demo documents (load_demo calls load()): the seed's seven exactly, more around them.

Each document gets a generated file that really opens (a one-page PDF, an outline as DOCX),
attached through the same checks as an editor's upload. A second run adds nothing.
"""

import datetime
import io
import unicodedata
import zipfile
import zoneinfo

from django.db import transaction
from django.utils import timezone

from .models import (
    Access,
    Document,
    DocumentCategory,
    DocumentField,
    DocumentFile,
    DocumentKind,
    IssuingBody,
)
from .services import document_attach_file

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")

# name, abbreviation, is material, order
KINDS = [
    ("Báo cáo", "BC", False, 10),
    ("Hướng dẫn", "HD", False, 20),
    ("Kế hoạch", "KH", False, 30),
    ("Nghị quyết", "NQ", False, 40),
    ("Chỉ thị", "CT", False, 50),
    ("Kết luận", "KL", False, 60),
    ("Quy định", "QĐ", False, 70),
    ("Quyết định", "QĐ", False, 80),
    ("Thông báo", "TB", False, 90),
    ("Công văn", "CV", False, 100),
    ("Chương trình", "CTr", False, 110),
    ("Đề cương", "", True, 120),
    ("Tài liệu", "", True, 130),
]

# name, abbreviation, active from, active to, order
BODIES = [
    ("Ban Tuyên giáo Tỉnh ủy", "BTGTU", None, None, 10),
    ("Ban Tuyên giáo Trung ương", "BTGTW", None, None, 20),
    ("Tỉnh ủy", "TU", None, None, 30),
    ("Ban Thường vụ Tỉnh ủy", "BTVTU", None, None, 40),
    ("Huyện ủy Kon Plông", "HU", None, None, 50),
    ("Ban Chấp hành Trung ương", "BCHTW", None, None, 60),
    # Merged into the provincial board in 2025: its documents keep its name.
    (
        "Ban Tuyên giáo Huyện ủy Kon Plông",
        "BTGHU",
        datetime.date(2002, 1, 1),
        datetime.date(2025, 6, 30),
        70,
    ),
]

FIELDS = [
    "Tuyên truyền",
    "Báo chí – Xuất bản",
    "Lý luận chính trị",
    "Khoa giáo",
    "Văn hóa – Văn nghệ",
]
CATEGORIES = [
    "Văn bản Trung ương",
    "Văn bản của tỉnh",
    "Tài liệu Báo cáo viên",
    "Đề cương tuyên truyền",
]

PUBLIC, REPORTERS, MEMBERS = Access.PUBLIC, Access.REPORTERS, Access.MEMBERS

# The seed's "Văn Bản Mới" block, newest first: kind, number, body, summary, issued on,
# views, downloads, download access, field, category.
SEED = [
    (
        "Báo cáo",
        "80",
        "BTGTU",
        "công tác báo chí quí I; nhiệm vụ trọng tâm quí II-2021",
        datetime.date(2021, 4, 20),
        20,
        14,
        PUBLIC,
        "Báo chí – Xuất bản",
        "Văn bản của tỉnh",
    ),
    (
        "Hướng dẫn",
        "04",
        "BTGTW",
        "tuyên truyền (kèm đề cương) kỷ niệm 135 năm Ngày Quốc tế Lao động 1/5",
        datetime.date(2021, 4, 12),
        19,
        14,
        PUBLIC,
        "Tuyên truyền",
        "Văn bản Trung ương",
    ),
    (
        "Báo cáo",
        "78",
        "BTGTU",
        "công tác Tuyên giáo quí I, nhiệm vụ trọng tâm quí II-2021",
        datetime.date(2021, 4, 5),
        80,
        61,
        REPORTERS,
        "Tuyên truyền",
        "Tài liệu Báo cáo viên",
    ),
    (
        "Hướng dẫn",
        "171",
        "BTGTW",
        "tuyên truyền kết quả phát triển KT-XH năm 2020; mục tiêu, nhiệm vụ năm 2021",
        datetime.date(2021, 3, 16),
        131,
        63,
        PUBLIC,
        "Tuyên truyền",
        "Văn bản Trung ương",
    ),
    (
        "Báo cáo",
        "68",
        "BTGTU",
        "công tác Tuyên giáo tháng 2; nhiệm vụ trọng tâm tháng 3-2021",
        datetime.date(2021, 3, 5),
        305,
        171,
        PUBLIC,
        "Tuyên truyền",
        "Văn bản của tỉnh",
    ),
    (
        "Tài liệu",
        "",
        "BTGTU",
        "đề cương tuyên truyền kỷ niệm 110 năm Ngày sinh đồng chí Lê Thanh Nghị",
        datetime.date(2021, 2, 26),
        380,
        153,
        REPORTERS,
        "Tuyên truyền",
        "Tài liệu Báo cáo viên",
    ),
    (
        "Tài liệu",
        "",
        "BTGTU",
        "Hướng dẫn và Đề cương tuyên truyền kỷ niệm 90 năm Ngày thành lập Đoàn Thanh niên",
        datetime.date(2021, 2, 22),
        630,
        179,
        REPORTERS,
        "Tuyên truyền",
        "Tài liệu Báo cáo viên",
    ),
]

# More documents, all older than the seed's seven so the block shows the seed's order:
# kind, number, body, summary, issued on, view access, download access, effective
# from/to (None: from the issue date, open-ended; "future": not yet in force).
MORE = [
    ("Kế hoạch", "120", "BTGTU", "tuyên truyền cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu HĐND các cấp nhiệm kỳ 2021-2026", datetime.date(2021, 1, 18), PUBLIC, PUBLIC, None, None),
    ("Nghị quyết", "35", "BCHTW", "tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trong tình hình mới", datetime.date(2018, 10, 22), PUBLIC, PUBLIC, None, None),
    ("Chỉ thị", "05", "BCHTW", "đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", datetime.date(2016, 5, 15), PUBLIC, PUBLIC, None, None),
    ("Kết luận", "01", "BCHTW", "tiếp tục thực hiện Chỉ thị số 05-CT/TW về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", datetime.date(2020, 12, 28), PUBLIC, MEMBERS, None, None),
    ("Quy định", "08", "TU", "chế độ báo cáo, cung cấp thông tin định kỳ của các cơ quan tham mưu Tỉnh ủy", datetime.date(2019, 3, 1), PUBLIC, PUBLIC, datetime.date(2019, 4, 1), datetime.date(2020, 12, 31)),
    ("Quy định", "15", "TU", "chế độ báo cáo, cung cấp thông tin định kỳ của các cơ quan tham mưu Tỉnh ủy (thay thế Quy định số 08)", datetime.date(2020, 12, 20), PUBLIC, PUBLIC, datetime.date(2021, 1, 1), None),
    ("Quyết định", "112", "BTVTU", "ban hành Quy chế hoạt động của Báo cáo viên Tỉnh ủy nhiệm kỳ 2020-2025", datetime.date(2020, 11, 9), MEMBERS, MEMBERS, None, None),
    ("Thông báo", "27", "BTGTU", "lịch hội nghị báo cáo viên định kỳ năm 2021", datetime.date(2020, 12, 15), PUBLIC, REPORTERS, None, None),
    ("Công văn", "356", "BTGTU", "định hướng tuyên truyền phòng, chống dịch COVID-19 trong dịp Tết Nguyên đán Tân Sửu", datetime.date(2021, 1, 25), PUBLIC, PUBLIC, None, None),
    ("Chương trình", "02", "TU", "hành động thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI", datetime.date(2020, 12, 30), PUBLIC, PUBLIC, "future", None),
    ("Báo cáo", "68", "BTGTU", "công tác Tuyên giáo năm 2016, phương hướng nhiệm vụ năm 2017", datetime.date(2016, 12, 10), PUBLIC, PUBLIC, None, None),
    ("Kế hoạch", "24", "BTGHU", "kiểm tra, giám sát việc thực hiện các nghị quyết của Tỉnh ủy năm 2017", datetime.date(2017, 3, 2), PUBLIC, PUBLIC, None, None),
    ("Đề cương", "", "BTGTU", "đề cương tuyên truyền kỷ niệm 90 năm Ngày thành lập Đảng Cộng sản Việt Nam", datetime.date(2020, 1, 6), PUBLIC, REPORTERS, None, None),
    ("Nghị quyết", "03", "TU", "phát triển văn hóa, con người Kon Tum đáp ứng yêu cầu phát triển bền vững giai đoạn 2016-2020", datetime.date(2016, 3, 18), PUBLIC, PUBLIC, None, None),
    ("Nghị quyết", "07", "BTVTU", "tăng cường công tác tuyên truyền, giáo dục chính trị tư tưởng trong cán bộ, đảng viên và nhân dân năm 2016", datetime.date(2016, 6, 8), PUBLIC, MEMBERS, None, None),
    ("Hướng dẫn", "132", "BTGTW", "tuyên truyền kỷ niệm 75 năm Cách mạng Tháng Tám và Quốc khánh 2/9", datetime.date(2020, 6, 12), PUBLIC, PUBLIC, None, datetime.date(2020, 9, 30)),
]  # fmt: skip

REPLACEMENTS = [(("Quy định", "15", "TU"), ("Quy định", "08", "TU"))]


def ascii_text(text):
    """The text without diacritics, for the PDF's built-in font (it has no Vietnamese)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _pdf_string(text):
    return ascii_text(text).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _wrap(text, width=70):
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def make_pdf(title, lines=()):
    """A one-page A4 PDF with the title and a few lines, cross-reference table and all."""
    text = ["BT", "/F1 16 Tf", "60 780 Td", "20 TL"]
    for line in _wrap(title, 60):
        text.append(f"({_pdf_string(line)}) Tj T*")
    text.append("/F1 11 Tf")
    for line in lines:
        for part in _wrap(line):
            text.append(f"({_pdf_string(part)}) Tj T*")
    text.append("ET")
    stream = "\n".join(text).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def make_docx(title, paragraphs=()):
    """A minimal Word document (the parts Word and LibreOffice need) with the given text."""

    def escape(text):
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
        for text in (title, *paragraphs)
    )
    word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>"
        ),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document xmlns:w="{word}"><w:body>{body}</w:body></w:document>'
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8"))
    return out.getvalue()


def load_kinds():
    for name, abbreviation, is_material, order in KINDS:
        DocumentKind.objects.update_or_create(
            name=name,
            defaults={"abbreviation": abbreviation, "is_material": is_material, "order": order},
        )


def load_bodies():
    for name, abbreviation, active_from, active_to, order in BODIES:
        IssuingBody.objects.update_or_create(
            abbreviation=abbreviation,
            defaults={
                "name": name,
                "active_from": active_from,
                "active_to": active_to,
                "order": order,
            },
        )


def load_fields_and_categories():
    for order, name in enumerate(FIELDS):
        DocumentField.objects.get_or_create(name=name, defaults={"order": order})
    for order, name in enumerate(CATEGORIES):
        DocumentCategory.objects.get_or_create(name=name, defaults={"order": order})


def _published_at(day):
    # Put online the next working morning, as the board does.
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(8), TZ)


def _document(kind_name, number, body_abbreviation, summary, issued_on, **values):
    """The demo document with these keys, created with `values` the first time only;
    returns (document, created)."""
    kind = DocumentKind.objects.get(name=kind_name)
    body = IssuingBody.objects.get(abbreviation=body_abbreviation)
    values.setdefault("published_at", _published_at(issued_on))
    return Document.objects.get_or_create(
        kind=kind,
        number=number,
        issuing_body=body,
        summary=summary,
        issued_on=issued_on,
        defaults=values,
    )


def _file_name(document, suffix):
    name = f"{document.display_code} – {document.summary}".replace("/", "-")
    return f"{name[:150]}.{suffix}"


def _attach_pdf(document):
    lines = [
        f"So va ky hieu: {document.display_symbol}",
        f"Ngay ban hanh: {document.issued_on:%d/%m/%Y}",
        "Tai lieu mau cua trang thong tin dien tu (noi dung minh hoa).",
    ]
    title = f"{document.kind.name} {document.display_symbol}: {document.summary}"
    return document_attach_file(
        document, make_pdf(title, lines), _file_name(document, "pdf"), title="Toàn văn"
    )


def load_seed_documents():
    fields = {field.name: field for field in DocumentField.objects.all()}
    categories = {category.name: category for category in DocumentCategory.objects.all()}
    for row in SEED:
        kind, number, body, summary, issued_on, views, downloads, download, field, category = row
        document, created = _document(
            kind, number, body, summary, issued_on, download_access=download
        )
        if not created:
            continue  # an earlier run's counts (and readers' since) are kept
        document.fields.add(fields[field])
        document.categories.add(categories[category])
        main = _attach_pdf(document)
        if "đề cương" in summary.lower() and kind == "Hướng dẫn":
            document_attach_file(
                document,
                make_docx(f"Đề cương tuyên truyền: {summary}", ["(Nội dung minh họa.)"]),
                _file_name(document, "docx").replace("– ", "– Đề cương "),
                title="Đề cương kèm theo",
                order=1,
            )
        # The seed's figures, once the files exist: one UPDATE each, no signal needed twice.
        Document.objects.filter(pk=document.pk).update(view_count=views, download_count=downloads)
        DocumentFile.objects.filter(pk=main.pk).update(download_count=downloads)


def load_more_documents():
    today = timezone.localdate()
    for index, row in enumerate(MORE):
        kind, number, body, summary, issued_on, view, download, start, end = row
        if start == "future":
            start = today + datetime.timedelta(days=45)
        document, created = _document(
            kind,
            number,
            body,
            summary,
            issued_on,
            view_access=view,
            download_access=download,
            effective_from=start,
            effective_to=end,
            signer="Phó Trưởng Ban" if index % 2 else "Trưởng Ban",
        )
        if created:
            _attach_pdf(document)
            Document.objects.filter(pk=document.pk).update(
                view_count=15 + index * 7, download_count=3 + index * 2
            )
    for new_key, old_key in REPLACEMENTS:
        new = Document.objects.filter(
            kind__name=new_key[0], number=new_key[1], issuing_body__abbreviation=new_key[2]
        ).first()
        old = Document.objects.filter(
            kind__name=old_key[0], number=old_key[1], issuing_body__abbreviation=old_key[2]
        ).first()
        if new and old:
            new.replaces.add(old)


@transaction.atomic
def load():
    """Load the documents' demo content; returns no logins (portal.demo makes them)."""
    load_kinds()
    load_bodies()
    load_fields_and_categories()
    load_seed_documents()
    load_more_documents()
    return []
