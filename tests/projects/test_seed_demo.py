import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from charters.services import charter_for, charter_status
from projects.management.commands.seed_demo import DEMO_WITHDRAWAL
from projects.models import Meeting, Membership, Project, ProjectStatus, Role


def test_the_demo_has_projects_every_role_meetings_and_charters_signed_every_way(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")  # running it again changes nothing
    assert Project.objects.count() == 3
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role)
    assert User.objects.filter(email="outsider@example.com", memberships__isnull=True).exists()
    assert any(m.is_past for m in Meeting.objects.all())
    assert any(not m.is_past for m in Meeting.objects.all())
    for project in Project.objects.all():
        status = charter_status(charter_for(project))
        withdrawn = project.title == DEMO_WITHDRAWAL[0]  # Jo no longer agrees there
        assert status.in_force == (project.status == ProjectStatus.ACTIVE and not withdrawn)
    _every_way_of_signing_and_a_withdrawal()


def _every_way_of_signing_and_a_withdrawal():
    """Members who cannot sign in agreed in front of the facilitator, in person, by phone or on
    paper; in the second project Jo said she no longer agrees, and why."""
    from charters.models import Signature, SignatureMethod

    main = Project.objects.get(title="Redesigning short breaks for carers")
    signatures = Signature.objects.filter(version=charter_for(main).current_version)
    assert set(signatures.values_list("method", flat=True)) == set(SignatureMethod)
    for signature in signatures.select_related("member", "witnessed_by"):
        # Those without a password were witnessed; those who can sign in signed themselves.
        assert (signature.witnessed_by is not None) == (
            not signature.member.has_usable_password()
        ), signature.name
        if signature.witnessed_by:
            assert signature.witnessed_by.email == "facilitator@example.com"
    assert signatures.exclude(note="").count() >= 3
    second = Project.objects.get(title=DEMO_WITHDRAWAL[0])
    withdrawn = Signature.objects.get(
        version=charter_for(second).current_version, withdrawal__isnull=False
    )
    assert withdrawn.member.email == "carer@example.com"
    assert "evening meetings" in withdrawn.withdrawal.reason


def test_the_main_project_has_a_real_group_and_claims_in_every_state(db, settings):
    from expenses.models import Claim, Status

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    main = Project.objects.get(title="Redesigning short breaks for carers")
    assert Membership.objects.active().filter(project=main).count() >= 12
    assert set(Claim.objects.filter(project=main).values_list("status", flat=True)) >= {
        Status.DRAFT,
        Status.SUBMITTED,
        Status.APPROVED,
        Status.PAID,
        Status.REJECTED,
        Status.RETURNED,
    }
    from contributions.models import ContributionRecord

    sams = ContributionRecord.objects.get(person__email="person@example.com")
    assert sams.confirmed_at and int(sams.facts["hours"]) >= 4
    # Gwen, without email, has bank details the facilitator recorded, waiting for a check.
    from expenses.models import BankDetailsChange

    gwens = BankDetailsChange.objects.get(user__preferred_name="Gwen", user__email__isnull=True)
    assert gwens.awaiting_confirmation and gwens.recorded_by.email == "facilitator@example.com"
    # Jo has a claim in every project, so her payments page is empty in none of them.
    for project in Project.objects.all():
        assert Claim.objects.filter(project=project, claimant__email="carer@example.com").exists()
    # The extra members take part but cannot sign in.
    extra = User.objects.get(email="amina.begum@example.org")
    assert not extra.has_usable_password()


def test_it_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_the_demo_has_papers_and_a_note_with_decisions(db, settings):
    from papers.models import Decision, MeetingNote, Paper

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    main = Project.objects.get(title="Redesigning short breaks for carers")
    assert set(Paper.objects.filter(meeting__project=main).values_list("version", flat=True)) == {
        "standard",
        "easy_read",
    }
    assert MeetingNote.objects.filter(meeting__project=main).count() == 1
    assert Decision.objects.filter(meeting__project=main).count() == 2


def test_the_demo_has_a_co_chair_and_a_lived_experience_meeting(db, settings):
    from projects.models import Audience

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    main = Project.objects.get(title="Redesigning short breaks for carers")
    sam = Membership.objects.get(project=main, user__email="person@example.com")
    assert sam.co_chair and sam.lived_experience
    assert main.meetings.filter(audience=Audience.LIVED_EXPERIENCE).count() == 1

    gwen = Membership.objects.get(project=main, user__email__isnull=True)
    assert gwen.user.preferred_name == "Gwen" and gwen.recorded_on_behalf.exists()


def test_the_demo_meetings_have_every_kind_of_answer_and_a_charter_waits_for_signatures(
    db, settings
):
    """So a facilitator's answers table and the list of who has not signed have something to
    show: yes, no and not sure, each way of taking part, someone not answered yet; the draft
    project's charter published and waiting for Jo and Priya."""
    from charters.services import charter_summary
    from projects.models import Attendance, Audience, ParticipationMode, Rsvp

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    main = Project.objects.get(title="Redesigning short breaks for carers")
    coming = main.meetings.filter(audience=Audience.EVERYONE).exclude(
        pk__in=[m.pk for m in main.meetings.all() if m.is_past]
    )
    assert coming.exists()
    for meeting in coming:
        answers = Attendance.objects.filter(meeting=meeting)
        assert set(answers.values_list("rsvp", flat=True)) == {Rsvp.YES, Rsvp.NO, Rsvp.MAYBE}
        assert set(ParticipationMode) <= set(answers.values_list("mode", flat=True))
        assert answers.count() < Membership.objects.active().filter(project=main).count()
    own = main.meetings.get(audience=Audience.LIVED_EXPERIENCE)
    assert Attendance.objects.filter(meeting=own).count() == 3

    draft = Project.objects.get(status=ProjectStatus.DRAFT)
    carer = User.objects.get(email="carer@example.com")
    summary = charter_summary(charter_for(draft), carer, names=10)
    assert summary.version is not None and not summary.in_force
    assert {m.user.email for m in summary.first_unsigned} == {
        "carer@example.com",
        "professional@example.com",
    }
