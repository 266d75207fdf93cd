"""`load_demo` loads the seed's site shell, and can run again without harm."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Sum

from portal.models import Banner, MenuItem, Photo, SiteProfile, VisitDay

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent_and_prints_the_logins(capsys):
    call_command("load_demo", force=True)
    first = (
        Banner.objects.count(),
        Photo.objects.count(),
        MenuItem.objects.count(),
        VisitDay.objects.count(),
    )
    call_command("load_demo", force=True)
    out = capsys.readouterr().out
    assert first == (
        Banner.objects.count(),
        Photo.objects.count(),
        MenuItem.objects.count(),
        VisitDay.objects.count(),
    )
    assert first[0] == 7
    assert "tên đăng nhập: admin" in out
    assert "mật khẩu: admin-demo-2026" in out


def test_demo_logins_work_for_each_group(client):
    call_command("load_demo", force=True)
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="bientap").groups.filter(name="Biên tập viên").exists()
    assert User.objects.get(username="baocaovien").groups.filter(name="Báo cáo viên").exists()
    assert User.objects.get(username="kiemtra").groups.filter(name="Kiểm tra – Giám sát").exists()
    assert User.objects.get(username="baocaovien").check_password("baocaovien-demo-2026")


def test_demo_statistics_add_up_to_the_seed_totals():
    call_command("load_demo", force=True)
    from django.utils import timezone

    today = timezone.localdate()
    recorded = VisitDay.objects.aggregate(total=Sum("visits"))["total"]
    assert recorded + SiteProfile.objects.get().visits_before_launch == 9_927_613
    assert VisitDay.objects.get(day=today).visits == 3_113
    month = VisitDay.objects.filter(day__gte=today.replace(day=1)).aggregate(s=Sum("visits"))["s"]
    assert month == (104_708 if today.day > 1 else 3_113)


def test_load_demo_refuses_without_debug_unless_forced(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("load_demo")
    assert not get_user_model().objects.filter(username="admin").exists()
