from django.core.management import call_command

from accessibility.models import AccessProfile, ShareLevel, SharingConsent
from accessibility.plans import plan_for
from projects.models import Meeting, Project


def test_the_demo_person_has_access_needs_shared_with_every_project(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")  # running it again changes nothing
    profile = AccessProfile.objects.get(user__email="person@example.com")
    assert profile.needs.count() == 3 and profile.own_words  # "Nothing yet" says nothing
    consents = SharingConsent.objects.filter(user=profile.user).order_by("project__title")
    assert [(c.project.title, c.level) for c in consents] == [
        ("Day opportunities review", ShareLevel.SUMMARY),
        ("Home care quality standards", ShareLevel.SUMMARY),
        ("Redesigning short breaks for carers", ShareLevel.SUMMARY),
    ]
    for consent in consents:
        upcoming = Meeting.objects.filter(project=consent.project).upcoming().first()
        # Two essential needs of Sam's; the demo has arranged one of them (reviews/demo.py),
        # so the portfolio's access column reads "1 of 2" (the main project's "2 of 4": Grace's
        # and Tom's too, one arranged).
        open_needs = 2 if consent.project.title == "Redesigning short breaks for carers" else 1
        assert plan_for(upcoming).open_essential_count == open_needs


def test_the_demo_carer_has_needs_of_her_own_shared_with_the_main_project(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    profile = AccessProfile.objects.get(user__email="carer@example.com")
    assert profile.own_words and profile.needs.count() == 2
    # Needs that help but are not essential: the plans' "essential" counts stay Sam's.
    assert set(profile.needs.values_list("importance", flat=True)) == {"negotiable"}
    assert [c.project.title for c in SharingConsent.objects.filter(user=profile.user)] == [
        "Redesigning short breaks for carers"
    ]


def test_the_main_projects_plan_names_those_who_share_everything_with_their_words(db, settings):
    """So a facilitator's plan shows every kind of row: named or not, coming or not answered,
    essential or not, arranged with a note or not."""
    settings.DEBUG = True
    call_command("seed_demo")
    main = Project.objects.get(title="Redesigning short breaks for carers")
    plan = plan_for(Meeting.objects.filter(project=main).upcoming().first())
    rows = {(entry.name, item.need.code): entry for item in plan.items for entry in item.entries}
    grace = rows[("Grace", "papers-early")]
    assert grace.coming and grace.essential and grace.own_words and grace.arranged
    assert grace.arrangement.note
    tom = rows[("Tom", "hearing-loop")]
    assert not tom.coming and tom.essential and tom.open and tom.own_words
    amina = rows[("\u0623\u0645\u064a\u0646\u0629", "breaks")]  # her name, in Arabic script
    assert not amina.essential and amina.own_words
    sam = rows[("", "step-free")]  # a summary: no name
    assert sam.arranged and sam.arrangement.note
    for email in ("grace.mensah@example.org", "tom.oconnor@example.org"):
        consent = SharingConsent.objects.get(user__email=email)
        assert (consent.project, consent.level) == (main, ShareLevel.EVERYTHING)
