"""A review cycle by keyboard alone, with axe on every page (issue 6, done when 1).

A facilitator schedules and opens a review; members in all five roles rate it (one of them
anonymously, one coming back to a saved draft) and someone who joined after it opened is told
why they cannot; the facilitator closes it, and everyone sees lived experience beside
professionals with the numbers they gave, and a chart with its table.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from projects.models import Role
from reviews.models import Action, Answer, Response, ReviewCycle
from tests.base import PASSWORD, add_member, make_cast, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RATINGS = ["Not yet", "A little", "Mostly", "Fully", "Don't know"]


def _rate_on_one_page(visitor, rating: str, rung: int) -> None:
    """Tab through the one-page form as a keyboard user does: in each statement's radios,
    Space picks the focused answer and the arrow keys move along the scale; Tab goes on to the
    comment box and the next statement. Then the same for the ladder."""
    page = visitor.page
    first = page.locator("fieldset").first
    # Tab lands on a group's checked radio when there is one (a saved draft), else its first.
    checked = first.locator("input:checked")
    visitor.tab_to(checked if checked.count() else first.locator("input").first)
    groups = page.locator("fieldset").count()
    position = (
        "() => [...document.getElementsByName(document.activeElement.name)]"
        ".indexOf(document.activeElement)"
    )
    for number in range(groups):
        last = number == groups - 1
        target, size = (rung - 1, 7) if last else (RATINGS.index(rating), len(RATINGS))
        page.keyboard.press("Space")
        for _ in range((target - page.evaluate(position)) % size):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")  # to the comment box (after the ladder, the button)
        if not last:
            page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Save and check answers"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visitor.check()


def _answer(visitor, project, email, rating, rung, anonymous=False):
    visitor.sign_in(email, PASSWORD)
    visitor.go(f"/projects/{project.pk}/")
    visitor.follow_link("Answer now")
    visitor.follow_link("Answer on one page")
    _rate_on_one_page(visitor, rating, rung)
    assert visitor.page.get_by_role("heading", name="Check your answers").is_visible()
    if anonymous:
        visitor.choose(re.compile("Anonymously: only"))
    else:
        visitor.choose(re.compile("With my name: "))
    visitor.press_button("Send answers")
    message = "sent anonymously" if anonymous else "sent with your name"
    assert visitor.page.get_by_text(f"Your answers have been {message}").is_visible()
    visitor.sign_out()


def test_a_review_from_scheduling_to_results_by_keyboard(visitor):
    page = visitor.page
    cast = make_cast()
    # A third member with lived experience, so that group has enough answers to be shown.
    penny = add_member(cast.project, Role.PERSON, make_user("penny")).user
    today = timezone.localdate()
    closes = today + timedelta(days=14)

    # The facilitator schedules a review, adds a statement from the charter and opens it.
    visitor.sign_in(cast.facilitator.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/")
    visitor.follow_link("Reviews")
    visitor.follow_link("Schedule a review")
    visitor.type_into("Name of the review", "Spring review")
    for group, day in (("Opening date", closes), ("Closing date", today)):
        visitor.type_into("Day", str(day.day), group=group)
        visitor.type_into("Month", str(day.month), group=group)
        visitor.type_into("Year", str(day.year), group=group)
    visitor.choose("Does not repeat")
    visitor.press_button("Schedule review")  # closes before it opens: the error summary
    assert page.get_by_text(
        "The closing date must be on or after the opening date"
    ).first.is_visible()
    for group, day in (("Opening date", today), ("Closing date", closes)):
        visitor.type_into("Day", str(day.day), group=group)
        visitor.type_into("Month", str(day.month), group=group)
        visitor.type_into("Year", str(day.year), group=group)
    visitor.press_button("Schedule review")
    assert page.get_by_text("Review scheduled").is_visible()
    visitor.follow_link("Add a statement")
    visitor.choose("Culture", exact=True)
    visitor.type_into("Statement", "We keep to the promises in our charter.", exact=True)
    visitor.type_into("Easy read version", "We keep our promises.", exact=True)
    visitor.press_button("Add statement")
    visitor.press_button("Open the review now")
    assert page.get_by_text("The review is open").is_visible()
    visitor.sign_out()

    # Someone who joins now cannot answer this review, and is told why.
    nia = add_member(cast.project, Role.CARER, make_user("nia")).user
    visitor.sign_in(nia.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/")
    visitor.follow_link("Reviews")
    assert page.get_by_text("Not for you: you joined after it opened").is_visible()
    visitor.follow_link("Spring review")
    assert page.get_by_text("You joined the project after this review opened").is_visible()
    visitor.sign_out()

    # A professional starts one statement at a time, saves, and comes back later.
    visitor.sign_in(cast.professional.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/")
    visitor.follow_link("Answer now")
    visitor.follow_link("Answer one statement at a time")
    assert page.get_by_role("heading", name=re.compile("Statement 1 of 20")).is_visible()
    visitor.choose("Fully")
    visitor.type_into(re.compile("Comment on statement 1"), "Staff are behind this.")
    visitor.press_button("Save and come back later")
    assert page.get_by_text("Your answers are saved").is_visible()
    visitor.sign_out()

    # Six members in all five roles answer; the person, Pat, anonymously.
    project = cast.project
    _answer(visitor, project, cast.person.email, "Not yet", 3, anonymous=True)
    _answer(visitor, project, cast.carer.email, "A little", 4)
    _answer(visitor, project, penny.email, "Not yet", 2)
    _answer(visitor, project, cast.commissioner.email, "Mostly", 6)
    _answer(visitor, project, cast.professional.email, "Fully", 6)
    _answer(visitor, project, cast.facilitator.email, "Fully", 7)

    # While it is open the facilitator sees only how many have answered.
    visitor.sign_in(cast.facilitator.email, PASSWORD)
    visitor.go(f"/projects/{project.pk}/reviews/{ReviewCycle.objects.get().pk}/results/")
    assert page.get_by_text("6 members have answered so far.").is_visible()
    assert page.get_by_role("table").count() == 0

    # The facilitator closes the review, looks at the results and agrees an action.
    visitor.go(f"/projects/{project.pk}/")
    visitor.follow_link("Reviews")
    visitor.follow_link("Spring review")
    assert page.get_by_text("6 of 6 members have answered").is_visible()
    assert page.get_by_role("heading", name="Joined since this review opened").is_visible()
    assert page.get_by_text("Nia (Carer), joined on").is_visible()
    visitor.press_button("Close the review now")
    visitor.follow_link("See the results")
    summary = page.get_by_role("table", name="Mean score for each piece, by group")
    for piece in ("Culture", "Structure", "Practice", "Review"):
        row = summary.get_by_role("row", name=re.compile(f"^{piece}"))
        # Lived experience (1, 2, 1) beside professionals (3, 4, 4), and the gap (between the
        # means as shown) in words.
        assert row.get_by_role("cell").all_inner_texts()[:2] == ["1.3", "3.7"]
        assert "Lived experience rate this 2.4 points lower than professionals" in row.inner_text()
    assert "Staff are behind this." in page.content()
    assert page.locator('svg[role="img"]').count() == 4
    trend_table = page.get_by_role("table", name=re.compile("Mean score at each review"))
    assert trend_table.get_by_role("row").count() == 3  # header, lived, professionals
    assert trend_table.get_by_role("row", name=re.compile("Lived experience")).get_by_role(
        "cell"
    ).all_inner_texts() == ["Lived experience", "1.3", "1.3", "1.3", "1.3"]
    visitor.follow_link("Add an action")
    visitor.choose("Structure", exact=True)
    visitor.type_into("What will be done?", "Pay expenses on the day, in cash if wanted.")
    owner = page.get_by_label("Who will do it?")
    visitor.tab_to(owner)
    page.keyboard.type("Cam")
    visitor.type_into("Day", "1", group="Due date")
    visitor.type_into("Month", "3", group="Due date")
    visitor.type_into("Year", str(today.year + 1), group="Due date")
    visitor.choose("Not started")
    visitor.press_button("Save action")
    assert page.get_by_text("Action saved").is_visible()
    visitor.sign_out()

    # The commissioner's portfolio.
    visitor.sign_in(cast.commissioner.email, PASSWORD)
    visitor.go("/portfolio/")
    assert page.get_by_role("link", name="Short breaks", exact=True).is_visible()

    cycle = ReviewCycle.objects.get()
    assert cycle.is_closed and len(cycle.statements) == 20
    assert Response.objects.filter(cycle=cycle).count() == 6
    assert not Answer.objects.filter(user=cast.person).exists()
    assert Answer.objects.filter(user__isnull=True).count() == 20
    assert Action.objects.get().owner == cast.carer
    assert len(visitor.pages_checked) > 40
