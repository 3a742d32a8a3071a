"""The cast every test uses, and small helpers to make rows.

One project, "Short breaks", with:
- cora, the commissioner who funds it;
- fred, the facilitator who runs it day to day;
- pat, a person who draws on care and support;
- cam, a carer;
- priya, a professional;
- otto, an outsider with an account but no part in the project.
"""

import itertools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import django.test
from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.models import Permission
from django.utils import timezone

from accounts.models import User
from projects.models import Meeting, MeetingFormat, Membership, Project, Role

PASSWORD = "a-long-test-password-1"
LONDON = ZoneInfo("Europe/London")
_numbers = itertools.count(1)


def make_user(name: str | None = None, email: str | None = None) -> User:
    name = name or f"user{next(_numbers)}"
    email = email or f"{name.lower()}@example.org"
    user = User.objects.create_user(email, PASSWORD, preferred_name=name.title())
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def make_project(commissioner: User, title: str = "Short breaks") -> Project:
    project = Project.objects.create(
        title=title,
        summary="Redesigning short breaks with carers.",
        starts_on=date(2026, 1, 1),
        created_by=commissioner,
    )
    Membership.objects.create(project=project, user=commissioner, role=Role.COMMISSIONER)
    return project


def add_member(project: Project, role: str, user: User | None = None) -> Membership:
    return Membership.objects.create(project=project, user=user or make_user(), role=role)


def make_meeting(project: Project, days_from_now: int = 7, **fields) -> Meeting:
    day = timezone.localdate() + timedelta(days=days_from_now)
    defaults = {
        "title": "Planning meeting",
        "starts_at": datetime.combine(day, time(10, 0), LONDON),
        "ends_at": datetime.combine(day, time(12, 0), LONDON),
        "format": MeetingFormat.IN_PERSON,
        "created_by": project.created_by,
    }
    return Meeting.objects.create(project=project, **(defaults | fields))


@dataclass
class Cast:
    project: Project
    commissioner: User
    facilitator: User
    person: User
    carer: User
    professional: User
    outsider: User

    def member(self, role: str) -> User:
        return {
            Role.COMMISSIONER: self.commissioner,
            Role.FACILITATOR: self.facilitator,
            Role.PERSON: self.person,
            Role.CARER: self.carer,
            Role.PROFESSIONAL: self.professional,
        }[role]

    def membership(self, user: User) -> Membership:
        return Membership.objects.get(project=self.project, user=user)


# The commissioner's and facilitator's authenticator app: tests compute its codes.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def give_second_factor(user: User) -> None:
    TOTP.activate(user, TOTP_SECRET)


def may_start_projects(user: User) -> User:
    """Give `user` the permission to start projects (nobody in the cast has it)."""
    user.user_permissions.add(
        Permission.objects.get(codename="start_project", content_type__app_label="projects")
    )
    return User.objects.get(pk=user.pk)  # a fresh object: permissions are cached per object


class Client(django.test.Client):
    """A test client whose `force_login` signs in the way the account asks: with the
    authenticator app too, when the person has one (as the browser tests do for real), since
    pages that show access needs or move money need the app used in that session.
    `force_login_password_only` is a session that used the password alone."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        if is_mfa_enabled(user):
            session = self.session
            record_authentication(SimpleNamespace(session=session), user, "mfa", type="totp")
            session.save()

    def force_login_password_only(self, user):
        super().force_login(user)


def make_cast() -> Cast:
    commissioner = make_user("cora")
    project = make_project(commissioner)
    people = {}
    for name, role in [
        ("fred", Role.FACILITATOR),
        ("pat", Role.PERSON),
        ("cam", Role.CARER),
        ("priya", Role.PROFESSIONAL),
    ]:
        people[role] = add_member(project, role, make_user(name)).user
    # They see access needs and move money, which needs a second factor (projects/access.py).
    give_second_factor(commissioner)
    give_second_factor(people[Role.FACILITATOR])
    return Cast(
        project=project,
        commissioner=commissioner,
        facilitator=people[Role.FACILITATOR],
        person=people[Role.PERSON],
        carer=people[Role.CARER],
        professional=people[Role.PROFESSIONAL],
        outsider=make_user("otto"),
    )
