"""Receipts: images or PDFs, recognised from their first bytes, never from the name alone.

A file is accepted only when its content is one of the allowed types and its name's extension
belongs to that same type, so a program renamed "receipt.pdf", or a PDF renamed "photo.jpg",
is refused.

Photos from phones carry metadata (EXIF, XMP, comments), often with the GPS position of where
the photo was taken, usually the person's home. Every image is therefore decoded and written
again from its pixels alone, turned the way its EXIF orientation says first so that it still
reads the right way up: nothing else of the original file is kept. Images with more pixels
than RECEIPT_MAX_PIXELS are refused before they are decoded (a small file can hold an image
that fills the memory: a decompression bomb). PDFs are kept as they are (docs/bacs.md).
"""

import io
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

# content type: (how the file starts, the extensions its name may have)
_TYPES = {
    "application/pdf": ([b"%PDF-"], {".pdf"}),
    "image/jpeg": ([b"\xff\xd8\xff"], {".jpg", ".jpeg"}),
    "image/png": ([b"\x89PNG\r\n\x1a\n"], {".png"}),
    "image/gif": ([b"GIF87a", b"GIF89a"], {".gif"}),
}
_WEBP = "image/webp"
# content type: (Pillow's name for the format, how to write it again)
_IMAGES = {
    "image/jpeg": ("JPEG", {"quality": 90}),
    "image/png": ("PNG", {}),
    "image/gif": ("GIF", {}),
    _WEBP: ("WEBP", {"quality": 90}),
}


def _sniff(head: bytes) -> str | None:
    for content_type, (signatures, _extensions) in _TYPES.items():
        if any(head.startswith(signature) for signature in signatures):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _WEBP
    return None


def _extensions(content_type: str) -> set[str]:
    return {".webp"} if content_type == _WEBP else _TYPES[content_type][1]


def check_receipt(upload) -> str:
    """The content type of an uploaded receipt; ValidationError with a plain reason otherwise."""
    limit = settings.RECEIPT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The receipt must be smaller than %(size)s") % {"size": filesizeformat(limit)}
        )
    if upload.size == 0:
        raise ValidationError(_("The receipt file is empty"))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type = _sniff(head)
    extension = PurePath(upload.name or "").suffix.lower()
    if content_type is None or extension not in _extensions(content_type):
        raise ValidationError(
            _(
                "The receipt must be a photo (JPG, PNG, GIF or WEBP) or a PDF, "
                "and be what its name says"
            )
        )
    return content_type


def clean_receipt(upload) -> tuple[str, object]:
    """The content type and the file to store: a checked PDF as it came, or an image written
    again without its metadata. ValidationError with a plain reason for anything else."""
    content_type = check_receipt(upload)
    if content_type not in _IMAGES:
        return content_type, upload
    return content_type, SimpleUploadedFile(
        upload.name, _reencoded(upload, content_type), content_type=content_type
    )


def _unreadable() -> ValidationError:
    return ValidationError(
        _("The photo of the receipt could not be opened. Take the photo again, or send a PDF")
    )


def _too_large() -> ValidationError:
    return ValidationError(
        _(
            "The photo of the receipt has too many pixels: it must have fewer than "
            "%(megapixels)s million. Take it again at a lower resolution, or send a PDF"
        )
        % {"megapixels": f"{settings.RECEIPT_MAX_PIXELS / 1_000_000:g}"}
    )


def _reencoded(upload, content_type: str) -> bytes:
    """The image's pixels, the right way up, in a new file of the same type with no metadata."""
    pillow_format, options = _IMAGES[content_type]
    upload.seek(0)
    try:
        with Image.open(upload, formats=[pillow_format]) as original:
            # Only the header has been read: refuse a huge image before decoding a pixel.
            width, height = original.size
            if width * height > settings.RECEIPT_MAX_PIXELS:
                raise _too_large()
            original.seek(0)  # the first frame only: a receipt is not an animation
            # Orientation lives in the EXIF data that is about to go: apply it to the pixels.
            image = ImageOps.exif_transpose(original)
            image.load()
    except Image.DecompressionBombError:  # Pillow's own limit, met before ours on open
        raise _too_large() from None
    except (OSError, ValueError, SyntaxError, EOFError):
        # Pillow's errors for a file it cannot read: not an image, truncated, corrupt.
        raise _unreadable() from None
    finally:
        upload.seek(0)
    # Everything Pillow kept from the file (EXIF, XMP, comments, ICC profile, text chunks)
    # is in `info`, which some writers copy into the new file: keep only which colour is
    # transparent, which is part of the picture.
    image.info = {k: v for k, v in image.info.items() if k == "transparency"}
    output = io.BytesIO()
    try:
        image.save(output, format=pillow_format, **options)
    except (OSError, ValueError):
        raise _unreadable() from None
    return output.getvalue()
