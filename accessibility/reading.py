"""The format a person reads the portal in: standard, large print or easy read, chosen in their
contact preferences (AccessProfile.format) and used for pages as it is for emails.

Every page needs the format (large print is a class on the page; the switch back to the
standard version is on every page), so it is kept in the session rather than read from the
database on every request: it is written there at sign-in (a signal, when the session is saved
anyway) and when the person changes their preferences. A session from before that was known
reads it once and keeps it. The person may switch to the standard version for the rest of the
session without changing their preferences (`SHOW_STANDARD`).
"""

from django.contrib.auth.signals import user_logged_in
from django.db.models import Q
from django.dispatch import receiver

from projects.access import Can
from projects.models import Membership

from .models import SHARED_LEVELS, AccessProfile, Format, SharingConsent

CHOSEN = "reading_format"
SHOW_STANDARD = "reading_show_standard"
# The catalogue's need for easy-read documents (accessibility/catalogue.py).
EASY_READ_NEED = "easy-read"


def _profile_format(user) -> str:
    chosen = AccessProfile.objects.filter(user=user).values_list("format", flat=True).first()
    return chosen or Format.STANDARD


def remember(session, chosen: str) -> None:
    """Keep the person's chosen format in their session, shown as chosen again."""
    session[CHOSEN] = chosen
    session.pop(SHOW_STANDARD, None)


@receiver(user_logged_in)
def _remember_at_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        remember(request.session, _profile_format(user))


def chosen_format(request) -> str:
    """The format the person chose in their profile (standard for visitors)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(request, "session"):
        return Format.STANDARD
    if CHOSEN not in request.session:
        request.session[CHOSEN] = _profile_format(user)
    return request.session[CHOSEN]


def reading(request) -> dict:
    """Context processor: `reading.chosen` (the profile's format), `reading.easy_read` and
    `reading.large_print` (what this page shows: nothing but standard once the person switched
    to the standard version for this session)."""
    chosen = chosen_format(request)
    standard = chosen == Format.STANDARD or request.session.get(SHOW_STANDARD, False)
    return {
        "reading": {
            "chosen": chosen,
            "chosen_label": Format(chosen).label,
            "showing_standard": standard,
            "easy_read": not standard and chosen == Format.EASY_READ,
            "large_print": not standard and chosen == Format.LARGE_PRINT,
        }
    }


def shows_easy_read(request) -> bool:
    return reading(request)["reading"]["easy_read"]


def members_needing_easy_read(project) -> int:
    """How many active members of `project` need easy read, counted only from those who share
    their access needs with it (a summary or everything): members who chose easy read for
    written information, or listed easy-read documents as a need. One query; a count, never
    names, so that facilitators know to write an easy read version without learning who."""
    sharing = SharingConsent.objects.filter(
        project=project,
        level__in=SHARED_LEVELS,
        user__in=Membership.objects.active().filter(project=project).values("user_id"),
    ).values("user_id")
    return (
        AccessProfile.objects.filter(user__in=sharing)
        .filter(
            Q(format=Format.EASY_READ)
            | Q(needs__need__code=EASY_READ_NEED, needs__need__is_active=True)
        )
        .values("user_id")
        .distinct()
        .count()
    )


def easy_read_missing(access, *, has_easy_read: bool) -> int:
    """For a project's facilitators (who arrange access), on content with no easy read
    version: how many members need one. 0 (and no query) for everyone else."""
    if has_easy_read or not access.can(Can.ARRANGE_ACCESS):
        return 0
    return members_needing_easy_read(access.project)
