"""Factories of the documents app.

DocumentFactory()                                   # public, published a minute ago
DocumentFactory(view_access=Access.REPORTERS)       # only Báo cáo viên see it
DocumentFileFactory(document=doc)                   # a small real PDF in private storage
"""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from documents.models import (
    Access,
    Document,
    DocumentCategory,
    DocumentField,
    DocumentFile,
    DocumentKind,
    IssuingBody,
)

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class DocumentKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentKind
        django_get_or_create = ("name",)

    name = "Báo cáo"
    abbreviation = "BC"


class IssuingBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IssuingBody
        django_get_or_create = ("abbreviation",)

    name = "Ban Tuyên giáo Tỉnh ủy"
    abbreviation = "BTGTU"


class DocumentFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentField

    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class DocumentCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentCategory

    name = factory.Sequence(lambda n: f"Danh mục {n}")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    number = factory.Sequence(lambda n: str(100 + n))
    kind = factory.SubFactory(DocumentKindFactory)
    issuing_body = factory.SubFactory(IssuingBodyFactory)
    summary = factory.Sequence(lambda n: f"công tác tuyên giáo tháng {n % 12 + 1}")
    issued_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
    view_access = Access.PUBLIC
    download_access = Access.PUBLIC
    is_published = True
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(minutes=1))


class DocumentFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentFile

    document = factory.SubFactory(DocumentFactory)
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="van-ban.pdf"))
    title = "Toàn văn"
    original_name = "Báo cáo công tác tuyên giáo.pdf"
    file_type = "pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)
