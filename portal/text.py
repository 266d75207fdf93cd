"""Vietnamese text: slugs, diacritic-free search keys, and sanitizing editors' HTML."""

import html
import re
import unicodedata

import nh3
from django.conf import settings
from django.utils.html import strip_tags


def nfc(text):
    return unicodedata.normalize("NFC", text or "")


# Combining marks (the blocks that hold every Vietnamese tone and vowel mark).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


_D = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def fold(text):
    """Lower case without diacritics, đ → d: "Đảng" → "dang", "kiểm tra" → "kiem tra"."""
    # Old Vietnamese text often has the Icelandic eth (Ð, ð) where Đ, đ is meant.
    text = nfc(text).translate(_D)
    # A regular expression over the decomposed text: a loop per character in Python was
    # the cost of the search page.
    return _COMBINING.sub("", unicodedata.normalize("NFD", text)).lower()


def fold_words(text):
    """The folded words of a text, one space apart: a search key that word_filter matches.

    Words only: "(kèm" is "kem", "125-QĐ/HU" is "125 qd hu", so a word always follows a
    space or the start.
    """
    return " ".join(re.findall(r"\w+", fold(text or "")))


def search_text_of(*parts):
    """The folded words of some texts and HTML fragments, one space apart: the search key."""
    return fold_words(" ".join(html.unescape(strip_tags(part or "")) for part in parts))


def slugify_vi(text):
    """ "Huyện uỷ H67 (Sa Thầy)" → "huyen-uy-h67-sa-thay"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "bai-viet"


ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "iframe", "img", "ins", "li", "ol", "p", "pre", "s", "small", "span", "strong", "sub",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"style", "title"},  # class: see ALLOWED_CLASSES
    "a": {"href", "target"},
    "img": {"src", "alt", "width", "height"},
    "iframe": {"src", "width", "height", "allowfullscreen", "frameborder"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "col": {"span"},
    "ol": {"start", "type"},
}
# What CKEditor 4 (image2, tables, alignment) writes.
ALLOWED_CLASSES = {
    "image", "image-style-side", "image-style-align-left", "image-style-align-right",
    "image-style-align-center", "align-left", "align-right", "align-center", "text-left",
    "text-right", "text-center", "text-justify", "caption", "table",
}  # fmt: skip
# Simple alignment and sizing only: no positioning, no backgrounds.
ALLOWED_STYLES = {
    "text-align", "width", "height", "float", "margin-left", "margin-right", "font-weight",
    "font-style", "text-decoration",
}  # fmt: skip


def _iframe_allowed(src):
    # Matched as text, not parsed: Python reads "https://evil.example\\@www.youtube.com/"
    # as youtube, a browser as evil.example.
    match = re.fullmatch(r"https://([a-z0-9.-]+)(/[^\s\\@]*)?", src.strip(), re.IGNORECASE)
    return bool(match) and match.group(1).lower() in set(settings.RICH_TEXT_IFRAME_HOSTS)


def _filter_attribute(element, attribute, value):
    if element == "iframe" and attribute == "src":
        return value if _iframe_allowed(value) else None
    if attribute in ("src", "href") and value.strip().startswith(("//", "\\\\")):
        return None  # protocol-relative: another site's image or tracker, on every reader
    return value


def clean_html(html):
    """Editor HTML through an allow-list; iframes only from RICH_TEXT_IFRAME_HOSTS."""
    cleaned = nh3.clean(
        nfc(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        filter_style_properties=ALLOWED_STYLES,
        # The editor's own classes only: a body must not borrow the site's (a fake
        # "message" or "preview" banner).
        allowed_classes={tag: ALLOWED_CLASSES for tag in ALLOWED_TAGS},
        # Photos in the body sit below the title and cover: the browser fetches them late.
        set_tag_attribute_values={"img": {"loading": "lazy", "decoding": "async"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # An iframe whose src was refused is an empty box: drop it.
    return re.sub(r"<iframe(?![^>]*\ssrc=)[^>]*>\s*</iframe>", "", cleaned)
