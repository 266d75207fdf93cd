"""Writes of the documents app that carry a rule."""

import html

from django.utils.html import strip_tags

from articles.text import clean_html, fold, nfc


def document_search_text(document):
    """The folded words a reader's search is matched against: codes, number, summary, text.

    "80-BC/BTGTU", "BC.80.BTGTU" and "bc 80" fold to the same words ("bc", "80", "btgtu").
    """
    kind = document.kind if document.kind_id else None
    body = document.issuing_body if document.issuing_body_id else None
    parts = [
        document.code,
        document.symbol,
        document.number,
        kind.name if kind else "",
        kind.abbreviation if kind else "",
        body.abbreviation if body else "",
        body.name if body else "",
        document.summary,
        document.signer,
        html.unescape(strip_tags(document.description)),
    ]
    return " ".join(fold(" ".join(part for part in parts if part)).split())


def prepare_document_for_save(document):
    """Normalize the text an editor typed and sanitize the rich text, before every save."""
    for name in ("number", "symbol", "code", "summary", "signer"):
        setattr(document, name, nfc(getattr(document, name) or "").strip())
    document.description = clean_html(nfc(document.description or ""))
    document.search_text = document_search_text(document)
