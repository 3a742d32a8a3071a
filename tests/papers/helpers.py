import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from papers.models import Paper


def pdf(name: str = "budget.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")


def docx(name: str = "budget.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def odt(name: str = "budget.odt") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def written_paper(meeting, **fields) -> Paper:
    defaults = {
        "title": "Budget",
        "text": "We have £2,000 to spend.",
        "added_by": meeting.created_by,
    }
    return Paper.objects.create(meeting=meeting, **(defaults | fields))
