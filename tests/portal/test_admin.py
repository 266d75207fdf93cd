"""The admin: Vietnamese, titled with the board's name, with a dashboard of common tasks."""

import pytest

from portal.demo import load as load_demo
from portal.models import SiteProfile
from tests.portal.factories import SiteProfileFactory

pytestmark = pytest.mark.django_db


def test_admin_index_is_titled_with_the_board_and_lists_common_tasks(admin_client):
    SiteProfileFactory()
    response = admin_client.get("/admin/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ban Tuyên giáo Tỉnh ủy Kon Tum" in body
    assert "Bảng điều khiển" in body
    assert "Việc thường làm" in body
    assert "Sửa thông tin website (chân trang)" in body
    assert 'lang="vi"' in body


def test_site_profile_is_a_single_row_edited_in_place(admin_client, client):
    SiteProfileFactory()
    response = admin_client.get("/admin/portal/siteprofile/")
    assert response.status_code == 302
    assert response["Location"].endswith("/admin/portal/siteprofile/1/change/")
    assert admin_client.get("/admin/portal/siteprofile/add/").status_code == 403
    form = admin_client.get("/admin/portal/siteprofile/1/change/")
    assert "Người chịu trách nhiệm chính" in form.content.decode()
    data = {
        "board_name": "Trang thông tin điện tử Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "short_name": "Ban Tuyên giáo và Dân vận",
        "licence_date": "28/08/2020",
        "visits_before_launch": "9927613",
        "reuse_notice": "Ghi rõ nguồn khi sử dụng lại thông tin từ website này",
    }
    saved = admin_client.post("/admin/portal/siteprofile/1/change/", data)
    assert saved.status_code == 302, saved.content.decode()[:3000]
    profile = SiteProfile.objects.get()
    assert profile.licence_date.isoformat() == "2020-08-28"  # 28/08/2020 is 28 August
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy" in client.get("/").content.decode()


def test_bad_date_in_the_profile_is_refused_with_a_message_and_kept(admin_client):
    SiteProfileFactory()
    response = admin_client.post(
        "/admin/portal/siteprofile/1/change/",
        {"board_name": "Tên mới", "licence_date": "31/02/2020", "visits_before_launch": "0"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nhập ngày hợp lệ" in body or "ngày hợp lệ" in body
    assert 'value="31/02/2020"' in body
    assert 'value="Tên mới"' in body


def test_admin_lists_have_filters_and_search(client, django_user_model):
    load_demo()  # resets the demo "admin" password, so sign in as another superuser
    admin_client = client
    admin_client.force_login(django_user_model.objects.create_superuser("quantri", password="x"))
    for url in [
        "/admin/portal/banner/",
        "/admin/portal/photoalbum/",
        "/admin/portal/menuitem/",
        "/admin/portal/sidebarblock/",
        "/admin/portal/visitday/",
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
    banners = admin_client.get("/admin/portal/banner/?q=dh").content.decode()
    assert "dh 13" in banners and "sachtuyengiao" not in banners
    assert 'id="changelist-filter"' in admin_client.get("/admin/portal/banner/").content.decode()


def test_sidebar_block_admin_offers_the_registered_blocks(admin_client):
    body = admin_client.get("/admin/portal/sidebarblock/add/").content.decode()
    for title in ["Đăng nhập", "Thống kê", "Hình ảnh hoạt động", "Liên kết", "Văn Bản Mới"]:
        assert title in body


def test_guests_are_sent_to_the_admin_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_common_tasks_follow_the_users_permissions(client):
    from django.contrib.auth.models import Permission

    from tests.factories import StaffFactory

    staff = StaffFactory()
    staff.user_permissions.add(Permission.objects.get(codename="add_banner"))
    client.force_login(staff)
    body = client.get("/admin/").content.decode()
    assert "Thêm quảng cáo / liên kết ảnh" in body
    assert "Sửa thông tin website (chân trang)" not in body
    assert "Thống kê truy cập" in body


def test_login_throttling_records_are_in_vietnamese_in_the_admin(admin_client):
    body = admin_client.get("/admin/").content.decode()
    assert "Access attempts" not in body
    assert "Các lần đăng nhập sai" in body or "các lần đăng nhập sai" in body.lower()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/portal/visitday/?day__year=9999",
        "/admin/portal/visitday/?day__year=9999&day__month=12",
        "/admin/portal/visitday/?day__year=99999999999",
        "/admin/portal/photoalbum/?event_date__year=9999",
        "/admin/portal/banner/?show_from__year=1",
        "/admin/axes/accessattempt/?attempt_time__year=9999",
    ],
)
def test_absurd_filters_in_admin_lists_give_a_message_not_a_500(admin_client, url):
    response = admin_client.get(url, follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    # Where the database copes with the value (PostgreSQL with year 1) the list just shows.
    assert "Bộ lọc không hợp lệ" in body or 'id="changelist"' in body


def test_a_tampered_list_edit_is_refused_without_a_500(admin_client):
    from tests.portal.factories import BannerFactory

    BannerFactory()
    response = admin_client.post(
        "/admin/portal/banner/",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": "abc",
            "form-0-order": "1",
            "_save": "Lưu",
        },
    )
    assert response.status_code in (200, 302)


def test_menu_links_that_run_script_are_refused(admin_client):
    for bad in [
        "javascript:alert(document.cookie)",
        "//evil.example/",
        "data:text/html,x",
        " javascript:x",
    ]:
        response = admin_client.post(
            "/admin/portal/menuitem/add/", {"title": "Văn bản", "url": bad, "order": 0}
        )
        assert response.status_code == 200, bad
        assert "Đường dẫn phải bắt đầu bằng /" in response.content.decode()
    for good in ["/van-ban/", "https://dangcongsan.vn/"]:
        response = admin_client.post(
            "/admin/portal/menuitem/add/",
            {"title": "Văn bản", "url": good, "order": 0, "is_visible": "on"},
        )
        assert response.status_code == 302, good


def test_banner_links_are_http_or_https(admin_client):
    from tests.portal.factories import png

    response = admin_client.post(
        "/admin/portal/banner/add/",
        {
            "title": "dh 13",
            "image": png(),
            "link": "ftps://example.org/",
            "position": "sidebar",
            "order": 0,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert 'value="ftps://example.org/"' in response.content.decode()


def test_admin_lists_group_numbers_the_vietnamese_way(admin_client):
    from portal.models import VisitDay

    VisitDay.objects.create(day="2025-03-05", visits=104708)
    body = admin_client.get("/admin/portal/visitday/").content.decode()
    assert "104.708" in body
