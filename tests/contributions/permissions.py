from contributions.models import ContributionRecord
from projects.models import Role
from tests.base import add_member, make_user
from tests.matrix import Rule, project

FACILITATORS = frozenset({Role.FACILITATOR})


def _someone_elses_record(cast) -> dict:
    """A confirmed record of a member nobody in the matrix is: only its owner sees it
    (tests/contributions/test_records.py)."""
    member = add_member(cast.project, Role.PERSON, make_user()).user
    record = ContributionRecord.objects.create(
        person=member, project=cast.project, confirmed_by=cast.facilitator, facts=_FACTS
    )
    ContributionRecord.objects.filter(pk=record.pk).update(confirmed_at=record.requested_at)
    return {"record_id": record.pk}


def _pats_request(cast) -> dict:
    record = ContributionRecord.objects.create(person=cast.person, project=cast.project)
    return {**project(cast), "record_id": record.pk}


_FACTS = {
    "title": "Short breaks",
    "roles": "Person",
    "joined_on": "2026-01-01",
    "left_on": None,
    "meetings": [],
    "hours": "0",
}

PERMISSIONS = {
    "my-contribution": Rule(signed_in=True),
    "contribution-record-detail": Rule(kwargs=_someone_elses_record, signed_in=True, ok=404),
    "contribution-record-download": Rule(kwargs=_someone_elses_record, signed_in=True, ok=404),
    "contribution-record-request": Rule(kwargs=project, method="post", ok=302, post_only=True),
    "contribution-record-list": Rule(kwargs=project, roles=FACILITATORS),
    "contribution-record-confirm": Rule(
        kwargs=_pats_request, roles=FACILITATORS, method="post", ok=302, post_only=True
    ),
}
