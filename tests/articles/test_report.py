"""The leadership report: per category and per author, on screen, CSV and XLSX."""

import csv
import datetime
import io

import pytest
from django.conf import settings
from django.utils import timezone
from openpyxl import load_workbook

from articles.models import Article
from tests.articles.factories import ArticleFactory, CategoryFactory
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/articles/article/bao-cao/"
RANGE = {"tu": "01/06/2025", "den": "30/06/2025"}


def _at(day, hour=9):
    return timezone.make_aware(datetime.datetime(2025, 6, day, hour))


def _with_perms(user, *codenames):
    """Grant the permissions directly: transactional tests elsewhere may flush the group's."""
    from django.contrib.auth.models import Permission

    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
    )
    return user


@pytest.fixture
def data():
    hai = StaffFactory(username="hai", last_name="Ngô Đức", first_name="Hải")
    lan = StaffFactory(username="lan", last_name="Trần Thị", first_name="Lan")
    top = CategoryFactory(name="Tin tức")
    child = CategoryFactory(name="Trong tỉnh", parent=top)
    docs = CategoryFactory(name="Văn bản – Chỉ đạo")
    ArticleFactory.create_batch(3, category=child, created_by=hai, published_at=_at(1, 0))
    ArticleFactory(category=docs, created_by=lan, published_at=_at(30, 23))
    ArticleFactory(category=docs, created_by=None, published_at=_at(15))
    # Outside the range, not published, or scheduled: not counted.
    ArticleFactory(category=docs, created_by=lan, published_at=_at(1) - datetime.timedelta(1))
    ArticleFactory(category=docs, created_by=lan, published_at=_at(30) + datetime.timedelta(1))
    ArticleFactory(category=docs, created_by=lan, status=Article.Status.DRAFT, published_at=_at(2))
    ArticleFactory(category=docs, created_by=lan, status=Article.Status.HIDDEN, published_at=_at(2))


@pytest.fixture
def editor(client):
    client.force_login(_with_perms(StaffFactory(groups=[settings.EDITORS_GROUP]), "view_article"))
    return client


EXPECTED_CATEGORIES = [("Tin tức › Trong tỉnh", 3), ("Văn bản – Chỉ đạo", 2)]
EXPECTED_AUTHORS = [
    ("Ngô Đức Hải (hai)", 3),
    ("Trần Thị Lan (lan)", 1),
    ("(không rõ người đăng)", 1),
]


def test_report_on_screen(editor, data):
    body = editor.get(URL, RANGE).content.decode()
    assert "Báo cáo số bài đã đăng" in body
    assert "01/06/2025 – 30/06/2025" in body
    for label, count in EXPECTED_CATEGORIES + EXPECTED_AUTHORS:
        assert f'<td>{label}</td><td class="numeric">{count}</td>' in body
    assert "tổng cộng <strong>5</strong> bài" in body


def test_report_as_csv_with_a_bom_for_excel(editor, data):
    response = editor.get(URL, {**RANGE, "xuat": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["Báo cáo số bài đã đăng", "01/06/2025 – 30/06/2025"]
    assert rows[2] == ["Chuyên mục", "Số bài"]
    assert [tuple(r) for r in rows[3:5]] == [(label, str(n)) for label, n in EXPECTED_CATEGORIES]
    assert rows[5] == ["Tổng cộng", "5"]
    assert rows[7] == ["Người đăng", "Số bài"]
    assert [tuple(r) for r in rows[8:11]] == [(label, str(n)) for label, n in EXPECTED_AUTHORS]


def test_report_as_xlsx(editor, data):
    response = editor.get(URL, {**RANGE, "xuat": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Theo chuyên mục", "Theo người đăng"]
    by_category = list(workbook["Theo chuyên mục"].iter_rows(values_only=True))
    assert by_category[1] == ("Chuyên mục", "Số bài")
    assert by_category[2:4] == EXPECTED_CATEGORIES
    assert by_category[4] == ("Tổng cộng", 5)
    by_author = list(workbook["Theo người đăng"].iter_rows(values_only=True))
    assert by_author[2:5] == EXPECTED_AUTHORS


def test_formula_like_names_are_not_run_by_spreadsheets(editor):
    ArticleFactory(category=CategoryFactory(name="=HYPERLINK(1)"), published_at=_at(3))
    csv_text = editor.get(URL, {**RANGE, "xuat": "csv"}).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in csv_text
    workbook = load_workbook(io.BytesIO(editor.get(URL, {**RANGE, "xuat": "xlsx"}).content))
    cell = workbook["Theo chuyên mục"]["A3"]
    assert cell.value == "=HYPERLINK(1)" and cell.data_type == "s"


def test_the_default_range_is_this_month(editor):
    response = editor.get(URL)
    assert response.status_code == 200
    today = timezone.localdate()
    assert f"01/{today:%m/%Y} – {today:%d/%m/%Y}" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"tu": "31/02/2025", "den": "30/06/2025"}, "Nhập ngày theo dạng ngày/tháng/năm"),
        ({"tu": "2025-06-01", "den": "30/06/2025"}, "Nhập ngày theo dạng ngày/tháng/năm"),
        ({"tu": "01/07/2025", "den": "30/06/2025"}, "Ngày bắt đầu phải trước"),
        ({"tu": "", "den": ""}, "Trường này là bắt buộc"),
        ({"tu": "01/01/0001", "den": "31/12/9999", "xuat": "xlsx"}, "Ngày kết thúc quá xa"),
        ({"tu": "x" * 5000, "den": "30/06/2025", "xuat": "csv"}, "ngày/tháng/năm"),
    ],
)
def test_bad_dates_get_a_message_not_an_error(editor, params, message):
    response = editor.get(URL, params)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_year_one_is_a_valid_start(editor, data):
    response = editor.get(URL, {"tu": "01/01/0001", "den": "30/06/2025"})
    assert response.status_code == 200
    # The article of 31 May now counts too.
    assert "tổng cộng <strong>6</strong> bài" in response.content.decode()


@pytest.mark.parametrize("make_user", [UserFactory, StaffFactory])
def test_only_staff_who_may_view_articles_see_the_report(client, make_user):
    client.force_login(make_user())
    response = client.get(URL, RANGE)
    assert response.status_code in (302, 403)
