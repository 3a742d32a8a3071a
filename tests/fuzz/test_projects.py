"""Every projects form, fuzzed through its view (see harness.py)."""

from datetime import date

from projects.forms import (
    AttendanceRecordForm,
    InvitationForm,
    MeetingCancelForm,
    MeetingForm,
    ProjectForm,
    ProjectStatusForm,
    RoleForm,
    RsvpForm,
)
from projects.models import Attendance, Invitation, Meeting, Membership, Project
from tests.base import make_meeting, may_start_projects
from tests.fuzz.harness import date_fields, fuzz_form

_PROJECT = {
    "title": "Short breaks",
    "summary": "Redesigning short breaks.",
    "easy_read_summary": "We change short breaks.",
    "aims": "Better breaks.",
    "stages": ["co_design", "co_delivery"],
    **date_fields("starts_on", date(2026, 1, 1)),
    **date_fields("ends_on", date(2026, 12, 31)),
}
_PROJECT_TEXT = ["title", "summary", "easy_read_summary", "aims"]

test_project_create = fuzz_form(
    ProjectForm,
    url="project-create",
    kwargs=lambda cast: {},
    who=lambda cast: may_start_projects(cast.outsider),
    valid=_PROJECT,
    watched=lambda cast: [Project, Membership],
    saved_text=_PROJECT_TEXT,
    examples=[{"ends_on_0": "99999999999999999999999999"}],
)

test_project_edit = fuzz_form(
    ProjectForm,
    ProjectStatusForm,
    url="project-edit",
    who=lambda cast: cast.commissioner,
    valid=_PROJECT | {"s-status": "draft"},
    watched=lambda cast: [Project, Membership],
    saved_text=_PROJECT_TEXT,
)

test_invitation_create = fuzz_form(
    InvitationForm,
    url="invitation-create",
    who=lambda cast: cast.facilitator,
    valid={"email": "new.member@example.org", "role": "person"},
    watched=lambda cast: [Invitation, Membership],
)

test_member_role_change = fuzz_form(
    RoleForm,
    url="member-role-change",
    who=lambda cast: cast.commissioner,
    valid={"role": "carer"},
    watched=lambda cast: [Membership],
)

_MEETING = {
    "title": "Planning meeting",
    "format": "hybrid",
    "venue_address": "1 High Street",
    "venue_access_information": "Step-free entrance.",
    "joining_details": "https://meet.example.org/abc",
    "planned_breaks": "A break every hour.",
    "agenda": "1. Welcome",
    "easy_read_agenda": "We say hello.",
    "start_time": "10:00",
    "end_time": "12:00",
    **date_fields("date", date(2027, 3, 27)),
    **date_fields("papers_sent_on", date(2027, 3, 20)),
}
_MEETING_TEXT = [
    "title",
    "venue_address",
    "venue_access_information",
    "joining_details",
    "planned_breaks",
    "agenda",
    "easy_read_agenda",
]

test_meeting_create = fuzz_form(
    MeetingForm,
    url="meeting-create",
    who=lambda cast: cast.facilitator,
    valid=_MEETING,
    watched=lambda cast: [Meeting],
    saved_text=_MEETING_TEXT,
)

test_meeting_edit = fuzz_form(
    MeetingForm,
    url="meeting-edit",
    who=lambda cast: cast.facilitator,
    valid=_MEETING,
    watched=lambda cast: [Meeting],
    saved_text=_MEETING_TEXT,
)

test_meeting_cancel = fuzz_form(
    MeetingCancelForm,
    url="meeting-cancel",
    who=lambda cast: cast.facilitator,
    valid={"reason": "The room flooded."},
    watched=lambda cast: [Meeting],
)

test_meeting_answer = fuzz_form(
    RsvpForm,
    url="meeting-answer",
    who=lambda cast: cast.person,
    valid={"rsvp": "yes", "mode": "in_person"},
    watched=lambda cast: [Attendance],
)

test_attendance_record = fuzz_form(
    AttendanceRecordForm,
    url="attendance-record",
    # Attendance is recorded once a meeting has started.
    kwargs=lambda cast: {
        "project_id": cast.project.pk,
        "meeting_id": make_meeting(cast.project, days_from_now=-1).pk,
    },
    who=lambda cast: cast.facilitator,
    valid={"attended": lambda cast: [str(cast.person.pk), str(cast.carer.pk)]},
    watched=lambda cast: [Attendance],
)
