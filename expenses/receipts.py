"""Receipts: images or PDFs, recognised from their first bytes, never from the name alone.

A file is accepted only when its content is one of the allowed types and its name's extension
belongs to that same type, so a program renamed "receipt.pdf", or a PDF renamed "photo.jpg",
is refused.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# content type: (how the file starts, the extensions its name may have)
_TYPES = {
    "application/pdf": ([b"%PDF-"], {".pdf"}),
    "image/jpeg": ([b"\xff\xd8\xff"], {".jpg", ".jpeg"}),
    "image/png": ([b"\x89PNG\r\n\x1a\n"], {".png"}),
    "image/gif": ([b"GIF87a", b"GIF89a"], {".gif"}),
}
_WEBP = "image/webp"


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
