"""Views and downloads: once per visitor (per file) per visit, atomic, exact in parallel."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.urls import reverse

from documents.counters import document_register_download, document_register_view
from documents.models import Document, DocumentFile
from portal import visits
from tests.concurrency import in_parallel
from tests.documents.factories import DocumentFactory, DocumentFileFactory
from tests.factories import UserFactory

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def visitor(cookie="a" * 32, user_agent=FIREFOX, user=None):
    request = RequestFactory().get("/van-ban/x/", HTTP_USER_AGENT=user_agent)
    if cookie:
        request.COOKIES[visits.VISITOR_COOKIE] = cookie
    request.user = user or AnonymousUser()
    return request


def figures(document):
    row = Document.objects.get(pk=document.pk)
    return row.view_count, row.download_count


@pytest.mark.django_db
def test_a_view_counts_once_per_visitor_and_never_for_bots():
    document = DocumentFactory()
    assert document_register_view(visitor(), document) is True
    assert document_register_view(visitor(), document) is False
    assert document_register_view(visitor("b" * 32), document) is True
    assert document_register_view(visitor(None, GOOGLEBOT), document) is False
    assert figures(document) == (2, 0)


@pytest.mark.django_db
def test_a_download_counts_once_per_visitor_per_file_and_moves_both_counts():
    document = DocumentFactory()
    first, second = DocumentFileFactory(document=document), DocumentFileFactory(document=document)
    member = UserFactory()
    assert document_register_download(visitor(user=member), first) is True
    assert document_register_download(visitor(user=member), first) is False
    assert document_register_download(visitor(user=member), second) is True
    assert document_register_download(visitor(None, GOOGLEBOT), second) is False
    assert figures(document) == (0, 2)
    assert DocumentFile.objects.get(pk=first.pk).download_count == 1
    assert DocumentFile.objects.get(pk=second.pk).download_count == 1


@pytest.mark.django_db
def test_a_reload_of_the_page_or_the_file_writes_nothing(django_assert_num_queries):
    document_file = DocumentFileFactory()
    document_register_download(visitor(), document_file)
    document_register_view(visitor(), document_file.document)
    with django_assert_num_queries(0):
        document_register_download(visitor(), document_file)
        document_register_view(visitor(), document_file.document)


@pytest.mark.django_db
def test_through_the_pages_views_and_downloads_count_once_and_the_preview_not_at_all():
    document_file = DocumentFileFactory()
    document = document_file.document
    reader = Client(HTTP_USER_AGENT=FIREFOX)
    reader.cookies[visits.VISITOR_COOKIE] = "c" * 32
    for _ in range(3):
        assert reader.get(document.get_absolute_url()).status_code == 200
        download = reader.get(reverse("documents:download", args=[document_file.pk]))
        assert download.status_code == 200
        b"".join(download.streaming_content)
        preview = reader.get(reverse("documents:preview", args=[document_file.pk]))
        assert preview.status_code == 200
    assert figures(document) == (1, 1)
    # The page shows the new figures to the next reader, kept page or not.
    page = Client(HTTP_USER_AGENT=FIREFOX).get(document.get_absolute_url()).content.decode()
    assert "Lượt xem:1 | lượt tải:1" in page


@pytest.mark.django_db
def test_a_head_request_for_a_file_is_answered_but_not_counted():
    document_file = DocumentFileFactory()
    reader = Client(HTTP_USER_AGENT=FIREFOX)
    reader.cookies[visits.VISITOR_COOKIE] = "d" * 32
    url = reverse("documents:download", args=[document_file.pk])
    assert reader.head(url).status_code == 200
    assert figures(document_file.document) == (0, 0)
    # The download that follows is the one counted.
    download = reader.get(url)
    b"".join(download.streaming_content)
    assert figures(document_file.document) == (0, 1)


@pytest.mark.django_db
def test_a_refused_download_counts_nothing():
    from documents.models import Access

    document_file = DocumentFileFactory(document=DocumentFactory(download_access=Access.REPORTERS))
    reader = Client(HTTP_USER_AGENT=FIREFOX)
    reader.force_login(UserFactory())
    assert reader.get(reverse("documents:download", args=[document_file.pk])).status_code == 403
    assert figures(document_file.document) == (0, 0)


@pytest.mark.django_db(transaction=True)
def test_parallel_downloads_by_many_readers_are_counted_exactly():
    document = DocumentFactory()
    first, second = DocumentFileFactory(document=document), DocumentFileFactory(document=document)
    readers = 12

    def job(n):
        return lambda: document_register_download(visitor(f"{n:032x}"), first if n % 3 else second)

    results, errors = in_parallel([job(n) for n in range(readers)])
    assert errors == []
    assert results == [True] * readers
    assert figures(document) == (0, readers)
    assert DocumentFile.objects.get(pk=first.pk).download_count == 8
    assert DocumentFile.objects.get(pk=second.pk).download_count == 4


@pytest.mark.django_db(transaction=True)
def test_one_reader_downloading_many_times_at_once_counts_once():
    document_file = DocumentFileFactory()
    results, errors = in_parallel(
        [lambda: document_register_download(visitor(), document_file)] * 8
    )
    assert errors == []
    assert sorted(results) == [False] * 7 + [True]
    assert figures(document_file.document) == (0, 1)


@pytest.mark.django_db
def test_a_member_logging_out_and_in_again_within_the_visit_is_counted_once():
    document_file = DocumentFileFactory()
    member = UserFactory()
    url = reverse("documents:download", args=[document_file.pk])
    for _ in range(2):
        reader = Client(HTTP_USER_AGENT=FIREFOX)
        reader.force_login(member)
        assert reader.get(document_file.document.get_absolute_url()).status_code == 200
        b"".join(reader.get(url).streaming_content)
        reader.logout()
    assert figures(document_file.document) == (1, 1)
