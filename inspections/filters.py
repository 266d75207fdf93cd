"""Filters of the campaign and remediation lists, shared by the pages and their exports.

Parameter names are short Vietnamese words without diacritics, so a filtered list is a URL
that can be copied; a value that does not parse is dropped with a message (never a 500).
"""

import django_filters
from django import forms
from django.utils import timezone

from documents.models import Document, IssuingBody
from portal.search.query import search_words, word_filter

from .models import Campaign, PartyOrganization, RemediationItem

MIN_YEAR = 1930
MAX_YEAR = 2100


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", MIN_YEAR)
        kwargs.setdefault("max_value", MAX_YEAR)
        super().__init__(*args, **kwargs)


def _organizations(request):
    return PartyOrganization.objects.only("id", "name").order_by("name")


class CampaignFilter(django_filters.FilterSet):
    nam = YearFilter(field_name="start_on", lookup_expr="year", label="Năm")
    loai = django_filters.ChoiceFilter(
        field_name="kind", choices=Campaign.Kind.choices, label="Loại", empty_label="Tất cả"
    )
    trang_thai = django_filters.ChoiceFilter(
        field_name="status",
        choices=Campaign.Status.choices,
        label="Trạng thái",
        empty_label="Tất cả",
    )
    to_chuc = django_filters.ModelChoiceFilter(
        field_name="targets__organization",
        queryset=_organizations,
        label="Tổ chức đảng",
        empty_label="Tất cả",
        distinct=True,
    )
    van_ban = django_filters.ModelChoiceFilter(
        field_name="directives",
        # Only documents some campaign checks: the whole library would make a huge menu.
        queryset=lambda request: (
            Document.objects.filter(campaigns__isnull=False)
            .distinct()
            .select_related("kind", "issuing_body")
            .order_by("-issued_on", "-id")
        ),
        label="Văn bản được kiểm tra, giám sát",
        empty_label="Tất cả",
        distinct=True,
    )
    chu_tri = django_filters.ModelChoiceFilter(
        field_name="presiding_body",
        queryset=lambda request: (
            IssuingBody.objects.filter(presided_campaigns__isnull=False).distinct().order_by("name")
        ),
        label="Cơ quan chủ trì",
        empty_label="Tất cả",
    )
    q = django_filters.CharFilter(method="keyword", label="Từ khóa", max_length=100)

    class Meta:
        model = Campaign
        fields = []

    def keyword(self, queryset, name, value):
        # Without diacritics or case, on both databases: the words against the folded
        # search text kept on the campaign ("ngoc tem" finds "Ngọc Tem").
        words = search_words(value)
        return queryset.filter(word_filter(words)) if words else queryset


class RemediationFilter(django_filters.FilterSet):
    DEADLINE_CHOICES = [("qua_han", "Quá hạn"), ("sap_den_han", "Sắp đến hạn (7 ngày)")]

    trang_thai = django_filters.ChoiceFilter(
        field_name="status",
        choices=RemediationItem.Status.choices,
        label="Tình trạng",
        empty_label="Tất cả",
    )
    to_chuc = django_filters.ModelChoiceFilter(
        field_name="organization", queryset=_organizations, label="Tổ chức", empty_label="Tất cả"
    )
    cuoc = django_filters.ModelChoiceFilter(
        field_name="campaign",
        queryset=lambda request: (
            Campaign.objects.filter(remediations__isnull=False)
            .distinct()
            .only("id", "title")
            .order_by("-start_on", "-id")
        ),
        label="Cuộc kiểm tra, giám sát",
        empty_label="Tất cả",
    )
    han = django_filters.ChoiceFilter(
        method="by_deadline", choices=DEADLINE_CHOICES, label="Hạn", empty_label="Tất cả"
    )
    nam = YearFilter(field_name="deadline", lookup_expr="year", label="Năm (hạn hoàn thành)")

    class Meta:
        model = RemediationItem
        fields = []

    def by_deadline(self, queryset, name, value):
        today = timezone.localdate()
        if value == "qua_han":
            return queryset.overdue(today)
        if value == "sap_den_han":
            return queryset.due_soon(today)
        return queryset


def _shown(value, limit=30):
    """A rejected value as the message quotes it: printable, short."""
    value = "".join(ch for ch in str(value) if ch.isprintable()).strip()
    return value if len(value) <= limit else value[: limit - 1] + "…"


def filter_errors(filterset):
    """Vietnamese messages for the filter values that were dropped (the others still apply),
    worded like the documents list's: the filter, the value, and that it was left out."""
    if not filterset.is_bound or filterset.form.is_valid():
        return []
    problems = []
    for name in filterset.form.errors:
        if name not in filterset.form.fields:
            continue
        label = filterset.form.fields[name].label
        value = _shown(filterset.data.get(name, ""))
        if name == "q":
            problems.append(f"{label} dài quá 100 ký tự, không hợp lệ; bộ lọc đã được bỏ qua.")
        elif value:
            problems.append(f"{label} “{value}” không hợp lệ; bộ lọc đã được bỏ qua.")
        else:
            problems.append(f"{label} không hợp lệ; bộ lọc đã được bỏ qua.")
    return problems
