import pytest
from django.urls import reverse

from projects.models import Membership, Project, ProjectStatus, Role
from tests.base import add_member, may_start_projects
from tests.charters.helpers import publish, sign_all

VALID_PROJECT = {
    "title": "Day services review",
    "summary": "Looking again at day services.",
    "starts_on_0": "1",
    "starts_on_1": "4",
    "starts_on_2": "2027",
    "stages": ["co_design", "co_evaluation"],
}


def test_a_person_allowed_to_start_projects_creates_one_and_becomes_its_commissioner(client, cast):
    client.force_login(may_start_projects(cast.outsider))
    response = client.post(reverse("project-create"), VALID_PROJECT)
    project = Project.objects.get(title="Day services review")
    assert response.status_code == 302
    assert response["Location"] == reverse("project-detail", args=[project.pk])
    assert project.covers_co_design and project.covers_co_evaluation
    assert not project.covers_co_delivery
    assert project.status == ProjectStatus.DRAFT
    assert Membership.objects.get(project=project).role == Role.COMMISSIONER


def test_an_end_date_before_the_start_is_refused_and_nothing_is_saved(client, cast):
    client.force_login(may_start_projects(cast.outsider))
    data = VALID_PROJECT | {"ends_on_0": "1", "ends_on_1": "3", "ends_on_2": "2027"}
    response = client.post(reverse("project-create"), data)
    assert response.status_code == 200
    assert "The end date must be the same as or after the start date" in response.text
    assert 'href="#id_ends_on_0"' in response.text  # the summary links to the day box
    assert not Project.objects.filter(title="Day services review").exists()


def test_an_impossible_date_and_an_over_long_title_get_clear_messages(client, cast):
    client.force_login(may_start_projects(cast.outsider))
    data = VALID_PROJECT | {"title": "x" * 201, "starts_on_0": "31", "starts_on_1": "2"}
    response = client.post(reverse("project-create"), data)
    assert "Enter a real date, like 27 3 2027" in response.text
    assert "Ensure this value has at most 200 characters" in response.text
    assert Project.objects.count() == 1


def test_the_project_page_shows_its_details_members_and_meetings(client, cast):
    client.force_login(cast.person)
    response = client.get(reverse("project-detail", args=[cast.project.pk]))
    assert response.status_code == 200
    for text in ["Short breaks", "Redesigning short breaks with carers.", "Fred", "Priya"]:
        assert text in response.text
    assert "Edit project details" not in response.text  # a person cannot edit


def test_a_facilitator_edits_the_project_and_its_status(client, cast):
    # A project becomes active once its charter is in force (tests/charters/).
    sign_all(cast.project, publish(cast.project, cast.facilitator))
    client.force_login(cast.facilitator)
    data = VALID_PROJECT | {"title": "Short breaks, again", "s-status": ProjectStatus.ACTIVE}
    response = client.post(reverse("project-edit", args=[cast.project.pk]), data)
    assert response.status_code == 302
    cast.project.refresh_from_db()
    assert cast.project.title == "Short breaks, again"
    assert cast.project.status == ProjectStatus.ACTIVE


def test_an_invalid_edit_changes_nothing(client, cast):
    client.force_login(cast.facilitator)
    data = VALID_PROJECT | {"title": "", "s-status": "exploded"}
    response = client.post(reverse("project-edit", args=[cast.project.pk]), data)
    assert response.status_code == 200
    assert "There is a problem" in response.text
    cast.project.refresh_from_db()
    assert cast.project.title == "Short breaks"
    assert cast.project.status == ProjectStatus.DRAFT


def test_an_unknown_project_is_a_404(client, cast):
    client.force_login(cast.commissioner)
    assert client.get(reverse("project-detail", args=[999999])).status_code == 404


@pytest.mark.parametrize("member", ["person", "commissioner", "facilitator"])
def test_people_without_the_permission_cannot_start_a_project_and_are_told_why(
    client, cast, member
):
    client.force_login(getattr(cast, member))
    assert "Start a project" not in client.get(reverse("home")).text
    response = client.get(reverse("project-create"))
    assert response.status_code == 403
    assert "Projects are started by commissioners" in response.text
    response = client.post(reverse("project-create"), VALID_PROJECT)
    assert response.status_code == 403
    assert not Project.objects.filter(title="Day services review").exists()


def test_the_home_page_offers_start_a_project_to_those_allowed(client, cast):
    client.force_login(may_start_projects(cast.commissioner))
    assert "Start a project" in client.get(reverse("home")).text


def test_the_home_page_counts_every_member_of_each_project(client, cast):
    """Counting across the join that finds my projects gave "1 member" for every project."""
    for _ in range(3):
        add_member(cast.project, Role.CARER)
    left = add_member(cast.project, Role.CARER)
    left.left_at = left.joined_at
    left.save()
    for member in (cast.person, cast.commissioner):
        client.force_login(member)
        assert "8 members" in client.get(reverse("home")).text


def test_the_home_page_lists_my_projects_only(client, cast):
    other = Project.objects.create(
        title="Someone else's", summary="-", starts_on="2026-01-01", created_by=cast.outsider
    )
    Membership.objects.create(project=other, user=cast.outsider, role=Role.COMMISSIONER)
    client.force_login(cast.carer)
    response = client.get(reverse("home"))
    assert "Short breaks" in response.text
    assert "Someone else" not in response.text


def test_visitors_see_what_the_portal_is(client, db):
    response = client.get(reverse("home"))
    assert "Co-production projects, run as equal partners" in response.text
