"""The site shell as a reader sees it: header, menu, breadcrumb, sidebar blocks, footer."""

import re

import pytest
from django.urls import reverse

from portal.demo import load as load_demo
from portal.models import SidebarBlock, SiteProfile
from tests.portal.factories import (
    BannerFactory,
    MenuItemFactory,
    PhotoFactory,
    SiteProfileFactory,
)

pytestmark = pytest.mark.django_db

SEED = "../shared/seeds/000_b641f2f4c79caa62.txt"


def text_of(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_home_shows_the_layout_in_vietnamese(client):
    SiteProfileFactory()
    MenuItemFactory(title="Văn bản", url="/van-ban/")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "<title>Trang chủ – Ban Tuyên giáo Tỉnh ủy Kon Tum</title>" in html
    assert "Trang thông tin điện tử Ban Tuyên giáo Tỉnh ủy Kon Tum" in html
    assert "Bạn đang ở:" in html
    assert '<a href="/van-ban/"' in html
    assert 'name="viewport"' in html


def test_footer_shows_the_site_profile(client):
    SiteProfileFactory()
    page = text_of(client.get("/"))
    assert "Giấy phép số 01/GP-TTĐT, ngày 28 tháng 8 năm 2020" in page
    assert "Cơ quan chủ quản: Ban Tuyên giáo Tỉnh ủy Kon Tum, số 236 Bà Triệu" in page
    assert "Người chịu trách nhiệm chính: Ông Huỳnh Quốc Huy" in page
    assert "Điện thoại: 0260.3862301. Fax: 0260. 3865464." in page
    assert "Ghi rõ nguồn tuyengiaokontum.org.vn khi sử dụng lại thông tin từ website này" in page


def test_a_saved_profile_shows_at_once(client):
    SiteProfileFactory()
    client.get("/")  # warms the cache
    profile = SiteProfile.objects.get()
    profile.phone = "0260.9999999"
    profile.save()
    assert "Điện thoại: 0260.9999999" in text_of(client.get("/"))


def test_guest_sees_the_login_box(client):
    page = text_of(client.get("/"))
    assert "Hãy đăng nhập tài khoản để sử dụng tài liệu Báo cáo viên" in page
    assert "Quên mật khẩu?" in page


def test_member_sees_name_account_link_and_logout(client, django_user_model):
    user = django_user_model.objects.create_user(
        "thanhvien", password="x", first_name="Lan", last_name="Nguyễn"
    )
    client.force_login(user)
    response = client.get("/")
    page = text_of(response)
    assert "Xin chào, Nguyễn Lan" in page  # family name first
    assert "Tài khoản của tôi" in page
    assert 'action="/tai-khoan/dang-xuat/"' in response.content.decode()
    assert "Hãy đăng nhập tài khoản" not in page


def test_blocks_follow_the_order_and_visibility_set_in_admin(client):
    PhotoFactory()
    SidebarBlock.objects.create(key="stats", title="Thống kê", order=1)
    SidebarBlock.objects.create(key="login", title="Đăng nhập", order=2)
    SidebarBlock.objects.create(key="photos", title="Ảnh", order=3, is_visible=False)
    html = client.get("/").content.decode()
    assert html.index("block--stats") < html.index("block--login")
    assert "block--photos" not in html
    SidebarBlock.objects.filter(key="photos").update(is_visible=True)
    SidebarBlock.objects.get(key="photos").save()  # a save in the admin drops the cache
    assert "block--photos" in client.get("/").content.decode()


def test_sidebar_block_titles_are_editable(client):
    SidebarBlock.objects.create(key="stats", title="Số liệu truy cập", order=1)
    assert "Số liệu truy cập" in client.get("/").content.decode()


def test_demo_home_shows_every_sidebar_block_and_footer_of_the_seed(client):
    load_demo()
    page = text_of(client.get("/"))
    for banner in [
        "dh 13",
        "bau cu 1",
        "covid truongsa",
        "dh 1",
        "baocaovien",
        "tailieu",
        "sachtuyengiao",
    ]:
        assert f'alt="{banner}"' in client.get("/").content.decode()
    for label in [
        "Hình ảnh hoạt động",
        "Đăng nhập",
        "Hãy đăng nhập tài khoản để sử dụng tài liệu Báo cáo viên",
        "Thống kê",
        "Đang truy cập",
        "Máy chủ tìm kiếm",
        "Khách viếng thăm",
        "Thành viên",
        "Hôm nay 3.113",
        "Tháng hiện tại",
        "Tổng lượt truy cập",
        "Trang thông tin điện tử Ban Tuyên giáo Tỉnh ủy Kon Tum",
        "Giấy phép số 01/GP-TTĐT, ngày 28 tháng 8 năm 2020",
        "Cơ quan chủ quản: Ban Tuyên giáo Tỉnh ủy Kon Tum, số 236 Bà Triệu, Tp Kon Tum, tỉnh Kon Tum",
        "Người chịu trách nhiệm chính: Ông Huỳnh Quốc Huy, Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Tỉnh ủy",
        "Email: bantuyengiaotinhuykt@gmail.com; phiemkt@gmail.com",
        "Ghi rõ nguồn tuyengiaokontum.org.vn khi sử dụng lại thông tin từ website này",
    ]:
        assert label in page, label


def test_seed_footer_lines_appear_on_our_page(client):
    """Every footer line of the seed page, read from the seed file, is on our home page."""
    from pathlib import Path

    from django.conf import settings

    seed = (Path(settings.BASE_DIR) / SEED).read_text(encoding="utf-8")
    footer = seed[seed.index("Trang thông tin điện tử Ban Tuyên giáo Tỉnh ủy Kon Tum") :]
    lines = [line.strip(" -\u00a0") for line in footer.splitlines()]
    lines = [line for line in lines if line and not line.startswith("Bạn đã không sử dụng")]
    load_demo()
    page = text_of(client.get("/"))
    for line in lines:
        assert re.sub(r"\s+", " ", line) in page, line


def test_home_query_budget_is_flat(client, django_assert_num_queries):
    load_demo()
    client.get("/")  # warm caches, as on a running site
    # A guest: presence write and the statistics (2); profile, menu, banners and photos
    # are cached until an editor saves.
    with django_assert_num_queries(3):
        client.get("/")
    for _ in range(20):
        BannerFactory()
        PhotoFactory()
    client.get("/")  # a save drops the cached banner and photo blocks once
    with django_assert_num_queries(3):
        client.get("/")


def test_every_page_has_its_own_title(client):
    album = PhotoFactory().album
    titles = set()
    for url in ["/", reverse("portal:albums"), album.get_absolute_url(), "/khong-co-trang-nay/"]:
        html = client.get(url).content.decode()
        titles.add(re.search(r"<title>(.*?)</title>", html).group(1))
    assert len(titles) == 4


def render_block(rf, tag, user=None):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template

    request = rf.get("/")
    request.user = user or AnonymousUser()
    template = Template("{% load portal_tags %}{% " + tag + " %}")
    # A plain Context: the layout's context processors are not the block's cost.
    return template.render(Context({"request": request, "user": request.user}))


@pytest.mark.parametrize(
    ("tag", "budget"),
    # banners and photos are cached until an editor saves; the statistics are always live
    [("login_box", 0), ("banners", 0), ("activity_photos", 0), ("visit_stats", 2)],
)
def test_each_block_has_a_flat_query_budget(rf, tag, budget, django_assert_num_queries):
    from tests.portal.factories import PhotoFactory

    SiteProfile.load()  # cached site-wide, as on a running site
    for _ in range(2):
        BannerFactory()
        PhotoFactory()
    render_block(rf, tag)  # caches warm, as on a running site
    with django_assert_num_queries(budget):
        small = render_block(rf, tag)
    for _ in range(15):
        BannerFactory()
        PhotoFactory()
    render_block(rf, tag)
    with django_assert_num_queries(budget):
        large = render_block(rf, tag)
    assert large.strip() and small.strip()


def test_photos_block_shows_the_six_newest(rf):
    from tests.portal.factories import PhotoFactory

    photos = [PhotoFactory(caption=f"Ảnh số {n}") for n in range(8)]
    html = render_block(rf, "activity_photos")
    assert html.count("<img") == 6
    assert photos[-1].get_absolute_url() in html
    assert photos[0].get_absolute_url() not in html


def test_the_login_page_has_no_second_login_box(client):
    body = client.get("/tai-khoan/dang-nhap/").content.decode()
    assert "block--login" not in body
    assert body.count('name="password"') == 1
