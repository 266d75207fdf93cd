"""The seed's article page, rendered by our portal after load_demo, shows all it shows."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from articles.demo import SEED_SLUG

pytestmark = pytest.mark.django_db

SEED = settings.BASE_DIR.parent / "shared/seeds/000_b641f2f4c79caa62.txt"


def squeeze(text):
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def text_of(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return squeeze(re.sub(r"<[^>]+>", " ", html))


def seed_article_lines():
    """Every line of the seed's article: from its title to "Những tin cũ hơn"."""
    lines = [squeeze(line) for line in SEED.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    # The title (page title and heading) and the caption (alt text and caption) show twice.
    return list(dict.fromkeys(lines[: lines.index("Những tin cũ hơn") + 1]))


@pytest.fixture
def seed_page():
    call_command("load_demo", force=True)
    return Client(HTTP_USER_AGENT="Mozilla/5.0 Firefox/128.0").get(f"/bai-viet/{SEED_SLUG}/")


def test_the_seed_file_has_the_parts_this_test_relies_on():
    lines = seed_article_lines()
    assert lines[0].startswith("Một vài kinh nghiệm trong công tác kiểm tra, giám sát")
    assert "Thứ hai - 12/06/2017 22:28" in lines
    assert "Bài và ảnh: Ngô Đức Hải" in lines
    assert len(lines) > 15


def test_every_element_of_the_seed_article_shows(seed_page):
    assert seed_page.status_code == 200
    page = text_of(seed_page)
    missing = [line for line in seed_article_lines() if line not in page]
    assert missing == []


def test_the_seed_article_parts_are_where_the_seed_has_them(seed_page):
    html = seed_page.content.decode()
    page = text_of(seed_page)
    lines = seed_article_lines()
    title, date_line, summary, caption = lines[0], lines[1], lines[2], lines[3]
    assert f"<title>{title} – " in html
    assert f'<h1 class="article__title">{title}</h1>' in html
    assert re.search(r"<figure[^>]*>\s*<img [^>]*width=\"\d+\" height=\"\d+\"", html)
    assert f"<figcaption>{caption}</figcaption>" in html
    order = [
        title,
        date_line,
        summary,
        caption,
        lines[4],
        "Bài và ảnh: Ngô Đức Hải",
        "Tổng số điểm của bài viết là: 0 trong 0 đánh giá",
        "Click để đánh giá bài viết",
        "Ý kiến bạn đọc",
        "Những tin mới hơn",
        "Những tin cũ hơn",
    ]
    main = page[page.index(f"{title} Thứ hai") :]
    positions = [main.index(part) for part in order]
    assert positions == sorted(positions)


def test_the_seed_article_has_newer_and_older_articles(seed_page):
    html = seed_page.content.decode()
    for heading in ["Những tin mới hơn", "Những tin cũ hơn"]:
        block = re.search(rf">{heading}</h2>(.*?)</section>", html, re.S).group(1)
        assert len(re.findall(r"<li>", block)) >= 3, heading
