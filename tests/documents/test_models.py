"""Document records: derived codes, the effective status by the local day, stored rules."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from documents.models import Document, ReaderVisit
from portal import pagecache
from tests.documents.factories import DocumentFactory, DocumentKindFactory, IssuingBodyFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def _report(**values):
    values.setdefault("kind", DocumentKindFactory(name="Báo cáo", abbreviation="BC"))
    values.setdefault("issuing_body", IssuingBodyFactory(abbreviation="BTGTU"))
    return DocumentFactory(**values)


def test_symbol_and_code_are_derived_from_number_kind_and_body():
    document = _report(number="80")
    assert (document.symbol, document.code) == ("80-BC/BTGTU", "BC.80.BTGTU")
    assert str(document).startswith("BC.80.BTGTU – ")


def test_a_material_without_number_shows_its_kind_in_capitals():
    material = _report(number="", kind=DocumentKindFactory(name="Tài liệu", abbreviation=""))
    assert material.code == "TÀI LIỆU"
    assert material.symbol == "Tài liệu"


def test_typed_codes_are_kept_and_a_missing_body_leaves_no_slash():
    typed = _report(number="04", symbol="04-HD/BTGTW", code="HD.04.BTGTW")
    assert (typed.symbol, typed.code) == ("04-HD/BTGTW", "HD.04.BTGTW")
    bodiless = _report(number="12", issuing_body=None)
    assert (bodiless.symbol, bodiless.code) == ("12-BC", "BC.12")


def test_two_kinds_may_share_an_abbreviation():
    rule = DocumentKindFactory(name="Quy định", abbreviation="QĐ")
    decision = DocumentKindFactory(name="Quyết định", abbreviation="QĐ")
    assert _report(number="8", kind=rule).code == _report(number="8", kind=decision).code


def test_the_description_is_sanitized_on_save():
    document = _report(description='<p onclick="x()">Nội dung<script>alert(1)</script></p>')
    document.refresh_from_db()
    assert "script" not in document.description
    assert "onclick" not in document.description
    assert "Nội dung" in document.description


STATUS = Document.Status


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2021, 4, 30), STATUS.NOT_YET),
        (datetime.date(2021, 5, 1), STATUS.IN_FORCE),  # the first day in force
        (datetime.date(2021, 12, 30), STATUS.IN_FORCE),
        (datetime.date(2021, 12, 31), STATUS.EXPIRED),  # "hết hiệu lực từ" that day
    ],
)
def test_the_effective_status_changes_at_day_boundaries(day, expected):
    document = _report(
        issued_on=datetime.date(2021, 4, 20),
        effective_from=datetime.date(2021, 5, 1),
        effective_to=datetime.date(2021, 12, 31),
    )
    assert document.status_on(day) == expected
    assert list(Document.objects.with_status(expected, day)) == [document]
    others = set(STATUS) - {expected}
    assert not any(Document.objects.with_status(status, day).exists() for status in others)


def test_the_day_is_the_local_one_in_ho_chi_minh_city():
    document = _report(
        issued_on=datetime.date(2021, 4, 20), effective_from=datetime.date(2021, 5, 1)
    )
    # 17:00 UTC is midnight in Việt Nam: the new day has begun there.
    before = timezone.localdate(datetime.datetime(2021, 4, 30, 16, 59, tzinfo=UTC))
    after = timezone.localdate(datetime.datetime(2021, 4, 30, 17, 0, tzinfo=UTC))
    assert document.status_on(before) == STATUS.NOT_YET
    assert document.status_on(after) == STATUS.IN_FORCE


def test_without_effective_dates_the_issue_date_starts_the_force():
    document = _report(issued_on=timezone.localdate() + datetime.timedelta(days=1))
    assert document.status == STATUS.NOT_YET
    assert Document.objects.with_status(STATUS.NOT_YET).get() == document
    document.issued_on = timezone.localdate()
    document.save()
    assert document.status == STATUS.IN_FORCE


def test_the_same_number_kind_body_and_date_cannot_be_stored_twice():
    first = _report(number="80", issued_on=datetime.date(2021, 4, 20))
    with pytest.raises(IntegrityError), transaction.atomic():
        _report(number="80", issued_on=first.issued_on)
    # Another term's document with the same number is a different one.
    _report(number="80", issued_on=datetime.date(2016, 4, 20))
    # Materials have no number: any number of them.
    _report(number="", issued_on=first.issued_on)
    _report(number="", issued_on=first.issued_on)


def test_a_secret_document_cannot_be_stored_at_all():
    with pytest.raises(IntegrityError), transaction.atomic():
        _report(secret=True)
    assert not Document.objects.exists()


def test_saving_a_document_makes_kept_pages_stale_but_a_readers_visit_does_not():
    before = pagecache.content_version()
    document = _report()
    assert pagecache.content_version() > before
    before = pagecache.content_version()
    ReaderVisit.objects.create(user=UserFactory(), seen_at=timezone.now())
    assert pagecache.content_version() == before
    document.summary = "đã sửa"
    document.save()
    assert pagecache.content_version() > before


def test_effective_dates_may_be_equal_and_the_message_says_so():
    from django.core.exceptions import ValidationError

    day = datetime.date(2024, 5, 1)
    DocumentFactory.build(
        kind=DocumentKindFactory(), issuing_body=IssuingBodyFactory(),
        effective_from=day, effective_to=day,
    ).validate_constraints()  # fmt: skip
    reversed_dates = DocumentFactory.build(
        kind=DocumentKindFactory(), issuing_body=IssuingBodyFactory(),
        effective_from=day, effective_to=day - datetime.timedelta(days=1),
    )  # fmt: skip
    with pytest.raises(ValidationError, match="không được trước ngày có hiệu lực"):
        reversed_dates.validate_constraints()


def test_a_file_is_never_named_by_its_random_stored_name():
    from tests.documents.factories import DocumentFileFactory

    document_file = DocumentFileFactory(title="")
    # A file stored without its uploader's name (as by a script): only the random one is left.
    type(document_file).objects.filter(pk=document_file.pk).update(original_name="")
    document_file.refresh_from_db()
    assert str(document_file) == f"Tệp {document_file.pk}"
    assert document_file.file.name.rsplit("/", 1)[-1] not in str(document_file)
    document_file.original_name = "Báo cáo.pdf"
    assert str(document_file) == "Báo cáo.pdf"


def test_the_editors_fields_explain_themselves():
    from documents.forms import DocumentFileForm, DocumentForm

    for form in (DocumentForm(), DocumentFileForm()):
        for name, field in form.fields.items():
            assert field.label and field.help_text, f"{type(form).__name__}.{name}"
