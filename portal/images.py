"""Uploaded images: checked by their content, and thumbnails made once."""

import contextlib
import io
import secrets
import warnings
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


def inspect_image(fileobj):
    """Return the Pillow format and size of an uploaded image, or raise ValidationError.

    The decision is made on the bytes, never on the file name; decompression bombs are
    refused before their pixels are decoded.
    """
    size = getattr(fileobj, "size", None)
    if size is not None and size > settings.IMAGE_UPLOAD_MAX_BYTES:
        raise ValidationError(
            "Ảnh quá lớn (%(size)s); giới hạn là %(limit)s.",
            code="file_too_large",
            params={
                "size": filesizeformat(size),
                "limit": filesizeformat(settings.IMAGE_UPLOAD_MAX_BYTES),
            },
        )
    position = fileobj.tell() if hasattr(fileobj, "tell") else 0
    try:
        fileobj.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(fileobj) as image:
                fmt, dimensions = image.format, image.size
                if dimensions[0] * dimensions[1] > settings.IMAGE_MAX_PIXELS:
                    raise ValidationError(
                        "Ảnh có quá nhiều điểm ảnh (%(w)s × %(h)s); hãy thu nhỏ ảnh trước khi tải lên.",
                        code="too_many_pixels",
                        params={"w": dimensions[0], "h": dimensions[1]},
                    )
                image.verify()
            # verify() reads no pixel data: a truncated JPEG passes it and breaks the
            # thumbnail later, so the pixels are decoded once here (bounded by the limit).
            fileobj.seek(0)
            with Image.open(fileobj) as image:
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            "Ảnh có quá nhiều điểm ảnh; hãy thu nhỏ ảnh trước khi tải lên.",
            code="too_many_pixels",
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            "Tệp tải lên không phải là ảnh hợp lệ (chỉ nhận JPEG, PNG, GIF, WebP).",
            code="invalid_image",
        ) from exc
    finally:
        fileobj.seek(position)
    if fmt not in ALLOWED_FORMATS:
        raise ValidationError(
            "Định dạng ảnh %(format)s không được nhận; chỉ nhận JPEG, PNG, GIF, WebP.",
            code="invalid_format",
            params={"format": fmt},
        )
    return fmt, dimensions


def validate_image_upload(fieldfile):
    """Model-field validator: a newly uploaded file must be a real, reasonably sized image."""
    file = getattr(fieldfile, "file", None)
    if file is None or getattr(fieldfile, "_committed", True):
        return  # already stored, so already checked
    inspect_image(file)


@deconstructible
class RandomImageName:
    """upload_to: a random file name under a folder, with the extension of the real content."""

    def __init__(self, folder, field_name):
        self.folder = folder.strip("/")
        self.field_name = field_name

    def __call__(self, instance, filename):
        extension = PurePosixPath(filename).suffix.lower().lstrip(".")
        if extension not in ALLOWED_FORMATS.values():
            extension = "bin"
        fieldfile = getattr(instance, self.field_name)
        # An upload through a form carries its bytes: the real format decides the extension.
        file = getattr(fieldfile, "_file", None)
        if file is not None and not fieldfile._committed:
            with contextlib.suppress(ValidationError):
                extension = ALLOWED_FORMATS[inspect_image(file)[0]]
        day = timezone.localdate()
        return f"{self.folder}/{day:%Y/%m}/{secrets.token_hex(10)}.{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomImageName) and (self.folder, self.field_name) == (
            other.folder,
            other.field_name,
        )


def make_thumbnail(fieldfile, max_size):
    """Return a JPEG/PNG ContentFile no larger than max_size (w, h), and its file name."""
    fieldfile.open("rb")
    try:
        with Image.open(fieldfile) as image:
            image.load()
            has_alpha = image.mode in ("RGBA", "LA", "P")
            image.thumbnail(max_size)
            out = io.BytesIO()
            if has_alpha:
                image.convert("RGBA").save(out, "PNG", optimize=True)
                suffix = "png"
            else:
                image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
                suffix = "jpg"
    finally:
        fieldfile.close()
    stem = PurePosixPath(fieldfile.name).stem
    return ContentFile(out.getvalue()), f"{stem}_{max_size[0]}.{suffix}"


def reencode(fileobj, fmt):
    """The image written anew by Pillow, as a ContentFile: no metadata (GPS positions in
    phone photos), nothing appended after the image data, the camera's rotation applied."""
    fileobj.seek(0)
    out = io.BytesIO()
    with Image.open(fileobj) as image:
        if fmt == "GIF" and getattr(image, "is_animated", False):
            image.save(out, "GIF", save_all=True, loop=image.info.get("loop", 0))
        else:
            upright = ImageOps.exif_transpose(image)
            if fmt == "JPEG":
                upright.convert("RGB").save(out, "JPEG", quality=90, optimize=True)
            else:
                upright.save(out, fmt)
    return ContentFile(out.getvalue())
