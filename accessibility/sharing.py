"""What members shared with a project, for its facilitators' project page."""

from collections import defaultdict
from dataclasses import dataclass, field

from projects.models import Membership

from .models import SHARED_LEVELS, AccessProfile, ProfileNeed, ShareLevel, SharingConsent


@dataclass
class SharedProfile:
    user_id: int
    everything: bool
    # Only filled in for people who share everything.
    name: str = ""
    pronouns: str = ""
    own_words: str = ""
    needs: list = field(default_factory=list)  # (need, importance, own words or "")


def shared_profiles(project) -> list[SharedProfile]:
    """Active members who share something with `project`: three queries whatever their number."""
    consents = list(
        SharingConsent.objects.filter(
            project=project,
            level__in=SHARED_LEVELS,
            user__in=Membership.objects.active().filter(project=project).values("user_id"),
        ).select_related("user")
    )
    user_ids = [c.user_id for c in consents]
    profiles = {p.user_id: p for p in AccessProfile.objects.filter(user_id__in=user_ids)}
    needs = defaultdict(list)
    for row in (
        ProfileNeed.objects.filter(profile__user_id__in=user_ids, need__is_active=True)
        .select_related("need", "profile")
        .order_by("importance", "need__group__order", "need__order")
    ):
        needs[row.profile.user_id].append(row)
    people = []
    for consent in consents:
        profile = profiles.get(consent.user_id)
        if profile is None:
            continue
        everything = consent.level == ShareLevel.EVERYTHING
        people.append(
            SharedProfile(
                user_id=consent.user_id,
                everything=everything,
                name=(profile.name_to_use or consent.user.display_name) if everything else "",
                pronouns=profile.pronouns if everything else "",
                own_words=profile.own_words if everything else "",
                needs=[
                    (row.need, row.get_importance_display(), row.own_words if everything else "")
                    for row in needs[consent.user_id]
                ],
            )
        )
    people.sort(key=lambda p: (not p.everything, p.name))
    return people
