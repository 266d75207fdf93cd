"""Documents in the site search: found by code in any spelling, only by those who may see them."""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from documents.models import Access
from portal.search.providers import PROVIDERS
from tests.articles.factories import ArticleFactory
from tests.documents.factories import DocumentFactory, DocumentKindFactory, IssuingBodyFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("portal:search")


def main_of(response):
    """The main column: the sidebar's blocks list documents too."""
    page = response.content.decode()
    return page[page.index('<main id="noi-dung"') : page.index("</main>")]


def search(client, q, **params):
    response = client.get(SEARCH, {"q": q, "loai": "van-ban", **params})
    assert response.status_code == 200
    return main_of(response)


@pytest.fixture
def report():
    return DocumentFactory(
        kind=DocumentKindFactory(name="Báo cáo", abbreviation="BC"),
        issuing_body=IssuingBodyFactory(abbreviation="BTGTU"),
        number="80",
        summary="Công tác báo chí quí I; nhiệm vụ trọng tâm quí II-2021",
        description="<p>Đánh giá hoạt động <em>thông tin đối ngoại</em> của tỉnh.</p>",
        issued_on=datetime.date(2021, 4, 5),
    )


def test_documents_are_a_kind_of_search_result():
    assert any(p.key == "van-ban" and p.label == "Văn bản" for p in PROVIDERS)


@pytest.mark.parametrize(
    "q",
    ["80-BC/BTGTU", "BC.80.BTGTU", "bc 80", "BC80"[:2] + " 80 btgtu", "bao chi qui", "DOI NGOAI"],
)
def test_the_same_document_is_found_by_code_symbol_number_summary_or_description(report, q):
    page = search(Client(), q)
    assert report.get_absolute_url() in page, q
    assert "Ngày ban hành 05/04/2021" in page
    assert "Báo cáo" in page


def test_the_search_page_switches_between_news_and_documents(report):
    article = ArticleFactory(title="Báo chí cách mạng Việt Nam")
    news = main_of(Client().get(SEARCH, {"q": "bao chi"}))
    assert article.get_absolute_url() in news
    assert report.get_absolute_url() not in news
    assert "loai=van-ban" in news  # the link to the documents' results
    documents = search(Client(), "bao chi")
    assert report.get_absolute_url() in documents
    assert article.get_absolute_url() not in documents
    assert "<mark>" in documents


def test_a_code_searched_among_news_points_to_the_documents_that_match(report):
    page = main_of(Client().get(SEARCH, {"q": "bc 80"}))
    assert '<strong aria-current="page">Tin bài (0)</strong>' in page
    assert "Văn bản (1)</a>" in page
    assert "Có <a href=" in page and "1 kết quả trong mục văn bản</a>" in page
    # Each kind's link names its kind once (no repeated loai=…).
    assert page.count("loai=") == page.count("loai=van-ban") + page.count("loai=bai-viet")
    assert "loai=bai-viet&amp;loai" not in page


def test_restricted_documents_are_not_counted_for_those_who_may_not_see_them(report):
    DocumentFactory(summary="đề cương báo chí nội bộ", view_access=Access.REPORTERS)
    page = main_of(Client().get(SEARCH, {"q": "bao chi"}))
    assert "Văn bản (1)</a>" in page


def test_restricted_documents_are_found_only_by_those_who_may_see_them():
    hidden = DocumentFactory(summary="đề cương tuyên truyền bầu cử", view_access=Access.REPORTERS)
    assert hidden.get_absolute_url() not in search(Client(), "de cuong bau cu")
    member = Client()
    member.force_login(UserFactory())
    assert hidden.get_absolute_url() not in search(member, "de cuong bau cu")
    reporter = Client()
    reporter.force_login(UserFactory(groups=[settings.REPORTERS_GROUP]))
    assert hidden.get_absolute_url() in search(reporter, "de cuong bau cu")


def test_unpublished_documents_are_never_found():
    hidden = DocumentFactory(summary="kế hoạch chưa đăng", is_published=False)
    assert hidden.get_absolute_url() not in search(Client(), "ke hoach chua dang")


def test_the_dates_are_issue_dates(report):
    assert report.get_absolute_url() in search(Client(), "bao chi", tu="01/04/2021")
    assert report.get_absolute_url() not in search(Client(), "bao chi", tu="06/04/2021")


@pytest.mark.parametrize("count", [3, 30])
def test_the_search_page_costs_the_same_however_many_results(count, django_assert_num_queries):
    for n in range(count):
        ArticleFactory(title=f"Báo chí cách mạng số {n}")
        DocumentFactory(summary=f"công tác báo chí đợt {n}")
    client = Client()
    client.get(SEARCH, {"q": "bao chi"})  # warm the shell's caches, give the visitor a cookie
    for kind in ("bai-viet", "van-ban"):
        # Session-less guest: presence (1), the page of results and its count (2), the other
        # kind's count (1), the categories of the form (1), the documents blocks (1) and the
        # visit statistics (2).
        with django_assert_num_queries(8):
            response = client.get(SEARCH, {"q": "bao chi", "loai": kind})
        assert response.status_code == 200
