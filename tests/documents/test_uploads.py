"""Document files: the type decided by the content, the limits, the storage, the admin's refusals."""

import re
import unicodedata
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document, DocumentFile
from documents.services import document_attach_file
from portal.files.validators import validate_and_describe
from tests.documents.factories import (
    PDF_BYTES,
    DocumentFactory,
    DocumentKindFactory,
    IssuingBodyFactory,
    admin_form_data,
    image_bytes,
    odf_bytes,
    ole2_bytes,
    ooxml_bytes,
    png_bomb,
    zip_bytes,
)

pytestmark = pytest.mark.django_db

ACCEPTED = [
    ("toàn văn.pdf", PDF_BYTES, "pdf", "application/pdf"),
    ("bao-cao.doc", ole2_bytes("WordDocument"), "doc", "application/msword"),
    ("so-lieu.xls", ole2_bytes("Workbook"), "xls", "application/vnd.ms-excel"),
    ("bai-giang.ppt", ole2_bytes("PowerPoint Document"), "ppt", "application/vnd.ms-powerpoint"),
    # A legacy Word file with a meaningless name keeps the family its content shows.
    ("tai-lieu", ole2_bytes("WordDocument"), "doc", "application/msword"),
    ("de-cuong.docx", ooxml_bytes("word"), "docx", "application/vnd.openxmlformats-"),
    ("bang.xlsx", ooxml_bytes("xl"), "xlsx", "application/vnd.openxmlformats-"),
    ("trinh-chieu.pptx", ooxml_bytes("ppt"), "pptx", "application/vnd.openxmlformats-"),
    ("van-ban.odt", odf_bytes("text"), "odt", "application/vnd.oasis.opendocument.text"),
    ("bang.ods", odf_bytes("spreadsheet"), "ods", "application/vnd.oasis.opendocument.sprea"),
    ("ho-so.zip", zip_bytes({"a.txt": "một"}), "zip", "application/zip"),
    # A Word file called .zip is still a Word file.
    ("nham-ten.zip", ooxml_bytes("word"), "docx", "application/vnd.openxmlformats-"),
    ("anh.jpg", image_bytes("JPEG"), "jpg", "image/jpeg"),
    ("anh.png", image_bytes("PNG"), "png", "image/png"),
    ("anh.gif", image_bytes("GIF"), "gif", "image/gif"),
    ("anh.webp", image_bytes("WEBP"), "webp", "image/webp"),
]


@pytest.mark.parametrize(("name", "content", "file_type", "content_type"), ACCEPTED)
def test_each_allowed_kind_is_recognized_by_its_content(name, content, file_type, content_type):
    found_type, found_content_type = validate_and_describe(SimpleUploadedFile(name, content))
    assert found_type == file_type
    assert found_content_type.startswith(content_type)


REFUSED = [
    ("van-ban.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),  # a Windows program
    ("de-cuong.docx", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
    ("anh.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ("ghi-chu.docx", "Chỉ là chữ thường.".encode()),
    ("cai-dat.doc", ole2_bytes("SummaryInformation")),  # an OLE2 file of no office family
    ("hong.zip", b"PK\x03\x04" + b"\x00" * 100),  # a broken archive
    ("anh.bmp", image_bytes("BMP")),
]


@pytest.mark.parametrize(("name", "content"), REFUSED)
def test_other_content_is_refused_whatever_its_name(name, content):
    with pytest.raises(ValidationError) as error:
        validate_and_describe(SimpleUploadedFile(name, content))
    message = error.value.messages[0]
    assert "kiểm tra theo nội dung" in message
    assert name in message


def test_an_oversize_file_is_refused_with_its_size_and_the_limit(settings):
    settings.DOCUMENT_UPLOAD_MAX_BYTES = 2048
    with pytest.raises(ValidationError) as error:
        content = PDF_BYTES.ljust(5 * 1024, b"0")
        validate_and_describe(SimpleUploadedFile("lon.pdf", content))
    message = error.value.messages[0].replace("\xa0", " ")
    assert message == "Tệp “lon.pdf” quá lớn (5,0 KB); giới hạn là 2,0 KB."


def test_an_image_bomb_and_an_empty_file_are_refused():
    with pytest.raises(ValidationError, match="quá nhiều điểm ảnh"):
        validate_and_describe(SimpleUploadedFile("bom.png", png_bomb()))
    with pytest.raises(ValidationError, match="rỗng"):
        validate_and_describe(SimpleUploadedFile("rong.pdf", b""))


def test_a_stored_file_is_private_under_a_random_dated_name(settings):
    document = DocumentFactory()
    nfd_name = unicodedata.normalize("NFD", "Báo cáo số 80 – quí I.pdf")
    stored = document_attach_file(document, PDF_BYTES, nfd_name, title="Toàn văn")
    stored.refresh_from_db()
    assert re.fullmatch(r"documents/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", stored.file.name)
    path = Path(stored.file.path)
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert path.read_bytes() == PDF_BYTES
    assert not (Path(settings.MEDIA_ROOT) / stored.file.name).exists()
    assert stored.original_name == unicodedata.normalize("NFC", nfd_name)
    assert (stored.file_type, stored.content_type, stored.size) == (
        "pdf",
        "application/pdf",
        len(PDF_BYTES),
    )
    with pytest.raises(ValueError, match="no URL"):
        stored.file.url  # noqa: B018 - a private file has no public address


def test_the_extension_on_disk_is_the_contents_not_the_name():
    stored = document_attach_file(DocumentFactory(), ooxml_bytes("word"), "bao-cao.php.pdf")
    assert stored.file.name.endswith(".docx")
    assert "bao-cao" not in stored.file.name
    assert stored.original_name == "bao-cao.php.pdf"


def test_a_refused_file_is_never_written_whoever_saves_it(settings):
    document = DocumentFactory()
    with pytest.raises(ValidationError):
        document_attach_file(document, b"MZ" + b"\x00" * 100, "chuong-trinh.pdf")
    assert not DocumentFile.objects.exists()
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    assert not private.exists() or not any(p.is_file() for p in private.rglob("*"))


# --- Through the admin's form -----------------------------------------------------------


@pytest.fixture
def kind_and_body():
    return DocumentKindFactory(), IssuingBodyFactory()


def _post_with_file(client, kind_and_body, upload):
    kind, body = kind_and_body
    data = admin_form_data(kind, body, files=[upload], summary="Báo cáo tuyển chọn “quí I”")
    return client.post("/admin/documents/document/add/", data)


BAD_UPLOADS = [
    (SimpleUploadedFile("van-ban.pdf", b"MZ\x90\x00" + b"\x00" * 300), "kiểm tra theo nội dung"),
    (SimpleUploadedFile("de-cuong.docx", b"<html><body>x</body></html>"), "kiểm tra theo nội dung"),
    (SimpleUploadedFile("bom.png", png_bomb()), "quá nhiều điểm ảnh"),
]


@pytest.mark.parametrize(("upload", "message"), BAD_UPLOADS)
def test_the_admin_refuses_a_bad_file_with_a_message_and_keeps_the_typed_fields(
    admin_client, kind_and_body, upload, message
):
    response = _post_with_file(admin_client, kind_and_body, upload)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    # What the editor typed comes back (the browser asks for the file again).
    assert "Báo cáo tuyển chọn “quí I”" in body or "Báo cáo tuyển chọn &ldquo;" in body
    assert 'value="80"' in body
    assert 'value="Nguyễn Văn An"' in body
    assert not Document.objects.exists()
    assert not DocumentFile.objects.exists()


def test_the_admin_refuses_an_oversize_file(admin_client, kind_and_body, settings):
    settings.DOCUMENT_UPLOAD_MAX_BYTES = 1024
    upload = SimpleUploadedFile("lon.pdf", PDF_BYTES + b"0" * 3000)
    body = _post_with_file(admin_client, kind_and_body, upload).content.decode()
    assert "quá lớn" in body and "giới hạn là 1,0\xa0KB" in body
    assert not Document.objects.exists()


def test_the_admin_stores_a_good_file_with_its_type_and_name(admin_client, kind_and_body):
    upload = SimpleUploadedFile("Đề cương tuyên truyền.docx", ooxml_bytes("word"))
    response = _post_with_file(admin_client, kind_and_body, upload)
    assert response.status_code == 302
    stored = DocumentFile.objects.get()
    assert (stored.file_type, stored.original_name) == ("docx", "Đề cương tuyên truyền.docx")
    assert stored.size == len(ooxml_bytes("word"))
    assert stored.file.name.endswith(".docx") and "tuyen" not in stored.file.name


def test_deleting_or_replacing_a_file_removes_it_from_the_disk(
    admin_client, django_capture_on_commit_callbacks
):
    document = DocumentFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = document_attach_file(document, PDF_BYTES, "cu.pdf")
    old_path = Path(first.file.path)
    assert old_path.exists()
    data = admin_form_data(
        document.kind,
        document.issuing_body,
        number=document.number,
        summary=document.summary,
        slug=document.slug,
        issued_on=document.issued_on.strftime("%d/%m/%Y"),
        **{
            "files-TOTAL_FORMS": "1",
            "files-INITIAL_FORMS": "1",
            "files-0-id": str(first.pk),
            "files-0-document": str(document.pk),
            "files-0-file": SimpleUploadedFile("moi.docx", ooxml_bytes("word")),
            "files-0-title": "Bản mới",
            "files-0-order": "0",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/documents/document/{document.pk}/change/", data)
    assert response.status_code == 302
    replaced = DocumentFile.objects.get()
    assert (replaced.pk, replaced.file_type, replaced.original_name) == (
        first.pk,
        "docx",
        "moi.docx",
    )
    assert not old_path.exists()
    new_path = Path(replaced.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()
    assert not new_path.exists()


def test_an_empty_upload_gets_one_message_naming_the_file(admin_client, kind_and_body):
    upload = SimpleUploadedFile("rỗng.pdf", b"")
    body = _post_with_file(admin_client, kind_and_body, upload).content.decode()
    errors = re.findall(r'id="id_files-0-file_error"><li>(.*?)</li></ul>', body)
    assert errors == ["Tệp “rỗng.pdf” rỗng."]
    assert "Tập tin được gửi là rỗng" not in body
    assert not Document.objects.exists()
