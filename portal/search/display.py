"""Search results as readers see them: the words found in <mark>, an excerpt around them."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from portal.text import fold, nfc

EXCERPT_CHARS = 260


def _folded_with_positions(text):
    """The folded text and, for each of its characters, the index of the original one."""
    folded = fold(text)
    if len(folded) == len(text):
        # Vietnamese letters fold one to one (ế → e, đ → d): positions are unchanged, and
        # folding the whole text at once is far cheaper than a character at a time.
        return folded, range(len(text))
    chars, positions = [], []
    for index, char in enumerate(text):
        for folded_char in fold(char):
            chars.append(folded_char)
            positions.append(index)
    return "".join(chars), positions


def _match_spans(text, words):
    if not words:
        return []
    folded, positions = _folded_with_positions(text)
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    spans = []
    for match in re.finditer(rf"(?<!\w)(?:{alternatives})", folded):
        start, end = positions[match.start()], positions[match.end() - 1] + 1
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def highlight(text, words):
    """The text escaped, with the words (found without diacritics or case) in <mark>."""
    text = nfc(text)
    out, position = [], 0
    for start, end in _match_spans(text, words):
        out.append(f"{escape(text[position:start])}<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 – every piece of the reader's text is escaped


def excerpt(text, words, length=EXCERPT_CHARS):
    """About `length` characters around the first word found, highlighted."""
    text = re.sub(r"\s+", " ", nfc(text)).strip()
    spans = _match_spans(text, words)
    start = 0
    if spans and spans[0][0] > length // 3:
        start = text.rfind(" ", 0, spans[0][0] - length // 3) + 1
    piece = Truncator(text[start:]).chars(length)
    shown = highlight(piece, words)
    return mark_safe(f"… {shown}") if start else shown  # noqa: S308 – built from escaped parts
