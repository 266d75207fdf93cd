"""The rich-text editor of articles, documents and every editor's field, and its uploads.

The one place that knows which editor is in use (RICH_TEXT_EDITOR): CKEditor 4 gets no
more security fixes, so swapping it must be a one-line change. Whatever the editor, the
HTML is cleaned on save (portal.text.clean_html); images come in through uploads.upload.
"""

from django import forms
from django.conf import settings


def rich_text_widget():
    """The widget of a rich-text field: CKEditor 4 with uploads, or a plain text area."""
    if settings.RICH_TEXT_EDITOR == "ckeditor":
        from ckeditor_uploader.widgets import CKEditorUploadingWidget

        return CKEditorUploadingWidget()
    return forms.Textarea(attrs={"rows": 24, "cols": 100})
