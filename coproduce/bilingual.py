"""Words people wrote (project summaries, agendas, charter sections, review statements) in
English and, optionally, in Welsh: each reader gets their language when it was given, and
otherwise the other one, marked with its lang attribute and a note saying it is only
available in that language (docs/welsh.md). Fields hold the English (or whatever the author
wrote) and `<field>_cy` the Welsh."""

from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

WELSH = "cy"
_ONLY_IN = {
    "en": _("This is only available in English"),
    "cy": _("This is only available in Welsh"),
}


@dataclass(frozen=True)
class Shown:
    text: str
    # The language of `text` when it is not the reader's; empty when it is.
    lang: str = ""

    @property
    def note(self) -> str:
        return _ONLY_IN[self.lang] if self.lang else ""

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


def shown(english: str, welsh: str) -> Shown:
    if get_language() == WELSH:
        return Shown(welsh) if welsh else Shown(english, "en" if english else "")
    return Shown(english) if english else Shown(welsh, WELSH if welsh else "")


def shown_field(obj, name: str) -> Shown:
    """`obj.name` or `obj.name_cy` (keys, for a dict such as a charter section)."""
    if isinstance(obj, dict):
        return shown(obj.get(name) or "", obj.get(f"{name}_cy") or "")
    return shown(getattr(obj, name) or "", getattr(obj, f"{name}_cy", "") or "")
