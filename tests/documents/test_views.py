"""The documents' pages: the filtered list, the document, files as sent, the reporter's page."""

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from documents.models import Access, Document
from portal.files.sending import ascii_file_name, content_disposition
from tests.documents.factories import (
    PDF_BYTES,
    DocumentCategoryFactory,
    DocumentFactory,
    DocumentFieldFactory,
    DocumentFileFactory,
    DocumentKindFactory,
    IssuingBodyFactory,
    admin_form_data,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("documents:list")


def main_of(response):
    page = response.content.decode()
    return page[page.index('<main id="noi-dung"') : page.index("</main>")]


def listed(response):
    """The codes of the rows of a list page, in order."""
    return re.findall(r'document-table__code"><a href="[^"]+">([^<]+)</a>', main_of(response))


def reporter_client():
    client = Client()
    client.force_login(UserFactory(groups=[settings.REPORTERS_GROUP]))
    return client


# --- The list -----------------------------------------------------------------------------


@pytest.fixture
def library():
    report = DocumentKindFactory(name="Báo cáo", abbreviation="BC")
    guide = DocumentKindFactory(name="Hướng dẫn", abbreviation="HD")
    province = IssuingBodyFactory(name="Ban Tuyên giáo Tỉnh ủy", abbreviation="BTGTU")
    centre = IssuingBodyFactory(name="Ban Tuyên giáo Trung ương", abbreviation="BTGTW")
    today = timezone.localdate()
    return {
        "old": DocumentFactory(
            kind=report,
            issuing_body=province,
            number="68",
            summary="Công tác Tuyên giáo tháng 2; nhiệm vụ trọng tâm tháng 3-2021",
            issued_on=datetime.date(2021, 3, 1),
            effective_to=datetime.date(2021, 12, 31),
        ),
        "guide": DocumentFactory(
            kind=guide,
            issuing_body=centre,
            number="171",
            summary="Tuyên truyền kết quả phát triển kinh tế – xã hội năm 2020",
            issued_on=datetime.date(2020, 12, 20),
        ),
        "future": DocumentFactory(
            kind=guide,
            issuing_body=province,
            number="9",
            summary="Hướng dẫn tổ chức Đại hội Đảng bộ các cấp",
            issued_on=today - datetime.timedelta(days=2),
            effective_from=today + datetime.timedelta(days=30),
        ),
        "secret_ish": DocumentFactory(
            kind=report,
            issuing_body=province,
            number="80",
            summary="Báo cáo dành riêng cho báo cáo viên",
            issued_on=today - datetime.timedelta(days=1),
            view_access=Access.REPORTERS,
        ),
    }


def test_the_list_shows_newest_first_with_code_summary_date_and_figures(library):
    response = Client().get(LIST)
    assert response.status_code == 200
    assert listed(response) == ["HD.9.BTGTU", "BC.68.BTGTU", "HD.171.BTGTW"]
    page = main_of(response)
    assert "01/03/2021" in page
    assert "Lượt xem:0 | lượt tải:0" in page
    assert ">Mã văn bản</th>" in page  # the short code, not the printed số ký hiệu
    assert "<title>Văn bản – " in response.content.decode()
    assert "Bạn đang ở:" in response.content.decode()
    # A reporter also sees what is only for reporters.
    assert listed(reporter_client().get(LIST))[0] == "BC.80.BTGTU"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "tuyen giao thang"}, ["BC.68.BTGTU"]),
        ({"q": "TUYÊN TRUYỀN"}, ["HD.171.BTGTW"]),
        ({"q": "68-BC/BTGTU"}, ["BC.68.BTGTU"]),
        ({"q": "bc 68"}, ["BC.68.BTGTU"]),
        ({"q": "HD.171.BTGTW"}, ["HD.171.BTGTW"]),
        ({"nam": "2020"}, ["HD.171.BTGTW"]),
        ({"hieu_luc": "expired"}, ["BC.68.BTGTU"]),
        ({"hieu_luc": "not_yet"}, ["HD.9.BTGTU"]),
        ({"hieu_luc": "in_force"}, ["HD.171.BTGTW"]),
        ({"nam": "2021", "hieu_luc": "in_force"}, []),
    ],
)
def test_filters(library, params, expected):
    assert listed(Client().get(LIST, params)) == expected


def test_filters_by_kind_body_field_and_category(library):
    field = DocumentFieldFactory(name="Báo chí – Xuất bản")
    category = DocumentCategoryFactory(name="Văn bản Trung ương")
    library["guide"].fields.add(field)
    library["guide"].categories.add(category)
    guide_kind = library["guide"].kind
    assert listed(Client().get(LIST, {"loai": guide_kind.pk})) == ["HD.9.BTGTU", "HD.171.BTGTW"]
    body = library["guide"].issuing_body
    assert listed(Client().get(LIST, {"co_quan": body.pk})) == ["HD.171.BTGTW"]
    assert listed(Client().get(LIST, {"linh_vuc": field.pk})) == ["HD.171.BTGTW"]
    assert listed(Client().get(LIST, {"danh_muc": category.pk})) == ["HD.171.BTGTW"]
    response = Client().get(category.get_absolute_url())
    assert listed(response) == ["HD.171.BTGTW"]
    assert "<title>Văn bản Trung ương – " in response.content.decode()


def test_the_form_keeps_the_values_and_pages_keep_the_filters(library):
    for n in range(25):
        DocumentFactory(summary=f"Tuyên truyền đợt {n}", issued_on=datetime.date(2019, 1, 1))
    response = Client().get(LIST, {"q": "tuyen truyen", "nam": "2019"})
    page = main_of(response)
    assert 'value="tuyen truyen"' in page
    assert 'value="2019"' in page
    assert "Tìm thấy 25 văn bản." in page
    assert "?q=tuyen+truyen&amp;nam=2019&amp;trang=2" in page
    second = Client().get(LIST, {"q": "tuyen truyen", "nam": "2019", "trang": "2"})
    assert len(listed(second)) == 5


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"loai": "999999"}, "Loại văn bản: Không có lựa chọn này"),
        ({"loai": "abc"}, "Loại văn bản: Không có lựa chọn này"),
        ({"nam": "abc"}, "Năm ban hành phải là một số"),
        ({"nam": "99999"}, "Năm ban hành không được quá 2100"),
        ({"hieu_luc": "sap-het"}, "Hiệu lực: Không có lựa chọn này"),
        ({"co_quan": "1\x00"}, "Cơ quan ban hành: "),
        ({"q": "x" * 300}, "Từ khóa quá dài"),
        ({"trang": "abc"}, None),
        ({"trang": "99999"}, None),
    ],
)
def test_bad_values_get_a_message_not_an_error(library, params, message):
    response = Client().get(LIST, params)
    assert response.status_code == 200
    page = main_of(response)
    if message:
        assert message in page
    # The other filters still apply; the bad one is left out.
    assert listed(response)


def test_every_year_the_admin_accepts_can_be_filtered_for(admin_client):
    kind, body = DocumentKindFactory(), IssuingBodyFactory()
    data = admin_form_data(kind, body, issued_on="05/03/1925", summary="chỉ thị năm 1925")
    assert admin_client.post("/admin/documents/document/add/", data).status_code == 302
    response = Client().get(LIST, {"nam": "1925"})
    assert "chỉ thị năm 1925" in main_of(response)
    assert "bộ lọc năm đã được bỏ qua" not in main_of(response)


def test_a_filter_on_an_invalid_year_keeps_the_other_filters(library):
    response = Client().get(LIST, {"nam": "abc", "q": "tuyen truyen"})
    assert listed(response) == ["HD.171.BTGTW"]
    assert 'value="abc"' in main_of(response)


@pytest.mark.parametrize("count", [5, 50])
def test_the_list_costs_the_same_with_5_or_50_documents(count, django_assert_num_queries):
    for n in range(count):
        DocumentFactory(issued_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    client = Client()
    client.get(LIST)  # warm the shell's caches (menu, site profile, sidebar)
    client.cookies.clear()
    with django_assert_num_queries(13):
        # Not a kept page: a filter value makes every guest's list different.
        response = client.get(LIST, {"q": "cong tac", "loai": "", "nam": ""})
    assert response.status_code == 200
    assert len(listed(response)) == min(count, 20)


# --- The document -------------------------------------------------------------------------


def test_the_document_page_shows_every_field(library):
    document = library["guide"]
    document.signer = "Lâm Văn Hùng"
    document.description = "<p>Nội dung <strong>chính</strong></p><script>alert(1)</script>"
    document.effective_from = datetime.date(2021, 1, 1)
    document.save()
    document.fields.add(DocumentFieldFactory(name="Tuyên truyền"))
    document.categories.add(DocumentCategoryFactory(name="Văn bản Trung ương"))
    document.replaces.add(library["old"])
    document.related.add(library["secret_ish"])
    DocumentFileFactory(document=document, original_name="Hướng dẫn 171.pdf", title="")
    response = Client().get(document.get_absolute_url())
    page = main_of(response)
    for text in (
        "171-HD/BTGTW",
        "HD.171.BTGTW",
        "Hướng dẫn",
        "Ban Tuyên giáo Trung ương",
        "20/12/2020",
        "Còn hiệu lực",
        "01/01/2021",
        "Lâm Văn Hùng",
        "Tuyên truyền",
        "Văn bản Trung ương",
        "<strong>chính</strong>",
        "Hướng dẫn 171.pdf",
        "(PDF, ",
        "Tải về",
        "Thay thế văn bản",
        "BC.68.BTGTU",
    ):
        assert text in page, text
    assert "<script>alert" not in page
    # The related document only reporters may see is not named to a guest.
    assert "BC.80.BTGTU" not in page
    assert "BC.80.BTGTU" in main_of(reporter_client().get(document.get_absolute_url()))
    assert "Được thay thế bởi" in main_of(Client().get(library["old"].get_absolute_url()))
    assert "<iframe" in page
    assert f"<title>HD.171.BTGTW – {document.summary}" in response.content.decode()


def test_the_preview_may_be_framed_by_the_site_only_and_only_pdfs_are_previewed():
    pdf = DocumentFileFactory()
    response = Client().get(reverse("documents:preview", args=[pdf.pk]))
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["Content-Type"] == "application/pdf"
    sheet = DocumentFileFactory()
    # As if the bytes were a spreadsheet: the type comes from the content when saved.
    type(sheet).objects.filter(pk=sheet.pk).update(file_type="xlsx")
    assert Client().get(reverse("documents:preview", args=[sheet.pk])).status_code == 404
    # The page itself stays unframeable.
    assert Client().get(pdf.document.get_absolute_url())["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("count", [5, 50])
def test_the_document_page_costs_the_same_with_5_or_50_documents(count, django_assert_num_queries):
    documents = [DocumentFactory() for _ in range(count)]
    document = documents[0]
    for other in documents[1:]:
        document.related.add(other)
    DocumentFileFactory(document=document)
    DocumentFileFactory(document=document)
    client = reporter_client()
    client.get(LIST)  # warm the shell's caches
    with django_assert_num_queries(19):
        response = client.get(document.get_absolute_url())
    assert response.status_code == 200


# --- Files as sent ------------------------------------------------------------------------


def test_a_vietnamese_file_name_is_sent_as_rfc_5987_with_an_ascii_fallback():
    document_file = DocumentFileFactory(original_name="Đề cương tuyên truyền 90 năm Đoàn.pdf")
    response = Client().get(reverse("documents:download", args=[document_file.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="De cuong tuyen truyen 90 nam Doan.pdf"; '
        "filename*=UTF-8''%C4%90%E1%BB%81%20c%C6%B0%C6%A1ng%20tuy%C3%AAn%20truy%E1%BB%81n"
        "%2090%20n%C4%83m%20%C4%90o%C3%A0n.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    assert "private" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.parametrize(
    ("name", "fallback"),
    [
        ("Báo cáo quý I – 2021.pdf", "Bao cao quy I - 2021.pdf"),
        ("Kế hoạch ★ tháng 5.pdf", "Ke hoach thang 5.pdf"),
        ("  Đề   cương .pdf", "De cuong .pdf"),
    ],
)
def test_the_ascii_fallback_name_has_single_spaces(name, fallback):
    assert ascii_file_name(name) == fallback


def test_quotes_and_separators_cannot_break_the_header():
    header = content_disposition('a"b\\c/d\r\nSet-Cookie: x.pdf')
    assert "\r" not in header and "\n" not in header
    assert header.startswith('attachment; filename="a_b_c_d_Set-Cookie: x.pdf"; ')
    assert content_disposition("", inline=True).startswith('inline; filename="tep"')


def test_with_the_accel_prefix_nginx_sends_the_bytes(settings):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_private/"
    document_file = DocumentFileFactory(original_name="Báo cáo.pdf")
    reader = Client(HTTP_USER_AGENT="Mozilla/5.0 Firefox/128.0")
    response = reader.get(reverse("documents:download", args=[document_file.pk]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_private/{document_file.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="Bao cao.pdf"')
    # The download still counted.
    assert Document.objects.get(pk=document_file.document_id).download_count == 1


def test_the_accel_path_is_quoted(settings):
    from django.db.models.fields.files import FieldFile

    from documents.models import DocumentFile
    from portal.files.sending import send_private_file
    from portal.files.storage import private_storage

    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_private"
    fieldfile = FieldFile(DocumentFile(), DocumentFile._meta.get_field("file"), "cũ/a b.pdf")
    fieldfile.storage = private_storage
    response = send_private_file(None, fieldfile, "x.pdf", "application/pdf")
    assert response["X-Accel-Redirect"] == "/_private/c%C5%A9/a%20b.pdf"


def test_a_file_missing_from_the_disk_is_a_404_not_a_500():
    document_file = DocumentFileFactory()
    document_file.file.storage.delete(document_file.file.name)
    assert Client().get(reverse("documents:download", args=[document_file.pk])).status_code == 404


# --- The reporter's page ------------------------------------------------------------------


def test_the_reporters_page_marks_what_is_new_since_the_last_visit():
    user = UserFactory(groups=[settings.REPORTERS_GROUP])
    client = Client()
    client.force_login(user)
    old = DocumentFactory(
        summary="đề cương cũ", published_at=timezone.now() - datetime.timedelta(days=90)
    )
    DocumentFactory(summary="đề cương tháng này", view_access=Access.REPORTERS)
    page = main_of(client.get(reverse("documents:mine")))
    assert page.count(">Mới</strong>") == 2  # the marker in the text + the recent one
    # No earlier visit: the page says what it marks instead of inventing a previous visit.
    assert "Đây là lần đầu bạn mở trang này: văn bản đăng trong 30 ngày qua" in page
    assert "lần xem trước của bạn" not in page
    assert page.index("đề cương tháng này") < page.index("đề cương cũ")
    assert old.summary in page
    # A reload (or Back) in the same session keeps the marks…
    page = main_of(client.get(reverse("documents:mine")))
    assert page.count(">Mới</strong>") == 2
    # …and what is published meanwhile is marked too.
    DocumentFactory(summary="hướng dẫn mới đăng", published_at=timezone.now())
    page = main_of(client.get(reverse("documents:mine")))
    assert page.count(">Mới</strong>") == 3
    row = page[page.index("hướng dẫn mới đăng") - 300 : page.index("hướng dẫn mới đăng")]
    assert "Mới" in row
    # The next login session: only what was published after the previous one began is new.
    client.logout()
    client.force_login(user)
    page = main_of(client.get(reverse("documents:mine")))
    assert "lần xem trước của bạn" in page and "lần đầu" not in page
    assert page.count(">Mới</strong>") == 2
    row = page[page.index("hướng dẫn mới đăng") - 300 : page.index("hướng dẫn mới đăng")]
    assert "Mới" in row
    assert page.count(">Mới</strong>") == main_of(client.get(reverse("documents:mine"))).count(
        ">Mới</strong>"
    )
    client.logout()
    client.force_login(user)
    assert main_of(client.get(reverse("documents:mine"))).count(">Mới</strong>") == 1
    assert "<title>Tài liệu Báo cáo viên" in client.get(reverse("documents:mine")).content.decode()
