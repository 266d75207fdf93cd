"""The admin speaks Vietnamese where Django 5.2's own catalogue falls silent."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_a_refused_save_says_so_in_vietnamese(admin_client):
    response = admin_client.post(reverse("admin:documents_documentkind_add"), {"name": ""})
    page = response.content.decode()
    assert "Hãy sửa các lỗi bên dưới." in page
    assert "Please correct" not in page


def test_the_list_filters_and_the_recent_actions_are_in_vietnamese(admin_client):
    page = admin_client.get(reverse("admin:documents_document_changelist")).content.decode()
    assert "Hiện số lượng" in page
    assert "Show counts" not in page
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert "Skip to main content" not in page


def test_the_two_box_pickers_speak_vietnamese(admin_client):
    script = admin_client.get("/admin/jsi18n/").content.decode()
    assert "Ch\\u1ecdn t\\u1ea5t c\\u1ea3 %s" in script or "Chọn tất cả %s" in script
    assert "(b\\u1ea5m \\u0111\\u1ec3 x\\u00f3a)" in script or "(bấm để xóa)" in script


def test_a_member_with_the_right_password_is_told_the_admin_is_not_for_them(client):
    from django.conf import settings

    from tests.factories import PASSWORD

    reporter = UserFactory(username="baocaovien", groups=[settings.REPORTERS_GROUP])
    response = client.post(
        reverse("admin:login"), {"username": reporter.username, "password": PASSWORD}
    )
    page = response.content.decode()
    assert "Tài khoản “baocaovien” không được vào trang quản trị" in page
    assert "_auth_user_id" not in client.session
    wrong = client.post(reverse("admin:login"), {"username": "baocaovien", "password": "sai"})
    assert "không được vào trang quản trị" not in wrong.content.decode()


def test_the_login_lockouts_have_a_vietnamese_heading(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert "Khóa đăng nhập sai" in page
    assert ">Axes<" not in page
