"""Banners (image links with counted clicks) and activity photos."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import Banner, SiteProfile
from tests.portal.factories import BannerFactory, PhotoAlbumFactory, PhotoFactory

pytestmark = pytest.mark.django_db


def test_banner_click_counts_and_goes_to_its_own_link(client):
    banner = BannerFactory(link="https://dangcongsan.vn/")
    response = client.get(banner.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == "https://dangcongsan.vn/"
    banner.refresh_from_db()
    assert banner.click_count == 1


def test_banner_redirect_ignores_any_other_target(client):
    banner = BannerFactory(link="https://dangcongsan.vn/")
    response = client.get(
        banner.get_absolute_url() + "?next=https://evil.example/&url=https://evil.example/"
    )
    assert response["Location"] == "https://dangcongsan.vn/"


def test_unknown_expired_or_future_banners_give_404(client):
    now = timezone.now()
    expired = BannerFactory(show_until=now - datetime.timedelta(minutes=1))
    future = BannerFactory(show_from=now + datetime.timedelta(days=1))
    off = BannerFactory(is_active=False)
    for url in [
        reverse("portal:banner-click", args=[9999]),
        expired.get_absolute_url(),
        future.get_absolute_url(),
        off.get_absolute_url(),
    ]:
        assert client.get(url).status_code == 404
    assert Banner.objects.filter(click_count__gt=0).count() == 0


def test_banner_click_rejects_post(client):
    banner = BannerFactory()
    assert client.post(banner.get_absolute_url()).status_code == 405


def test_sidebar_shows_only_live_banners_in_order(client):
    BannerFactory(title="thứ hai", order=2)
    BannerFactory(title="thứ nhất", order=1)
    BannerFactory(title="hết hạn", show_until=timezone.now() - datetime.timedelta(hours=1))
    BannerFactory(title="đầu trang", position=Banner.Position.HEADER)
    html = client.get("/").content.decode()
    assert html.index('alt="thứ nhất"') < html.index('alt="thứ hai"')
    assert 'alt="hết hạn"' not in html
    assert 'alt="đầu trang"' in html  # shown under the header, not in the sidebar
    assert 'target="_blank" rel="noopener"' in html


def test_banner_window_must_be_ordered():
    from django.core.exceptions import ValidationError

    now = timezone.now()
    banner = BannerFactory.build(show_from=now, show_until=now - datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        banner.full_clean()
    assert "« Hiển thị đến » phải sau « Hiển thị từ »." in str(error.value)


def test_photo_gets_a_thumbnail_once(client):
    photo = PhotoFactory()
    assert photo.thumbnail
    thumbnail = photo.thumbnail.name
    photo.caption = "Chú thích mới"
    photo.save()
    assert photo.thumbnail.name == thumbnail
    from PIL import Image

    with Image.open(photo.thumbnail.path) as image:
        assert image.width <= 320 and image.height <= 240


def test_photos_block_opens_a_larger_view(client):
    first = PhotoFactory(caption="Đoàn giám sát tại xã Ngọc Tem", order=0)
    second = PhotoFactory(album=first.album, caption="Sinh hoạt chi bộ", order=1)
    html = client.get("/").content.decode()
    assert first.thumbnail.url in html
    assert first.get_absolute_url() in html
    page = client.get(first.get_absolute_url())
    assert page.status_code == 200
    body = page.content.decode()
    assert first.image.url in body
    assert "<figcaption>Đoàn giám sát tại xã Ngọc Tem</figcaption>" in body
    assert f'href="{second.get_absolute_url()}"' in body
    assert "Ảnh 1 / 2" in body


def test_album_pages(client):
    album = PhotoAlbumFactory(title="Hội nghị tổng kết")
    PhotoFactory(album=album)
    hidden = PhotoAlbumFactory(is_published=False)
    listing = client.get(reverse("portal:albums")).content.decode()
    assert "Hội nghị tổng kết" in listing
    assert hidden.title not in listing
    assert client.get(album.get_absolute_url()).status_code == 200
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(reverse("portal:albums") + "?trang=abc").status_code == 200
    assert client.get(reverse("portal:albums") + "?trang=9999").status_code == 200


def test_unpublished_album_photos_are_hidden(client):
    photo = PhotoFactory(album=PhotoAlbumFactory(is_published=False))
    assert client.get(photo.get_absolute_url()).status_code == 404
    assert photo.thumbnail.url not in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("who", "budget"),
    [
        # a guest gets the kept page: presence write and the live statistics (2)
        ("guest", 3),
        # a member gets it rendered: session, user, presence, statistics (2), album
        # count, album page, their covers, and the documents' blocks (their groups, one read)
        ("member", 10),
    ],
)
def test_album_list_query_budget_is_flat(
    client, django_user_model, who, budget, django_assert_num_queries
):
    SiteProfile.load()
    if who == "member":
        client.force_login(django_user_model.objects.create_user("thanhvien"))
    for _ in range(3):
        PhotoFactory()
    # the first request gives the browser its cookie, the second shows it: then it is warm
    client.get(reverse("portal:albums"))
    client.get(reverse("portal:albums"))
    with django_assert_num_queries(budget):
        client.get(reverse("portal:albums"))
    for _ in range(12):
        PhotoFactory()
    client.get(reverse("portal:albums"))  # a save drops the kept page and photo block once
    with django_assert_num_queries(budget):
        client.get(reverse("portal:albums"))
