"""Error pages, robots.txt, favicon, database outage, and the production settings check."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


def test_unknown_url_gives_the_vietnamese_404_page_in_the_layout(client):
    response = client.get("/trang-khong-ton-tai/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Không tìm thấy trang (lỗi 404)" in body
    assert "Bạn đang ở:" in body  # the site's layout
    assert "block--login" in body


def test_wrong_method_gives_405(client):
    assert client.post("/").status_code == 405
    assert client.delete("/hinh-anh/").status_code == 405


def test_csrf_failure_page_is_vietnamese():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/tai-khoan/dang-nhap/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Không gửi được biểu mẫu (lỗi 403)" in body
    assert "Bạn đang ở:" in body


def test_403_page(client, rf):
    from django.core.exceptions import PermissionDenied

    from portal.views import permission_denied

    request = rf.get("/bi-mat/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = permission_denied(request, PermissionDenied("Cần thuộc nhóm Báo cáo viên."))
    assert response.status_code == 403
    assert "Cần thuộc nhóm Báo cáo viên." in response.content.decode()


def test_500_page_renders_without_the_database(rf, django_assert_num_queries):
    from portal.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "máy chủ gặp sự cố (lỗi 500)" in response.content.decode()


def test_robots_and_favicon(client):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert robots["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in robots.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 302
    assert favicon["Location"].endswith("favicon.svg")


def run_python(code, **env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_database_outage_is_answered_with_503_not_200():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='portal.settings'; django.setup();"
        "from django.test import Client; r = Client(raise_request_exception=False).get('/');"
        "print(r.status_code, r.get('Retry-After')); print(r.content.decode())"
    )
    result = run_python(
        code,
        DJANGO_TESTING="1",
        DJANGO_DEBUG="0",
        DATABASE_URL="postgres://postgres@127.0.0.1:1/portal?connect_timeout=2",
    )
    first_line = result.stdout.splitlines()[0] if result.stdout else result.stderr
    assert first_line == "503 60", result.stderr[-2000:]
    assert "tạm ngừng phục vụ" in result.stdout


def check_deploy(tmp_path, *extra_args, **env):
    """Run `manage.py check --deploy` with production settings from the environment."""
    return run_python(
        "from django.core.management import execute_from_command_line;"
        f"execute_from_command_line(['manage.py', 'check', '--deploy', *{list(extra_args)!r}])",
        DJANGO_SETTINGS_MODULE="portal.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 20 + "production-secret-key-with-enough-entropy-1234567890",
        DJANGO_ALLOWED_HOSTS="tuyengiao.example.vn",
        DATABASE_URL=f"sqlite:///{tmp_path}/prod.sqlite3",
        **env,
    )


def test_redis_outage_is_answered_with_503_not_500(tmp_path):
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='portal.settings'; django.setup();"
        "from django.core.management import call_command; call_command('migrate', verbosity=0);"
        "from django.test import Client; r = Client(raise_request_exception=False).get('/');"
        "print(r.status_code, r.get('Retry-After'))"
    )
    result = run_python(
        code,
        DJANGO_TESTING="1",
        DJANGO_DEBUG="0",
        DATABASE_URL=f"sqlite:///{tmp_path}/outage.sqlite3",
        REDIS_URL="redis://127.0.0.1:1/0",
    )
    assert result.stdout.strip().splitlines()[-1:] == ["503 60"], result.stderr[-2000:]


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = check_deploy(tmp_path, "--fail-level", "WARNING", REDIS_URL="redis://127.0.0.1:6379/0")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_asks_for_a_shared_cache(tmp_path):
    result = check_deploy(tmp_path)
    assert "portal.W001" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python(
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='portal.settings';"
        "from django.conf import settings; settings.SECRET_KEY",
        DJANGO_DEBUG="0",
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


def test_sitemap_lists_public_pages_only(client):
    from tests.portal.factories import PhotoAlbumFactory

    public = PhotoAlbumFactory(slug="hoi-nghi")
    hidden = PhotoAlbumFactory(slug="noi-bo", is_published=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "http://testserver/" in body
    assert public.get_absolute_url() in body
    assert hidden.get_absolute_url() not in body


def test_static_names_carry_a_content_hash_in_production(tmp_path, settings):
    from django.core.management import call_command

    from portal.storage import PortalStaticStorage

    settings.STATIC_ROOT = tmp_path / "static"
    storage = PortalStaticStorage(location=settings.STATIC_ROOT)
    assert storage.url("js/idle.js") == "/static/js/idle.js"  # before collectstatic
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "portal.storage.PortalStaticStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    storage = PortalStaticStorage(location=settings.STATIC_ROOT)
    assert re.fullmatch(r"/static/js/idle\.[0-9a-f]{12}\.js", storage.url("js/idle.js"))
