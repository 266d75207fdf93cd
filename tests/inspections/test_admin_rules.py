"""The admin against the lifecycle: readers and files, saves that keep what the pages did,
the rules a change form must not get round, and its number of queries."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.db.models.fields.files import FieldFile
from django.db.models.signals import pre_save
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from inspections import services
from inspections.models import Campaign, Notice, RemediationItem
from portal.groups import sync_group_permissions
from tests.factories import StaffFactory
from tests.inspections.factories import (
    CampaignFactory,
    FindingFactory,
    NoticeFactory,
    PartyOrganizationFactory,
    RemediationItemFactory,
)
from tests.inspections.page_helpers import PDF, full_campaign
from tests.inspections.test_admin import change_url, logged_in

pytestmark = pytest.mark.django_db
S = Campaign.Status
R = RemediationItem.Status
VISITS = re.compile(r"visitorpresence|SAVEPOINT", re.IGNORECASE)
ITEM_URL = "/admin/inspections/remediationitem/{}/change/"


@pytest.fixture(autouse=True)
def _groups():
    sync_group_permissions()


@pytest.fixture
def inspector():
    return logged_in(StaffFactory(groups=[settings.INSPECTORS_GROUP]))


@pytest.fixture
def editor():
    return logged_in(StaffFactory(groups=[settings.EDITORS_GROUP]))


def _posted(value):
    """A form value as the browser posts it; None when the browser sends nothing."""
    if value is None or value is False or isinstance(value, FieldFile):
        return None
    if value is True:
        return "on"
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def unchanged(response, **overrides):
    """The change form of `response` posted back as it was shown, inlines included."""
    assert response.status_code == 200
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = str(management[name].value())
        forms.extend(inline.formset.forms)
    for form in forms:
        for name in form.fields:
            value = _posted(form[name].value())
            if value is not None:
                data[form.add_prefix(name)] = value
    data.update(overrides)
    return data


def errors_of(response):
    return str(response.context["adminform"].form.errors) + str(
        [
            inline.formset.non_form_errors() or inline.formset.errors
            for inline in response.context["inline_admin_formsets"]
        ]
    )


# --- 1. Readers see files as links to the download view ------------------------------------


def test_an_editor_reads_every_page_that_holds_a_file(editor):
    campaign = full_campaign()  # plan, decision, notice and a remediation report: all files
    item = campaign.remediations.get()
    pages = {
        f"/admin/inspections/inspectionplan/{campaign.plan.pk}/change/": "/tep/ke-hoach/",
        change_url(campaign): "/tep/quyet-dinh/",
        ITEM_URL.format(item.pk): "/tep/khac-phuc/",
    }
    for url, link in pages.items():
        response = editor.get(url)
        assert response.status_code == 200, url
        assert link in response.content.decode(), url
    page = editor.get(change_url(campaign)).content.decode()
    assert f"/tep/thong-bao/{campaign.notice.pk}/" in page  # the notice inline
    # The links open for an editor: the download view checks the right to read.
    response = editor.get(f"/kiem-tra-giam-sat/tep/thong-bao/{campaign.notice.pk}/")
    assert response.status_code == 200


def test_an_inspector_keeps_the_upload_widget(inspector):
    campaign = full_campaign()
    page = inspector.get(change_url(campaign)).content.decode()
    assert "Tệp hiện có" in page and 'type="file"' in page
    # Each row's organization is still named in its autocomplete.
    organization = campaign.targets.get().organization
    assert f'<option value="{organization.pk}" selected>{organization.name}</option>' in page


# --- 2. A campaign with items in every state saves unchanged --------------------------------


def test_a_demo_campaign_with_items_in_every_state_saves_unchanged(inspector):
    from inspections import demo

    demo.load()
    campaign = Campaign.objects.get(status=S.FOLLOW_UP)
    states = set(campaign.remediations.values_list("status", flat=True))
    assert states == {R.OPEN, R.REPORTED, R.VERIFIED}
    response = inspector.post(change_url(campaign), unchanged(inspector.get(change_url(campaign))))
    assert response.status_code == 302, errors_of(response)
    for other in Campaign.objects.exclude(pk=campaign.pk):
        page = inspector.get(change_url(other))
        response = inspector.post(change_url(other), unchanged(page))
        assert response.status_code == 302, (other, errors_of(response))


# --- 3. A concluded campaign keeps its notice ----------------------------------------------


@pytest.mark.parametrize("status", [S.CONCLUDED, S.FOLLOW_UP, S.CLOSED])
def test_a_concluded_campaign_keeps_its_notice(inspector, status):
    campaign = CampaignFactory(status=status)
    NoticeFactory(campaign=campaign)
    page = inspector.get(change_url(campaign))
    assert 'name="notice-0-DELETE"' not in page.content.decode()
    inspector.post(change_url(campaign), unchanged(page, **{"notice-0-DELETE": "on"}))
    assert Notice.objects.filter(campaign=campaign).exists()


def test_a_notice_before_the_conclusion_may_still_be_removed(inspector):
    campaign = CampaignFactory(status=S.DRAFT_REPORT)
    NoticeFactory(campaign=campaign)
    page = inspector.get(change_url(campaign))
    response = inspector.post(change_url(campaign), unchanged(page, **{"notice-0-DELETE": "on"}))
    assert response.status_code == 302, errors_of(response)
    assert not Notice.objects.filter(campaign=campaign).exists()


# --- 4. A closed campaign takes no unfinished item -------------------------------------------


def test_no_open_item_is_added_to_a_closed_campaign_in_its_inline(inspector):
    campaign = CampaignFactory(status=S.CLOSED)
    organization = PartyOrganizationFactory()
    page = inspector.get(change_url(campaign))
    data = unchanged(
        page,
        **{
            "remediations-TOTAL_FORMS": "1",
            "remediations-0-organization": str(organization.pk),
            "remediations-0-what": "Khắc phục việc sinh hoạt chi bộ.",
            "remediations-0-deadline": "2017-12-31",
        },
    )
    response = inspector.post(change_url(campaign), data)
    assert "đã kết thúc; không thêm nội dung khắc phục" in errors_of(response)
    assert not campaign.remediations.exists()


def test_no_open_item_is_added_or_moved_to_a_closed_campaign(inspector):
    closed = CampaignFactory(status=S.CLOSED, title="Cuộc đã xong")
    item = RemediationItemFactory(campaign=CampaignFactory(status=S.FOLLOW_UP))
    data = {
        "campaign": closed.pk,
        "organization": item.organization.pk,
        "what": item.what,
        "deadline": item.deadline.isoformat(),
    }
    response = inspector.post("/admin/inspections/remediationitem/add/", data)
    assert "Cuộc “Cuộc đã xong” đã kết thúc" in errors_of(response)
    response = inspector.post(ITEM_URL.format(item.pk), data)
    assert "Cuộc “Cuộc đã xong” đã kết thúc" in errors_of(response)
    item.refresh_from_db()
    assert item.campaign != closed
    assert RemediationItem.objects.count() == 1


# --- 8. The change form keeps to the lifecycle ---------------------------------------------


def dated(**fields):
    return CampaignFactory(
        start_on=datetime.date(2017, 5, 1), end_on=datetime.date(2017, 5, 30), **fields
    )


def test_no_extension_once_concluded(inspector):
    campaign = dated(status=S.CONCLUDED)
    page = inspector.get(change_url(campaign))
    response = inspector.post(change_url(campaign), unchanged(page, extended_to="2017-06-05"))
    assert "Cuộc đã kết luận; không thể gia hạn" in errors_of(response)
    campaign.refresh_from_db()
    assert campaign.extended_to is None


def test_the_original_window_is_fixed_once_extended(inspector):
    campaign = dated(status=S.WORKING, extended_to=datetime.date(2017, 6, 5))
    page = inspector.get(change_url(campaign))
    response = inspector.post(change_url(campaign), unchanged(page, end_on="2017-05-20"))
    assert "không đổi thời gian làm việc ban đầu" in errors_of(response)
    campaign.refresh_from_db()
    assert campaign.end_on == datetime.date(2017, 5, 30)


def test_an_escalation_comes_from_another_supervision(inspector):
    campaign = dated(kind=Campaign.Kind.KIEM_TRA)
    other_inspection = dated(kind=Campaign.Kind.KIEM_TRA)
    supervision = dated()
    page = inspector.get(change_url(campaign))
    response = inspector.post(change_url(campaign), unchanged(page, escalated_from=campaign.pk))
    assert "không thể chuyển từ chính nó" in errors_of(response)
    response = inspector.post(
        change_url(campaign), unchanged(page, escalated_from=other_inspection.pk)
    )
    assert "Chỉ chuyển từ một cuộc giám sát" in errors_of(response)
    response = inspector.post(change_url(campaign), unchanged(page, escalated_from=supervision.pk))
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.escalated_from == supervision


# --- 9. A save keeps a step taken meanwhile ------------------------------------------------


def moved_meanwhile(model, pk, **values):
    """While the admin saves, someone else's write lands between its read and its write."""

    def write(sender, instance, **kwargs):
        if instance.pk == pk:
            pre_save.disconnect(write, sender=model)
            model.objects.filter(pk=pk).update(**values)

    pre_save.connect(write, sender=model, weak=False)
    return write


def test_a_campaign_saved_in_the_admin_keeps_a_step_taken_meanwhile(inspector):
    campaign = dated(status=S.WORKING)
    page = inspector.get(change_url(campaign))
    write = moved_meanwhile(Campaign, campaign.pk, status=S.DRAFT_REPORT)
    try:
        response = inspector.post(change_url(campaign), unchanged(page, title="Tên đã sửa"))
    finally:
        pre_save.disconnect(write, sender=Campaign)
    assert response.status_code == 302, errors_of(response)
    campaign.refresh_from_db()
    assert (campaign.title, campaign.status) == ("Tên đã sửa", S.DRAFT_REPORT)


def test_an_item_saved_in_the_admin_keeps_a_report_taken_meanwhile(inspector):
    item = RemediationItemFactory(campaign=CampaignFactory(status=S.FOLLOW_UP))
    page = inspector.get(ITEM_URL.format(item.pk))
    today = timezone.localdate()
    write = moved_meanwhile(
        RemediationItem, item.pk, status=R.REPORTED, report_number="05-BC/ĐU", report_date=today
    )
    try:
        response = inspector.post(
            ITEM_URL.format(item.pk), unchanged(page, what="Nội dung đã sửa.")
        )
    finally:
        pre_save.disconnect(write, sender=RemediationItem)
    assert response.status_code == 302, errors_of(response)
    item.refresh_from_db()
    assert (item.what, item.status, item.report_number) == (
        "Nội dung đã sửa.",
        R.REPORTED,
        "05-BC/ĐU",
    )


def test_an_inline_row_saved_keeps_a_verification_made_meanwhile(inspector):
    campaign = CampaignFactory(status=S.FOLLOW_UP)
    item = RemediationItemFactory(campaign=campaign)
    page = inspector.get(change_url(campaign))
    services.remediation_report(item, None, "05-BC/ĐU", timezone.localdate())
    services.remediation_verify(item, None)
    data = unchanged(page, **{"remediations-0-what": "Nội dung đã sửa."})
    response = inspector.post(change_url(campaign), data)
    assert response.status_code == 302, errors_of(response)
    item.refresh_from_db()
    assert (item.what, item.status) == ("Nội dung đã sửa.", R.VERIFIED)


# --- 14. The admin's number of queries does not grow with the rows ---------------------------


def campaign_with(targets, items):
    campaign = CampaignFactory(
        status=S.FOLLOW_UP, targets=[PartyOrganizationFactory() for _ in range(targets)]
    )
    for target in campaign.targets.all():
        FindingFactory(target=target)
    for _ in range(items):
        RemediationItemFactory(campaign=campaign, organization=PartyOrganizationFactory())
    NoticeFactory(campaign=campaign).file.save("tb.pdf", ContentFile(PDF))
    return campaign


def count_queries(client, url):
    client.get(url)  # the first request of a session makes its own rows
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # Who is online is written now and then, whatever the page: not the page's queries.
    return len([q for q in queries if not VISITS.search(q["sql"])])


@pytest.mark.parametrize("who", ["inspector", "editor"])
def test_the_campaign_change_page_queries_do_not_grow_with_targets_and_items(request, who):
    client = request.getfixturevalue(who)
    small = campaign_with(targets=1, items=1)
    large = campaign_with(targets=6, items=6)
    assert count_queries(client, change_url(small)) == count_queries(client, change_url(large))


def test_the_changelists_queries_do_not_grow_with_rows(inspector):
    urls = [
        "/admin/inspections/campaign/",
        "/admin/inspections/remediationitem/",
        "/admin/inspections/campaigntarget/",
        "/admin/inspections/inspectionplan/",
    ]
    campaign_with(targets=1, items=1)
    before = [count_queries(inspector, url) for url in urls]
    for _ in range(4):
        campaign_with(targets=2, items=2)
    assert [count_queries(inspector, url) for url in urls] == before
