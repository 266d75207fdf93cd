"""The documents admin: the rules of the form, the lists with their filters, the dashboard."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from documents.models import Access, Document, DocumentKind, IssuingBody
from portal import pagecache
from tests.documents.factories import (
    DocumentCategoryFactory,
    DocumentFactory,
    DocumentFieldFactory,
    DocumentFileFactory,
    DocumentKindFactory,
    IssuingBodyFactory,
    admin_form_data,
)
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/documents/document/add/"
LIST = "/admin/documents/document/"


@pytest.fixture
def kind():
    return DocumentKindFactory(name="Báo cáo", abbreviation="BC")


@pytest.fixture
def body():
    return IssuingBodyFactory(name="Ban Tuyên giáo Tỉnh ủy", abbreviation="BTGTU")


@pytest.fixture
def editor(client):
    user = StaffFactory(groups=[settings.EDITORS_GROUP])
    # Directly: transactional tests elsewhere may flush the group's permissions.
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="documents"))
    client.force_login(user)
    client.user = user
    return client


def _messages(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


def test_an_editor_adds_a_document_and_is_its_creator(editor, kind, body):
    before = pagecache.content_version()
    response = editor.post(ADD, admin_form_data(kind, body))
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.code, document.symbol) == ("BC.80.BTGTU", "80-BC/BTGTU")
    assert document.created_by == editor.user
    assert document.issued_on == datetime.date(2021, 4, 20)
    # Kept guest pages are stale at once.
    assert pagecache.content_version() > before


def test_the_description_is_sanitized_through_the_admin(admin_client, kind, body):
    description = '<p>Nội dung</p><script>alert("x")</script><img src=x onerror="alert(1)">'
    admin_client.post(ADD, admin_form_data(kind, body, description=description))
    saved = Document.objects.get().description
    assert "script" not in saved and "onerror" not in saved
    assert "<p>Nội dung</p>" in saved


def test_a_secret_document_is_refused_and_never_saved(admin_client, kind, body):
    response = admin_client.post(ADD, admin_form_data(kind, body, secret="on"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Văn bản mật không được đưa lên mạng" in text
    assert "công tác báo chí quí I" in text  # what was typed comes back
    assert not Document.objects.exists()


def test_a_likely_duplicate_of_another_term_is_saved_with_a_warning(admin_client, kind, body):
    DocumentFactory(
        number="80", kind=kind, issuing_body=body, issued_on=datetime.date(2016, 12, 10)
    )
    response = admin_client.post(ADD, admin_form_data(kind, body), follow=True)
    assert Document.objects.count() == 2
    warnings = [m for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 1
    assert "BC.80.BTGTU" in str(warnings[0]) and "10/12/2016" in str(warnings[0])


def test_an_identical_number_kind_body_and_date_is_refused(admin_client, kind, body):
    DocumentFactory(number="80", kind=kind, issuing_body=body, issued_on=datetime.date(2021, 4, 20))
    response = admin_client.post(ADD, admin_form_data(kind, body))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Đã có văn bản BC.80.BTGTU" in text and "20/04/2021" in text
    assert Document.objects.count() == 1


def test_editing_a_document_does_not_call_it_its_own_duplicate(admin_client, kind, body):
    admin_client.post(ADD, admin_form_data(kind, body))
    document = Document.objects.get()
    data = admin_form_data(kind, body, summary="đã sửa", slug=document.slug)
    response = admin_client.post(f"{LIST}{document.pk}/change/", data, follow=True)
    assert response.redirect_chain
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]
    document.refresh_from_db()
    assert document.summary == "đã sửa"


def test_chosen_groups_are_required_when_access_is_by_groups(admin_client, kind, body):
    data = admin_form_data(kind, body, view_access=Access.GROUPS)
    response = admin_client.post(ADD, data)
    assert response.status_code == 200
    assert "Hãy chọn ít nhất một nhóm được xem" in response.content.decode()
    assert not Document.objects.exists()

    group = Group.objects.get_or_create(name=settings.REPORTERS_GROUP)[0]
    data = admin_form_data(kind, body, view_access=Access.GROUPS, view_groups=[group.pk])
    response = admin_client.post(ADD, data, follow=True)
    document = Document.objects.get()
    assert list(document.view_groups.all()) == [group]
    # Downloads open to everyone, viewing only to a group: allowed, explained.
    warning = [str(m) for m in response.context["messages"] if m.level_tag == "warning"][0]
    assert "rộng hơn quyền xem" in warning


def test_a_narrower_download_rule_gives_no_warning(admin_client, kind, body):
    data = admin_form_data(kind, body, download_access=Access.REPORTERS)
    response = admin_client.post(ADD, data, follow=True)
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]
    assert Document.objects.get().download_access == Access.REPORTERS


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"issued_on": "31/02/2021"}, "Nhập một ngày hợp lệ"),
        ({"issued_on": "20/04/9999"}, "trong khoảng năm 1900 đến 2100"),
        ({"issued_on": "20/04/2101"}, "trong khoảng năm 1900 đến 2100"),
        ({"effective_from": "01/05/2021", "effective_to": "01/04/2021"}, "Ngày hết hiệu lực"),
        ({"fields": ["abc"]}, "“abc” không phải là lựa chọn hợp lệ"),
        ({"view_groups": ["999999"]}, "lựa chọn hợp lệ"),
        ({"number": "1" * 30}, "tối đa 20 kí tự"),
        ({"related": ["abc"]}, "không phải là lựa chọn hợp lệ"),
        ({"summary": ""}, "Trường này là bắt buộc"),
    ],
)
def test_bad_input_gets_a_message_not_an_error_page(admin_client, kind, body, overrides, message):
    response = admin_client.post(ADD, admin_form_data(kind, body, **overrides))
    assert response.status_code == 200
    text = response.content.decode()
    assert message in text
    assert 'value="Nguyễn Văn An"' in text
    assert not Document.objects.exists()


def test_the_change_page_shows_each_file_with_type_size_count_and_link(admin_client):
    stored = DocumentFileFactory(download_count=14)
    text = admin_client.get(f"{LIST}{stored.document.pk}/change/").content.decode()
    # The admin's own link, which also opens drafts' files and counts nothing.
    assert f'href="/admin/documents/document/tep/{stored.pk}/"' in text
    assert f'href="/van-ban/tep/{stored.pk}/"' not in text
    assert "Báo cáo công tác tuyên giáo.pdf" in text
    assert "pdf" in text and "14" in text
    assert 'name="files-0-download_count"' not in text  # read-only


# --- The list ---------------------------------------------------------------------------


def _documents(count):
    fields = [DocumentFieldFactory() for _ in range(2)]
    categories = [DocumentCategoryFactory() for _ in range(2)]
    kinds = [
        DocumentKindFactory(name=n, abbreviation=a)
        for n, a in [("Báo cáo", "BC"), ("Hướng dẫn", "HD")]
    ]
    bodies = [IssuingBodyFactory(abbreviation=a, name=a) for a in ("BTGTU", "BTGTW")]
    for index in range(count):
        document = DocumentFactory(
            kind=kinds[index % 2],
            issuing_body=bodies[index % 2],
            issued_on=datetime.date(2019 + index % 3, 1 + index % 12, 1 + index % 28),
            effective_to=datetime.date(2020, 1, 1) if index % 4 == 0 else None,
            view_access=list(Access)[index % 4],
        )
        document.fields.add(fields[index % 2])
        document.categories.add(categories[index % 2])
    return kinds, bodies, fields, categories


def _list_urls(kinds, bodies, fields, categories):
    return [
        LIST,
        f"{LIST}?kind__id__exact={kinds[0].pk}",
        f"{LIST}?issuing_body__id__exact={bodies[1].pk}",
        f"{LIST}?fields__id__exact={fields[0].pk}",
        f"{LIST}?categories__id__exact={categories[1].pk}",
        f"{LIST}?hieu_luc=in_force",
        f"{LIST}?hieu_luc=expired",
        f"{LIST}?hieu_luc=not_yet",
        f"{LIST}?view_access__exact=reporters",
        f"{LIST}?download_access__exact=public",
        f"{LIST}?is_published__exact=1",
        f"{LIST}?issued_on__year=2020",
        f"{LIST}?issued_on__year=2020&issued_on__month=2",
        f"{LIST}?q=bc+80",
        f"{LIST}?q=BTGTU&o=5",
    ]


def _query_counts(client, urls):
    client.get(LIST)  # the first request of a session reads what later ones find cached
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        # The visitor statistics write now and then (a member's presence): not the list's.
        counts.append(
            sum(
                "visitorpresence" not in q["sql"] and "SAVEPOINT" not in q["sql"]
                for q in queries.captured_queries
            )
        )
    return counts


def test_every_filter_and_the_search_work_with_a_flat_query_budget(admin_client):
    small = _query_counts(admin_client, _list_urls(*_documents(3)))
    Document.objects.all().delete()
    large = _query_counts(admin_client, _list_urls(*_documents(30)))
    assert small == large
    assert max(large) <= 20


def test_the_list_shows_codes_status_access_and_counts(admin_client):
    DocumentFactory(
        number="80",
        kind=DocumentKindFactory(name="Báo cáo", abbreviation="BC"),
        view_count=20,
        download_count=14,
        effective_to=datetime.date(2020, 1, 1),
        issued_on=datetime.date(2019, 1, 1),
        download_access=Access.REPORTERS,
    )
    text = admin_client.get(LIST).content.decode()
    for expected in ("BC.80.BTGTU", "Hết hiệu lực", "Mọi người / Báo cáo viên", ">20 / 14<"):
        assert expected in text
    filtered = admin_client.get(f"{LIST}?hieu_luc=in_force").content.decode()
    assert "BC.80.BTGTU" not in filtered


def test_a_search_finds_a_document_by_its_code_or_number(admin_client):
    DocumentFactory(number="80", summary="công tác báo chí")
    DocumentFactory(number="171", summary="kết quả phát triển")
    for query in ("BC.80.BTGTU", "80-BC", "báo chí"):
        text = admin_client.get(LIST, {"q": query}).content.decode()
        assert "công tác báo chí" in text and "kết quả phát triển" not in text


@pytest.mark.parametrize(
    "query", ["?hieu_luc=xyz", "?issued_on__year=9999&issued_on__month=13", "?kind__id__exact=abc"]
)
def test_tampered_list_filters_give_a_list_not_an_error(admin_client, query):
    DocumentFactory()
    response = admin_client.get(LIST + query, follow=True)
    assert response.status_code == 200


# --- The small tables and the dashboard -------------------------------------------------


def test_kinds_bodies_fields_and_categories_are_managed_in_vietnamese(admin_client):
    for url, data in [
        ("kind", {"name": "Quyết định", "abbreviation": "QĐ", "slug": "", "order": "80"}),
        ("kind", {"name": "Quy định", "abbreviation": "QĐ", "slug": "", "order": "70"}),
        ("issuingbody", {"name": "Huyện ủy", "abbreviation": "HU", "slug": "", "order": "5"}),
        ("documentfield", {"name": "Báo chí", "slug": "", "order": "0"}),
        ("documentcategory", {"name": "Tài liệu Báo cáo viên", "slug": "", "order": "0"}),
    ]:
        model = "documentkind" if url == "kind" else url
        response = admin_client.post(f"/admin/documents/{model}/add/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
    assert DocumentKind.objects.filter(abbreviation="QĐ").count() == 2
    for model in ("documentkind", "issuingbody", "documentfield", "documentcategory"):
        assert admin_client.get(f"/admin/documents/{model}/?q=a").status_code == 200


def test_a_body_active_to_before_active_from_is_refused(admin_client):
    data = {
        "name": "Ban Tuyên giáo Huyện ủy",
        "abbreviation": "BTGHU",
        "slug": "",
        "order": "0",
        "active_from": "01/07/2025",
        "active_to": "30/06/2025",
    }
    response = admin_client.post("/admin/documents/issuingbody/add/", data)
    assert response.status_code == 200
    assert "Ngày bắt đầu hoạt động phải trước ngày kết thúc" in response.content.decode()
    assert not IssuingBody.objects.exists()


def test_the_dashboard_offers_to_add_a_document(editor):
    text = editor.get("/admin/").content.decode()
    assert "Thêm văn bản mới" in text
    assert "/admin/documents/document/add/" in text


def _edit(client, document, **overrides):
    stored = {
        "number": document.number,
        "symbol": document.symbol,
        "code": document.code,
        "slug": document.slug,
    }
    data = admin_form_data(document.kind, document.issuing_body, **{**stored, **overrides})
    return client.post(f"{LIST}{document.pk}/change/", data)


def test_changing_the_number_changes_the_derived_code_symbol_and_search(admin_client, kind, body):
    admin_client.post(ADD, admin_form_data(kind, body, number="356"))
    document = Document.objects.get()
    slug = document.slug
    # The form comes back with the stored codes filled in, and the editor changes the number only.
    assert _edit(admin_client, document, number="357").status_code == 302
    document.refresh_from_db()
    assert (document.code, document.symbol) == ("BC.357.BTGTU", "357-BC/BTGTU")
    assert "356" not in document.search_text and "357" in document.search_text
    assert str(document).startswith("BC.357.BTGTU")
    # The address given out before stays valid.
    assert document.slug == slug
    found = admin_client.get(LIST, {"q": "BC.357.BTGTU"}).content.decode()
    assert "công tác báo chí" in found
    assert "công tác báo chí" not in admin_client.get(LIST, {"q": "BC.356"}).content.decode()


def test_changing_the_kind_or_body_changes_the_derived_codes(admin_client, kind, body):
    admin_client.post(ADD, admin_form_data(kind, body, number="12"))
    document = Document.objects.get()
    guide = DocumentKind.objects.create(name="Hướng dẫn", abbreviation="HD")
    data = admin_form_data(
        guide, None, number="12", symbol=document.symbol, code=document.code, slug=document.slug
    )
    assert admin_client.post(f"{LIST}{document.pk}/change/", data).status_code == 302
    document.refresh_from_db()
    assert (document.code, document.symbol) == ("HD.12", "12-HD")


def test_a_typed_code_and_symbol_are_kept_when_the_number_changes(admin_client, kind, body):
    typed = {"symbol": "356-BC/BTGTU-VP", "code": "VP.356"}
    admin_client.post(ADD, admin_form_data(kind, body, number="356", **typed))
    document = Document.objects.get()
    assert (document.code, document.symbol) == ("VP.356", "356-BC/BTGTU-VP")
    assert _edit(admin_client, document, number="357").status_code == 302
    document.refresh_from_db()
    assert (document.code, document.symbol) == ("VP.356", "356-BC/BTGTU-VP")


def _file_of(**document):
    document_file = DocumentFileFactory(document=DocumentFactory(**document))
    return document_file, reverse("admin:documents_document_file", args=[document_file.pk])


def test_an_editor_fetches_the_file_of_an_unpublished_document_from_the_admin(editor):
    document_file, url = _file_of(is_published=False)
    page = editor.get(f"{LIST}{document_file.document_id}/change/").content.decode()
    assert f'href="{url}"' in page
    response = editor.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    # Staff checking a file are not readers: nothing is counted.
    document_file.refresh_from_db()
    assert document_file.download_count == 0
    assert Document.objects.get(pk=document_file.document_id).download_count == 0


def test_a_scheduled_document_file_is_fetched_from_the_admin_too(editor):
    later = timezone.now() + datetime.timedelta(days=2)
    document_file, url = _file_of(published_at=later)
    assert editor.get(url).status_code == 200


def test_the_admin_file_link_is_closed_to_members_and_staff_without_the_right(client):
    document_file, url = _file_of(is_published=False)
    client.force_login(UserFactory(groups=[settings.REPORTERS_GROUP]))
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(StaffFactory())
    assert client.get(url).status_code == 403
    document_file.refresh_from_db()
    assert document_file.download_count == 0


def test_ticking_secret_on_a_published_document_says_how_to_take_it_down(admin_client, kind, body):
    admin_client.post(ADD, admin_form_data(kind, body))
    document = Document.objects.get()
    response = _edit(admin_client, document, secret="on")
    text = response.content.decode()
    assert "Văn bản mật không được đưa lên mạng" in text
    assert "hãy bỏ chọn “Đăng trên trang” rồi lưu, hoặc xóa văn bản" in text
    # Unticking "Đăng trên trang" takes it down.
    data = {
        key: value for key, value in admin_form_data(kind, body).items() if key != "is_published"
    }
    stored = {"symbol": document.symbol, "code": document.code, "slug": document.slug}
    assert admin_client.post(f"{LIST}{document.pk}/change/", {**data, **stored}).status_code == 302
    assert not Document.objects.published().exists()


@pytest.mark.parametrize("number", ["-5", "abc/xyz", "80-BC", "1" * 11])
def test_a_number_that_is_not_a_document_number_is_refused(admin_client, kind, body, number):
    response = admin_client.post(ADD, admin_form_data(kind, body, number=number))
    assert response.status_code == 200
    assert "Số văn bản chỉ gồm chữ số" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.parametrize("number", ["80", "04", "12a"])
def test_document_numbers_as_printed_are_accepted(admin_client, kind, body, number):
    assert admin_client.post(ADD, admin_form_data(kind, body, number=number)).status_code == 302
