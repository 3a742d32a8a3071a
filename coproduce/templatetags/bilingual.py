from django import template

from coproduce.bilingual import shown_field

register = template.Library()


@register.simple_tag
def bilingual(obj, name: str):
    """`{% bilingual project "summary" as summary %}`: the words in the reader's language, or
    in the other with `summary.lang` and `summary.note` set (coproduce/bilingual.py)."""
    return shown_field(obj, name)
