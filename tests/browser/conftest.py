"""Browser tests: Playwright's sync API driving Debian's Chromium against `live_server`.

Fixtures: `browser` (one Chromium for the whole run), `context` and `page` (fresh per test,
so cookies and localStorage never leak between tests), `log_in(context, user)` (signs a
user in by handing the browser a session cookie, without depending on the login form's
markup), `member` and `staff` users.
"""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "Mat-khau-thu-2025"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def log_in(live_server):
    """Return log_in(context, user): the browser context is then signed in as user."""

    def log_in(context, user):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])

    return log_in


@pytest.fixture
def member(transactional_db):
    return get_user_model().objects.create_user(
        "canbo", password=PASSWORD, first_name="An", last_name="Nguyễn Văn"
    )


@pytest.fixture
def staff(transactional_db):
    return get_user_model().objects.create_superuser("quantri", password=PASSWORD)
