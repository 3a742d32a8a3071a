"""People's words stay inert wherever they are shown: saved with script tags, attribute
breakouts, javascript: links and a right-to-left override, every page that shows them is parsed
(Python's html.parser) and must hold the words only as text."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from accessibility.models import Importance, ShareLevel
from charters import services as charters
from expenses import services as expenses
from projects.models import Attendance, Rsvp
from reviews.models import Action
from tests.accessibility.helpers import give_needs, share
from tests.base import make_meeting
from tests.expenses.helpers import attended_meeting, bank_choice, receipt, set_rate
from tests.fuzz.harness import signed_in
from tests.reviews.factories import answer, make_cycle

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
LINK = "javascript:alert(1)"
RLO = "\u202e"
# Short enough for a name (80 characters); long texts get a javascript: link too.
HOSTILE = f"{SCRIPT}{BREAKOUT}{RLO}x"
LONG = f"{HOSTILE} {LINK} https://example.org/{BREAKOUT}"

pytestmark = pytest.mark.django_db


class _Page(HTMLParser):
    """What a browser would run: scripts, event-handler attributes, javascript: URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.live, self.text, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        for name, value in attrs:
            self.text.append(value or "")  # a form field's value: shown as typed, inert
            if name.startswith("on"):
                self.live.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction") and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.live.append(f"<{tag} {name}={value}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.live.append("<img src=x>")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(1)" in data:
            self.live.append(f"<script>{data}</script>")
        self.text.append(data)


def assert_inert(html: str) -> None:
    page = _Page()
    page.feed(html)
    assert not page.live, page.live
    # The words are there, shown as typed (so the page was really tested).
    assert SCRIPT in "".join(page.text) and BREAKOUT in "".join(page.text)


def hostile_world(cast):
    """Every free text the cast can type, set to HOSTILE."""
    for user in (cast.commissioner, cast.facilitator, cast.person, cast.carer):
        user.preferred_name = user.full_name = HOSTILE
        user.save(update_fields=["preferred_name", "full_name"])
    project = cast.project
    project.title = HOSTILE
    project.summary = project.easy_read_summary = project.aims = LONG
    project.save()
    meeting = make_meeting(
        project,
        title=HOSTILE,
        agenda=LONG,
        easy_read_agenda=LONG,
        venue_address=LONG,
        venue_access_information=LONG,
        joining_details=LONG,
        planned_breaks=LONG,
    )
    Attendance.objects.create(meeting=meeting, user=cast.person, rsvp=Rsvp.YES)
    give_needs(cast.person, ("quiet-room", Importance.ESSENTIAL, HOSTILE), own_words=HOSTILE)
    share(cast.person, project, ShareLevel.EVERYTHING)
    charter = charters.charter_for(project)
    draft = {key: {"text": HOSTILE, "easy_read": HOSTILE} for key in charter.draft}
    charter = charters.charter_save_draft(charter=charter, draft=draft, by=cast.facilitator)
    charters.comment_create(
        charter=charter, author=cast.person, section="", body=HOSTILE, suggestion=HOSTILE
    )
    version = charters.charter_publish(
        charter=charter, published_by=cast.facilitator, members_reviewed=True, changes_note=HOSTILE
    )
    charters.signature_sign(version=version, member=cast.person, name=HOSTILE)
    set_rate(cast)
    claim = expenses.claim_start(
        meeting=attended_meeting(cast, title=HOSTILE), claimant=cast.person
    )
    expenses.claim_line_add_expense(
        claim=claim,
        expense_type="travel",
        description=HOSTILE,
        amount_pence=450,
        receipt=receipt(),
        receipt_type="application/pdf",
    )
    # Sent, so that the facilitator sees it (a draft is the claimant's alone).
    bank_choice(cast.person)
    expenses.claim_submit(claim=claim, by=cast.person)
    cycle = make_cycle(project, "open", title=HOSTILE)
    for user in (cast.person, cast.carer, cast.professional):
        answer(cycle, user, comments={s["key"]: HOSTILE for s in cycle.statements})
    from reviews import services as reviews

    cycle = reviews.cycle_close(cycle=cycle, today=cycle.closes_on)
    Action.objects.create(
        cycle=cycle,
        piece="culture",
        description=HOSTILE,
        owner=cast.carer,
        due_on="2030-01-01",
        created_by=cast.facilitator,
    )
    return {
        "project_id": project.pk,
        "meeting_id": meeting.pk,
        "claim_id": claim.pk,
        "cycle_id": cycle.pk,
        "number": version.number,
    }


# (URL name, URL kwargs it takes, who looks)
PAGES = [
    ("home", [], "person"),
    ("project-detail", ["project_id"], "person"),
    ("project-edit", ["project_id"], "commissioner"),
    ("member-list", ["project_id"], "facilitator"),
    ("meeting-list", ["project_id"], "person"),
    ("meeting-detail", ["project_id", "meeting_id"], "facilitator"),
    ("meeting-edit", ["project_id", "meeting_id"], "facilitator"),
    ("attendance-record", ["project_id", "meeting_id"], "facilitator"),
    ("charter-detail", ["project_id"], "person"),
    ("charter-draft", ["project_id"], "person"),
    ("charter-draft-edit", ["project_id"], "facilitator"),
    ("charter-version-detail", ["project_id", "number"], "person"),
    ("charter-version-print", ["project_id", "number"], "person"),
    ("access-profile", [], "person"),
    ("access-print", [], "person"),
    ("access-about", [], "person"),
    ("project-access", ["project_id"], "facilitator"),
    ("meeting-access-plan", ["project_id", "meeting_id"], "facilitator"),
    ("claim-list", ["project_id"], "facilitator"),
    ("claim-detail", ["project_id", "claim_id"], "facilitator"),
    ("cycle-list", ["project_id"], "person"),
    ("cycle-detail", ["project_id", "cycle_id"], "facilitator"),
    ("review-results", ["project_id", "cycle_id"], "facilitator"),
    ("profile-edit", [], "person"),
]


def test_hostile_words_stay_inert_on_every_page_that_shows_them(cast):
    ids = hostile_world(cast)
    failures = {}
    for name, args, who in PAGES:
        response = signed_in(getattr(cast, who)).get(
            reverse(name, kwargs={a: ids[a] for a in args})
        )
        assert response.status_code == 200, name
        try:
            assert_inert(response.content.decode())
        except AssertionError as error:
            failures[name] = str(error)[:300]
    assert not failures, failures


def test_the_check_would_catch_live_markup():
    for live in (SCRIPT, BREAKOUT, f'<a href="{LINK}">x</a>', '<p onclick="x()">x</p>'):
        page = _Page()
        page.feed(f"<p>{live}</p>")
        assert page.live, live


def test_hostile_words_stay_inert_in_the_invitation_email(cast, django_capture_on_commit_callbacks):
    from django.core import mail

    from projects import services as projects

    hostile_world(cast)
    with django_capture_on_commit_callbacks(execute=True):
        projects.invitation_create(
            project=cast.project,
            email="new@example.org",
            role="person",
            invited_by=cast.facilitator,
        )
    [email] = mail.outbox
    [(html, _type)] = email.alternatives
    assert_inert(html)
    assert "\n" not in email.subject
