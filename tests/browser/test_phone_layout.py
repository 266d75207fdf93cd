"""On a 360 px phone, the documents' and the inspection pages fit the screen's width.

A page wider than the screen makes the reader scroll sideways to read every line: wide
tables scroll inside their own box, and the documents list turns into cards.
"""

import pytest
from django.contrib.auth.models import Permission

from inspections.models import Campaign
from tests.documents.factories import DocumentFactory, DocumentFileFactory
from tests.inspections.factories import CampaignFactory, RemediationItemFactory

PHONE = {"width": 360, "height": 740}


def page_width(page, path):
    page.goto(path)
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.fixture
def records(transactional_db):
    long_summary = (
        "tuyên truyền kỷ niệm 135 năm Ngày Quốc tế Lao động 1/5 và các ngày lễ lớn "
        "trong tháng; định hướng công tác tuyên truyền miệng của báo cáo viên cơ sở"
    )
    document = DocumentFactory(summary=long_summary)
    DocumentFileFactory(document=document)
    campaign = CampaignFactory(
        title="Giám sát việc thực hiện các nghị quyết của Tỉnh ủy, Ban Thường vụ Tỉnh ủy "
        "ban hành năm 2016 tại Đảng bộ xã Ngọc Tem",
        status=Campaign.Status.FOLLOW_UP,
    )
    RemediationItemFactory(campaign=campaign)
    return document, campaign


def test_document_pages_fit_a_phone(browser, live_server, records):
    document, _campaign = records
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    for path in ["/", "/van-ban/", document.get_absolute_url()]:
        assert page_width(page, path) <= PHONE["width"], path
    context.close()


def test_inspection_pages_fit_a_phone(browser, live_server, log_in, member, records):
    _document, campaign = records
    member.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="inspections", codename__startswith="view_"
        )
    )
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    log_in(context, member)
    page = context.new_page()
    paths = [
        "/kiem-tra-giam-sat/",
        "/kiem-tra-giam-sat/cuoc/",
        campaign.get_absolute_url(),
        "/kiem-tra-giam-sat/khac-phuc/",
        "/kiem-tra-giam-sat/to-chuc/",
    ]
    for path in paths:
        assert page_width(page, path) <= PHONE["width"], path
    context.close()
