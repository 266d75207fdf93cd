"""The filters of the documents list, all in the URL: /van-ban/?loai=3&nam=2021&q=bao+cao.

A value that makes no sense (an unknown kind, the year "abc") is left out of the filtering
and reported on the page in Vietnamese; the other filters still apply.
"""

import zoneinfo

import django_filters
from django import forms
from django.conf import settings
from django.utils import timezone

from portal.search.query import MAX_QUERY_LENGTH, search_words, word_filter

from .models import (
    FIRST_YEAR,
    LAST_YEAR,
    Document,
    DocumentCategory,
    DocumentField,
    DocumentKind,
    IssuingBody,
)

PARAMS = ("q", "loai", "co_quan", "linh_vuc", "danh_muc", "nam", "hieu_luc")
UNKNOWN_CHOICE = "Không có lựa chọn này; bộ lọc đã được bỏ qua."


def board_today():
    """Today in the board's time zone, whatever the server's."""
    return timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(settings.TIME_ZONE)).date()


def _choice(queryset, label, empty):
    return django_filters.ModelChoiceFilter(
        queryset=queryset,
        label=label,
        empty_label=empty,
        error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Từ khóa",
        method="filter_keyword",
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": f"Từ khóa quá dài; hãy nhập tối đa {MAX_QUERY_LENGTH} ký tự.",
        },
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Ví dụ: 80-BC/BTGTU hoặc báo cáo quý"}
        ),
    )
    loai = _choice(DocumentKind.objects.all(), "Loại văn bản", "Tất cả các loại")
    loai.field_name = "kind"
    co_quan = _choice(IssuingBody.objects.all(), "Cơ quan ban hành", "Tất cả cơ quan")
    co_quan.field_name = "issuing_body"
    linh_vuc = _choice(DocumentField.objects.all(), "Lĩnh vực", "Tất cả lĩnh vực")
    linh_vuc.field_name = "fields"
    danh_muc = _choice(DocumentCategory.objects.all(), "Danh mục", "Tất cả danh mục")
    danh_muc.field_name = "categories"
    nam = django_filters.NumberFilter(
        field_name="issued_on__year",
        label="Năm ban hành",
        # The years the admin accepts: every stored document can be filtered for.
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={
            "invalid": "Năm ban hành phải là một số, ví dụ 2021; bộ lọc năm đã được bỏ qua.",
            "min_value": f"Năm ban hành phải từ {FIRST_YEAR} trở đi; bộ lọc năm đã được bỏ qua.",
            "max_value": f"Năm ban hành không được quá {LAST_YEAR}; bộ lọc năm đã được bỏ qua.",
        },
        widget=forms.NumberInput(attrs={"placeholder": "Ví dụ 2021"}),
    )
    hieu_luc = django_filters.ChoiceFilter(
        label="Hiệu lực",
        choices=Document.Status.choices,
        empty_label="Mọi tình trạng",
        method="filter_status",
        error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )

    class Meta:
        model = Document
        fields = []

    def __init__(self, data=None, *args, category=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        if category is not None:
            # The category page is the list of one category: no second category filter.
            del self.filters["danh_muc"]

    def filter_keyword(self, queryset, name, value):
        words = search_words(value)
        return queryset.filter(word_filter(words)) if words else queryset

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value, board_today())

    @property
    def problems(self):
        """The Vietnamese messages of the values left out, with the filter's name."""
        form = self.form
        return [
            f"{form.fields[name].label}: {message}"
            for name, messages in form.errors.items()
            for message in messages
        ]

    def is_filtering(self):
        return any(self.data.get(name) for name in self.filters)
