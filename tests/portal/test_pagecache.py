"""Public pages kept for guests: same page for all, own CSRF token, live statistics."""

import re

import pytest
from django.test import Client

from portal.models import SiteProfile
from tests.factories import UserFactory
from tests.portal.factories import PhotoFactory, SiteProfileFactory

pytestmark = pytest.mark.django_db

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}


def token_of(response):
    return re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()
    ).group(1)


def without_tokens(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


@pytest.fixture
def warm_site():
    SiteProfileFactory()
    PhotoFactory()


def test_guests_share_the_page_but_not_the_token(warm_site, django_assert_num_queries):
    first, second = Client(**BROWSER), Client(**BROWSER)
    first_page = first.get("/")
    with django_assert_num_queries(3):  # presence write and the statistics
        second_page = second.get("/")
    assert without_tokens(first_page) == without_tokens(second_page)
    assert token_of(first_page) != token_of(second_page)
    assert "__portal_csrf_token__" not in second_page.content.decode()
    assert "<!--portal:live:" not in second_page.content.decode()


def test_the_token_of_a_kept_page_signs_in(warm_site):
    UserFactory(username="baocaovien", password="mat-khau-dung-1")
    Client(**BROWSER).get("/")  # keeps the page
    guest = Client(enforce_csrf_checks=True, **BROWSER)
    page = guest.get("/")
    response = guest.post(
        "/tai-khoan/dang-nhap/",
        {
            "username": "baocaovien",
            "password": "mat-khau-dung-1",
            "csrfmiddlewaretoken": token_of(page),
        },
    )
    assert response.status_code == 302


def test_statistics_stay_live_in_a_kept_page(warm_site):
    def today(response):
        text = re.sub(r"<[^>]+>", " ", response.content.decode())
        return int(re.search(r"Hôm nay\s+([\d.]+)", text).group(1).replace(".", ""))

    before = today(Client(**BROWSER).get("/"))
    for n in range(3):
        Client(HTTP_USER_AGENT=f"Mozilla/5.0 khách {n}").get("/")
    # the last reader is the first one again (same address and browser): not a new visit
    assert today(Client(**BROWSER).get("/")) == before + 3


def test_a_save_shows_at_once(warm_site):
    Client(**BROWSER).get("/")
    profile = SiteProfile.objects.get()
    profile.board_name = "Ban Tuyên giáo và Dân vận Tỉnh ủy"
    profile.save()
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy" in Client(**BROWSER).get("/").content.decode()


def test_members_never_get_or_leave_a_kept_page(warm_site, client):
    member = UserFactory(first_name="Lan", last_name="Nguyễn")
    client.force_login(member)
    greeting = "Xin chào, <strong>Nguyễn Lan</strong>"
    assert greeting in client.get("/").content.decode()
    guest_page = Client(**BROWSER).get("/").content.decode()
    assert "Nguyễn Lan" not in guest_page
    assert "Hãy đăng nhập tài khoản" in guest_page
    assert greeting in client.get("/").content.decode()


def test_a_guest_with_a_message_gets_a_fresh_page(warm_site, django_assert_max_num_queries):
    Client(**BROWSER).get("/hinh-anh/")
    guest = Client(**BROWSER)
    guest.cookies["messages"] = "anything"
    with django_assert_max_num_queries(10) as captured:
        assert guest.get("/hinh-anh/").status_code == 200
    assert any("portal_photoalbum" in q["sql"] for q in captured.captured_queries)


def test_page_cache_can_be_turned_off(warm_site, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_SECONDS = 0
    Client(**BROWSER).get("/hinh-anh/")
    with django_assert_max_num_queries(10) as captured:
        Client(**BROWSER).get("/hinh-anh/")
    assert any("portal_photoalbum" in q["sql"] for q in captured.captured_queries)


def test_not_found_pages_are_not_kept(warm_site):
    response = Client(**BROWSER).get("/hinh-anh/khong-co/")
    assert response.status_code == 404
    assert "__portal_csrf_token__" not in response.content.decode()


def test_unknown_query_parameters_are_served_fresh_and_not_kept(warm_site):
    from django.core.cache import cache

    Client(**BROWSER).get("/hinh-anh/?trang=1")
    kept = {key for key in cache._cache if ":portal:page:" in key}
    for n in range(5):
        assert Client(**BROWSER).get(f"/hinh-anh/?r={n}").status_code == 200
    assert {key for key in cache._cache if ":portal:page:" in key} == kept


def test_a_placeholder_typed_into_the_url_is_not_replaced_by_a_token(warm_site):
    body = Client(**BROWSER).get("/?next=__portal_csrf_token__").content.decode()
    assert body.count('name="csrfmiddlewaretoken" value="') == 1
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    assert token != "__portal_csrf_token__"
    assert body.count(token) == 1


def test_head_requests_get_the_kept_page_headers(warm_site):
    Client(**BROWSER).get("/")
    response = Client(**BROWSER).head("/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_pages_of_another_host_are_kept_apart(warm_site, settings):
    settings.ALLOWED_HOSTS = ["testserver", "tuyengiao.example.vn"]
    Client(**BROWSER).get("/", HTTP_HOST="tuyengiao.example.vn")
    from django.core.cache import cache

    assert len([key for key in cache._cache if ":portal:page:" in key]) == 1
    Client(**BROWSER).get("/")
    assert len([key for key in cache._cache if ":portal:page:" in key]) == 2
