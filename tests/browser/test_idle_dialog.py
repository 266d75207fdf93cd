"""The idle-logout warning in a real browser (static/js/idle.js), on a timer of seconds.

The page's timer is 2 s of idleness, then a 3 s countdown; the server's limit is a little
longer (2.4 s + 3 s), as the page rounds the timeout down to whole seconds.
"""

import itertools
import re
import time
from importlib import import_module

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from portal import idle

pytestmark = pytest.mark.browser

SENTENCE = re.compile(
    r"^Bạn đã không sử dụng Site, Bấm vào đây để duy trì trạng thái đăng nhập\. "
    r"Thời gian chờ: [1-3] giây$"
)
LOGGED_OUT = "Bạn đã được đăng xuất vì không sử dụng Site"
LAST_ACTIVITY = '() => Number(localStorage.getItem("portal-idle:last"))'
# What Chromium does when site data is blocked: reading window.localStorage throws.
BLOCK_STORAGE = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("Access is denied for this document.", "SecurityError"); },
});
"""
STORAGE_BLOCKED = "() => { try { window.localStorage; return false; } catch (e) { return true; } }"


@pytest.fixture
def short_timer(settings):
    settings.IDLE_TIMEOUT_MINUTES = 0.04
    settings.IDLE_WARNING_SECONDS = 3


def session_of(context):
    """The browser's session as the server stores it, read afresh on each call."""
    cookies = context.cookies()
    key = next((c["value"] for c in cookies if c["name"] == settings.SESSION_COOKIE_NAME), None)
    # The configured engine: another engine's store may answer from a cache of its own.
    return import_module(settings.SESSION_ENGINE).SessionStore(key)


def dialog_of(page):
    return page.get_by_role("alertdialog")


def count_of(page):
    return page.locator("#idle-dialog [data-idle-count]")


def signed_in(page):
    """The dialog is rendered for signed-in users only."""
    return page.locator("#idle-dialog")


def still_at(path):
    """The page's URL is path, and not, say, a login page sending back to it."""
    return re.compile(r"^https?://[^/]+" + re.escape(path) + "$")


def login_url(next_path):
    return re.compile(re.escape(reverse("portal:login") + "?next=" + next_path) + "$")


def record_warnings(page):
    """Count every opening of the dialog from now on (window.idleWarnings)."""
    page.evaluate(
        """() => {
            window.idleWarnings = 0;
            const dialog = document.getElementById("idle-dialog");
            new MutationObserver(() => { if (dialog.open) window.idleWarnings++; })
                .observe(dialog, {attributes: true, attributeFilter: ["open"]});
        }"""
    )


def test_warning_counts_down_and_a_click_keeps_the_session(
    context, page, log_in, member, short_timer
):
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(context, member)
    page.goto("/")
    dialog = dialog_of(page)
    expect(dialog).to_be_hidden()

    expect(dialog).to_be_visible(timeout=6_000)
    expect(dialog).to_have_text(SENTENCE)
    keep = page.get_by_role("button", name=re.compile("^Bạn đã không sử dụng Site"))
    expect(keep).to_be_focused()
    first = int(count_of(page).inner_text())
    expect(count_of(page)).to_have_text(str(first - 1), timeout=2_500)

    # At 360 px the whole warning fits on the screen.
    box = dialog.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert box["y"] >= 0 and box["y"] + box["height"] <= 740

    stamped = session_of(context)[idle.SESSION_KEY]
    with page.expect_response(re.compile(re.escape(reverse("portal:keepalive")))) as ping:
        keep.click()
    expect(dialog).to_be_hidden()
    # The click reached the server, whose own clock was about to run out.
    assert ping.value.ok
    assert session_of(context)[idle.SESSION_KEY] > stamped
    page.reload()
    expect(signed_in(page)).to_have_count(1)


def test_without_a_click_the_user_is_logged_out(context, page, log_in, member, short_timer):
    log_in(context, member)
    page.goto("/hinh-anh/?trang=1")
    expect(dialog_of(page)).to_be_visible(timeout=6_000)

    expect(page).to_have_url(login_url("/hinh-anh/%3Ftrang%3D1"), timeout=8_000)
    expect(page.get_by_text(LOGGED_OUT)).to_be_visible()
    page.goto("/")
    expect(signed_in(page)).to_have_count(0)


def test_typing_and_the_mouse_keep_the_warning_away(context, page, log_in, staff, short_timer):
    log_in(context, staff)
    page.goto(reverse("admin:portal_banner_add"))
    record_warnings(page)

    # Writing in the admin for longer than the 2 s after which an idle page warns.
    page.locator("#id_title").click()
    page.keyboard.type("Hội nghị quán triệt Nghị quyết", delay=90)
    assert page.evaluate("window.idleWarnings") == 0
    expect(page.locator("#id_title")).to_have_value("Hội nghị quán triệt Nghị quyết")

    # The mouse, the wheel and typing in an editing frame (CKEditor writes in a same-origin
    # iframe, whose events never reach the page) each move the time all tabs share.
    page.evaluate(
        """() => {
            const frame = document.createElement("iframe");
            frame.id = "editor";
            frame.srcdoc = "<body contenteditable style='min-height:80px'></body>";
            document.getElementById("content").prepend(frame);
        }"""
    )
    editor = page.frame_locator("#editor").locator("body")
    editor.wait_for()
    editor.evaluate("body => body.focus()")
    actions = [
        lambda: page.keyboard.type("Báo cáo viên"),  # into the frame, which has the focus
        lambda: page.mouse.move(200, 300, steps=5),
        lambda: page.mouse.wheel(0, 200),
    ]
    for action in actions:
        # The page writes the shared time at most once a second; let a pending write land.
        page.wait_for_timeout(1_100)
        before = page.evaluate(LAST_ACTIVITY)
        action()
        page.wait_for_function(f"() => ({LAST_ACTIVITY})() > {before}", timeout=3_000)

    # Once the hands stop, the warning comes, in the admin too; Escape keeps the session
    # and gives the focus back to the field being written.
    expect(dialog_of(page)).to_be_visible(timeout=4_000)
    page.keyboard.press("Escape")
    expect(dialog_of(page)).to_be_hidden()
    expect(page.frame_locator("#editor").locator("body")).to_be_focused()


def test_tabs_agree_on_keeping_the_session_and_on_the_logout(context, log_in, member, short_timer):
    log_in(context, member)
    first, second = context.new_page(), context.new_page()
    first.goto("/")
    second.goto("/hinh-anh/")
    expect(dialog_of(first)).to_be_visible(timeout=6_000)
    expect(dialog_of(second)).to_be_visible(timeout=2_000)

    first.bring_to_front()
    dialog_of(first).get_by_role("button").click()
    expect(dialog_of(first)).to_be_hidden()
    expect(dialog_of(second)).to_be_hidden(timeout=1_500)

    # Nobody clicks any more: both tabs end on the login page, and the session is gone.
    expect(dialog_of(second)).to_be_visible(timeout=4_000)
    expect(first).to_have_url(login_url("/"), timeout=8_000)
    expect(second).to_have_url(login_url("/hinh-anh/"), timeout=4_000)
    first.goto("/")
    expect(signed_in(first)).to_have_count(0)


def test_logging_out_in_one_tab_logs_out_the_others(context, log_in, member):
    # The default timer of 30 minutes: only the other tab can send this one away.
    log_in(context, member)
    first, second = context.new_page(), context.new_page()
    first.goto("/")
    second.goto("/hinh-anh/")
    expect(signed_in(second)).to_have_count(1)

    first.bring_to_front()
    first.locator(f'form[action="{reverse("portal:logout")}"] [type=submit]').first.click()
    expect(second).to_have_url(login_url("/hinh-anh/"), timeout=5_000)
    expect(signed_in(second)).to_have_count(0)


def idle_logout_answers(page_or_context):
    """Collect the answers to the pages' requests to log out, as they arrive."""
    answers = []
    path = reverse("portal:idle-logout")
    page_or_context.on("response", lambda r: answers.append(r) if r.url.endswith(path) else None)
    return answers


def test_without_storage_an_idle_tab_does_not_log_out_the_tab_at_work(
    context, log_in, staff, short_timer
):
    context.add_init_script(BLOCK_STORAGE)
    log_in(context, staff)
    untouched, writer = context.new_page(), context.new_page()
    untouched.goto("/hinh-anh/")
    writer.goto(reverse("admin:portal_banner_add"))
    assert writer.evaluate(STORAGE_BLOCKED) and untouched.evaluate(STORAGE_BLOCKED)
    record_warnings(untouched)
    record_warnings(writer)
    answers = idle_logout_answers(untouched)

    # The tabs cannot share the time, so the untouched one warns after 2 s and asks the
    # server to log out 3 s later, while the user writes on in the other.
    writer.bring_to_front()
    writer.locator("#id_title").click()
    words = itertools.cycle(["Hội nghị ", "quán triệt ", "Nghị quyết ", "Trung ương "])
    deadline = time.monotonic() + 12
    while not answers and time.monotonic() < deadline:
        writer.keyboard.type(next(words), delay=50)
    assert answers, "the untouched tab never asked to log out"

    # The writer was neither warned nor logged out, and its sentence is intact.
    assert "_auth_user_id" in session_of(context)
    assert writer.evaluate("window.idleWarnings") == 0
    expect(writer.locator("#id_title")).to_have_value(re.compile(r"^Hội nghị quán triệt "))
    # The untouched tab, told so by the server, stays and puts its warning away.
    expect(untouched).to_have_url(still_at("/hinh-anh/"))
    assert untouched.evaluate("window.idleWarnings") >= 1
    expect(dialog_of(untouched)).to_be_hidden()
    answer = answers[0].json()
    assert answer["ok"] is False and 1 <= answer["remaining"] <= 3

    # Hands off: the untouched tab counts again from the server's time, the writer gets its
    # own warning, and the session ends as it should.
    expect(dialog_of(untouched)).to_be_visible(timeout=4_000)
    expect(dialog_of(writer)).to_be_visible(timeout=4_000)
    expect(writer).to_have_url(login_url(reverse("admin:portal_banner_add")), timeout=8_000)
    expect(untouched).to_have_url(login_url("/hinh-anh/"), timeout=8_000)
    writer.goto("/")
    expect(signed_in(writer)).to_have_count(0)


def test_tabs_count_again_when_the_server_saw_activity_they_did_not(
    context, live_server, log_in, member, short_timer
):
    log_in(context, member)
    first, second = context.new_page(), context.new_page()
    first.goto("/")
    second.goto("/hinh-anh/")
    answers = idle_logout_answers(context)
    expect(count_of(first)).to_have_text("1", timeout=6_000)

    # A keep-alive from outside these tabs, as one with its storage blocked sends: the
    # server saw the user a second before the countdown ran out.
    token = next(c["value"] for c in context.cookies() if c["name"] == "csrftoken")
    ping = context.request.post(
        live_server.url + reverse("portal:keepalive"), headers={"X-CSRFToken": token}
    )
    assert ping.ok
    expect(dialog_of(first)).to_be_hidden(timeout=4_000)
    expect(dialog_of(second)).to_be_hidden()
    expect(first).to_have_url(still_at("/"))
    expect(second).to_have_url(still_at("/hinh-anh/"))
    assert answers and answers[0].json()["ok"] is False
    claimed = time.monotonic()

    # Both warn again when the server's timeout comes; a click keeps the session. The tab
    # that waited for the other's logout must have dropped its plan to leave 5 s after the
    # claim: both are still here, warning once more, after that.
    expect(dialog_of(second)).to_be_visible(timeout=4_000)
    second.bring_to_front()
    dialog_of(second).get_by_role("button").click()
    expect(dialog_of(first)).to_be_hidden(timeout=1_500)
    expect(count_of(first), "a tab left instead of warning").to_have_text("2", timeout=6_000)
    assert time.monotonic() - claimed > 5.5
    expect(first).to_have_url(still_at("/"))
    expect(second).to_have_url(still_at("/hinh-anh/"))
    assert "_auth_user_id" in session_of(context)
