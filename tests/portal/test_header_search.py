"""The search box in the header of every page: where it goes, what it keeps, what it never echoes."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.articles.factories import ArticleFactory
from tests.documents.factories import DocumentFactory

pytestmark = pytest.mark.django_db

SEARCH_URL = "/tim-kiem/"


class _HeaderSearch(HTMLParser):
    """The header's search: its landmark, the form, the box, its label, the button's text."""

    def __init__(self):
        super().__init__()
        self.in_header = self.in_form = self.in_label = self.in_button = False
        self.form = self.box = self.landmark = None
        self.labels = {}
        self.label_for = None
        self.button = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.in_header and attrs.get("role") == "search":
            self.landmark = attrs
        if tag == "header":
            self.in_header = True
        elif tag == "form" and self.in_header and self.form is None:
            self.in_form, self.form = True, attrs
        elif self.in_form and tag == "input" and attrs.get("type") != "hidden":
            self.box = attrs
        elif self.in_form and tag == "label":
            self.in_label, self.label_for = True, attrs.get("for")
            self.labels[self.label_for] = ""
        elif self.in_form and tag == "button":
            self.in_button = True

    def handle_endtag(self, tag):
        if tag == "header":
            self.in_header = False
        elif tag == "form":
            self.in_form = False
        elif tag == "label":
            self.in_label = False
        elif tag == "button":
            self.in_button = False

    def handle_data(self, data):
        if self.in_label:
            self.labels[self.label_for] += data
        if self.in_button:
            self.button += data


def header_search(response):
    assert response.status_code == 200
    parser = _HeaderSearch()
    parser.feed(response.content.decode())
    assert parser.form is not None, "no form in the page's header"
    return parser


def assert_header_search_form(response):
    found = header_search(response)
    assert found.landmark is not None, "the header's search is not a search landmark"
    assert found.form.get("action") == SEARCH_URL
    assert found.form.get("method", "get").lower() == "get"
    assert found.box["name"] == "q"
    assert found.box["placeholder"] == "Nhập từ khóa…"
    assert found.labels.get(found.box["id"], "").strip() == "Tìm kiếm"
    assert found.button.strip() == "Tìm"
    return found


@pytest.mark.parametrize("page", ["home", "article", "documents"])
def test_public_pages_have_the_header_search_form(client, page):
    if page == "home":
        url = "/"
    elif page == "article":
        url = ArticleFactory(title="Hội nghị báo cáo viên quý III").get_absolute_url()
    else:
        DocumentFactory()
        url = reverse("documents:list")
    found = assert_header_search_form(client.get(url))
    assert found.box.get("value", "") == ""


def test_the_not_found_page_has_the_header_search_form_too(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    parser = _HeaderSearch()
    parser.feed(response.content.decode())
    assert parser.form["action"] == SEARCH_URL
    assert parser.box["name"] == "q"


def test_submitting_the_header_box_gives_the_results_with_the_words_in_the_box(client):
    wanted = ArticleFactory(title="Sơ kết công tác kiểm tra, giám sát 6 tháng")
    ArticleFactory(title="Tin văn hóa")
    response = client.get(SEARCH_URL, {"q": "kiem tra giam sat"})
    found = assert_header_search_form(response)
    assert found.box["value"] == "kiem tra giam sat"
    body = response.content.decode()
    main = body[body.index('<main id="noi-dung"') : body.index("</main>")]
    assert wanted.get_absolute_url() in main
    assert "Tin văn hóa" not in main
    assert "Tìm thấy 1 kết quả" in main


def test_the_words_searched_are_escaped_in_the_header_box(client):
    response = client.get(SEARCH_URL, {"q": '<script>alert(1)</script>"x'})
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;&quot;x"' in html
    # What the reader typed comes back as typed, not as markup.
    assert header_search(response).box["value"] == '<script>alert(1)</script>"x'


def test_a_guest_page_never_keeps_someone_elses_words(client, settings):
    """Pages are kept for all guests: the header shows no query outside the search page."""
    settings.PAGE_CACHE_SECONDS = 60
    client.get(SEARCH_URL, {"q": "bí mật"})
    assert header_search(client.get("/", {"q": "bí mật"})).box.get("value", "") == ""
    assert header_search(client.get("/")).box.get("value", "") == ""
    assert "bí mật" not in client.get("/").content.decode()
