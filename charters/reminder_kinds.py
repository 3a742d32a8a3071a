"""Reminder: a charter version is waiting for your signature.

One reminder per member per version (the subject names the version), a day after the version
was published or the member joined, whichever is later: the day gives people who sign at the
meeting where it was published the chance to do so first. It is dropped if, by the time it
would go, they have signed, the version has been replaced, or they have left the project.
Members who signed and then said they no longer agree are not asked again.
"""

from datetime import datetime, timedelta

from django.utils.translation import gettext as _

from projects.models import Membership, ProjectStatus
from reminders.kinds import planned, register
from reminders.models import Delivery, Kind, Status

from .models import Charter, CharterVersion, Signature

GRACE = timedelta(days=1)
OCCURRENCE = "1d"


def _subject(version_id: int) -> str:
    return f"charter_version:{version_id}"


class CharterUnsigned:
    kind = Kind.CHARTER_UNSIGNED
    urgent = False

    def plan(self, now: datetime, prefs_for) -> list[Delivery]:
        """Three queries whatever the number of charters and members."""
        # The current version of each charter, by project.
        project_of = {
            c.project_id: c.current_version
            for c in Charter.objects.filter(current_version__isnull=False)
            .exclude(project__status=ProjectStatus.CLOSED)
            .select_related("current_version")
        }
        if not project_of:
            return []
        versions = {v.pk for v in project_of.values()}
        signed = set(
            Signature.objects.filter(version_id__in=versions).values_list("version_id", "member_id")
        )
        rows = []
        for project_id, user_id, joined_at in (
            Membership.objects.active()
            .filter(project_id__in=project_of)
            .values_list("project_id", "user_id", "joined_at")
        ):
            version = project_of[project_id]
            due_at = max(version.published_at, joined_at) + GRACE
            if (version.pk, user_id) in signed or due_at > now:
                continue
            rows.append(
                planned(
                    recipient_id=user_id,
                    kind=self.kind,
                    subject=_subject(version.pk),
                    occurrence=OCCURRENCE,
                    project_id=project_id,
                    due_at=due_at,
                    status=Status.PENDING,
                )
            )
        return rows

    def still_useful(self, deliveries, now) -> dict[int, str]:
        versions = CharterVersion.objects.select_related("charter").in_bulk(
            {d.subject_id for d in deliveries}
        )
        signed = set(
            Signature.objects.filter(version_id__in=versions).values_list("version_id", "member_id")
        )
        members = set(
            Membership.objects.active()
            .filter(project_id__in={v.charter.project_id for v in versions.values()})
            .values_list("project_id", "user_id")
        )
        reasons = {}
        for d in deliveries:
            version = versions.get(d.subject_id)
            if version is None or version.charter.current_version_id != version.pk:
                reasons[d.pk] = _("a newer version of the charter has been published")
            elif (version.pk, d.recipient_id) in signed:
                reasons[d.pk] = _("they have signed it")
            elif (version.charter.project_id, d.recipient_id) not in members:
                reasons[d.pk] = _("they are no longer a member")
        return reasons

    def context(self, deliveries) -> dict[int, dict]:
        versions = CharterVersion.objects.select_related("charter__project").in_bulk(
            {d.subject_id for d in deliveries}
        )
        return {
            d.pk: {
                "version": versions[d.subject_id],
                "project": versions[d.subject_id].charter.project,
            }
            for d in deliveries
        }


register(CharterUnsigned())
