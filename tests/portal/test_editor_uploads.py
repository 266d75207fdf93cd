"""Images uploaded from CKEditor: staff only, checked by content, random names, clear refusals."""

import io
import json
import re
import struct
import zlib

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/ckeditor/upload/"


def _png(size=(40, 30), fmt="PNG"):
    out = io.BytesIO()
    Image.new("RGB", size, "red").save(out, fmt)
    return out.getvalue()


def _upload(client, content, name="anh.png", query="?responseType=json", **headers):
    # As a browser sends it from the admin: naming the page's origin.
    headers.setdefault("HTTP_ORIGIN", "http://testserver")
    return client.post(URL + query, {"upload": SimpleUploadedFile(name, content)}, **headers)


def _with_perms(user, *codenames):
    """Grant the permissions directly: transactional tests elsewhere may flush the group's."""
    from django.contrib.auth.models import Permission

    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
    )
    return user


@pytest.fixture
def editor_client(client):
    client.force_login(
        _with_perms(StaffFactory(groups=[settings.EDITORS_GROUP]), "add_article", "change_article")
    )
    return client


def test_editor_uploads_an_image_stored_under_a_random_dated_name(editor_client):
    response = _upload(editor_client, _png(), name="../../evil name.php.png")
    data = response.json()
    assert data["uploaded"] == 1
    assert re.fullmatch(r"/media/articles/uploads/\d{4}/\d{2}/[0-9a-f]{24}\.png", data["url"])
    stored = settings.MEDIA_ROOT / data["url"].removeprefix("/media/")
    assert stored.read_bytes() == _png()


def test_the_extension_follows_the_content_not_the_name(editor_client):
    data = _upload(editor_client, _png(fmt="JPEG"), name="anh.gif").json()
    assert data["url"].endswith(".jpg")


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"<script>alert(1)</script>", "anh.png"),
        (b"GIF89a<svg onload=alert(1)>", "anh.gif"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "a.svg"),
        (b"%PDF-1.4 not an image", "anh.jpg"),
        (b"", "anh.png"),
    ],
)
def test_what_is_not_an_image_is_refused_with_a_message(editor_client, content, name):
    response = _upload(editor_client, content, name=name)
    assert response.status_code == 200  # so that CKEditor shows the message
    data = response.json()
    assert data["uploaded"] == 0
    assert "không phải là ảnh hợp lệ" in data["error"]["message"]
    assert not (settings.MEDIA_ROOT / "articles" / "uploads").exists()


def test_a_decompression_bomb_is_refused_with_a_message(editor_client, settings):
    settings.IMAGE_MAX_PIXELS = 1000
    data = _upload(editor_client, _png(size=(400, 400))).json()
    assert data["uploaded"] == 0
    assert "quá nhiều điểm ảnh" in data["error"]["message"]


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def test_a_real_bomb_header_is_refused_without_decoding(editor_client):
    # A few bytes that claim 100000 × 100000 pixels: refused on the header alone.
    header = struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)
    png = (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b""))
        + _chunk(b"IEND", b"")
    )
    data = _upload(editor_client, png).json()
    assert data["uploaded"] == 0
    assert "điểm ảnh" in data["error"]["message"]


def test_a_file_over_the_size_limit_is_refused(editor_client, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 100
    data = _upload(editor_client, _png(size=(200, 200))).json()
    assert data["uploaded"] == 0
    assert "Ảnh quá lớn" in data["error"]["message"]


def test_no_file_gets_a_message(editor_client):
    data = editor_client.post(URL + "?responseType=json").json()
    assert data["uploaded"] == 0


@pytest.mark.parametrize("make_user", [None, UserFactory, StaffFactory])
def test_only_staff_who_write_articles_may_upload(client, make_user):
    if make_user:
        client.force_login(make_user())
    response = _upload(client, _png())
    assert response.status_code == 403
    assert response.json()["uploaded"] == 0
    assert not (settings.MEDIA_ROOT / "articles").exists()


def test_get_is_not_allowed(editor_client):
    assert editor_client.get(URL).status_code == 405


def test_a_post_from_another_site_is_refused(editor_client):
    response = _upload(editor_client, _png(), HTTP_ORIGIN="https://ke-gian.example")
    assert response.status_code == 403
    assert _upload(editor_client, _png(), HTTP_ORIGIN="http://testserver").json()["uploaded"] == 1


def test_the_dialog_form_gets_a_callback_script_with_the_message_escaped(editor_client):
    response = _upload(editor_client, b"not an image", query="?CKEditorFuncNum=3&langCode=vi")
    body = response.content.decode()
    assert body.startswith("<!DOCTYPE html><script>window.parent.CKEDITOR.tools.callFunction(3, ")
    assert "</script>" not in body[: body.rindex("</script>")]
    arguments = json.loads("[" + body.split("callFunction(")[1].split(");")[0] + "]")
    assert "không phải là ảnh hợp lệ" in arguments[2]
    ok = _upload(editor_client, _png(), query="?CKEditorFuncNum=3").content.decode()
    assert '"/media/articles/uploads/' in ok


def test_the_editor_widget_posts_to_our_view_and_has_no_file_browser(admin_client):
    body = admin_client.get("/admin/articles/article/add/").content.decode()
    assert "/admin/ckeditor/upload/" in body
    assert "ckeditor/browse" not in body


def test_a_post_naming_no_origin_nor_referring_page_is_refused(editor_client):
    response = editor_client.post(
        URL + "?responseType=json", {"upload": SimpleUploadedFile("anh.png", _png())}
    )
    assert response.status_code == 403
    referred = editor_client.post(
        URL + "?responseType=json",
        {"upload": SimpleUploadedFile("anh.png", _png())},
        HTTP_REFERER="http://testserver/admin/articles/article/add/",
    )
    assert referred.json()["uploaded"] == 1


def test_stored_images_carry_no_metadata_nor_appended_bytes(editor_client):
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh"  # camera maker; a phone would add GPS here
    Image.new("RGB", (40, 30), "red").save(out, "JPEG", exif=exif)
    content = out.getvalue() + b"<script>alert(1)</script>"
    url = _upload(editor_client, content, name="anh.jpg").json()["url"]
    stored = (settings.MEDIA_ROOT / url.removeprefix(settings.MEDIA_URL)).read_bytes()
    assert b"<script>" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
