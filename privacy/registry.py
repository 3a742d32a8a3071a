"""What personal data each app holds about a person, declared beside the app's models.

Each app's `personal_data.py` registers Sections. A section is one model's rows about a
person: what to include in their download, and what erasure does with them. A test
(tests/privacy/test_coverage.py) fails when a model refers to a person and no section covers
that reference, so new models cannot slip out of the export.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Q


class OnErase(StrEnum):
    DELETE = "delete"  # the rows go
    KEEP = "keep"  # the rows stay, for the reason given, pointing at the anonymised account


@dataclass(frozen=True)
class Section:
    title: str
    model: type
    # The fields that refer to the person (foreign keys to the user); any of them matches.
    user_fields: tuple[str, ...]
    # What goes into the download: model fields or lookups, e.g. "project__title".
    fields: tuple[str, ...]
    on_erase: OnErase = OnErase.DELETE
    # Why rows are kept on erasure, in plain words shown to the person.
    reason: str = ""
    # Extra rows, e.g. invitations sent to the person's email address.
    extra: Callable | None = None
    # Rows of this section that erasure keeps even when the section deletes (e.g. payment
    # records inside the retention period): a callable (rows, user) -> the rows to keep.
    keep_only: Callable | None = None
    order_by: tuple[str, ...] = field(default=("pk",))
    # Only the rows that also match this, when one model's rows about a person are split
    # into sections (e.g. the audit trail's views of access needs, and the rest of it).
    only: Q | None = None

    def rows(self, user):
        condition = Q()
        for name in self.user_fields:
            condition |= Q(**{name: user})
        if self.extra:
            condition |= self.extra(user)  # noqa: S610 - a Q object, not QuerySet.extra()
        if self.only is not None:
            condition &= self.only
        return self.model._default_manager.filter(condition).order_by(*self.order_by)


SECTIONS: list[Section] = []
# Changes erasure makes before it deletes, e.g. ending memberships: callables taking the user.
ERASE_STEPS: list[Callable] = []
# Scheduled deletions of old records: callables taking `now`, returning how many went.
RETENTION_RULES: list[Callable] = []


def register(
    *sections: Section,
    erase_step: Callable | None = None,
    retention: Callable | None = None,
) -> None:
    SECTIONS.extend(sections)
    if erase_step:
        ERASE_STEPS.append(erase_step)
    if retention:
        RETENTION_RULES.append(retention)
