from django.core.management import call_command

from accessibility.models import AccessProfile, ShareLevel, SharingConsent
from accessibility.plans import plan_for
from projects.models import Meeting


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
        # Two essential needs; the demo has arranged one of them (reviews/demo.py), so the
        # portfolio's access column reads "1 of 2".
        assert plan_for(upcoming).open_essential_count == 1


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
