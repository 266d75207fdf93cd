"""What a reader asked the search for: words folded without diacritics, dates, a scope."""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Q

from portal.text import fold, nfc

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
MAX_WORD_LENGTH = 40
DATE_FORMAT = "%d/%m/%Y"
_SCOPE_VALUE = re.compile(r"[-a-zA-Z0-9_]{1,160}")


def search_words(text):
    """The distinct folded words of a query, in order, within the limits."""
    words = []
    for word in re.findall(r"\w+", fold(text)):
        if len(word) <= MAX_WORD_LENGTH and word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def word_filter(words, column="search_text"):
    """Each word begins a word of the column (a folded text of words one space apart)."""
    condition = Q()
    for word in words:
        condition &= Q(**{f"{column}__startswith": word}) | Q(**{f"{column}__contains": " " + word})
    return condition


@dataclass
class SearchRequest:
    """What a reader asked for, checked; `problems` are messages to show."""

    text: str = ""
    words: list = field(default_factory=list)
    # What the scoped provider (news: a category) narrowed the search to, or None.
    scope: object = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    problems: list = field(default_factory=list)
    # Who searches: a provider of restricted content (documents) shows only what they may see.
    user: object = None

    @property
    def folded(self):
        return " ".join(self.words)


def _parse_date(value, label, problems):
    value = (value or "").strip()
    if not value:
        return None
    try:
        return datetime.datetime.strptime(value, DATE_FORMAT).date()
    except ValueError:
        problems.append(f"{label} “{value[:20]}” không hợp lệ; hãy nhập theo dạng ngày/tháng/năm.")
        return None


def _parse_scope(params, scoped, problems):
    if scoped is None:
        return None
    value = params.get(scoped.scope_param, "").strip()
    if not value:
        return None
    # Not a slug at all (a NUL byte would even break PostgreSQL's query): not looked up.
    scope = scoped.find_scope(value) if _SCOPE_VALUE.fullmatch(value) else None
    if scope is None:
        problems.append(scoped.scope_missing)
    return scope


def parse_request(params, scoped=None):
    """A SearchRequest from the query string; never raises on bad input.

    `scoped` is the provider whose scope parameter (news: "chuyen-muc") the form offers.
    """
    problems = []
    text = nfc(params.get("q", "")).strip()
    if len(text) > MAX_QUERY_LENGTH:
        problems.append(
            f"Từ khóa quá dài ({len(text)} ký tự); hãy nhập tối đa {MAX_QUERY_LENGTH} ký tự."
        )
        words = []
    else:
        words = search_words(text)
        if text and not words:
            problems.append("Từ khóa chỉ gồm dấu câu hoặc ký hiệu; hãy nhập chữ hoặc số.")
    scope = _parse_scope(params, scoped, problems)
    date_from = _parse_date(params.get("tu"), "Ngày bắt đầu", problems)
    date_to = _parse_date(params.get("den"), "Ngày kết thúc", problems)
    if date_from and date_to and date_from > date_to:
        problems.append("Ngày bắt đầu sau ngày kết thúc; đã đổi chỗ hai ngày.")
        date_from, date_to = date_to, date_from
    return SearchRequest(text[:MAX_QUERY_LENGTH], words, scope, date_from, date_to, problems)
