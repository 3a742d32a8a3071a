"""Uploaded papers are recognised from their content, as receipts are."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from papers.files import DOCX, ODT, PDF, RTF, TEXT, check_paper
from tests.papers.helpers import docx, odt, pdf


@pytest.mark.parametrize(
    ("upload", "content_type"),
    [
        (pdf(), PDF),
        (docx(), DOCX),
        (odt(), ODT),
        (SimpleUploadedFile("notes.rtf", b"{\\rtf1\\ansi Hello}"), RTF),
        (SimpleUploadedFile("notes.txt", "Café at 10".encode()), TEXT),
    ],
)
def test_it_recognises_formats_people_can_read_at_any_size(upload, content_type):
    assert check_paper(upload) == content_type


@pytest.mark.parametrize(
    "upload",
    [
        # A PDF renamed as a Word file, and a Word file renamed as a PDF.
        pdf("budget.docx"),
        docx("budget.pdf"),
        # A program renamed as a paper.
        SimpleUploadedFile("budget.pdf", b"MZ\x90\x00\x03\x00\x00\x00"),
        # A zip that is not a document.
        SimpleUploadedFile("budget.docx", b"PK\x03\x04" + b"\x00" * 40),
        # Binary bytes called text.
        SimpleUploadedFile("notes.txt", b"\x00\x01\x02\xff"),
    ],
)
def test_it_refuses_a_file_that_is_not_what_its_name_says(upload):
    with pytest.raises(ValidationError, match="be what its name says"):
        check_paper(upload)


def test_it_refuses_a_file_over_the_size_limit(settings):
    settings.PAPER_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="smaller than"):
        check_paper(pdf())


def test_it_refuses_an_empty_file():
    with pytest.raises(ValidationError, match="empty"):
        check_paper(SimpleUploadedFile("budget.pdf", b""))
