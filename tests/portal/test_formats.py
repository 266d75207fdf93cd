"""Vietnamese formats: day-first dates in and out, numbers grouped as 9.927.613."""

import datetime

from django import forms
from django.template import Context, Template
from django.utils import timezone


class DateForm(forms.Form):
    day = forms.DateField()
    moment = forms.DateTimeField()


def test_dates_are_typed_day_first():
    form = DateForm({"day": "05/03/2025", "moment": "12/06/2017 22:28"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == datetime.date(2025, 3, 5)
    moment = timezone.localtime(form.cleaned_data["moment"])
    assert (moment.day, moment.month, moment.hour, moment.minute) == (12, 6, 22, 28)
    assert str(moment.tzinfo) == "Asia/Ho_Chi_Minh"


def test_a_bad_date_gets_a_vietnamese_message():
    form = DateForm({"day": "31/02/2025", "moment": "hôm qua"})
    assert not form.is_valid()
    assert "hợp lệ" in form.errors["day"][0]


def test_dates_are_shown_day_first():
    rendered = Template("{{ d|date:'SHORT_DATE_FORMAT' }}").render(
        Context({"d": datetime.date(2025, 3, 5)})
    )
    assert rendered == "05/03/2025"


def test_numbers_are_grouped_with_dots():
    template = Template("{% load portal_tags %}{{ n|so }} {{ zero|so }} {{ text|so }}")
    assert template.render(Context({"n": 9927613, "zero": 0, "text": "—"})) == "9.927.613 0 —"
