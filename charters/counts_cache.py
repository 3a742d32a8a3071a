"""How many members have signed the charter in force, kept in the cache.

Every view of a project's page and of its charter page shows how many of its members have
signed the current version (and the charter page how many signatures it lists): two counts over
every membership and signature, about 4 ms of PostgreSQL and two queries on a project of a
thousand members (docs/performance.md). They are kept per version under the project's
generation of these counts (coproduce/generations.py), which moves on whenever a membership, a
signature or a withdrawal is saved or deleted. Erasure ends memberships with a bulk update,
which sends no signal: its step in charters/personal_data.py forgets the counts itself.
tests/charters/test_counts_cache.py makes each kind of change and compares.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db.models import Count, Max, Q

from coproduce.generations import forget, forget_on_change, generations
from projects.models import Membership

from .models import CharterVersion, Signature, Withdrawal

GENERATIONS = "charters:counts"
# Kept for a day at most; a changed generation makes them unread long before.
TIMEOUT = 60 * 60 * 24


@dataclass(frozen=True)
class SignatureCounts:
    members: int  # current members
    signed: int  # current members with a signature they still agree to
    listed: int  # current members' signatures, withdrawn ones too
    since: datetime | None  # the latest of the valid signatures


def signature_counts(version: CharterVersion, project_id: int) -> SignatureCounts:
    """The counts for `version` of the charter of project `project_id`: from the cache, or
    two queries whatever the number of members."""
    generation = generations(GENERATIONS, [project_id])[project_id]
    key = f"charters:counts:{version.pk}:{generation}"
    counts = cache.get(key)
    if counts is None:
        counts = _work_out(version, project_id)
        cache.set(key, counts, TIMEOUT)
    return counts


def _work_out(version: CharterVersion, project_id: int) -> SignatureCounts:
    members = Membership.objects.active().filter(project_id=project_id)
    # Plain counts (a member signs a version once, and has one membership of a project): a
    # subquery for each member, in one query, took PostgreSQL 18 to 24 ms at a thousand
    # members, these 10 to 12 ms.
    valid = Q(withdrawal__isnull=True)
    signatures = Signature.objects.filter(
        version=version, member_id__in=members.values("user_id")
    ).aggregate(
        signed=Count("pk", filter=valid), listed=Count("pk"), since=Max("signed_at", filter=valid)
    )
    return SignatureCounts(members=members.count(), **signatures)


def forget_counts(project_ids) -> None:
    forget(GENERATIONS, project_ids)


def _membership_changed(sender, instance, **kwargs):
    forget_counts([instance.project_id])


def _signature_changed(sender, instance, **kwargs):
    forget_counts(
        CharterVersion.objects.filter(pk=instance.version_id).values_list(
            "charter__project_id", flat=True
        )
    )


def _withdrawal_changed(sender, instance, **kwargs):
    forget_counts(
        Signature.objects.filter(pk=instance.signature_id).values_list(
            "version__charter__project_id", flat=True
        )
    )


# Saved or deleted, each of these rows forgets the counts of the project it belongs to.
FORGETS = {
    Membership: _membership_changed,
    Signature: _signature_changed,
    Withdrawal: _withdrawal_changed,
}
forget_on_change(GENERATIONS, FORGETS)
