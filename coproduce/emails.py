"""What every email the portal sends shares."""

from django.template.loader import render_to_string


def subject(template: str, context: dict) -> str:
    """An email subject from a template, on one line. Subjects quote titles people typed, and a
    line break in one would make Django refuse the whole message as a header injection."""
    return " ".join(render_to_string(template, context).split())
