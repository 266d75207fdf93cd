"""Accounts: sign-in/out, password change and reset, account page, throttling, groups."""

import html
import re
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.urls import reverse

from portal.groups import ALL, VIEW, rules_filter, sync_group_permissions
from tests.factories import PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/tai-khoan/dang-nhap/"
LOGOUT = "/tai-khoan/dang-xuat/"
ACCOUNT = "/tai-khoan/"
PASSWORD_CHANGE = "/tai-khoan/doi-mat-khau/"
PASSWORD_RESET = "/tai-khoan/quen-mat-khau/"
NEW_PASSWORD = "Bao-cao-vien-2026"

LOGIN_ERROR = "Vui lòng nhập đúng tên đăng nhập và mật khẩu."
LOCKED = "Tài khoản đã tạm bị khóa do đăng nhập sai quá 5 lần. Vui lòng thử lại sau 15 phút."


def page_text(response):
    """The visible text of a page, whitespace collapsed, entities decoded."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def input_tag(response, field_id):
    match = re.search(rf'<input[^>]*\bid="{field_id}"[^>]*>', response.content.decode())
    assert match, f"no input #{field_id}"
    return match.group(0)


def errors_of(response, field_id):
    """The error list Django renders next to a field (its id is <field id>_error)."""
    match = re.search(
        rf'<ul class="errorlist" id="{field_id}_error">(.*?)</ul>', response.content.decode(), re.S
    )
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))) if match else ""


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


def fail_login(client, username, times, **extra):
    responses = [
        client.post(LOGIN, {"username": username, "password": "sai-mat-khau"}, **extra)
        for _ in range(times)
    ]
    return responses[-1]


# --- URLs and layout ----------------------------------------------------------------------


def test_url_names_are_in_the_portal_namespace():
    assert reverse("portal:login") == LOGIN
    assert reverse("portal:logout") == LOGOUT
    assert reverse("portal:account") == ACCOUNT
    assert reverse("portal:password_change") == PASSWORD_CHANGE
    assert reverse("portal:password_change_done") == "/tai-khoan/doi-mat-khau/xong/"
    assert reverse("portal:password_reset") == PASSWORD_RESET
    assert reverse("portal:password_reset_done") == "/tai-khoan/quen-mat-khau/da-gui/"
    assert (
        reverse("portal:password_reset_confirm", args=["MQ", "abc-123"])
        == "/tai-khoan/dat-lai-mat-khau/MQ/abc-123/"
    )
    assert reverse("portal:password_reset_complete") == "/tai-khoan/dat-lai-mat-khau/xong/"


@pytest.mark.parametrize(
    ("url", "title", "crumb"),
    [
        (LOGIN, "Đăng nhập", "Đăng nhập"),
        (PASSWORD_RESET, "Quên mật khẩu", "Quên mật khẩu"),
        (
            "/tai-khoan/quen-mat-khau/da-gui/",
            "Đã gửi hướng dẫn đặt lại mật khẩu",
            "Đã gửi hướng dẫn",
        ),
        ("/tai-khoan/dat-lai-mat-khau/xong/", "Đã đặt mật khẩu mới", "Đã đặt mật khẩu mới"),
    ],
)
def test_public_pages_are_in_the_layout(client, url, title, crumb):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert f"<title>{title} – " in body
    assert "Bạn đang ở:" in body
    assert f'<span aria-current="page">{crumb}</span>' in body
    assert '<meta name="robots" content="noindex">' in body


@pytest.mark.parametrize(
    ("url", "title"),
    [
        (ACCOUNT, "Tài khoản của tôi"),
        (PASSWORD_CHANGE, "Đổi mật khẩu"),
        ("/tai-khoan/doi-mat-khau/xong/", "Đã đổi mật khẩu"),
    ],
)
def test_member_pages_are_in_the_layout(client, url, title):
    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert f"<title>{title} – " in body
    assert f'<span aria-current="page">{title}</span>' in body
    assert "Trang chủ</a>" in body


# --- Sign-in ------------------------------------------------------------------------------


def test_login_success_goes_to_the_account_page(client):
    user = UserFactory()
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == ACCOUNT
    assert signed_in_user_id(client) == str(user.pk)


def test_login_failure_is_explained_in_vietnamese_and_keeps_the_username(client):
    user = UserFactory(username="bantuyengiao")
    response = client.post(LOGIN, {"username": user.username, "password": "Mat-khau-bi-mat-99"})
    assert response.status_code == 200
    assert signed_in_user_id(client) is None
    text = page_text(response)
    assert LOGIN_ERROR in text
    assert "phân biệt chữ hoa và chữ thường" in text
    assert 'value="bantuyengiao"' in input_tag(response, "id_username")
    assert "Mat-khau-bi-mat-99" not in response.content.decode()
    assert "value=" not in input_tag(response, "id_password")


def test_login_with_empty_fields_names_each_missing_field(client):
    response = client.post(LOGIN, {"username": "  ", "password": ""})
    assert response.status_code == 200
    assert "Vui lòng nhập tên đăng nhập." in errors_of(response, "id_username")
    assert "Vui lòng nhập mật khẩu." in errors_of(response, "id_password")
    assert 'aria-invalid="true"' in input_tag(response, "id_username")


def test_inactive_user_cannot_sign_in(client):
    user = UserFactory(is_active=False)
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200
    assert signed_in_user_id(client) is None
    assert LOGIN_ERROR in page_text(response)


@pytest.mark.parametrize(
    "data",
    [
        {"username": "a\x00b", "password": "x"},
        {"username": "ai", "password": "x\x00y"},
        {"username": "x" * 5000, "password": "y" * 5000},
        {"username": ["a", "b"], "password": ["c", "d"]},
        {"username": "😀 Nguyễn", "password": "ﬀ½"},
        {},
    ],
)
def test_login_never_fails_with_500(client, data):
    response = client.post(LOGIN, data)
    assert response.status_code == 200
    text = page_text(response)
    assert "Thông tin chưa hợp lệ" in text or LOGIN_ERROR in text


def test_overlong_username_is_refused_before_authentication(client):
    response = client.post(LOGIN, {"username": "x" * 300, "password": "sai"})
    assert "Tối đa 150 ký tự (bạn đã nhập 300)." in errors_of(response, "id_username")
    assert not AccessAttempt.objects.exists()


def test_null_character_is_refused_in_vietnamese(client):
    response = client.post(LOGIN, {"username": "a\x00b", "password": "x"})
    assert "ký tự không hợp lệ" in errors_of(response, "id_username")


def test_sidebar_login_box_posts_to_login_with_the_current_page_as_next(client):
    body = client.get("/hinh-anh/").content.decode()
    form = re.search(
        r'<form method="post" action="([^"]+)" class="login-form">(.*?)</form>', body, re.S
    )
    assert form.group(1) == LOGIN
    assert '<input type="hidden" name="next" value="/hinh-anh/">' in form.group(2)


def test_login_from_the_sidebar_returns_to_the_page(client):
    user = UserFactory()
    response = client.post(
        LOGIN, {"username": user.username, "password": PASSWORD, "next": "/hinh-anh/?trang=2"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/hinh-anh/?trang=2"


def test_failed_sidebar_login_lands_on_the_full_login_page(client):
    user = UserFactory()
    response = client.post(
        LOGIN, {"username": user.username, "password": "sai", "next": "/hinh-anh/"}
    )
    assert response.status_code == 200
    assert "<title>Đăng nhập – " in response.content.decode()
    assert LOGIN_ERROR in page_text(response)
    assert f'value="{user.username}"' in input_tag(response, "id_username")
    assert '<input type="hidden" name="next" value="/hinh-anh/">' in response.content.decode()
    # and the corrected attempt still goes back to the page
    response = client.post(
        LOGIN, {"username": user.username, "password": PASSWORD, "next": "/hinh-anh/"}
    )
    assert response["Location"] == "/hinh-anh/"


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "///evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "https:evil.example",
        "javascript:alert(1)",
        "http://testserver.evil.example/",
        " //evil.example/",
        "/tai-khoan/dang-nhap/?next=https://evil.example/",
    ],
)
def test_open_redirects_are_refused(client, next_url):
    user = UserFactory()
    page = client.get(LOGIN, {"next": next_url})
    assert '<input type="hidden" name="next" value="">' in page.content.decode()
    response = client.post(
        LOGIN, {"username": user.username, "password": PASSWORD, "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == ACCOUNT


def test_next_that_is_the_login_page_is_unwrapped(client):
    # The sidebar box on the login page posts the login page itself as `next`.
    user = UserFactory()
    response = client.post(
        LOGIN,
        {"username": user.username, "password": PASSWORD, "next": f"{LOGIN}?next=/hinh-anh/"},
    )
    assert response["Location"] == "/hinh-anh/"


def test_next_that_is_the_logout_page_is_ignored(client):
    user = UserFactory()
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD, "next": LOGOUT})
    assert response["Location"] == ACCOUNT


def test_login_page_tells_a_signed_in_user_who_they_are(client):
    client.force_login(UserFactory(username="dangvao"))
    assert "Bạn đang đăng nhập bằng tài khoản dangvao" in page_text(client.get(LOGIN))


# --- Sign-out -----------------------------------------------------------------------------


def test_logout_by_get_is_refused_with_405_in_the_layout(client):
    user = UserFactory()
    client.force_login(user)
    response = client.get(LOGOUT)
    assert response.status_code == 405
    assert "POST" in response["Allow"]
    assert "GET" not in response["Allow"]
    assert "<title>Đăng xuất – " in response.content.decode()
    assert f'<form method="post" action="{LOGOUT}">' in response.content.decode()
    assert signed_in_user_id(client) == str(user.pk)


def test_logout_by_post_signs_out(client):
    client.force_login(UserFactory())
    response = client.post(LOGOUT, follow=True)
    assert response.redirect_chain[0] == ("/", 302)
    assert signed_in_user_id(client) is None
    assert "Bạn đã đăng xuất." in page_text(response)


def test_logout_needs_csrf():
    client = Client(enforce_csrf_checks=True)
    user = UserFactory()
    client.force_login(user)
    assert client.post(LOGOUT).status_code == 403
    assert signed_in_user_id(client) == str(user.pk)


# --- Password change ----------------------------------------------------------------------


def test_password_change_requires_login(client):
    response = client.get(PASSWORD_CHANGE)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={PASSWORD_CHANGE}"


def test_password_change_flow(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        PASSWORD_CHANGE,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/doi-mat-khau/xong/"
    # the session that changed the password stays signed in
    done = client.get(response["Location"])
    assert done.status_code == 200
    assert "Mật khẩu của bạn đã được đổi." in page_text(done)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    other = Client()
    assert other.post(LOGIN, {"username": user.username, "password": PASSWORD}).status_code == 200
    assert (
        other.post(LOGIN, {"username": user.username, "password": NEW_PASSWORD}).status_code == 302
    )


def test_password_change_signs_out_other_sessions(client):
    user = UserFactory()
    other = Client()
    other.force_login(user)
    client.force_login(user)
    client.post(
        PASSWORD_CHANGE,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert other.get(ACCOUNT).status_code == 302


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"old_password": "sai", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
            "id_old_password",
            "Mật khẩu hiện tại không đúng. Vui lòng nhập lại.",
        ),
        (
            {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": "khac-1234"},
            "id_new_password2",
            "Hai lần nhập mật khẩu mới không khớp nhau.",
        ),
        (
            {"old_password": PASSWORD, "new_password1": "abc", "new_password2": "abc"},
            "id_new_password1",
            "Mật khẩu quá ngắn: cần ít nhất 8 ký tự.",
        ),
        (
            {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
            "id_new_password1",
            "Mật khẩu không được chỉ gồm toàn chữ số.",
        ),
        (
            {"old_password": PASSWORD, "new_password1": "password", "new_password2": "password"},
            "id_new_password1",
            "Mật khẩu này quá phổ biến",
        ),
        (
            {
                "old_password": PASSWORD,
                "new_password1": "baocaovien01",
                "new_password2": "baocaovien01",
            },
            "id_new_password1",
            "Mật khẩu quá giống tên đăng nhập của bạn.",
        ),
        (
            {"old_password": "", "new_password1": "", "new_password2": ""},
            "id_new_password1",
            "Vui lòng nhập mật khẩu mới.",
        ),
    ],
)
def test_password_change_errors_are_vietnamese_and_next_to_the_field(client, data, field, message):
    user = UserFactory(username="baocaovien01")
    client.force_login(user)
    response = client.post(PASSWORD_CHANGE, data)
    assert response.status_code == 200
    assert message in errors_of(response, field)
    for value in {v for v in data.values() if v}:
        assert f'value="{value}"' not in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_change_shows_the_rules_in_vietnamese(client):
    client.force_login(UserFactory())
    text = page_text(client.get(PASSWORD_CHANGE))
    assert "Mật khẩu hiện tại" in text
    assert "Mật khẩu mới" in text
    assert "ít nhất 8 ký tự" in text


# --- Password reset -----------------------------------------------------------------------


def reset_link(message):
    match = re.search(
        r"http://testserver(/tai-khoan/dat-lai-mat-khau/[^/\s]+/[^/\s]+/)", message.body
    )
    assert match, message.body
    return match.group(1)


def test_password_reset_end_to_end(client):
    user = UserFactory(email="lan.nguyen@example.com")
    response = client.post(PASSWORD_RESET, {"email": "Lan.Nguyen@EXAMPLE.com"})
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/quen-mat-khau/da-gui/"

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lan.nguyen@example.com"]
    assert message.subject.startswith("Đặt lại mật khẩu tài khoản trên ")
    assert "Chúng tôi nhận được yêu cầu đặt lại mật khẩu" in message.body
    assert user.username in message.body
    assert "3 ngày" in message.body

    # The link hides the token behind a redirect, then shows the form.
    response = client.get(reset_link(message))
    assert response.status_code == 302
    form_url = response["Location"]
    assert form_url.endswith("/set-password/")
    page = client.get(form_url)
    assert "<title>Đặt mật khẩu mới – " in page.content.decode()

    mismatch = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": "khac"})
    assert "Hai lần nhập mật khẩu mới không khớp nhau." in errors_of(mismatch, "id_new_password2")

    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/dat-lai-mat-khau/xong/"

    # The new password signs in; the old one and the used link no longer work.
    assert client.post(LOGIN, {"username": user.username, "password": PASSWORD}).status_code == 200
    response = client.post(LOGIN, {"username": user.username, "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(user.pk)
    used = Client().get(reset_link(message))
    assert used.status_code == 200
    assert "Liên kết không còn hiệu lực" in page_text(used)


def test_password_reset_for_an_unknown_email_looks_the_same(client):
    UserFactory(email="co-that@example.com")
    known = client.post(PASSWORD_RESET, {"email": "co-that@example.com"})
    unknown = client.post(PASSWORD_RESET, {"email": "khong-co@example.com"})
    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["co-that@example.com"]


def test_password_reset_skips_inactive_and_passwordless_users(client):
    UserFactory(email="nghi@example.com", is_active=False)
    user = UserFactory(email="khongmatkhau@example.com")
    user.set_unusable_password()
    user.save()
    client.post(PASSWORD_RESET, {"email": "nghi@example.com"})
    client.post(PASSWORD_RESET, {"email": "khongmatkhau@example.com"})
    assert mail.outbox == []


def test_password_reset_sends_one_email_per_address_per_interval(client):
    UserFactory(email="mot@example.com")
    for _ in range(3):
        response = client.post(PASSWORD_RESET, {"email": "mot@example.com"})
        assert response["Location"] == "/tai-khoan/quen-mat-khau/da-gui/"
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Vui lòng nhập địa chỉ email của tài khoản."),
        ("khong-phai-email", "Địa chỉ email không hợp lệ."),
        ("a@" + "b" * 260 + ".vn", "Tối đa 254 ký tự"),
        ("a\x00@example.com", "ký tự không hợp lệ"),
    ],
)
def test_password_reset_form_errors_are_vietnamese(client, email, message):
    response = client.post(PASSWORD_RESET, {"email": email})
    assert response.status_code == 200
    assert message in errors_of(response, "id_email")
    if email and "\x00" not in email:
        assert f'value="{email}"' in input_tag(response, "id_email")
    assert mail.outbox == []


@pytest.mark.parametrize(
    "path",
    [
        "/tai-khoan/dat-lai-mat-khau/MQ/sai-ma/",
        "/tai-khoan/dat-lai-mat-khau/khong-phai-base64/abc-def/",
        "/tai-khoan/dat-lai-mat-khau/OTk5OTk5OTk5OTk5OTk5OTk5OTk5/abc-def/",
        "/tai-khoan/dat-lai-mat-khau/MQ/set-password/",
    ],
)
def test_invalid_reset_links_explain_themselves(client, path):
    UserFactory()
    response = client.get(path)
    assert response.status_code == 200
    assert "Liên kết không còn hiệu lực" in page_text(response)
    assert client.post(path, {"new_password1": "x", "new_password2": "x"}).status_code == 200


# --- The account page ---------------------------------------------------------------------


def test_account_page_requires_login(client):
    response = client.get(ACCOUNT)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={ACCOUNT}"


def test_account_page_shows_the_users_details(client, settings):
    user = UserFactory(
        username="lan.nguyen",
        last_name="Nguyễn Thị",
        first_name="Lan",
        email="lan@example.com",
        groups=[settings.REPORTERS_GROUP, settings.EDITORS_GROUP],
    )
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    text = page_text(client.get(ACCOUNT))
    assert "Họ và tên Nguyễn Thị Lan" in text
    assert "Tên đăng nhập lan.nguyen" in text
    assert "Địa chỉ email lan@example.com" in text
    groups = text.split("Nhóm ", 1)[1].split(" Lần đăng nhập")[0]
    assert set(groups.split(", ")) == {settings.REPORTERS_GROUP, settings.EDITORS_GROUP}
    assert "Lần đăng nhập gần nhất" in text
    assert "Lần đăng nhập trước đó" not in text  # first sign-in ever

    client.post(LOGOUT)
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert "Lần đăng nhập trước đó" in page_text(client.get(ACCOUNT))


def test_account_page_of_a_user_without_groups(client):
    client.force_login(UserFactory(last_name="", first_name=""))
    text = page_text(client.get(ACCOUNT))
    assert "Chưa thuộc nhóm nào" in text
    assert "Họ và tên Chưa nhập" in text
    assert "Trang quản trị" not in text


def test_staff_see_the_admin_link_on_their_account_page(client):
    client.force_login(StaffFactory())
    assert '<a href="/admin/">Trang quản trị</a>' in client.get(ACCOUNT).content.decode()


def test_account_edits_name(client):
    user = UserFactory(email="cu@example.com")
    client.force_login(user)
    response = client.post(
        ACCOUNT, {"last_name": " Trần Văn ", "first_name": "Bình", "email": "cu@example.com"}
    )
    assert response.status_code == 302
    assert response["Location"] == ACCOUNT
    user.refresh_from_db()
    assert (user.last_name, user.first_name) == ("Trần Văn", "Bình")
    assert "Đã lưu thông tin tài khoản." in page_text(client.get(ACCOUNT))


def test_account_email_change_needs_the_current_password(client):
    user = UserFactory(email="cu@example.com")
    client.force_login(user)
    data = {"last_name": "Lê", "first_name": "Hà", "email": "moi@EXAMPLE.COM"}

    response = client.post(ACCOUNT, data)
    assert "Vui lòng nhập mật khẩu hiện tại để đổi địa chỉ email." in errors_of(
        response, "id_current_password"
    )
    response = client.post(ACCOUNT, {**data, "current_password": "sai-roi"})
    assert "Mật khẩu hiện tại không đúng." in errors_of(response, "id_current_password")
    assert "sai-roi" not in response.content.decode()
    # what was typed stays in the form; nothing is saved
    assert 'value="moi@EXAMPLE.COM"' in input_tag(response, "id_email")
    assert 'value="Lê"' in input_tag(response, "id_last_name")
    user.refresh_from_db()
    assert user.email == "cu@example.com"
    assert user.last_name == "Nguyễn Văn"
    # nor shown as if it were (the layout greets request.user)
    assert "Xin chào, Hà Lê" not in page_text(response)

    response = client.post(ACCOUNT, {**data, "current_password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "moi@example.com"  # domain normalized


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "khong-hop-le"}, "id_email", "Địa chỉ email không hợp lệ."),
        ({"email": "nguoi-khac@example.com"}, "id_email", "đã được dùng cho một tài khoản khác"),
        ({"email": "Nguoi-Khac@Example.com"}, "id_email", "đã được dùng cho một tài khoản khác"),
        ({"first_name": "A" * 151}, "id_first_name", "Tối đa 150 ký tự (bạn đã nhập 151)."),
        ({"last_name": "B" * 200}, "id_last_name", "Tối đa 150 ký tự (bạn đã nhập 200)."),
        ({"last_name": "x\x00y"}, "id_last_name", "ký tự không hợp lệ"),
    ],
)
def test_account_errors_are_vietnamese_and_next_to_the_field(client, data, field, message):
    UserFactory(email="nguoi-khac@example.com")
    user = UserFactory(email="toi@example.com")
    client.force_login(user)
    post = {
        "last_name": "Nguyễn",
        "first_name": "An",
        "email": "toi@example.com",
        "current_password": PASSWORD,
        **data,
    }
    response = client.post(ACCOUNT, post)
    assert response.status_code == 200
    assert message in errors_of(response, field)
    assert PASSWORD not in response.content.decode()
    user.refresh_from_db()
    assert user.email == "toi@example.com"


def test_account_may_clear_the_email_with_the_password(client):
    user = UserFactory(email="toi@example.com")
    client.force_login(user)
    response = client.post(
        ACCOUNT,
        {"last_name": "A", "first_name": "B", "email": "", "current_password": PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == ""


def test_account_refuses_other_methods(client):
    client.force_login(UserFactory())
    assert client.put(ACCOUNT).status_code == 405


def test_account_form_cannot_touch_other_fields(client):
    user = UserFactory(email="toi@example.com")
    client.force_login(user)
    client.post(
        ACCOUNT,
        {
            "last_name": "A",
            "first_name": "B",
            "email": "toi@example.com",
            "is_staff": "on",
            "is_superuser": "on",
            "username": "admin",
        },
    )
    user.refresh_from_db()
    assert (user.username, user.is_staff, user.is_superuser) != ("admin", True, True)
    assert not user.is_staff and not user.is_superuser


# --- Throttling (django-axes) -------------------------------------------------------------


def test_lockout_after_five_failures_gives_the_429_page(client):
    user = UserFactory()
    for _ in range(4):
        assert fail_login(client, user.username, 1).status_code == 200
    response = fail_login(client, user.username, 1)
    assert response.status_code == 429
    assert LOCKED in page_text(response)
    assert "<title>Tài khoản tạm bị khóa – " in response.content.decode()
    assert "Bạn đang ở:" in response.content.decode()
    assert response["Retry-After"] == "900"
    assert "no-cache" in response["Cache-Control"]

    # Even the right password is refused while locked.
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert signed_in_user_id(client) is None


def test_lockout_message_follows_the_cool_off_setting(client, settings):
    settings.AXES_COOLOFF_TIME = 0.5  # hours
    response = fail_login(client, "ai-do", 5)
    assert "Vui lòng thử lại sau 30 phút." in page_text(response)


def test_lockout_is_per_username_and_address(client):
    locked, other = UserFactory(), UserFactory()
    fail_login(client, locked.username, 5)
    response = client.post(LOGIN, {"username": other.username, "password": PASSWORD})
    assert response.status_code == 302


def test_success_before_the_limit_resets_the_count(client):
    user = UserFactory()
    fail_login(client, user.username, 4)
    assert client.post(LOGIN, {"username": user.username, "password": PASSWORD}).status_code == 302
    client.post(LOGOUT)
    assert fail_login(client, user.username, 4).status_code == 200


def test_password_reset_lifts_the_lockout(client):
    user = UserFactory(email="bi-khoa@example.com")
    fail_login(client, user.username, 5)
    client.post(PASSWORD_RESET, {"email": user.email})
    form_url = client.get(reset_link(mail.outbox[0]))["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    response = client.post(LOGIN, {"username": user.username, "password": NEW_PASSWORD})
    assert response.status_code == 302


def test_lockout_callable_takes_axes_arguments(rf):
    from axes.helpers import get_lockout_response

    request = rf.post(LOGIN)
    request.user = UserFactory.build()
    response = get_lockout_response(request, None, {"username": "x"})
    assert response.status_code == 429
    assert LOCKED in page_text(response)


# --- Client address behind a proxy --------------------------------------------------------


def test_clients_behind_one_proxy_are_throttled_separately(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = UserFactory()
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    first = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.10"}
    second = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.20"}

    assert fail_login(client, user.username, 5, **first).status_code == 429
    assert AccessAttempt.objects.get().ip_address == "203.0.113.10"
    other = Client()
    response = other.post(LOGIN, {"username": user.username, "password": PASSWORD}, **second)
    assert response.status_code == 302


def test_forged_forwarded_for_is_ignored_behind_a_trusted_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = UserFactory()
    for n in range(5):
        # The client writes the left part; the proxy appends the address it saw.
        forged = {
            "REMOTE_ADDR": "10.0.0.1",
            "HTTP_X_FORWARDED_FOR": f"198.51.100.{n}, 203.0.113.10",
        }
        response = client.post(LOGIN, {"username": user.username, "password": "sai"}, **forged)
    assert response.status_code == 429


def test_forged_forwarded_for_does_not_escape_throttling_without_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    user = UserFactory()
    for n in range(5):
        forged = {"REMOTE_ADDR": "203.0.113.7", "HTTP_X_FORWARDED_FOR": f"198.51.100.{n}"}
        response = client.post(LOGIN, {"username": user.username, "password": "sai"}, **forged)
    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"


def test_garbage_forwarded_for_does_not_break_login(client, settings):
    # Only reachable when TRUSTED_PROXY_COUNT is higher than the real number of proxies
    # (or the app is reachable around nginx): the client then writes the "trusted" entry.
    settings.TRUSTED_PROXY_COUNT = 1
    meta = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "unknown"}
    response = client.post(LOGIN, {"username": "ai", "password": "sai"}, **meta)
    assert response.status_code == 200


# --- Groups -------------------------------------------------------------------------------

GROUPS_MIGRATION = ("portal", "0002_groups")


def run_groups_migration():
    """Run the data migration's code with the historical models it runs with."""
    loader = MigrationLoader(connection)
    migration = loader.get_migration(*GROUPS_MIGRATION)
    state = loader.project_state(GROUPS_MIGRATION)
    for operation in migration.operations:
        # sync_group_permissions only needs the schema editor's connection
        operation.code(state.apps, SimpleNamespace(connection=connection))


@pytest.fixture
def migrated_groups(db):
    """The groups as the data migration leaves them on a fresh database.

    A reused test database may have lost the migration's rows to a transactional test's
    flush; and on a fresh database the permissions do not exist yet when the migration
    runs. Both are reproduced here before the migration's code runs again.
    """
    Group.objects.all().delete()
    Permission.objects.filter(content_type__app_label="portal").delete()
    run_groups_migration()


def codenames(name):
    group = Group.objects.get(name=name)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def test_the_groups_migration_is_applied_and_creates_the_groups(migrated_groups, settings):
    assert (
        MigrationRecorder(connection)
        .migration_qs.filter(app=GROUPS_MIGRATION[0], name=GROUPS_MIGRATION[1])
        .exists()
    )
    names = {settings.EDITORS_GROUP, settings.REPORTERS_GROUP, settings.INSPECTORS_GROUP}
    assert names == {"Biên tập viên", "Báo cáo viên", "Kiểm tra – Giám sát"}
    assert set(Group.objects.values_list("name", flat=True)) == names


def test_the_groups_migration_reads_the_names_from_settings(db, settings):
    settings.REPORTERS_GROUP = "Báo cáo viên cấp tỉnh"
    run_groups_migration()
    assert Group.objects.filter(name="Báo cáo viên cấp tỉnh").exists()


def test_editors_edit_the_site_shell_but_do_not_delete(migrated_groups, settings):
    editors = codenames(settings.EDITORS_GROUP)
    for model in ["banner", "menuitem", "photoalbum", "photo", "siteprofile"]:
        for action in ["add", "change", "view"]:
            assert ("portal", f"{action}_{model}") in editors
        assert ("portal", f"delete_{model}") not in editors
    assert ("portal", "view_visitday") in editors
    assert ("portal", "change_visitday") not in editors
    assert not any(app == "auth" for app, _codename in editors)


def test_reporters_have_no_admin_permissions(migrated_groups, settings):
    assert codenames(settings.REPORTERS_GROUP) == set()


def test_inspectors_have_inspections_and_read_documents(migrated_groups, settings):
    inspectors = codenames(settings.INSPECTORS_GROUP)
    for app_label, codename in inspectors:
        assert app_label == "inspections" or (
            app_label == "documents" and codename.startswith("view_")
        )


def test_sync_gives_articles_documents_and_inspections_models_when_they_exist(db, settings):
    # With the real apps (as a later app's migration would see them), every model there is.
    sync_group_permissions()
    editors = codenames(settings.EDITORS_GROUP)
    inspectors = codenames(settings.INSPECTORS_GROUP)
    for app_label in ["articles", "documents"]:
        for model in apps.get_app_config(app_label).get_models():
            assert (app_label, f"change_{model._meta.model_name}") in editors
            assert (app_label, f"delete_{model._meta.model_name}") not in editors
    for model in apps.get_app_config("documents").get_models():
        assert ("documents", f"view_{model._meta.model_name}") in inspectors
    assert (
        set(
            Permission.objects.filter(content_type__app_label="inspections").values_list(
                "content_type__app_label", "codename"
            )
        )
        <= inspectors
    )


def test_sync_is_idempotent_and_keeps_permissions_granted_by_hand(migrated_groups, settings):
    editors = Group.objects.get(name=settings.EDITORS_GROUP)
    editors.permissions.add(Permission.objects.get(codename="delete_banner"))
    sync_group_permissions()  # with every app's models, as after all migrations
    before = codenames(settings.EDITORS_GROUP)
    sync_group_permissions()
    run_groups_migration()
    assert codenames(settings.EDITORS_GROUP) == before
    assert Group.objects.filter(name=settings.EDITORS_GROUP).count() == 1


def test_sync_recreates_deleted_groups(migrated_groups, settings):
    Group.objects.filter(name=settings.INSPECTORS_GROUP).delete()
    sync_group_permissions()
    assert Group.objects.filter(name=settings.INSPECTORS_GROUP).exists()


def test_rules_cover_every_model_of_an_app_and_skip_apps_without_models():
    view_all = Permission.objects.filter(rules_filter(apps, [("portal", ALL, VIEW)]))
    portal_models = {m._meta.model_name for m in apps.get_app_config("portal").get_models()}
    assert {p.codename for p in view_all} == {f"view_{name}" for name in portal_models}
    assert not Permission.objects.filter(rules_filter(apps, [("khong_co_app", ALL, ALL)])).exists()
    assert not Permission.objects.filter(rules_filter(apps, [])).exists()


def test_client_ip_keeps_a_proper_address_behind_one_proxy(rf, settings):
    from portal.net import client_ip

    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.5")
    assert client_ip(request) == "203.0.113.5"
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="unknown")
    assert client_ip(request) == "10.0.0.1"


def test_next_pointing_at_the_admin_logout_is_ignored(client):
    user = UserFactory()
    response = client.post(
        "/tai-khoan/dang-nhap/",
        {"username": user.username, "password": "Tuyen-giao-2025!", "next": "/admin/logout/"},
    )
    assert response.status_code == 302
    assert response["Location"] != "/admin/logout/"
