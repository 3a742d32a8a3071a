"""Demo data for the main project, called by `manage.py seed_demo`: Sam (a person who draws on
care) co-chairs it and has scheduled a meeting for its lived-experience members only; Gwen, a
carer with no email address, gets her reminders by post, and the facilitator has recorded her
bank details, which wait for the finance officer to confirm them. Running it again changes
nothing."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from charters.models import SignatureMethod
from charters.services import charter_for, signature_witness

from .models import (
    Attendance,
    Audience,
    Meeting,
    MeetingFormat,
    Membership,
    ParticipationMode,
    Project,
    Role,
    Rsvp,
)
from .services import member_add_without_email


def seed(people: dict, project_title: str) -> None:
    project = Project.objects.get(title=project_title)
    _member_without_email(project, people["facilitator@example.com"])
    sam = people["person@example.com"]
    Membership.objects.filter(project=project, user=sam).update(co_chair=True)
    if Meeting.objects.filter(project=project, audience=Audience.LIVED_EXPERIENCE).exists():
        return
    day = timezone.localdate() + timedelta(days=14)
    london = ZoneInfo(settings.TIME_ZONE)
    meeting = Meeting.objects.create(
        project=project,
        title="Carers' and members' own meeting",
        audience=Audience.LIVED_EXPERIENCE,
        starts_at=datetime.combine(day, time(14), london),
        ends_at=datetime.combine(day, time(15, 30), london),
        format=MeetingFormat.ONLINE,
        joining_details="Sam will send the video link the day before.",
        planned_breaks="A 10 minute break halfway.",
        agenda="1. What we want to say at the next full meeting\n2. Anything else",
        created_by=sam,
    )
    # Those who have answered so far: the co-chair, Jo, and Amina who does not know yet.
    for email, rsvp, mode in [
        ("person@example.com", Rsvp.YES, ParticipationMode.ONLINE),
        ("carer@example.com", Rsvp.YES, ParticipationMode.PHONE),
        ("amina.begum@example.org", Rsvp.MAYBE, ""),
    ]:
        Attendance.objects.create(
            meeting=meeting, user=people[email], rsvp=rsvp, mode=mode, answered_at=timezone.now()
        )


def _member_without_email(project: Project, facilitator) -> None:
    if Membership.objects.filter(project=project, user__email__isnull=True).exists():
        return
    membership = member_add_without_email(
        project=project,
        preferred_name="Gwen",
        full_name="Gwen Parry",
        role=Role.CARER,
        by_phone=False,
        by_post=True,
        phone="",
        postal_address="2 Chapel Row\nTownsville\nTN1 2AB",
        consent="Agreed at the carers' drop-in, in person",
        added_by=facilitator,
    )
    _payment_on_behalf(membership, facilitator)
    # She agreed the charter on paper, so the project's charter is still in force.
    version = charter_for(project).current_version
    if version is not None:
        signature_witness(
            version=version,
            member=membership.user,
            name="Gwen Parry",
            method=SignatureMethod.PAPER,
            note="Signed at the carers' drop-in",
            witness=facilitator,
        )


def _payment_on_behalf(membership: Membership, facilitator) -> None:
    """Gwen told the facilitator her bank details on the phone: they wait on the finance page
    for a finance officer to confirm them with her."""
    from expenses.models import Method, PaymentChoice
    from expenses.services import payment_choice_record_on_behalf

    choice = PaymentChoice(
        user=membership.user,
        method=Method.BANK,
        account_name="Gwen Parry",
        sort_code="309457",
        account_number="07334452",
    )
    payment_choice_record_on_behalf(
        choice=choice,
        membership=membership,
        consent="Agreed on the phone; she read the numbers from her bank card",
        recorded_by=facilitator,
    )
