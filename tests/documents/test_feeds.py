"""The RSS of new documents and the sitemap: public documents only, newest first."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from documents.models import Access
from tests.documents.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def test_the_feed_lists_the_newest_twenty_public_documents():
    now = timezone.now()
    for n in range(25):
        DocumentFactory(
            summary=f"văn bản số thứ tự {n:02d}",
            published_at=now - datetime.timedelta(hours=25 - n),
        )
    DocumentFactory(summary="chỉ dành cho thành viên", view_access=Access.MEMBERS)
    DocumentFactory(summary="chưa đăng", is_published=False)
    response = Client().get(reverse("documents:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = response.content.decode()
    assert feed.count("<item>") == 20
    assert feed.index("văn bản số thứ tự 24") < feed.index("văn bản số thứ tự 23")
    assert "văn bản số thứ tự 04" not in feed
    assert "chỉ dành cho thành viên" not in feed
    assert "chưa đăng" not in feed
    assert "<language>vi</language>" in feed


def test_the_sitemap_lists_public_documents_only():
    public = DocumentFactory()
    members = DocumentFactory(view_access=Access.MEMBERS)
    sitemap = Client().get("/sitemap.xml").content.decode()
    assert public.get_absolute_url() in sitemap
    assert members.get_absolute_url() not in sitemap


def test_the_list_page_links_its_feed():
    page = Client().get(reverse("documents:list")).content.decode()
    assert 'type="application/rss+xml"' in page
    assert reverse("documents:feed") in page


def test_the_feed_is_read_only():
    DocumentFactory()
    client = Client(enforce_csrf_checks=False)
    assert client.post(reverse("documents:feed")).status_code == 405
    assert client.head(reverse("documents:feed")).status_code == 200
