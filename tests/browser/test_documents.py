"""A reporter's journey in a real browser: log in from the sidebar, download a restricted outline.

The outline is for Báo cáo viên only: a guest does not even see it in the sidebar. After
logging in from the home page's login box, the reporter finds it in the "Tài liệu" block,
opens it, downloads its file (the right bytes, under its Vietnamese name), and the page's
download count has gone up by one.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from documents.models import Access, Document
from tests.documents.factories import (
    PDF_BYTES,
    DocumentFactory,
    DocumentFileFactory,
    DocumentKindFactory,
)
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser

SUMMARY = "Đề cương tuyên truyền kỷ niệm 90 năm Ngày thành lập Đoàn Thanh niên"
FILE_NAME = "Đề cương 90 năm Đoàn.pdf"


@pytest.fixture
def outline(transactional_db):
    document = DocumentFactory(
        kind=DocumentKindFactory(name="Tài liệu", abbreviation="", is_material=True),
        number="",
        summary=SUMMARY,
        view_access=Access.REPORTERS,
        download_access=Access.REPORTERS,
        view_count=630,
        download_count=179,
    )
    DocumentFileFactory(document=document, original_name=FILE_NAME, title="Toàn văn đề cương")
    return document


@pytest.fixture
def reporter(transactional_db):
    return UserFactory(username="baocaovien", groups=[settings.REPORTERS_GROUP])


def test_a_reporter_logs_in_from_the_sidebar_and_downloads_a_restricted_outline(
    page, outline, reporter, tmp_path
):
    page.goto("/")
    materials = page.locator("section[aria-labelledby=block-documents-materials]")
    # A guest does not see the outline anywhere on the page.
    expect(page.get_by_text(SUMMARY)).to_have_count(0)

    login_box = page.locator("section.block--login")
    expect(login_box).to_contain_text("Hãy đăng nhập tài khoản để sử dụng tài liệu Báo cáo viên")
    login_box.get_by_label("Tên đăng nhập").fill(reporter.username)
    login_box.get_by_label("Mật khẩu").fill(PASSWORD)
    with page.expect_navigation():
        login_box.get_by_role("button", name="Đăng nhập").click()
    expect(login_box).to_contain_text("Xin chào")

    # The outline is now in the "Tài liệu" block, with its figures as the seed shows them.
    expect(materials).to_contain_text(SUMMARY)
    expect(materials).to_contain_text("Lượt xem:630 | lượt tải:179")
    with page.expect_navigation():
        materials.get_by_role("link", name="TÀI LIỆU", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(outline.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(SUMMARY)
    stats = page.locator("main .document-facts .document-stats")
    # This view is counted once the page is sent, as articles' are: it shows on the next load.
    expect(stats).to_have_text("Lượt xem:630 | lượt tải:179")
    # The PDF is previewed in the page, from this site only.
    expect(page.locator("iframe.document-preview__frame")).to_have_count(1)

    with page.expect_download() as download_info:
        page.locator("main").get_by_role("link", name="Tải về").click()
    download = download_info.value
    assert download.suggested_filename == FILE_NAME
    saved = tmp_path / "saved.pdf"
    download.save_as(saved)
    assert Path(saved).read_bytes() == PDF_BYTES

    page.reload()
    expect(stats).to_have_text("Lượt xem:631 | lượt tải:180")
    assert Document.objects.get(pk=outline.pk).download_count == 180


def test_a_shared_link_to_the_file_asks_a_guest_to_log_in_then_downloads_it(
    page, outline, reporter
):
    file_url = reverse("documents:download", args=[outline.files.get().pk])
    page.goto(file_url)
    # Not the file: the login page, in the site's layout.
    expect(page).to_have_url(re.compile(r"/tai-khoan/dang-nhap/"))
    form = page.locator("main form")
    form.get_by_label("Tên đăng nhập").fill(reporter.username)
    form.get_by_label("Mật khẩu").fill(PASSWORD)
    with page.expect_download() as download_info:
        form.get_by_role("button", name="Đăng nhập").click()
        # Back on the outline's page, which says what is happening while the file comes.
        expect(page.get_by_role("heading", level=1)).to_contain_text(SUMMARY)
        expect(page.get_by_role("status")).to_contain_text("đang được tải về")
    assert download_info.value.suggested_filename == FILE_NAME
    assert Document.objects.get(pk=outline.pk).download_count == 180
