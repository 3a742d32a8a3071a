"""Translation catalogs without the empty ones a miss would walk through.

Python's gettext chains each catalog it finds for a language to the next ("en_GB", then "en").
Django merges every app's catalog into one, but keeps those chained fallbacks: in English the
chain ends in six catalogs holding nothing but their header, from the apps that ship an empty
"en" catalog. Nearly every string misses the English catalogs (the portal is written in
English), and each miss walked all six, with two lookups and a plural-form call each: about
18 microseconds a string, some 300 strings a form page, so about 5 ms of every such request
(docs/performance.md). Dropping them changes no translation: they hold no messages.
"""

import gettext

from django.conf import settings
from django.utils.translation import trans_real


def _is_empty(catalog) -> bool:
    # One .mo file, as Python's gettext read it (not Django's merged catalog, which is never
    # empty): its only entry is its header, under "".
    return type(catalog) is gettext.GNUTranslations and not set(catalog._catalog) - {""}


def drop_empty_fallbacks() -> None:
    """Build each language's catalog now and unlink the empty catalogs from its chain."""
    if not settings.USE_I18N:
        return
    for code, _name in settings.LANGUAGES:
        link = trans_real.translation(code)
        while link._fallback is not None:
            if _is_empty(link._fallback):
                link._fallback = link._fallback._fallback
            else:
                link = link._fallback
