"""Uploaded images are checked by their content, not their name."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.images import inspect_image
from tests.portal.factories import png


def upload(name, data, content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_real_image_passes():
    assert inspect_image(upload("a.png", png().read()))[0] == "PNG"


def test_executable_renamed_png_is_refused():
    with pytest.raises(ValidationError) as error:
        inspect_image(upload("virus.png", b"MZ\x90\x00" + b"\x00" * 200))
    assert "không phải là ảnh hợp lệ" in str(error.value)


def test_html_renamed_jpg_is_refused():
    with pytest.raises(ValidationError):
        inspect_image(upload("x.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg"))


def test_oversize_file_is_refused(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1000
    data = png(size=(400, 400)).read() + b"\x00" * 2000
    with pytest.raises(ValidationError) as error:
        inspect_image(upload("big.png", data))
    assert "Ảnh quá lớn" in str(error.value)


def test_decompression_bomb_is_refused_without_decoding(settings):
    settings.IMAGE_MAX_PIXELS = 1_000_000
    out = io.BytesIO()
    Image.new("1", (5000, 5000)).save(out, "PNG")  # tiny file, 25 million pixels
    assert len(out.getvalue()) < 100_000
    with pytest.raises(ValidationError) as error:
        inspect_image(upload("bomb.png", out.getvalue()))
    assert "quá nhiều điểm ảnh" in str(error.value)


@pytest.mark.django_db
def test_admin_refuses_a_fake_banner_image_with_a_message(admin_client):
    response = admin_client.post(
        "/admin/portal/banner/add/",
        {
            "title": "dh 13",
            "image": upload("banner.png", b"MZ not an image"),
            "link": "https://dangcongsan.vn/",
            "position": "sidebar",
            "order": 0,
            "open_in_new_tab": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "ảnh hợp lệ" in body  # Django's own or ours, in Vietnamese
    assert 'value="dh 13"' in body  # what was typed is kept


@pytest.mark.django_db
def test_admin_stores_a_real_image_under_a_random_name(admin_client):
    from portal.models import Banner

    response = admin_client.post(
        "/admin/portal/banner/add/",
        {
            "title": "bau cu 1",
            "image": upload("../../etc/passwd.png", png().read()),
            "link": "https://baochinhphu.vn/",
            "position": "sidebar",
            "order": 0,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    banner = Banner.objects.get()
    assert banner.image.name.startswith("banners/")
    assert banner.image.name.endswith(".png")
    assert "passwd" not in banner.image.name
    assert banner.image_width == 120


def test_a_truncated_jpeg_is_refused():
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 16, 46)).save(out, "JPEG")
    truncated = out.getvalue()[: len(out.getvalue()) // 2]
    with pytest.raises(ValidationError):
        inspect_image(upload("anh.jpg", truncated, "image/jpeg"))
