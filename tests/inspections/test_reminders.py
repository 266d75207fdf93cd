"""The reminder command: the right people, the right items, once per item per day."""

import datetime
import threading
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection

from inspections.models import RemediationItem, ReminderSent
from tests.factories import UserFactory
from tests.inspections.factories import CampaignFactory, RemediationItemFactory
from tests.inspections.page_helpers import in_group

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2017, 6, 12)


def run(*args, today=TODAY):
    out = StringIO()
    call_command("send_remediation_reminders", *args, today=today.isoformat(), stdout=out)
    return out.getvalue()


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def officer():
    return UserFactory(
        username="kiemtra",
        email="kiemtra@example.com",
        last_name="Võ Thị",
        first_name="Lan",
        groups=[in_group("INSPECTORS_GROUP")],
    )


def test_the_responsible_officer_gets_overdue_and_due_soon_items_once_a_day(officer):
    campaign = CampaignFactory(responsible=officer, title="Giám sát tại xã Ngọc Tem")
    late = RemediationItemFactory(campaign=campaign, what="Học tập nghị quyết", deadline=days(-3))
    soon = RemediationItemFactory(campaign=campaign, what="Sơ kết chỉ thị", deadline=days(7))
    RemediationItemFactory(campaign=campaign, what="Còn lâu mới đến hạn", deadline=days(8))
    RemediationItemFactory(
        campaign=campaign,
        what="Đã báo cáo rồi",
        deadline=days(-10),
        status=RemediationItem.Status.REPORTED,
        report_number="1-BC",
        report_date=days(-11),
    )
    summary = run()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kiemtra@example.com"]
    assert "1 quá hạn và 1 sắp đến hạn" in message.subject
    assert "Kính gửi đồng chí Võ Thị Lan" in message.body
    assert "Học tập nghị quyết" in message.body and "quá 3 ngày" in message.body
    assert "Sơ kết chỉ thị" in message.body and "còn 7 ngày" in message.body
    assert "Còn lâu" not in message.body and "Đã báo cáo rồi" not in message.body
    assert "Giám sát tại xã Ngọc Tem" in message.body
    assert "Đã gửi 1 thư về 2 nội dung" in summary
    assert set(ReminderSent.objects.values_list("item", "day")) == {
        (late.pk, TODAY),
        (soon.pk, TODAY),
    }

    summary = run()  # cron runs again the same day
    assert len(mail.outbox) == 1
    assert "bỏ qua 2 nội dung đã nhắc hôm nay" in summary

    run(today=days(1))  # and the next day, once more
    assert len(mail.outbox) == 2


def test_without_a_responsible_officer_the_inspectors_with_an_email_are_told():
    UserFactory(email="a@example.com", groups=[settings.INSPECTORS_GROUP])
    UserFactory(email="", groups=[settings.INSPECTORS_GROUP])
    UserFactory(email="off@example.com", is_active=False, groups=[settings.INSPECTORS_GROUP])
    UserFactory(email="editor@example.com", groups=[settings.EDITORS_GROUP])
    RemediationItemFactory(campaign=CampaignFactory(responsible=None), deadline=TODAY)
    run()
    assert [message.to for message in mail.outbox] == [["a@example.com"]]
    assert "hôm nay" in mail.outbox[0].body


def test_a_responsible_officer_without_an_email_falls_back_to_the_group():
    UserFactory(email="b@example.com", groups=[settings.INSPECTORS_GROUP])
    campaign = CampaignFactory(responsible=UserFactory(email=""))
    RemediationItemFactory(campaign=campaign, deadline=days(-1))
    run()
    assert [message.to for message in mail.outbox] == [["b@example.com"]]


def test_each_officer_gets_only_their_campaigns(officer):
    other = UserFactory(email="other@example.com", groups=[in_group("INSPECTORS_GROUP")])
    RemediationItemFactory(
        campaign=CampaignFactory(responsible=officer), what="Của Lan", deadline=days(1)
    )
    RemediationItemFactory(
        campaign=CampaignFactory(responsible=other), what="Của người khác", deadline=days(1)
    )
    run()
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "Của Lan" in bodies["kiemtra@example.com"]
    assert "Của người khác" not in bodies["kiemtra@example.com"]
    assert "Của người khác" in bodies["other@example.com"]


def test_a_dry_run_sends_and_records_nothing(officer):
    RemediationItemFactory(campaign=CampaignFactory(responsible=officer), deadline=days(-1))
    summary = run("--dry-run")
    assert mail.outbox == [] and not ReminderSent.objects.exists()
    assert "[thử] kiemtra@example.com" in summary and "Sẽ gửi 1 thư" in summary
    run()
    assert len(mail.outbox) == 1


def test_nothing_due_sends_nothing(officer):
    RemediationItemFactory(campaign=CampaignFactory(responsible=officer), deadline=days(30))
    assert "Đã gửi 0 thư" in run()
    assert mail.outbox == []


def test_a_bad_day_is_refused_with_a_message():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_remediation_reminders", today="12/06/2017")


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_item_once():
    officer = UserFactory(email="kiemtra@example.com", groups=[in_group("INSPECTORS_GROUP")])
    campaign = CampaignFactory(responsible=officer)
    for n in range(5):
        RemediationItemFactory(campaign=campaign, deadline=days(n - 2))
    barrier = threading.Barrier(3)
    errors = []

    def job():
        try:
            barrier.wait()
            run()
        except Exception as error:  # noqa: BLE001 - a thread's failure must fail the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=job) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    reminded = sum(message.body.count("- Chi bộ thôn") for message in mail.outbox)
    assert reminded == 5
    assert ReminderSent.objects.count() == 5


class FailingFor:
    """An email backend that fails for one address (a full mailbox, a refused domain)."""

    refused = ""

    def __init__(self, *args, **kwargs):
        from django.core.mail.backends.locmem import EmailBackend

        self.backend = EmailBackend(*args, **kwargs)

    def send_messages(self, messages):
        if any(FailingFor.refused in message.to for message in messages):
            raise OSError("550 mailbox unavailable")
        return self.backend.send_messages(messages)


def test_one_failed_send_to_the_group_does_not_remind_the_others_again(settings):
    settings.EMAIL_BACKEND = "tests.inspections.test_reminders.FailingFor"
    FailingFor.refused = "b@example.com"
    for address in ("a@example.com", "b@example.com", "c@example.com"):
        UserFactory(email=address, groups=[in_group("INSPECTORS_GROUP")])
    item = RemediationItemFactory(campaign=CampaignFactory(responsible=None), deadline=TODAY)
    run()
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.com", "c@example.com"]
    assert "cần đồng chí đôn đốc" in mail.outbox[0].body
    assert "cuộc chưa có cán bộ theo dõi" in mail.outbox[0].body
    assert ReminderSent.objects.filter(item=item, day=TODAY).exists()  # kept: others were told
    run()
    assert len(mail.outbox) == 2


def test_a_day_nobody_was_told_about_is_given_back(settings):
    settings.EMAIL_BACKEND = "tests.inspections.test_reminders.FailingFor"
    FailingFor.refused = "a@example.com"
    UserFactory(email="a@example.com", groups=[in_group("INSPECTORS_GROUP")])
    RemediationItemFactory(campaign=CampaignFactory(responsible=None), deadline=TODAY)
    run()
    assert mail.outbox == [] and not ReminderSent.objects.exists()


def test_an_officer_who_may_no_longer_read_is_replaced_by_the_group():
    UserFactory(email="group@example.com", groups=[in_group("INSPECTORS_GROUP")])
    former = UserFactory(email="former@example.com")  # moved to another post: no group
    RemediationItemFactory(campaign=CampaignFactory(responsible=former), deadline=days(-1))
    run()
    assert [message.to for message in mail.outbox] == [["group@example.com"]]


def test_the_officer_responsible_is_told_the_items_are_theirs(officer):
    RemediationItemFactory(campaign=CampaignFactory(responsible=officer), deadline=days(-1))
    run()
    body = mail.outbox[0].body
    assert "do đồng chí theo dõi" in body and "chưa có cán bộ theo dõi" not in body
