"""The login box and the account page offer members the pages meant for them."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import UserFactory


def _sidebar_links(client, user):
    client.force_login(user)
    return client.get(reverse("portal:account")).content.decode()


@pytest.mark.django_db
def test_reporters_are_offered_their_documents_and_plain_members_are_not(client):
    html = _sidebar_links(client, UserFactory(groups=[settings.REPORTERS_GROUP]))
    assert reverse("documents:mine") in html
    assert "Tài liệu Báo cáo viên" in html
    assert reverse("inspections:dashboard") not in html
    client.logout()
    html = _sidebar_links(client, UserFactory())
    assert reverse("documents:mine") not in html
    assert reverse("inspections:dashboard") not in html


@pytest.mark.django_db
@pytest.mark.parametrize("group", ["INSPECTORS_GROUP", "EDITORS_GROUP"])
def test_inspection_pages_are_offered_to_those_who_may_read_them(client, group):
    html = _sidebar_links(client, UserFactory(groups=[getattr(settings, group)]))
    assert reverse("inspections:dashboard") in html
    assert "Kiểm tra, giám sát" in html


@pytest.mark.django_db
def test_guests_get_the_login_form_without_member_links(client):
    html = client.get("/").content.decode()
    assert reverse("documents:mine") not in html
    assert "Hãy đăng nhập tài khoản để sử dụng tài liệu Báo cáo viên" in html
