from django import template

from ..money import format_pence

register = template.Library()


@register.filter
def pounds(pence):
    """12345 -> £123.45"""
    return format_pence(pence)
