"""Every page of the demo site opens for the people who use it: no page answers 500.

A walk over the demo's real records (every document, campaign, organization, plan and
their admin pages) as a guest, a reporter, an editor and an inspection officer: what
unit tests built from factories can miss, a link between records nobody thought of.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from articles.models import Article
from documents.models import Document, DocumentFile
from inspections.models import Campaign, InspectionPlan, PartyOrganization

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    from portal.groups import sync_group_permissions

    # A reused test database may have lost the groups' rights to a transactional test's flush.
    sync_group_permissions()
    call_command("load_demo", force=True)


def _client(username=None):
    client = Client(raise_request_exception=True)
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    return client


def _public_urls():
    urls = ["/", "/tin-tuc/", "/van-ban/", "/van-ban/rss/", "/rss/", "/sitemap.xml"]
    urls += ["/tim-kiem/?q=kiem+tra", "/tim-kiem/?q=bc+80&loai=van-ban"]
    urls += [d.get_absolute_url() for d in Document.objects.all()]
    urls += [a.get_absolute_url() for a in Article.objects.published()[:5]]
    urls += [reverse("inspections:public", args=[c.pk]) for c in Campaign.objects.public()]
    return urls


def _inspection_urls():
    urls = [
        reverse("inspections:dashboard"),
        reverse("inspections:campaigns"),
        reverse("inspections:remediations"),
        reverse("inspections:organizations"),
        reverse("inspections:campaign-export", args=["xlsx"]),
        reverse("inspections:remediation-export", args=["csv"]),
    ]
    for campaign in Campaign.objects.all():
        urls += [
            campaign.get_absolute_url(),
            reverse("inspections:campaign-print", args=[campaign.pk]),
        ]
        urls.append(reverse("admin:inspections_campaign_change", args=[campaign.pk]))
    urls += [p.get_absolute_url() for p in InspectionPlan.objects.all()]
    urls += [o.get_absolute_url() for o in PartyOrganization.objects.all()[:10]]
    return urls


@pytest.mark.parametrize("username", [None, "baocaovien", "bientap", "kiemtra"])
def test_every_public_page_of_the_demo_opens(demo, username):
    client = _client(username)
    for url in _public_urls():
        response = client.get(url)
        assert response.status_code in (200, 302, 403), url


def test_every_document_file_of_the_demo_downloads_for_the_reporter(demo):
    # The demo's documents are public, for members or for Báo cáo viên: a reporter gets all.
    client = _client("baocaovien")
    for document_file in DocumentFile.objects.select_related("document"):
        response = client.get(reverse("documents:download", args=[document_file.pk]))
        assert response.status_code == 200, document_file.document.code
        assert b"".join(response.streaming_content)[:4] in (b"%PDF", b"PK\x03\x04")


@pytest.mark.parametrize("username", ["bientap", "kiemtra", "admin"])
def test_every_inspection_page_of_the_demo_opens_for_those_who_read_them(demo, username):
    client = _client(username)
    for url in _inspection_urls():
        assert client.get(url).status_code == 200, url


def test_every_document_admin_page_of_the_demo_opens_for_an_editor(demo):
    client = _client("bientap")
    for document in Document.objects.all():
        url = reverse("admin:documents_document_change", args=[document.pk])
        assert client.get(url).status_code == 200, url
