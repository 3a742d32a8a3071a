"""Serving stored uploads (receipts, meeting papers): only from views that have checked who
may see them, always as a download, and never as anything but the type their content was
recognised as when they were uploaded."""

from django.http import FileResponse


def private_attachment(stored_file, *, filename: str, content_type: str) -> FileResponse:
    """`stored_file` (a FieldFile, so any storage backend) as an attachment named `filename`."""
    response = FileResponse(
        stored_file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    # Never opened as anything but its sniffed type, whatever SECURE_CONTENT_TYPE_NOSNIFF says.
    response["X-Content-Type-Options"] = "nosniff"
    return response
