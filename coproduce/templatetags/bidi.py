"""`bdi` and `isolate`: user text isolated from the English around it (see coproduce/bidi.py).
Built into every template (TEMPLATES' "builtins" in settings), so no `{% load %}` is needed."""

from django import template
from django.utils.html import format_html

from coproduce import bidi as _bidi

register = template.Library()


@register.filter
def bdi(value):
    """`<bdi>value</bdi>` in HTML, the value escaped unless it is already safe (e.g. after
    `linebreaksbr`); nothing for no value, so `|default:` still works after it."""
    if value is None or value == "":
        return ""
    return format_html("<bdi>{}</bdi>", value)


@register.filter(is_safe=True)
def isolate(value):
    """Plain text (emails, subjects, SMS): the value between Unicode isolates, where it needs
    them. Keeps the value's safety, so autoescaping works as before."""
    if value is None:
        return ""
    return _bidi.isolate(value) if _bidi.needs_isolation(str(value)) else value
