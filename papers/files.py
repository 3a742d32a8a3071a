"""Uploaded papers: recognised from their content, never from the name alone, as receipts are
(expenses/receipts.py).

Accepted are formats people can read at any size: PDF, and documents a reader can enlarge or
have read aloud (Word, OpenDocument, Rich Text, plain text). A Word or OpenDocument file is a
zip archive: it is recognised from its table of contents and its declared type, without
unpacking anything (an archive can hold far more than it weighs). A file is refused when its
name's extension does not belong to what its content is.
"""

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
RTF = "application/rtf"
TEXT = "text/plain"

EXTENSIONS = {PDF: {".pdf"}, DOCX: {".docx"}, ODT: {".odt"}, RTF: {".rtf"}, TEXT: {".txt"}}
# What a person downloading it sees the file as, and the extension it is saved with.
LABELS = {
    PDF: ("PDF", "pdf"),
    DOCX: ("Word", "docx"),
    ODT: ("OpenDocument", "odt"),
    RTF: ("Rich Text", "rtf"),
    TEXT: ("Text", "txt"),
}


def _zipped_type(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names and "[Content_Types].xml" in names:
                return DOCX
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
                if archive.read("mimetype").strip() == ODT.encode():
                    return ODT
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    return None


def _is_text(upload) -> bool:
    data = upload.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return "\x00" not in text


def _sniff(upload) -> str | None:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"{\\rtf"):
            return RTF
        if head.startswith(b"PK\x03\x04"):
            return _zipped_type(upload)
        return TEXT if _is_text(upload) else None
    finally:
        upload.seek(0)


def check_paper(upload) -> str:
    """The content type of an uploaded paper; ValidationError with a plain reason otherwise."""
    limit = settings.PAPER_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file must be smaller than %(size)s") % {"size": filesizeformat(limit)}
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty"))
    content_type = _sniff(upload)
    extension = PurePath(upload.name or "").suffix.lower()
    if content_type is None or extension not in EXTENSIONS[content_type]:
        raise ValidationError(
            _(
                "The file must be a PDF, Word, OpenDocument, Rich Text or plain text file, "
                "and be what its name says"
            )
        )
    return content_type
