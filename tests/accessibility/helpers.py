"""Helpers for access-needs tests."""

from accessibility import catalogue
from accessibility.models import AccessProfile, Need, NeedGroup, ProfileNeed, SharingConsent


def ensure_catalogue() -> None:
    """Transactional and browser tests flush the rows the data migration loaded: put them back."""
    catalogue.load(NeedGroup, Need)


def give_needs(user, *needs: tuple[str, str, str], own_words: str = "") -> AccessProfile:
    """A profile for `user` with needs given as (code, importance, own words)."""
    ensure_catalogue()
    profile, _created = AccessProfile.objects.get_or_create(user=user)
    if own_words:
        profile.own_words = own_words
        profile.save()
    for code, importance, words in needs:
        ProfileNeed.objects.update_or_create(
            profile=profile,
            need=Need.objects.get(code=code),
            defaults={"importance": importance, "own_words": words},
        )
    return profile


def share(user, project, level: str) -> SharingConsent:
    consent, _created = SharingConsent.objects.update_or_create(
        user=user, project=project, defaults={"level": level}
    )
    return consent
