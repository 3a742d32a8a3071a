"""`bdi` and `isolate`: user text isolated from the English around it (see coproduce/bidi.py).
Built into every template (TEMPLATES' "builtins" in settings), so no `{% load %}` is needed.

Both isolate only text that needs it (right-to-left letters or direction controls): in the
portal's left-to-right pages, text written left to right cannot be reordered or reorder
anything, so it is left exactly as it was. A page set right to left would need every value
isolated: change `needs_isolation` then."""

from django import template
from django.utils.html import conditional_escape, format_html

from coproduce import bidi as _bidi

register = template.Library()


@register.filter
def bdi(value):
    """`<bdi>value</bdi>` in HTML where the value needs isolating, else the value as it was;
    escaped either way unless already safe (e.g. after `linebreaksbr`). Nothing for no value,
    so `|default:` still works after it."""
    if value is None or value == "":
        return ""
    if not _bidi.needs_isolation(str(value)):
        return conditional_escape(value)
    return format_html("<bdi>{}</bdi>", value)


@register.filter(is_safe=True)
def isolate(value):
    """Plain text (emails, subjects, SMS): the value between Unicode isolates, where it needs
    them. Keeps the value's safety, so autoescaping works as before."""
    if value is None:
        return ""
    return _bidi.isolate(value) if _bidi.needs_isolation(str(value)) else value
