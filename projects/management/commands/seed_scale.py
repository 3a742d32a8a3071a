"""Council-scale data for benchmarks: `python manage.py seed_scale --scale 1`.

At scale 1 about 500 projects, 20,000 people, 5,000 meetings, 100,000 claims and 50,000 review
answers, spread as a council's are: a few big projects, many small ones (sizes drawn from a
Pareto distribution). Rows go in with bulk_create, so it takes minutes, not hours; the random
numbers are seeded, so the same scale always makes the same data. Like seed_demo it refuses to
run with DEBUG off. Run again, it changes nothing (the first scale person already exists).

People have no password (sign-in for benchmarks mints sessions instead); their emails end in
@scale.example.invalid, so they never receive anything.
"""

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import generate_totp_secret
from allauth.mfa.utils import encrypt
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from accessibility.models import (
    AccessProfile,
    Format,
    Importance,
    Need,
    ProfileNeed,
    ShareLevel,
    SharingConsent,
)
from accounts.models import User
from charters.models import Charter, CharterVersion, Signature, SignatureMethod, content_hash
from charters.template import starting_draft
from expenses import modulus
from expenses.models import (
    Activity,
    Claim,
    ClaimEvent,
    ClaimLine,
    ExpenseType,
    LineKind,
    Method,
    PaymentChoice,
    PaymentPolicy,
    Rate,
    Status,
    Unit,
)
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
from reviews.models import (
    Action,
    Answer,
    CycleStatus,
    Placement,
    Response,
    ReviewCycle,
    RoleGroup,
)
from reviews.statements import default_statements

EMAIL = "scale-{}@scale.example.invalid"
BATCH = 5000
# At scale 1.
PROJECTS, PEOPLE, MEETINGS, CLAIMS, ANSWERS = 500, 20_000, 5_000, 100_000, 50_000
COMMISSIONERS, FACILITATORS = 10, 80
# The most people in one project, at any scale. A council's biggest co-production groups (a
# carers' forum, a big consultation) run to hundreds, and a bigger council has more projects,
# not bigger ones; the raw Pareto draw made one of 6,500 at scale 1.
BIGGEST_PROJECT = 1000
# How claims stand, as a council's would over a couple of years.
CLAIM_STATUSES = [
    (Status.PAID, 55),
    (Status.APPROVED, 10),
    (Status.SUBMITTED, 12),
    (Status.DRAFT, 8),
    (Status.SCHEDULED, 5),
    (Status.RETURNED, 4),
    (Status.REJECTED, 3),
    (Status.FAILED, 3),
]
METHODS = [(Method.BANK, 70), (Method.CASH, 20), (Method.VOUCHER, 10)]
MEMBER_ROLES = [(Role.PERSON, 45), (Role.CARER, 25), (Role.PROFESSIONAL, 30)]


def _pick(rng: random.Random, weighted: list) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def _spread(rng: random.Random, total: int, weights: list[float], floor: int) -> list[int]:
    """Split `total` into len(weights) whole parts in proportion to the weights, each at least
    `floor` (so the sum can exceed `total` slightly for tiny scales)."""
    whole = sum(weights)
    return [max(floor, round(total * w / whole)) for w in weights]


def biggest_and_smallest() -> tuple[Project, Project]:
    """The biggest and the smallest active projects with a closed review: where the main pages
    are measured (tools/bench.py) and their query counts compared (tests/test_page_query_counts)."""
    projects = (
        Project.objects.filter(
            status=ProjectStatus.ACTIVE, review_cycles__status=CycleStatus.CLOSED
        )
        .annotate(
            size=Count("memberships", distinct=True),
            roles=Count("memberships__role", distinct=True),
        )
        .filter(roles=len(Role))  # every role measured on both
        .order_by("-size", "pk")
    )
    return projects.first(), projects.last()


def main_pages(project: Project) -> dict[str, str]:
    """The main pages, for one project: its busiest past meeting, its latest closed review."""
    meeting = project.meetings.past().annotate(n=Count("attendances")).order_by("-n").first()
    cycle = project.review_cycles.filter(status=CycleStatus.CLOSED).first()
    p = project.pk
    return {
        "home": reverse("home"),
        "project": reverse("project-detail", args=[p]),
        "members": reverse("member-list", args=[p]),
        "meeting": reverse("meeting-detail", args=[p, meeting.pk]),
        "access plan": reverse("meeting-access-plan", args=[p, meeting.pk]),
        "claims list": reverse("claim-list", args=[p]),
        "review results": reverse("review-results", args=[p, cycle.pk]),
        "portfolio": reverse("portfolio"),
        "charter": reverse("charter-detail", args=[p]),
        "payments": reverse("my-payments"),
        "finance queue": reverse("finance-batch-list"),
    }


# Not a project role: the finance officer, who sends payments to the bank (the finance queue).
FINANCE_OFFICER = "finance officer"


def finance_officer() -> User:
    """The finance officer the main pages are measured as, made on first use: with the
    permission to process payouts and an authenticator app, as the finance pages require."""
    user, created = User.objects.get_or_create(
        email=EMAIL.format("finance"), defaults={"preferred_name": "Fin", "password": "!"}
    )
    if created:
        user.user_permissions.add(
            Permission.objects.get(codename="process_payouts", content_type__app_label="expenses")
        )
        Authenticator.objects.create(
            user=user,
            type=Authenticator.Type.TOTP,
            data={"secret": encrypt(generate_totp_secret())},
        )
    return user


def person(project: Project, role: str) -> User:
    """Who the main pages are measured as, in a project role or as the finance officer."""
    return finance_officer() if role == FINANCE_OFFICER else member(project, role)


def member(project: Project, role: str) -> User:
    """The member in that role who has claimed most in the project (then anywhere), so that
    their claims and payments pages list claims (an empty list costs fewer queries, which would
    flatter a small project)."""
    return (
        Membership.objects.filter(project=project, role=role)
        .annotate(
            claims=Count("user__claims", filter=Q(user__claims__project=project)),
            anywhere=Count("user__claims"),
        )
        .order_by("-claims", "-anywhere", "pk")
        .first()
        .user
    )


class Command(BaseCommand):
    help = "Create council-scale data for benchmarks (development only)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)

    def handle(self, *args, scale, **options):
        if not settings.DEBUG:
            raise CommandError("seed_scale only runs with DEBUG on: it makes thousands of people.")
        if scale <= 0:
            raise CommandError("--scale must be more than 0.")
        if User.objects.filter(email=EMAIL.format(0)).exists():
            self.stdout.write("Scale data already there: nothing changed.")
            return
        started = timezone.now()
        with transaction.atomic():
            Seeder(scale, random.Random(20261127)).run()
        seconds = (timezone.now() - started).total_seconds()
        self.stdout.write(self.style.SUCCESS(f"Scale {scale} data made in {seconds:.0f} s."))


class Seeder:
    def __init__(self, scale: float, rng: random.Random):
        self.scale, self.rng = scale, rng
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.london = ZoneInfo(settings.TIME_ZONE)

    def count(self, at_one: int, least: int = 1) -> int:
        return max(least, round(at_one * self.scale))

    def run(self) -> None:
        self.seed_people()
        self.seed_projects()
        self.seed_memberships()
        self.seed_meetings()
        self.seed_claims()
        self.seed_reviews()
        self.seed_charters()
        self.seed_access_needs()

    def seed_people(self) -> None:
        total = self.count(PEOPLE, least=COMMISSIONERS + 20)
        self.users = User.objects.bulk_create(
            (
                User(
                    email=EMAIL.format(n),
                    preferred_name=f"Person {n}",
                    full_name=f"Person {n} Scale",
                    password="!",  # unusable: nobody signs in with a password
                )
                for n in range(total)
            ),
            batch_size=BATCH,
        )
        staff = max(COMMISSIONERS, min(COMMISSIONERS + FACILITATORS, total // 10))
        self.commissioners = self.users[:COMMISSIONERS]
        self.facilitators = self.users[COMMISSIONERS:staff]
        self.public = self.users[staff:]

    def seed_projects(self) -> None:
        count = self.count(PROJECTS, least=5)
        statuses = [
            (ProjectStatus.ACTIVE, 70),
            (ProjectStatus.CLOSED, 20),
            (ProjectStatus.DRAFT, 10),
        ]
        self.projects = Project.objects.bulk_create(
            Project(
                title=f"Scale project {n}",
                summary="A co-production project made for benchmarks.",
                aims="To measure the portal at a council's scale.",
                covers_co_design=True,
                covers_co_evaluation=n % 2 == 0,
                status=_pick(self.rng, statuses) if n else ProjectStatus.ACTIVE,
                starts_on=self.today - timedelta(days=self.rng.randint(60, 700)),
                ends_on=self.today + timedelta(days=self.rng.randint(30, 400)),
                created_by=self.commissioners[n % len(self.commissioners)],
            )
            for n in range(count)
        )
        # A Pareto spread: project 0 is the biggest, most projects have a dozen people or fewer.
        weights = sorted((self.rng.paretovariate(1.1) for _ in self.projects), reverse=True)
        seats = round(len(self.public) * 1.5)
        cap = min(len(self.public), BIGGEST_PROJECT)
        self.sizes = [min(cap, s) for s in _spread(self.rng, seats, weights, 4)]

    def seed_memberships(self) -> None:
        rows, self.members = [], {}
        for index, (project, size) in enumerate(zip(self.projects, self.sizes, strict=True)):
            chosen = [
                (self.commissioners[index % len(self.commissioners)], Role.COMMISSIONER),
                (self.facilitators[index % len(self.facilitators)], Role.FACILITATOR),
            ]
            if size > 50:
                chosen.append(
                    (self.facilitators[(index + 1) % len(self.facilitators)], Role.FACILITATOR)
                )
            chosen += [
                (user, _pick(self.rng, MEMBER_ROLES)) for user in self.rng.sample(self.public, size)
            ]
            joined = datetime.combine(project.starts_on, time(9), self.london)
            rows += [
                Membership(project=project, user=u, role=r, joined_at=joined) for u, r in chosen
            ]
            self.members[project.pk] = chosen
        Membership.objects.bulk_create(rows, batch_size=BATCH)
        # Commissioners and facilitators see access needs and move money only with an
        # authenticator app (projects/access.py): give each one, as a real council would.
        staff = {u.pk for u in [*self.commissioners, *self.facilitators]}
        Authenticator.objects.bulk_create(
            [
                Authenticator(
                    user_id=pk,
                    type=Authenticator.Type.TOTP,
                    data={"secret": encrypt(generate_totp_secret())},
                )
                for pk in sorted(staff)
            ],
            batch_size=BATCH,
        )

    def seed_meetings(self) -> None:
        weights = [size**0.8 for size in self.sizes]
        per_project = _spread(self.rng, self.count(MEETINGS), weights, 2)
        meetings = []
        for project, count in zip(self.projects, per_project, strict=True):
            facilitator = self.members[project.pk][1][0]
            for n in range(count):
                # Two thirds in the past, fortnightly, the rest to come: from tomorrow at the
                # earliest, so every project has a meeting ahead whatever the hour it is seeded.
                day = self.today + timedelta(days=14 * (n - count * 2 // 3) + 1 + project.pk % 7)
                starts = datetime.combine(day, time(10, 30), self.london)
                meetings.append(
                    Meeting(
                        project=project,
                        title=f"Meeting {n + 1}",
                        starts_at=starts,
                        ends_at=starts + timedelta(hours=2),
                        format=_pick(
                            self.rng,
                            [
                                (MeetingFormat.HYBRID, 4),
                                (MeetingFormat.IN_PERSON, 3),
                                (MeetingFormat.ONLINE, 2),
                            ],
                        ),
                        venue_address="Community Room, Central Library, 1 High Street",
                        venue_access_information="Step-free entrance. Hearing loop in the room.",
                        planned_breaks="A 15 minute break every hour.",
                        papers_sent_on=day - timedelta(days=7),
                        agenda="1. Welcome\n2. What we heard\n3. Next steps",
                        created_by=facilitator,
                        # Scheduled weeks ahead, as a series is: not all today, which would
                        # make every future meeting "new" and invite every member again.
                        created_at=min(starts, self.now) - timedelta(days=42),
                    )
                )
        self.meetings = Meeting.objects.bulk_create(meetings, batch_size=BATCH)

    def seed_claims(self) -> None:
        self._policies_and_rates()
        past = [m for m in self.meetings if m.ends_at < self.now]
        claimants = {
            pid: [u for u, role in members if role in LIVED_EXPERIENCE_ROLES]
            for pid, members in self.members.items()
        }
        room = [min(len(claimants[m.project_id]), 80) for m in past]
        wanted = _spread(self.rng, self.count(CLAIMS), room, 0)
        attendances, claims, claimant_ids = [], [], set()
        for meeting, cap, count in zip(past, room, wanted, strict=True):
            came = self.rng.sample(claimants[meeting.project_id], min(cap, count))
            attendances += [
                Attendance(
                    meeting=meeting,
                    user=user,
                    rsvp=Rsvp.YES,
                    mode=ParticipationMode.IN_PERSON,
                    answered_at=meeting.starts_at - timedelta(days=5),
                    attended=True,
                )
                for user in came
            ]
            claims += [self._claim(meeting, user) for user in came]
            claimant_ids.update(user.pk for user in came)
        for meeting in self.meetings:
            if meeting.ends_at >= self.now:
                invited = self.rng.sample(
                    claimants[meeting.project_id], min(10, len(claimants[meeting.project_id]))
                )
                attendances += [
                    Attendance(
                        meeting=meeting,
                        user=u,
                        rsvp=_pick(self.rng, [(Rsvp.YES, 3), (Rsvp.NO, 1)]),
                        answered_at=self.now,
                    )
                    for u in invited
                ]
        Attendance.objects.bulk_create(attendances, batch_size=BATCH)
        PaymentChoice.objects.bulk_create(
            (self._choice(user_id) for user_id in sorted(claimant_ids)), batch_size=BATCH
        )
        claims = Claim.objects.bulk_create(claims, batch_size=BATCH)
        lines, events = [], []
        for claim in claims:
            rate = self.rates[claim.project_id]
            lines.append(
                ClaimLine(
                    claim=claim,
                    kind=LineKind.TIME,
                    activity=Activity.MEETING,
                    quantity=120,
                    rate=rate,
                    amount_pence=claim.time_pence,
                )
            )
            if claim.expenses_pence:
                lines.append(
                    ClaimLine(
                        claim=claim,
                        kind=LineKind.EXPENSE,
                        expense_type=ExpenseType.TRAVEL,
                        description="Bus there and back",
                        amount_pence=claim.expenses_pence,
                    )
                )
            if claim.status != Status.DRAFT:
                events.append(
                    ClaimEvent(
                        claim=claim,
                        at=claim.submitted_at,
                        by=claim.claimant,
                        action="submitted",
                        from_status=Status.DRAFT,
                        to_status=Status.SUBMITTED,
                    )
                )
        ClaimLine.objects.bulk_create(lines, batch_size=BATCH)
        ClaimEvent.objects.bulk_create(events, batch_size=BATCH)

    def _policies_and_rates(self) -> None:
        PaymentPolicy.objects.bulk_create(
            PaymentPolicy(project=p, budget_pence=100_000 * size, approval_threshold_pence=15_000)
            for p, size in zip(self.projects, self.sizes, strict=True)
        )
        rates = Rate.objects.bulk_create(
            Rate(
                project=p,
                activity=Activity.MEETING,
                unit=Unit.HOUR,
                amount_pence=2000,
                effective_from=p.starts_on,
                created_by=self.members[p.pk][0][0],
            )
            for p in self.projects
        )
        self.rates = {rate.project_id: rate for rate in rates}

    def _claim(self, meeting: Meeting, user: User) -> Claim:
        status = _pick(self.rng, CLAIM_STATUSES)
        facilitator = self.members[meeting.project_id][1][0]
        submitted = meeting.ends_at + timedelta(days=1)
        decided = status not in (Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.REJECTED)
        expenses = self.rng.choice([0, 0, 480, 650, 1200, 2340])
        return Claim(
            project_id=meeting.project_id,
            meeting=meeting,
            claimant=user,
            status=status,
            method=_pick(self.rng, METHODS) if status != Status.DRAFT else "",
            time_payment="full",
            time_pence=4000,
            expenses_pence=expenses,
            submitted_at=submitted if status != Status.DRAFT else None,
            first_approved_by=facilitator if decided else None,
            first_approved_at=submitted + timedelta(days=2) if decided else None,
            approved_at=submitted + timedelta(days=2) if decided else None,
            paid_at=submitted + timedelta(days=6) if status == Status.PAID else None,
            reason="Please add the receipt."
            if status in (Status.RETURNED, Status.REJECTED)
            else "",
            created_at=meeting.ends_at,
        )

    def _choice(self, user_id: int) -> PaymentChoice:
        method = _pick(self.rng, METHODS)
        if method != Method.BANK:
            return PaymentChoice(user_id=user_id, method=method)
        return PaymentChoice(
            user_id=user_id,
            method=method,
            account_name=f"Person {user_id}",
            sort_code="309457",
            account_number=modulus.made_up_account_number("309457", user_id * 100),
        )

    def seed_reviews(self) -> None:
        statements = default_statements()
        projects = [p for p in self.projects if p.status != ProjectStatus.DRAFT]
        cycles = ReviewCycle.objects.bulk_create(
            ReviewCycle(
                project=p,
                title=f"Review {n + 1}",
                opens_on=self.today - timedelta(days=200 - 90 * n),
                closes_on=self.today - timedelta(days=180 - 90 * n),
                status=CycleStatus.CLOSED,
                statements=statements,
                created_by=self.members[p.pk][1][0],
            )
            for p in projects
            for n in range(2)
        )
        responders = self.count(ANSWERS) // len(statements)
        weights = [len(self.members[c.project_id]) for c in cycles]
        wanted = _spread(self.rng, responders, weights, 1)
        answers, placements, responses, actions = [], [], [], []
        for cycle, count in zip(cycles, wanted, strict=True):
            members = self.members[cycle.project_id]
            for user, role in self.rng.sample(members, min(count, len(members))):
                group = RoleGroup.of(role)
                named = user if self.rng.random() < 0.5 else None
                responses.append(Response(cycle=cycle, user=user, answered_on=cycle.closes_on))
                placements.append(
                    Placement(
                        cycle=cycle, role_group=group, rung=self.rng.randint(3, 7), user=named
                    )
                )
                answers += [
                    Answer(
                        cycle=cycle,
                        role_group=group,
                        piece=s["piece"],
                        statement_key=s["key"],
                        value=self.rng.choice([0, 1, 2, 3, 3, 4, 4]),
                        user=named,
                    )
                    for s in statements
                ]
            facilitator = members[1][0]
            actions.append(
                Action(
                    cycle=cycle,
                    piece=statements[0]["piece"],
                    description="Meet somewhere step-free.",
                    owner=facilitator,
                    due_on=cycle.closes_on + timedelta(days=60),
                    created_by=facilitator,
                )
            )
        Response.objects.bulk_create(responses, batch_size=BATCH)
        Placement.objects.bulk_create(placements, batch_size=BATCH)
        Answer.objects.bulk_create(answers, batch_size=BATCH)
        Action.objects.bulk_create(actions, batch_size=BATCH)

    def seed_charters(self) -> None:
        """Active projects have a published charter; in three in four everyone has signed it,
        so it is in force, and in the rest a fifth of the members have not signed yet."""
        active = [p for p in self.projects if p.status == ProjectStatus.ACTIVE]
        charters = Charter.objects.bulk_create(
            Charter(project=p, draft=starting_draft()) for p in active
        )
        sections = charters[0].draft_sections() if charters else []
        versions = CharterVersion.objects.bulk_create(
            CharterVersion(
                charter=c,
                number=1,
                sections=sections,
                content_hash=content_hash(sections),
                published_by=self.members[c.project_id][1][0],
                published_at=self.now - timedelta(days=30),
            )
            for c in charters
        )
        for charter, version in zip(charters, versions, strict=True):
            charter.current_version = version
        Charter.objects.bulk_update(charters, ["current_version"], batch_size=BATCH)
        Signature.objects.bulk_create(
            (
                Signature(
                    version=v, member=user, name=user.full_name, method=SignatureMethod.ONLINE
                )
                for n, (c, v) in enumerate(zip(charters, versions, strict=True))
                for user, _role in self.members[c.project_id]
                if n % 4 or self.rng.random() < 0.8
            ),
            batch_size=BATCH,
        )

    def seed_access_needs(self) -> None:
        """A quarter of the people have an access profile, shared with some of their projects."""
        needs = list(Need.objects.filter(is_active=True).order_by("pk"))
        if not needs:
            return
        people = [u for u in self.public if self.rng.random() < 0.25]
        profiles = AccessProfile.objects.bulk_create(
            (AccessProfile(user=u, format=self.rng.choice(Format.values)) for u in people),
            batch_size=BATCH,
        )
        ProfileNeed.objects.bulk_create(
            (
                ProfileNeed(
                    profile=profile, need=need, importance=self.rng.choice(Importance.values)
                )
                for profile in profiles
                for need in self.rng.sample(needs, self.rng.randint(1, min(4, len(needs))))
            ),
            batch_size=BATCH,
        )
        having = {u.pk for u in people}
        SharingConsent.objects.bulk_create(
            (
                SharingConsent(user=user, project_id=pid, level=self.rng.choice(ShareLevel.values))
                for pid, members in self.members.items()
                for user, _role in members
                if user.pk in having
            ),
            batch_size=BATCH,
        )
