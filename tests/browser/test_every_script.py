"""A name in Urdu (or with a stray direction control in it) reads correctly beside the
English of the member lists: the name is isolated in <bdi>, and the English after it keeps
its place and its left-to-right order."""

import pytest

from projects.models import Role
from tests.base import PASSWORD, add_member, make_cast, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

URDU_NAME = "عائشہ خان"  # Aisha Khan
# U+202E RIGHT-TO-LEFT OVERRIDE, left open: unisolated, it would reverse the rest of the line.
OVERRIDE_NAME = "Dee \u202eSmith"

# Where the browser drew things in the list item or table row holding the name: the name's
# <bdi>, the English after it, and the first and last letters of that English (reversed text
# has them swapped).
_LAYOUT = """([selector, name]) => {
    const item = [...document.querySelectorAll(selector)].find(
        (el) => el.textContent.includes(name));
    const bdi = [...item.querySelectorAll("bdi")].find((el) => el.textContent === name);
    if (!bdi) return null;
    const english = item.querySelector(".app-inline-hint, td:nth-child(2)");
    const text = english.firstChild;
    const words = text.textContent.trim();
    const start = text.textContent.indexOf(words);
    const left = (i) => {
        const range = document.createRange();
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        return range.getBoundingClientRect().left;
    };
    return {
        nameRight: bdi.getBoundingClientRect().right,
        englishLeft: english.getBoundingClientRect().left,
        english: words,
        firstLetter: left(start),
        lastLetter: left(start + words.length - 1),
    };
}"""


def _layout(page, selector: str, name: str):
    return page.evaluate(_LAYOUT, [selector, name])


def _reads_in_order(layout, english: str) -> None:
    assert layout is not None, "the name is not isolated in a <bdi>"
    assert layout["english"] == english
    assert layout["englishLeft"] >= layout["nameRight"] - 1, layout  # after the name
    assert layout["firstLetter"] < layout["lastLetter"], layout  # left to right


def test_an_urdu_name_reads_correctly_beside_english_in_the_member_lists(visitor):
    cast = make_cast()
    for role, name in ((Role.CARER, URDU_NAME), (Role.PROFESSIONAL, OVERRIDE_NAME)):
        user = make_user(email=f"{role}@example.org")
        user.preferred_name = name
        user.save(update_fields=["preferred_name"])
        add_member(cast.project, role, user)
    visitor.sign_in(cast.person.email, PASSWORD)

    visitor.go(f"/projects/{cast.project.pk}/members/")  # axe runs on every page visited
    _reads_in_order(_layout(visitor.page, "tbody tr", URDU_NAME), "Carer")
    _reads_in_order(_layout(visitor.page, "tbody tr", OVERRIDE_NAME), "Professional")

    visitor.go(f"/projects/{cast.project.pk}/")
    _reads_in_order(_layout(visitor.page, "main li", URDU_NAME), "Carer")
    _reads_in_order(_layout(visitor.page, "main li", OVERRIDE_NAME), "Professional")
