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


# --- Sample uploads of each kind (bytes), for the upload checks -------------------------


def ole2_bytes(stream="WordDocument"):
    """A compound file header and a directory entry naming the stream (enough to sniff)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    entry = stream.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64
    return header + entry + b"\x00" * 256


def zip_bytes(members):
    """A ZIP archive of {name: text}; `mimetype` first and stored, as OpenDocument wants."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in members.items():
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, text, compress_type=method)
    return out.getvalue()


def ooxml_bytes(folder="word"):
    main = {"word": "document", "xl": "workbook", "ppt": "presentation"}[folder]
    return zip_bytes(
        {"[Content_Types].xml": "<Types/>", "_rels/.rels": "<r/>", f"{folder}/{main}.xml": "<x/>"}
    )


def odf_bytes(kind="text"):
    return zip_bytes(
        {"mimetype": f"application/vnd.oasis.opendocument.{kind}", "content.xml": "<c/>"}
    )


def image_bytes(fmt="PNG", size=(20, 10)):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, "red").save(out, fmt)
    return out.getvalue()


def png_bomb(width=30000, height=30000):
    """A tiny PNG that claims a huge picture: a decompression bomb."""
    import struct
    import zlib

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1000)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def admin_form_data(kind, body=None, files=(), **overrides):
    """What the admin's add form posts for a document; `files` are uploads for the inline."""
    data = {
        "number": "80",
        "kind": kind.pk,
        "issuing_body": body.pk if body else "",
        "symbol": "",
        "code": "",
        "summary": "công tác báo chí quí I; nhiệm vụ trọng tâm quí II-2021",
        "slug": "",
        "signer": "Nguyễn Văn An",
        "issued_on": "20/04/2021",
        "effective_from": "",
        "effective_to": "",
        "description": "<p>Báo cáo</p>",
        "view_access": Access.PUBLIC,
        "download_access": Access.PUBLIC,
        "is_published": "on",
        "published_at_0": "21/04/2021",
        "published_at_1": "08:00",
        "files-TOTAL_FORMS": str(max(1, len(files))),
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
    }
    for index, upload in enumerate(files):
        data[f"files-{index}-file"] = upload
        data[f"files-{index}-title"] = "Toàn văn"
        data[f"files-{index}-order"] = str(index)
    if not files:
        data["files-0-order"] = "0"
    data.update(overrides)
    return data
