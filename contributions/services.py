"""Asking for and confirming a record of contribution."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.access import Can, role_can
from projects.models import Membership

from .facts import contribution_of
from .models import ContributionRecord


def record_request(*, person, project) -> ContributionRecord:
    """Ask for a record of contribution to `project`; a request already waiting is returned
    (asking twice makes one). ValidationError if they were never a member."""
    if not Membership.objects.filter(user=person, project=project).exists():
        raise ValidationError(_("You can only ask for a record of a project you took part in."))
    record, _created = ContributionRecord.objects.get_or_create(
        person=person, project=project, confirmed_at__isnull=True
    )
    return record


@transaction.atomic
def record_confirm(*, record: ContributionRecord, by) -> ContributionRecord:
    """A facilitator of the record's project confirms it: the facts are frozen now. Nobody
    confirms their own record. Confirming twice changes nothing."""
    record = ContributionRecord.objects.select_for_update().get(pk=record.pk)
    if record.confirmed_at:
        return record
    if by.pk == record.person_id:
        raise ValidationError(_("Someone else in the project must confirm your record."))
    role = (
        Membership.objects.active()
        .filter(project_id=record.project_id, user=by)
        .values_list("role", flat=True)
        .first()
    )
    if not role_can(role, Can.CONFIRM_CONTRIBUTION):
        raise PermissionDenied
    [facts] = contribution_of(record.person, [record.project_id]).projects
    record.facts = {
        "title": facts.title,
        "roles": str(facts.roles),
        "joined_on": facts.joined_on.isoformat(),
        "left_on": facts.left_on.isoformat() if facts.left_on else None,
        "meetings": [[day.isoformat(), title] for day, title in facts.meetings],
        "hours": facts.hours,
    }
    record.confirmed_by, record.confirmed_at = by, timezone.now()
    record.save(update_fields=["facts", "confirmed_by", "confirmed_at"])
    return record
