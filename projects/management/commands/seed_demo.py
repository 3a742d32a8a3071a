"""A believable demo: projects, members in every role, meetings past and future.

Run again, it changes nothing (the demo accounts are looked up by email). It refuses to run with
DEBUG off, so it cannot plant well-known passwords in production.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from charters.models import SignatureMethod
from charters.services import (
    charter_for,
    charter_publish,
    signature_sign,
    signature_withdraw,
    signature_witness,
)
from datepolls import demo as datepolls_demo
from expenses import demo as expenses_demo
from papers import demo as papers_demo
from projects import demo as projects_demo
from projects.models import (
    LIVED_EXPERIENCE_ROLES,
    Attendance,
    Meeting,
    MeetingFormat,
    Membership,
    ParticipationMode,
    Project,
    ProjectStatus,
    Role,
    Rsvp,
)
from reviews import demo as reviews_demo

DEMO_PASSWORD = "coproduce-demo-2026"

# (email, preferred name, full name, role in the demo projects); the outsider has no role.
DEMO_PEOPLE = [
    ("commissioner@example.com", "Chris", "Chris Okafor", Role.COMMISSIONER),
    ("facilitator@example.com", "Fatima", "Fatima Hussain", Role.FACILITATOR),
    ("person@example.com", "Sam", "Sam Taylor", Role.PERSON),
    ("carer@example.com", "Jo", "Jo Williams", Role.CARER),
    ("professional@example.com", "Priya", "Priya Shah", Role.PROFESSIONAL),
    ("outsider@example.com", "Olly", "Olly Brown", None),
    # The finance officer has no project role: a permission (see expenses/demo.py).
    ("finance@example.com", "Femi", "Femi Adeyemi", None),
]

# More members of the main project, so that it looks like a real group: people without a way
# to sign in (no password), who take part in its meetings, reviews and payments.
MAIN_PROJECT_PEOPLE = [
    ("amina.begum@example.org", "Amina", "Amina Begum", Role.PERSON),
    ("dafydd.jones@example.org", "Dafydd", "Dafydd Jones", Role.PERSON),
    ("li.wei@example.org", "Wei", "Li Wei", Role.PERSON),
    ("grace.mensah@example.org", "Grace", "Grace Mensah", Role.CARER),
    ("tom.oconnor@example.org", "Tom", "Tom O'Connor", Role.CARER),
    ("ruth.evans@example.org", "Ruth", "Ruth Evans", Role.PROFESSIONAL),
    ("mark.patel@example.org", "Mark", "Mark Patel", Role.PROFESSIONAL),
]

# How the main project's members who cannot sign in agreed to its charter, in front of the
# facilitator: (method, what the facilitator noted), so its signatures show each way of signing.
DEMO_WITNESSED = {
    "amina.begum@example.org": (SignatureMethod.IN_PERSON, "Read together at the first meeting."),
    "dafydd.jones@example.org": (SignatureMethod.IN_PERSON, ""),
    "li.wei@example.org": (SignatureMethod.PHONE, "Read aloud to him on the phone."),
    "grace.mensah@example.org": (
        SignatureMethod.PAPER,
        "The easy read copy, sent by post and signed back.",
    ),
    "tom.oconnor@example.org": (SignatureMethod.IN_PERSON, ""),
    "ruth.evans@example.org": (SignatureMethod.PAPER, ""),
    "mark.patel@example.org": (SignatureMethod.PHONE, ""),
}

# In the second project Jo signed, then said she no longer agrees: its charter waits for her
# again, and the signatures show a withdrawal and its reason.
DEMO_WITHDRAWAL = (
    "Home care quality standards",
    "carer@example.com",
    "All the meetings are in the daytime now, when I am caring. I will sign again when "
    "there are evening meetings.",
)

# How the main project's other members answered for the meetings to come (None: not yet),
# so a facilitator's answers table shows every kind of answer; the demo accounts said yes.
UPCOMING_ANSWERS = {
    "amina.begum@example.org": (Rsvp.MAYBE, ""),
    "dafydd.jones@example.org": (Rsvp.YES, ParticipationMode.ONLINE),
    "li.wei@example.org": (Rsvp.NO, ""),
    "grace.mensah@example.org": (Rsvp.YES, ParticipationMode.PHONE),
    "tom.oconnor@example.org": None,
}

# Who has signed the draft project's published charter (the rest have not yet).
DRAFT_CHARTER_SIGNED_BY = [
    "commissioner@example.com",
    "facilitator@example.com",
    "person@example.com",
]

DEMO_SECOND_FACTOR = {
    "commissioner@example.com",
    "facilitator@example.com",
    "finance@example.com",
}

DEMO_EASY_READ_AGENDA = (
    "We say hello.\nWe talk about what people told us.\nWe agree what to do next."
)

DEMO_PROJECTS = [
    {
        "title": "Redesigning short breaks for carers",
        "summary": (
            "Carers, people who use short breaks and council staff will redesign how short "
            "breaks are offered in the borough, from how you find out about them to how you "
            "book them."
        ),
        "easy_read_summary": (
            "Carers need a rest sometimes.\nWe will work together to make short breaks better."
        ),
        "aims": "A new short breaks offer, agreed by carers, ready for April.",
        "covers_co_design": True,
        "covers_co_decision": True,
        "status": ProjectStatus.ACTIVE,
    },
    {
        "title": "Home care quality standards",
        "summary": (
            "People who get home care help write the standards home care providers are "
            "checked against, and take part in checking them."
        ),
        "easy_read_summary": "We will decide together what good home care looks like.",
        "aims": "Standards written with people who get home care; a panel that checks them.",
        "covers_co_design": True,
        "covers_co_evaluation": True,
        "status": ProjectStatus.ACTIVE,
    },
    {
        "title": "Day opportunities review",
        "summary": "Looking again at day services for adults with learning disabilities.",
        "covers_co_evaluation": True,
        "status": ProjectStatus.DRAFT,
    },
]


class Command(BaseCommand):
    help = "Create demo projects, people and meetings (development only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo only runs with DEBUG on: it creates known passwords.")
        with transaction.atomic():
            people = self._people()
            for index, fields in enumerate(DEMO_PROJECTS):
                self._project(index, fields, people)
            _seed_access_needs(people)
            expenses_demo.seed(
                people, DEMO_PROJECTS[0]["title"], [p["title"] for p in DEMO_PROJECTS[1:]]
            )
            expenses_demo.seed_fair_expenses(people, DEMO_PROJECTS[0]["title"])
            datepolls_demo.seed(people, DEMO_PROJECTS[0]["title"])
            papers_demo.seed(people, DEMO_PROJECTS[0]["title"])
            projects_demo.seed(people, DEMO_PROJECTS[0]["title"])
            _seed_contribution_record(people)
            reviews_demo.seed(people, [p["title"] for p in DEMO_PROJECTS])
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready. Sign in as any of {', '.join(p[0] for p in DEMO_PEOPLE)} "
                f"with the password {DEMO_PASSWORD}"
            )
        )

    def _people(self) -> dict[str, User]:
        from allauth.account.models import EmailAddress

        people = {}
        for entry in DEMO_PEOPLE + MAIN_PROJECT_PEOPLE:
            email, preferred, full, _role = entry
            user = User.objects.filter(email=email).first()
            if user is None:
                # The extra members cannot sign in: no password.
                password = DEMO_PASSWORD if entry in DEMO_PEOPLE else None
                user = User.objects.create_user(
                    email, password, preferred_name=preferred, full_name=full
                )
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            if email in DEMO_SECOND_FACTOR and not is_mfa_enabled(user):
                # They see access needs or move money, which needs an authenticator app;
                # in the demo, the code in DEMO_AUTHENTICATOR_CODE stands in for one.
                TOTP.activate(user, generate_totp_secret())
            people[email] = user
        people["commissioner@example.com"].user_permissions.add(
            Permission.objects.get(codename="start_project", content_type__app_label="projects")
        )
        return people

    def _charter_signed_by_all(self, project, facilitator, people, cast) -> None:
        """An active project's charter, published and signed by every member (those who cannot
        sign in in front of the facilitator); in force but where one withdrew
        (DEMO_WITHDRAWAL)."""
        version = charter_publish(
            charter=charter_for(project), published_by=facilitator, members_reviewed=True
        )
        for email, _preferred, full, _role in cast:
            if email in DEMO_WITNESSED:
                method, note = DEMO_WITNESSED[email]
                signature_witness(
                    version=version,
                    member=people[email],
                    name=full,
                    method=method,
                    note=note,
                    witness=facilitator,
                )
            else:
                signature_sign(version=version, member=people[email], name=full)
        title, email, reason = DEMO_WITHDRAWAL
        if project.title == title:
            signature_withdraw(
                signature=version.signatures.get(member=people[email]),
                reason=reason,
                recorded_by=people[email],
            )

    def _charter_waiting_for_signatures(self, project, facilitator, people) -> None:
        """The draft project's charter is published and waits for Jo's and Priya's signatures
        (facilitators see who has not signed; the project becomes active once they have)."""
        version = charter_publish(
            charter=charter_for(project), published_by=facilitator, members_reviewed=True
        )
        for email in DRAFT_CHARTER_SIGNED_BY:
            signature_sign(version=version, member=people[email], name=people[email].full_name)

    def _project(self, index: int, fields: dict, people: dict[str, User]) -> None:
        if Project.objects.filter(title=fields["title"]).exists():
            return
        commissioner = people["commissioner@example.com"]
        facilitator = people["facilitator@example.com"]
        project = Project.objects.create(
            starts_on=date.today() - timedelta(days=60 - 20 * index),
            ends_on=date.today() + timedelta(days=300),
            created_by=commissioner,
            **fields,
        )
        cast = [p for p in DEMO_PEOPLE if p[3] is not None]
        if index == 0:
            cast += MAIN_PROJECT_PEOPLE
        joined = datetime.combine(project.starts_on, time(9), ZoneInfo(settings.TIME_ZONE))
        for email, _preferred, _full, role in cast:
            Membership.objects.create(
                project=project,
                user=people[email],
                role=role,
                lived_experience=role in LIVED_EXPERIENCE_ROLES,
                joined_at=joined,
            )
        if project.status == ProjectStatus.ACTIVE:
            self._charter_signed_by_all(project, facilitator, people, cast)
        else:
            self._charter_waiting_for_signatures(project, facilitator, people)
        london = ZoneInfo(settings.TIME_ZONE)
        today = timezone.localdate()
        for offset, title in [
            (-28, "Getting started"),
            (-7, "What we heard"),
            (7, "Ideas day"),
            (35, "Deciding together"),
        ]:
            day = today + timedelta(days=offset + index)
            meeting = Meeting.objects.create(
                project=project,
                title=title,
                starts_at=datetime.combine(day, time(10, 30), london),
                ends_at=datetime.combine(day, time(12, 30), london),
                format=MeetingFormat.HYBRID,
                venue_address="Community Room, Central Library, 1 High Street",
                venue_access_information=(
                    "Step-free entrance from the car park. Accessible toilet on the same floor. "
                    "Hearing loop in the room."
                ),
                joining_details="A video link will be emailed the day before.",
                planned_breaks="A 15 minute break every hour.",
                papers_sent_on=day - timedelta(days=7),
                agenda="1. Welcome and introductions\n2. What we heard\n3. Next steps",
                easy_read_agenda=DEMO_EASY_READ_AGENDA,
                created_by=facilitator,
            )
            for email, _preferred, _full, _role in cast:
                past = offset < 0
                rsvp, mode = (Rsvp.YES, ParticipationMode.IN_PERSON)
                if not past:
                    if email in UPCOMING_ANSWERS and UPCOMING_ANSWERS[email] is None:
                        continue  # asked, not answered yet
                    rsvp, mode = UPCOMING_ANSWERS.get(email, (rsvp, mode))
                Attendance.objects.create(
                    meeting=meeting,
                    user=people[email],
                    rsvp=rsvp,
                    mode=mode,
                    answered_at=timezone.now(),
                    attended=True if past else None,
                )


def _seed_contribution_record(people: dict[str, User]) -> None:
    """A record of Sam's part in the main project, confirmed by the facilitator, so the person
    has one to print or download; and Jo's request, waiting for the facilitator."""
    from contributions import services
    from contributions.models import ContributionRecord

    project = Project.objects.get(title=DEMO_PROJECTS[0]["title"])
    if ContributionRecord.objects.filter(project=project).exists():
        return
    record = services.record_request(person=people["person@example.com"], project=project)
    services.record_confirm(record=record, by=people["facilitator@example.com"])
    services.record_request(person=people["carer@example.com"], project=project)


# Access profiles in the demo: Sam's, shared as a summary with every project, so their
# facilitator sees access plans; Jo's (needs that help but are not essential), shared with the
# main project only, so the access page is not empty for the carer either; and three more of the
# main project's members who share everything, so its plans name people and show their words:
# Grace (coming, by phone), Tom (has not answered yet) and Amina (not sure yet), who writes her
# name in Arabic script.
DEMO_ACCESS_PROFILES = [
    (
        "person@example.com",
        {
            "pronouns": "they/them",
            "format": "large_print",
            "notice_days": 10,
            "own_words": (
                "I use a wheelchair and read large print. A short break each hour keeps me going."
            ),
        },
        [
            ("step-free", "essential", ""),
            ("papers-early", "essential", "Large print, 10 days before, please."),
            ("breaks", "negotiable", ""),
        ],
        [p["title"] for p in DEMO_PROJECTS],
        "summary",
    ),
    (
        "carer@example.com",
        {
            "pronouns": "she/her",
            "notice_days": 14,
            "own_words": (
                "I care for my son, so I need to leave by 2:30 for the school run. "
                "I hear less in my left ear: a seat near the front helps."
            ),
        },
        [
            ("hearing-loop", "negotiable", ""),
            ("shorter-sessions", "negotiable", "Finished by 2:30 on school days."),
        ],
        [DEMO_PROJECTS[0]["title"]],
        "summary",
    ),
    (
        "grace.mensah@example.org",
        {"notice_days": 7},
        [("papers-early", "essential", "By post, please: I join by phone and cannot print.")],
        [DEMO_PROJECTS[0]["title"]],
        "everything",
    ),
    (
        "tom.oconnor@example.org",
        {},
        [("hearing-loop", "essential", "I wear hearing aids in both ears.")],
        [DEMO_PROJECTS[0]["title"]],
        "everything",
    ),
    (
        "amina.begum@example.org",
        {"name_to_use": "\u0623\u0645\u064a\u0646\u0629"},
        [("breaks", "negotiable", "A quiet room at about 1 pm, to pray.")],
        [DEMO_PROJECTS[0]["title"]],
        "everything",
    ),
]

# What the facilitator arranged for Grace and Tom in the main project: (email, need, a note for
# the next meeting or None when it is not arranged yet). Both at every meeting held.
DEMO_ARRANGED = [
    ("grace.mensah@example.org", "papers-early", "Posted first class with the agenda today."),
    ("tom.oconnor@example.org", "hearing-loop", None),  # he has not answered for it yet
]


def _seed_access_needs(people: dict[str, User]) -> None:
    """The demo's access profiles (DEMO_ACCESS_PROFILES); a person who already has a profile
    is left alone."""
    from accessibility.models import AccessProfile, Need, ProfileNeed, ShareLevel, SharingConsent

    for email, fields, needs, shared_with, level in DEMO_ACCESS_PROFILES:
        person = people[email]
        profile, created = AccessProfile.objects.get_or_create(user=person, defaults=fields)
        if not created:
            continue
        for code, importance, words in needs:
            ProfileNeed.objects.create(
                profile=profile,
                need=Need.objects.get(code=code),
                importance=importance,
                own_words=words,
            )
        for title in shared_with:
            SharingConsent.objects.get_or_create(
                user=person,
                project=Project.objects.get(title=title),
                defaults={"level": ShareLevel(level)},
            )
    _seed_arrangements(people)


def _seed_arrangements(people: dict[str, User]) -> None:
    """DEMO_ARRANGED (Sam's arrangements are in reviews/demo.py)."""
    from accessibility.models import Arrangement, ArrangementStatus, Need

    main = Project.objects.get(title=DEMO_PROJECTS[0]["title"])
    meetings = Meeting.objects.filter(project=main, cancelled_at__isnull=True)
    upcoming = meetings.upcoming().first()
    for email, code, note in DEMO_ARRANGED:
        arranged = [(meeting, "") for meeting in meetings.past()]
        arranged += [(upcoming, note)] if note is not None else []
        for meeting, said in arranged:
            Arrangement.objects.get_or_create(
                meeting=meeting,
                person=people[email],
                need=Need.objects.get(code=code),
                defaults={
                    "status": ArrangementStatus.ARRANGED,
                    "note": said,
                    "decided_by": people["facilitator@example.com"],
                },
            )
