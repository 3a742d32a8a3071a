"""A start-up check that the stored access needs can be read with FIELD_ENCRYPTION_KEYS.

Settings already refuse a missing or malformed key. A well-formed but wrong key (say, a new one
without the old one after it) can only be noticed against the data: this database check runs in
`migrate`, which runs before the web server starts, so a wrong key stops the deployment with a
clear message instead of pages failing later.
"""

from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError


@register(Tags.database)
def encrypted_access_needs_readable(app_configs=None, databases=None, **kwargs):
    from .models import AccessProfile, ProfileNeed

    errors = []
    for alias in databases or []:
        try:
            for model in (AccessProfile, ProfileNeed):
                model.objects.using(alias).exclude(own_words="").values_list(
                    "own_words", flat=True
                ).first()
        except ImproperlyConfigured as error:
            errors.append(Error(str(error), id="accessibility.E001"))
        except DatabaseError:
            pass  # not migrated yet: nothing stored to read
    return errors
