"""The project's own functions that the benchmark's data are derived with, in one place.

The bulk loader never saves rows one by one, so it fills each derived column (slugs, search
keys, codes, cleaned HTML) by calling the very functions the save path calls; when one of
them moves, this is the one file to change.
"""

from articles.prepare import COVER_LARGE_SIZE, COVER_THUMBNAIL_SIZE
from documents.demo import make_pdf
from documents.prepare import document_search_text, prepare_document_for_save, short_file_name
from portal.demo import placeholder_image
from portal.files.validators import validate_and_describe
from portal.images import make_thumbnail
from portal.pagecache import bump_content_version
from portal.text import clean_html, nfc, search_text_of, slugify_vi
from portal.visits import BEFORE_MONTH_KEY

__all__ = [
    "BEFORE_MONTH_KEY",
    "COVER_LARGE_SIZE",
    "COVER_THUMBNAIL_SIZE",
    "bump_content_version",
    "clean_html",
    "document_search_text",
    "make_pdf",
    "make_thumbnail",
    "nfc",
    "placeholder_image",
    "prepare_document_for_save",
    "search_text_of",
    "short_file_name",
    "slugify_vi",
    "validate_and_describe",
]
