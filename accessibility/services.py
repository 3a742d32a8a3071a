"""Every write to access profiles, consents, the record of views and arrangements.

Views call these after checking who may; the rules (a share only for a project the person is
in, a need only from the catalogue) live here so that every caller obeys them.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import record_many
from projects.models import Meeting, Membership, Project

from .models import (
    AccessProfile,
    Arrangement,
    ArrangementStatus,
    Importance,
    Need,
    NeedGroup,
    ProfileNeed,
    ShareLevel,
    SharingConsent,
)


def profile_for(user) -> AccessProfile:
    """The person's profile, unsaved and empty if they have none yet (reading creates nothing)."""
    return AccessProfile.objects.filter(user=user).first() or AccessProfile(user=user)


def _touch(profile: AccessProfile) -> None:
    now = timezone.now()
    profile.updated_at = profile.checked_at = now


@transaction.atomic
def profile_save(*, profile: AccessProfile) -> AccessProfile:
    """Save the person's own profile details (from a validated form); counts as checked."""
    _touch(profile)
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def profile_needs_set(*, user, group: NeedGroup, answers: dict[str, tuple[str, str]]) -> None:
    """Replace the person's needs in one group.

    `answers` maps need codes of this group to (importance, own words); codes left out are
    removed. An unknown code, a code of another group or an unknown importance is refused
    with ValidationError before anything changes.
    """
    needs = {n.code: n for n in Need.objects.filter(group=group, is_active=True)}
    unknown = set(answers) - needs.keys()
    if unknown:
        raise ValidationError(
            _("These needs are not in the list: %(codes)s") % {"codes": ", ".join(sorted(unknown))}
        )
    if any(importance not in Importance.values for importance, _words in answers.values()):
        raise ValidationError(_("Choose essential or negotiable for each need."))
    profile, _created = AccessProfile.objects.select_for_update().get_or_create(user=user)
    existing = {pn.need_id: pn for pn in profile.needs.filter(need__group=group)}
    keep = set()
    for code, (importance, words) in answers.items():
        need = needs[code]
        keep.add(need.pk)
        row = existing.get(need.pk)
        if row is None:
            ProfileNeed.objects.create(
                profile=profile, need=need, importance=importance, own_words=words
            )
        elif (row.importance, row.own_words) != (importance, words):
            row.importance, row.own_words = importance, words
            row.save(update_fields=["importance", "own_words"])
    profile.needs.filter(need__group=group).exclude(need_id__in=keep).delete()
    _touch(profile)
    profile.save(update_fields=["updated_at", "checked_at"])


def profile_confirm(*, user) -> None:
    """The person says their profile is still right: the 6-monthly check starts again."""
    AccessProfile.objects.filter(user=user).update(checked_at=timezone.now())


@transaction.atomic
def sharing_set(*, user, project: Project, level: str) -> SharingConsent:
    """Set what `user` shares with `project`; takes effect at once, everywhere.

    Refused (ValidationError, nothing changed) for a level that does not exist or a project
    the person is not an active member of. Idempotent.
    """
    if level not in ShareLevel.values:
        raise ValidationError(_("Choose what to share."))
    if not Membership.objects.active().filter(project=project, user=user).exists():
        raise ValidationError(_("You can only share with projects you are a member of."))
    consent, _created = SharingConsent.objects.update_or_create(
        user=user, project=project, defaults={"level": level, "changed_at": timezone.now()}
    )
    return consent


def views_log(*, viewer, subject_ids, project: Project, viewed_on: str, meeting=None) -> None:
    """Record that `viewer` saw what these people shared: one audit entry a person, in one
    insert whatever their number. The entry is the only record of the view: the person's "Who
    has seen your access needs" page and the audit trail both read it. The person's own view
    of themself is not recorded."""
    record_many(
        Action.ACCESS_NEEDS_VIEWED,
        actor=viewer,
        subjects=sorted(set(subject_ids) - {viewer.pk}),
        project=project,
        target=f"meeting:{meeting.pk}" if meeting else "",
        detail=viewed_on,
    )


def arrangement_set(
    *, meeting: Meeting, person_id: int, need: Need, status: str, note: str, decided_by
) -> Arrangement:
    """Record what was done about one person's need at one meeting. Deciding again replaces
    the earlier answer (the unique key makes two facilitators at once end with one row)."""
    if status not in ArrangementStatus.values:
        raise ValidationError(_("Choose arranged or not possible."))
    arrangement, _created = Arrangement.objects.update_or_create(
        meeting=meeting,
        person_id=person_id,
        need=need,
        defaults={
            "status": status,
            "note": note,
            "decided_by": decided_by,
            "decided_at": timezone.now(),
        },
    )
    return arrangement
