"""Who reaches what: the access matrix of documents, their files, and every other way in.

Readers: a guest, a member, a Báo cáo viên, a member of a chosen group, staff who may read
documents in the admin. Documents: public, members-only, reporters-only (seeing and
downloading separately) and chosen-groups. Nothing restricted may leak: not the page, not
the file, not a guessed path, not a search result, the feed, a block or the sitemap.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import include, path, re_path, reverse
from django.views.static import serve

from documents.models import Access
from portal.checks import private_media_apart
from tests.documents.factories import DocumentFactory, DocumentFileFactory
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

CHOSEN = "Tổ biên tập"
SUMMARIES = {
    "public": "quán triệt nghị quyết công khai cho mọi người",
    "members": "hướng dẫn nội bộ cho thành viên đăng nhập",
    "reporters": "đề cương tuyên truyền dành riêng báo cáo viên",
    "reporters_download": "thông báo công khai kèm tệp chỉ báo cáo viên tải",
    "groups": "kế hoạch riêng của tổ biên tập",
}
RULES = {
    "public": (Access.PUBLIC, Access.PUBLIC),
    "members": (Access.MEMBERS, Access.MEMBERS),
    "reporters": (Access.REPORTERS, Access.REPORTERS),
    "reporters_download": (Access.PUBLIC, Access.REPORTERS),
    "groups": (Access.GROUPS, Access.GROUPS),
}


def _serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


# This module as a URLconf: the site plus /media/ served from MEDIA_ROOT as DEBUG serves it.
urlpatterns = [re_path(r"^media/(?P<path>.*)$", _serve_media), path("", include("portal.urls"))]

# reader -> document -> (detail, download): 200, "login" (redirect to log in), 403.
OK, LOGIN, NO = 200, "login", 403
MATRIX = {
    "guest": {
        "public": (OK, OK),
        "members": (LOGIN, LOGIN),
        "reporters": (LOGIN, LOGIN),
        "reporters_download": (OK, LOGIN),
        "groups": (LOGIN, LOGIN),
    },
    "member": {
        "public": (OK, OK),
        "members": (OK, OK),
        "reporters": (NO, NO),
        "reporters_download": (OK, NO),
        "groups": (NO, NO),
    },
    "reporter": {
        "public": (OK, OK),
        "members": (OK, OK),
        "reporters": (OK, OK),
        "reporters_download": (OK, OK),
        "groups": (NO, NO),
    },
    "chosen": {
        "public": (OK, OK),
        "members": (OK, OK),
        "reporters": (NO, NO),
        "reporters_download": (OK, NO),
        "groups": (OK, OK),
    },
    "staff": {name: (OK, OK) for name in RULES},
}


def make_documents():
    group, _created = Group.objects.get_or_create(name=CHOSEN)
    documents = {}
    for name, (view, download) in RULES.items():
        document = DocumentFactory(
            summary=SUMMARIES[name], view_access=view, download_access=download
        )
        if view == Access.GROUPS:
            document.view_groups.add(group)
            document.download_groups.add(group)
        DocumentFileFactory(document=document)
        documents[name] = document
    return documents


def make_reader(kind):
    client = Client()
    if kind == "guest":
        return client
    if kind == "member":
        user = UserFactory()
    elif kind == "reporter":
        user = UserFactory(groups=[settings.REPORTERS_GROUP])
    elif kind == "chosen":
        user = UserFactory(groups=[CHOSEN])
    else:
        user = StaffFactory()
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="documents", codename="view_document")
        )
    client.force_login(user)
    return client


@pytest.fixture
def documents():
    return make_documents()


def main_of(response):
    """The page's main column, without the sidebar's blocks."""
    page = response.content.decode()
    return page[page.index('<main id="noi-dung"') : page.index("</main>")]


def next_of(location):
    return parse_qs(urlsplit(location).query)["next"][0]


def check(response, expected, url):
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("portal:login"))
        # Back to the very page or file after logging in.
        assert next_of(response["Location"]) == url
    else:
        assert response.status_code == expected, url


@pytest.mark.parametrize("reader", list(MATRIX))
def test_the_access_matrix_of_pages_files_and_previews(documents, reader):
    client = make_reader(reader)
    for name, (page_expected, file_expected) in MATRIX[reader].items():
        document = documents[name]
        url = document.get_absolute_url()
        response = client.get(url)
        check(response, page_expected, url)
        if page_expected == OK:
            assert SUMMARIES[name] in response.content.decode()
        else:
            assert SUMMARIES[name] not in response.content.decode()
        document_file = document.files.get()
        for view in ("download", "preview"):
            url = reverse(f"documents:{view}", args=[document_file.pk])
            response = client.get(url)
            # A guest logs in for a file and lands on its document, which starts the download.
            back = f"{document.get_absolute_url()}?tai-ve={document_file.pk}"
            check(response, file_expected, back if view == "download" else url)
            if file_expected == OK:
                assert b"".join(response.streaming_content).startswith(b"%PDF")
            else:
                assert not getattr(response, "streaming", False)
                assert b"%PDF" not in response.content


def test_a_member_without_the_right_is_told_which_group_is_needed(documents):
    client = make_reader("member")
    response = client.get(documents["reporters"].get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 403
    assert "Văn bản này chỉ dành cho Báo cáo viên" in page
    assert "Không có quyền truy cập" in page
    assert 'class="site-header"' in page  # in the site's layout
    assert "hãy liên hệ quản trị viên của trang" in page
    file_pk = documents["reporters_download"].files.get().pk
    response = client.get(reverse("documents:download", args=[file_pk]))
    assert response.status_code == 403
    assert "Văn bản này chỉ dành cho Báo cáo viên" in response.content.decode()
    response = client.get(documents["groups"].get_absolute_url())
    assert response.status_code == 403
    assert f"chỉ dành cho các nhóm: {CHOSEN}" in response.content.decode()


def test_the_page_says_what_a_reader_without_the_right_to_download_can_do(documents):
    document = documents["reporters_download"]
    guest_page = Client().get(document.get_absolute_url()).content.decode()
    file_pk = document.files.get().pk
    # Each file's button: log in, come back to the page, and its download starts.
    login = f"{reverse('portal:login')}?next={document.get_absolute_url()}%3Ftai-ve%3D{file_pk}"
    assert "Đăng nhập để tải" in guest_page
    assert login in guest_page
    # The guest is told who the files are for before logging in.
    assert "Văn bản này chỉ dành cho Báo cáo viên. Hãy đăng nhập để tải tệp." in guest_page
    assert reverse("documents:download", args=[document.files.get().pk]) not in guest_page
    assert reverse("documents:preview", args=[document.files.get().pk]) not in guest_page
    member_page = make_reader("member").get(document.get_absolute_url()).content.decode()
    assert "Văn bản này chỉ dành cho Báo cáo viên" in member_page
    assert "Đăng nhập để tải" not in member_page
    reporter_page = make_reader("reporter").get(document.get_absolute_url()).content.decode()
    assert reverse("documents:download", args=[document.files.get().pk]) in reporter_page
    assert reverse("documents:preview", args=[document.files.get().pk]) in reporter_page


def test_unpublished_and_unknown_documents_are_not_found_even_for_staff():
    hidden = DocumentFactory(is_published=False)
    hidden_file = DocumentFileFactory(document=hidden)
    for reader in ("guest", "reporter", "staff"):
        client = make_reader(reader)
        assert client.get(hidden.get_absolute_url()).status_code == 404
        assert client.get(reverse("documents:download", args=[hidden_file.pk])).status_code == 404
        assert client.get("/van-ban/khong-co-van-ban-nay/").status_code == 404
        assert client.get(reverse("documents:download", args=[999999])).status_code == 404


def test_a_scheduled_document_is_not_shown_before_its_time():
    import datetime

    from django.utils import timezone

    later = DocumentFactory(published_at=timezone.now() + datetime.timedelta(hours=1))
    assert Client().get(later.get_absolute_url()).status_code == 404


def test_guessed_file_paths_lead_nowhere(documents, settings):
    stored = documents["reporters"].files.get().file
    name = stored.name
    # /media/ served straight from MEDIA_ROOT, as the development server does with DEBUG on.
    settings.ROOT_URLCONF = __name__
    assert stored.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert private_media_apart(None) == []
    public_copy = settings.MEDIA_ROOT / "documents" / "public.txt"
    public_copy.parent.mkdir(parents=True)
    public_copy.write_bytes(b"public")
    assert make_reader("guest").get("/media/documents/public.txt").status_code == 200
    for client in (make_reader("guest"), make_reader("reporter")):
        for url in (
            f"/media/{name}",
            f"/media/documents/{name.rsplit('/', 1)[-1]}",
            f"/private/{name}",
            f"/{name}",
            f"/van-ban/{name}",
            f"/van-ban/tep/{name}",
            f"/media/../private/{name}",
            f"/media/%2e%2e/private/{name}",
        ):
            response = client.get(url)
            assert response.status_code in (400, 404), url
            assert b"%PDF" not in response.content


def test_restricted_documents_never_leak_through_search_feed_blocks_or_sitemap(documents):
    restricted = [SUMMARIES[n] for n in ("members", "reporters", "groups")]
    guest, member = make_reader("guest"), make_reader("member")
    pages = {
        "feed": reverse("documents:feed"),
        "sitemap": "/sitemap.xml",
        "home": reverse("portal:home"),
        "list": reverse("documents:list"),
    }
    for url in pages.values():
        text = guest.get(url).content.decode()
        for summary in restricted:
            assert summary not in text, url
    feed = guest.get(pages["feed"]).content.decode()
    sitemap = guest.get(pages["sitemap"]).content.decode()
    assert SUMMARIES["public"] in feed
    for name in ("members", "reporters", "groups"):
        assert documents[name].slug not in sitemap
        assert documents[name].slug not in feed
    assert documents["public"].slug in sitemap
    # Search: a guest finds none of them, a member only the members' one.
    for word, name in (("noi bo", "members"), ("danh rieng", "reporters"), ("to bien", "groups")):
        url = f"{reverse('portal:search')}?q={word}&loai=van-ban"
        assert SUMMARIES[name] not in guest.get(url).content.decode()
        found = member.get(url).content.decode()
        assert (SUMMARIES[name] in found) == (name == "members")
    # The member's home page blocks: members-only yes, reporters' and the group's no.
    home = member.get(pages["home"]).content.decode()
    assert SUMMARIES["members"] in home
    assert SUMMARIES["reporters"] not in home
    assert SUMMARIES["groups"] not in home
    # Staff who read documents in the admin see everything in the block.
    staff_home = make_reader("staff").get(pages["home"]).content.decode()
    assert all(summary in staff_home for summary in restricted)


def test_the_feed_and_sitemap_stay_public_for_a_signed_in_reporter(documents):
    reporter = make_reader("reporter")
    assert SUMMARIES["reporters"] not in reporter.get(reverse("documents:feed")).content.decode()
    assert documents["reporters"].slug not in reporter.get("/sitemap.xml").content.decode()


def test_the_reporters_page_lists_only_what_they_may_download(documents):
    page = main_of(make_reader("reporter").get(reverse("documents:mine")))
    for name in ("public", "members", "reporters", "reporters_download"):
        assert SUMMARIES[name] in page
    assert SUMMARIES["groups"] not in page
    member_page = main_of(make_reader("member").get(reverse("documents:mine")))
    assert SUMMARIES["reporters"] not in member_page
    assert SUMMARIES["reporters_download"] not in member_page
    guest = Client().get(reverse("documents:mine"))
    assert guest.status_code == 302
    assert guest["Location"].startswith(reverse("portal:login"))


def test_the_refusal_names_the_board_to_ask_from_the_site_profile(documents):
    from portal.models import SiteProfile

    profile = SiteProfile.load()
    profile.governing_body, profile.phone = "Ban Tuyên giáo Tỉnh ủy Gia Lai", "0269 3824 567"
    profile.save()
    page = make_reader("member").get(documents["reporters"].get_absolute_url()).content.decode()
    assert "hãy liên hệ Ban Tuyên giáo Tỉnh ủy Gia Lai (điện thoại 0269 3824 567)" in page


def test_after_logging_in_for_a_file_the_document_page_starts_its_download(documents):
    document = documents["reporters_download"]
    document_file = document.files.get()
    download = reverse("documents:download", args=[document_file.pk])
    back = next_of(Client().get(download)["Location"])
    page = make_reader("reporter").get(back).content.decode()
    assert f'<meta http-equiv="refresh" content="1;url={download}">' in page
    assert "đang được tải về" in page
    # A member without the right, or a file of another document: no download is started.
    assert "http-equiv" not in make_reader("member").get(back).content.decode()
    other = documents["public"].files.get().pk
    wrong = make_reader("reporter").get(f"{document.get_absolute_url()}?tai-ve={other}")
    assert "http-equiv" not in wrong.content.decode()
