"""Idle logout on the server: portal/idle.py and IdleSessionMiddleware, on a controlled clock."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from portal import idle

pytestmark = pytest.mark.django_db

SENTENCE = (
    "Bạn đã không sử dụng Site, Bấm vào đây để duy trì trạng thái đăng nhập. Thời gian chờ: 30 giây"
)


class Clock:
    def __init__(self):
        self.time = 1_750_000_000.0

    def __call__(self):
        return self.time

    def advance(self, seconds):
        self.time += seconds


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(idle, "now", clock)
    return clock


@pytest.fixture(autouse=True)
def _one_minute(settings):
    # 60 s of idleness, then 30 s of warning: the server's limit is 90 s.
    settings.IDLE_TIMEOUT_MINUTES = 1
    settings.IDLE_WARNING_SECONDS = 30


@pytest.fixture
def user():
    return get_user_model().objects.create_user("canbo", password="mat-khau-dai-1")


@pytest.fixture
def signed_in(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def is_signed_in(client):
    return "_auth_user_id" in client.session


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def text_of(response):
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_active_user_stays_signed_in(signed_in, clock):
    assert signed_in.get("/").status_code == 200
    for _ in range(5):
        clock.advance(80)  # each gap is under the limit of 90 s
        response = signed_in.get("/")
        assert response.status_code == 200
        assert response.wsgi_request.user.is_authenticated
    assert is_signed_in(signed_in)


def test_idle_user_is_logged_out_and_sent_to_log_in_again(signed_in, clock):
    signed_in.get("/")
    clock.advance(91)
    response = signed_in.get("/hinh-anh/?trang=2")
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/dang-nhap/?next=/hinh-anh/%3Ftrang%3D2"
    assert not is_signed_in(signed_in)
    assert message_texts(response) == [
        "Bạn đã được đăng xuất vì không sử dụng Site quá 1 phút. "
        "Vui lòng đăng nhập lại để tiếp tục."
    ]
    assert signed_in.get("/").wsgi_request.user.is_anonymous


def test_the_limit_is_timeout_plus_warning(signed_in, clock):
    signed_in.get("/")
    clock.advance(90)
    assert signed_in.get("/").status_code == 200
    assert is_signed_in(signed_in)


def test_idle_user_on_the_login_page_sees_it_without_a_loop(signed_in, clock):
    signed_in.get("/")
    clock.advance(200)
    response = signed_in.get(reverse("portal:login"), {"next": "/hinh-anh/"})
    # The login page is answered, not redirected to itself with a nested next.
    assert response.status_code == 200
    assert "Bạn đã được đăng xuất vì không sử dụng Site quá 1 phút." in text_of(response)
    assert not is_signed_in(signed_in)


def test_idle_form_post_is_not_run_as_an_anonymous_user(signed_in, clock):
    signed_in.get("/")
    clock.advance(91)
    response = signed_in.post(reverse("portal:logout"))
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/?next=")


def test_idle_fetch_gets_json_401(signed_in, clock):
    signed_in.get("/")
    clock.advance(91)
    response = signed_in.get("/", headers={"accept": "application/json"})
    assert response.status_code == 401
    assert response.json()["reason"] == "idle"
    assert response.json()["login_url"] == "/tai-khoan/dang-nhap/?next=/"


def test_session_is_written_only_when_the_stored_time_is_stale(signed_in, clock):
    signed_in.get("/")
    start = signed_in.session[idle.SESSION_KEY]
    # Refreshed when older than min(60 s, timeout / 4) = 15 s.
    clock.advance(10)
    response = signed_in.get("/")
    assert not response.wsgi_request.session.modified
    assert signed_in.session[idle.SESSION_KEY] == start
    clock.advance(10)
    response = signed_in.get("/")
    assert response.wsgi_request.session.modified
    assert signed_in.session[idle.SESSION_KEY] == start + 20


def test_refresh_interval_is_at_most_a_minute(settings):
    settings.IDLE_TIMEOUT_MINUTES = 30
    assert idle.refresh_seconds() == 60
    settings.IDLE_TIMEOUT_MINUTES = 0.05
    assert idle.refresh_seconds() == pytest.approx(0.75)


def test_zero_turns_idle_logout_off(settings, signed_in, clock):
    settings.IDLE_TIMEOUT_MINUTES = 0
    signed_in.get("/")
    clock.advance(10 * 24 * 3600)
    response = signed_in.get("/")
    assert response.status_code == 200
    assert response.wsgi_request.user.is_authenticated
    assert idle.SESSION_KEY not in signed_in.session
    assert 'id="idle-dialog"' not in response.content.decode()


def test_logging_in_starts_the_clock(client, user, clock):
    response = client.post(
        reverse("portal:login"), {"username": "canbo", "password": "mat-khau-dai-1"}
    )
    assert response.status_code == 302
    assert client.session[idle.SESSION_KEY] == clock.time


def test_anonymous_requests_store_nothing(client, clock):
    client.get("/")
    assert idle.SESSION_KEY not in client.session


# --- Keep-alive -----------------------------------------------------------------------------


@pytest.fixture
def csrf_client(user, clock):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    client.get("/")  # the page with the dialog sets the CSRF cookie
    return client


def csrf_header(client):
    return {"X-CSRFToken": client.cookies["csrftoken"].value}


def test_keepalive_refuses_get(signed_in):
    response = signed_in.get(reverse("portal:keepalive"))
    assert response.status_code == 405


def test_keepalive_needs_the_csrf_token(csrf_client):
    response = csrf_client.post(reverse("portal:keepalive"))
    assert response.status_code == 403


def test_keepalive_refreshes_the_activity(csrf_client, clock):
    start = csrf_client.session[idle.SESSION_KEY]
    clock.advance(5)  # under the 15 s an ordinary request waits for
    response = csrf_client.post(reverse("portal:keepalive"), headers=csrf_header(csrf_client))
    assert response.status_code == 200
    assert response.json() == {"ok": True, "remaining": 90}
    assert response["Cache-Control"].startswith("max-age=0")
    assert csrf_client.session[idle.SESSION_KEY] == start + 5
    # Pings keep a user who types without loading pages signed in.
    for _ in range(4):
        clock.advance(80)
        response = csrf_client.post(reverse("portal:keepalive"), headers=csrf_header(csrf_client))
        assert response.status_code == 200
    assert is_signed_in(csrf_client)


def test_keepalive_does_not_revive_an_idle_session(csrf_client, clock):
    clock.advance(91)
    response = csrf_client.post(reverse("portal:keepalive"), headers=csrf_header(csrf_client))
    assert response.status_code == 401
    assert response.json()["ok"] is False
    assert response.json()["reason"] == "idle"
    assert not is_signed_in(csrf_client)
    # The login page the script goes to next explains why.
    assert len(message_texts(response)) == 1


def test_anonymous_keepalive_answers_401_json():
    client = Client(enforce_csrf_checks=True)
    client.get("/")
    response = client.post(reverse("portal:keepalive"), headers=csrf_header(client))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "ok": False,
        "reason": "anonymous",
        "login_url": "/tai-khoan/dang-nhap/",
    }


# --- Logout when the countdown ends ----------------------------------------------------------


def post_idle_logout(client, **data):
    return client.post(reverse("portal:idle-logout"), data, headers=csrf_header(client))


def test_idle_logout_logs_out_and_names_the_login_page(csrf_client, clock):
    clock.advance(60)  # the timeout; the 30 s of warning need not have passed on the server
    response = csrf_client.post(
        reverse("portal:idle-logout"),
        {"next": "/hinh-anh/?trang=2"},
        headers=csrf_header(csrf_client),
    )
    assert response.status_code == 200
    assert response.json() == {
        "ok": True,
        "redirect": "/tai-khoan/dang-nhap/?next=/hinh-anh/%3Ftrang%3D2",
    }
    assert not is_signed_in(csrf_client)
    assert len(message_texts(response)) == 1


def test_idle_logout_never_sends_elsewhere(csrf_client, clock):
    clock.advance(60)
    response = csrf_client.post(
        reverse("portal:idle-logout"),
        {"next": "https://evil.example/"},
        headers=csrf_header(csrf_client),
    )
    assert response.json()["redirect"] == "/tai-khoan/dang-nhap/?next=/"


def test_idle_logout_refuses_while_the_server_saw_activity(csrf_client, clock):
    # Another tab, which this one cannot hear from when browser storage is blocked, is in use.
    clock.advance(5)
    response = post_idle_logout(csrf_client, next="/")
    assert response.status_code == 200
    assert response.json() == {"ok": False, "remaining": 55}
    assert response["Cache-Control"].startswith("max-age=0")
    assert is_signed_in(csrf_client)
    assert message_texts(response) == []


def test_idle_logout_counts_a_ping_as_activity(csrf_client, clock):
    # Typing in an editor makes no request but pings: the tab at work is seen through them.
    clock.advance(70)
    csrf_client.post(reverse("portal:keepalive"), headers=csrf_header(csrf_client))
    clock.advance(20)
    response = post_idle_logout(csrf_client)
    assert response.json() == {"ok": False, "remaining": 40}
    assert is_signed_in(csrf_client)


def test_idle_logout_does_not_count_as_activity_itself(csrf_client, clock):
    clock.advance(50)  # past the 15 s after which an ordinary request refreshes the time
    assert post_idle_logout(csrf_client).json() == {"ok": False, "remaining": 10}
    clock.advance(9.5)
    # Rounded up: asked back any sooner, the server would still refuse.
    assert post_idle_logout(csrf_client).json() == {"ok": False, "remaining": 1}
    clock.advance(0.5)
    response = post_idle_logout(csrf_client)
    assert response.json()["ok"] is True
    assert not is_signed_in(csrf_client)
    assert len(message_texts(response)) == 1


def test_idle_logout_during_the_warning_logs_out(csrf_client, clock):
    clock.advance(75)
    response = post_idle_logout(csrf_client)
    assert response.json() == {"ok": True, "redirect": "/tai-khoan/dang-nhap/?next=/"}
    assert not is_signed_in(csrf_client)


def test_idle_logout_after_the_limit_finds_the_session_ended(csrf_client, clock):
    clock.advance(91)
    response = post_idle_logout(csrf_client, next="/hinh-anh/")
    assert response.status_code == 200
    assert response.json() == {"ok": True, "redirect": "/tai-khoan/dang-nhap/?next=/hinh-anh/"}
    assert not is_signed_in(csrf_client)
    # Given once, by the middleware, which ended the session before the view ran.
    assert len(message_texts(response)) == 1


def test_idle_logout_of_a_session_without_a_time_logs_out(csrf_client):
    # Nothing the server saw speaks against the countdown that ran in the page.
    session = csrf_client.session
    del session[idle.SESSION_KEY]
    session.save()
    assert post_idle_logout(csrf_client).json()["ok"] is True
    assert not is_signed_in(csrf_client)


def test_idle_logout_needs_post_and_csrf(csrf_client):
    assert csrf_client.get(reverse("portal:idle-logout")).status_code == 405
    assert csrf_client.post(reverse("portal:idle-logout")).status_code == 403
    assert is_signed_in(csrf_client)


# --- Markup ----------------------------------------------------------------------------------


def test_dialog_is_rendered_closed_for_signed_in_users_only(signed_in):
    html = signed_in.get("/").content.decode()
    assert re.search(r'<dialog id="idle-dialog"[^>]*role="alertdialog"', html)
    assert '<dialog id="idle-dialog" open' not in html
    assert 'data-timeout="60"' in html and 'data-warning="30"' in html
    assert 'src="/static/js/idle.js"' in html
    assert SENTENCE in text_of(signed_in.get("/"))
    signed_in.logout()
    assert 'id="idle-dialog"' not in signed_in.get("/").content.decode()


def test_admin_pages_carry_the_dialog_for_staff(client):
    admin = get_user_model().objects.create_superuser("quantri", password="mat-khau-dai-1")
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="idle-dialog"' in html
    assert 'id="site-name"' in html
    assert "<title>" in html and "Quản trị" in html
    assert SENTENCE in text_of(response)
    client.logout()
    assert 'id="idle-dialog"' not in client.get(reverse("admin:login")).content.decode()


def test_durations_read_in_vietnamese():
    assert idle.describe(3) == "3 giây"
    assert idle.describe(30 * 60) == "30 phút"
    assert idle.describe(90 * 60) == "1 giờ 30 phút"
    assert idle.describe(120 * 60) == "2 giờ"
