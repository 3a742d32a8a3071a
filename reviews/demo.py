"""Demo data for reviews, called by `manage.py seed_demo`: the story of the main project's
reviews. Two closed reviews, answered by every member (some anonymously, some by name), in which
the gap between lived experience and professionals narrows and the project climbs the ladder;
actions agreed after the first, some done with what changed, some open, one overdue; a third
review open now. The second project has one closed review and two actions from it, and the
draft project its starting point and two actions. Running it again changes nothing.

Everything goes through the services (cycle_open, draft_save, answers_submit, cycle_close,
action_save), so anonymous answers are sealed and shuffled exactly as real ones are.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from projects.models import Meeting, Membership, Project

from . import services
from .models import Action, ActionStatus, Rating, ReviewCycle, RoleGroup, Rung, review_group

# (title, opens days ago, closes days ago or None for open, the base rating of each group,
# the rung each group chooses)
MAIN_REVIEWS = [
    ("Autumn review", 56, 42, {RoleGroup.LIVED: 1, RoleGroup.PROFESSIONAL: 3}, (4, 5)),
    ("Winter review", 21, 8, {RoleGroup.LIVED: 2, RoleGroup.PROFESSIONAL: 3}, (5, 6)),
    ("Spring review", 2, None, None, None),
]

# What people said in the first review (lived experience, anonymously), by piece.
FIRST_COMMENTS = {
    "culture": "People talk over us and use words we do not know.",
    "practice": "The papers came two days before the meeting: I could not read them in time.",
    "structure": "I waited five weeks for my bus fares.",
}

# Actions agreed after the first review: (piece, what, owner's email, due in days, status,
# what changed, easy read).
FIRST_ACTIONS = [
    (
        "practice",
        "Send meeting papers at least 7 days before, in large print or easy read for those "
        "who ask.",
        "facilitator@example.com",
        -30,
        ActionStatus.DONE,
        "Papers now go out 7 days before every meeting. Four people get them in large print "
        "and two in easy read.",
        "You get the papers one week before the meeting. You can ask for big print or easy read.",
    ),
    (
        "structure",
        "Pay expenses within 5 working days of a claim.",
        "commissioner@example.com",
        -20,
        ActionStatus.DONE,
        "Claims are now approved within 2 working days and paid by bank transfer 3 days "
        "later. Cash on the day is there for anyone who wants it.",
        "We pay you back faster now. You can have cash on the day if you want.",
    ),
    (
        "culture",
        "Agree a jargon buster and a 'stop, what does that mean?' card for every meeting.",
        "facilitator@example.com",
        14,
        ActionStatus.IN_PROGRESS,
        "",
        "",
    ),
    (
        "review",
        "Ask carers which times of day they can come, and move some meetings to the evening.",
        "carer@example.com",
        -3,
        ActionStatus.NOT_STARTED,
        "",
        "",
    ),
]

# Agreed after the second review, followed up at the open one.
SECOND_ACTION = (
    "review",
    "Share each review's results at the next meeting, with an easy read summary.",
    "facilitator@example.com",
    10,
    ActionStatus.NOT_STARTED,
    "",
    "",
)

SECOND_PROJECT_REVIEW = ("First check-in", 30, 16, {RoleGroup.LIVED: 3, RoleGroup.PROFESSIONAL: 3})

# Agreed after the second project's check-in: one done, one open, so its row in the
# commissioner's portfolio and its "You said, we did" page have something to show.
SECOND_PROJECT_ACTIONS = [
    (
        "practice",
        "Hold the standards panel somewhere people can reach by bus.",
        "facilitator@example.com",
        -7,
        ActionStatus.DONE,
        "The panel now meets at the library on the high street, next to the bus stop.",
        "We meet at the library now. The bus stops outside.",
    ),
    (
        "structure",
        "Give panel members the standards in easy read before each visit.",
        "commissioner@example.com",
        21,
        ActionStatus.IN_PROGRESS,
        "",
        "",
    ),
]

# The draft project's starting point: lived experience rates it low, professionals higher.
THIRD_PROJECT_REVIEW = ("Starting point", 20, 10, {RoleGroup.LIVED: 1, RoleGroup.PROFESSIONAL: 3})

THIRD_PROJECT_ACTIONS = [
    (
        "culture",
        "Ask people who use day services what a good day looks like, before anything is decided.",
        "facilitator@example.com",
        -2,
        ActionStatus.DONE,
        "Twelve people told us in their own day centres. Their words open the draft charter.",
        "We asked people at their day centres. We wrote down what they said.",
    ),
    (
        "structure",
        "Agree who decides what, and write it into the charter.",
        "commissioner@example.com",
        28,
        ActionStatus.NOT_STARTED,
        "",
        "",
    ),
]


def _ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), timezone.get_default_timezone())


def _rating(base: int, number: int, index: int) -> int:
    """A spread around the group's base: most people near it, a few a point either side, and
    the odd "don't know"."""
    if (number + index) % 11 == 0:
        return Rating.DONT_KNOW
    return max(1, min(4, base + ((number + 2 * index) % 3) - 1))


def _answer_all(cycle: ReviewCycle, bases: dict, rungs, comments: dict, anonymous: bool) -> None:
    """Every member answers: professionals by name, lived experience anonymously where the
    group is big enough to hide in (`anonymous`), so both kinds of answer are in the demo. The
    first member with lived experience leaves the comments, on the first statement of a piece."""
    members = Membership.objects.active().filter(project=cycle.project).select_related("user")
    first_of_piece = {}
    for s in cycle.statements:
        first_of_piece.setdefault(s["piece"], s["key"])
    commented = False
    for number, member in enumerate(members.order_by("joined_at", "id")):
        group = review_group(member)
        ratings = {
            s["key"]: _rating(bases[group], number, index)
            for index, s in enumerate(cycle.statements)
        }
        said = {}
        if group == RoleGroup.LIVED and not commented:
            said = {first_of_piece[piece]: words for piece, words in comments.items()}
            commented = True
        rung = rungs[0] if group == RoleGroup.LIVED else rungs[1]
        services.draft_save(
            cycle=cycle, user=member.user, ratings=ratings, comments=said, rung=int(rung)
        )
        services.answers_submit(
            cycle=cycle, user=member.user, anonymous=anonymous and group == RoleGroup.LIVED
        )


def _review(
    project: Project, created_by, title, opens_ago, closes_ago, bases, rungs, comments, anonymous
):
    opens_on = _ago(opens_ago)
    cycle = ReviewCycle.objects.create(
        project=project,
        title=title,
        opens_on=opens_on,
        closes_on=_ago(closes_ago) if closes_ago is not None else opens_on + timedelta(days=14),
        created_by=created_by,
    )
    cycle = services.cycle_open(cycle=cycle, today=opens_on)
    if closes_ago is None:
        return cycle
    _answer_all(cycle, bases, rungs, comments, anonymous)
    cycle = services.cycle_close(cycle=cycle, today=cycle.closes_on)
    # When it opened and closed, as the story has it (the services stamp "now").
    ReviewCycle.objects.filter(pk=cycle.pk).update(
        opened_at=_at(cycle.opens_on, 9), closed_at=_at(cycle.closes_on, 17)
    )
    return cycle


def seed(people: dict, project_titles: list[str]) -> None:
    facilitator = people["facilitator@example.com"]
    main = Project.objects.get(title=project_titles[0])
    if ReviewCycle.objects.filter(project=main).exists():
        return
    cycles = []
    for title, opens_ago, closes_ago, bases, rungs in MAIN_REVIEWS:
        comments = FIRST_COMMENTS if not cycles else {}
        cycles.append(
            _review(main, facilitator, title, opens_ago, closes_ago, bases, rungs, comments, True)
        )
    _some_answer_the_open_review(cycles[-1], people)
    agreed = [(cycles[0], *a) for a in FIRST_ACTIONS] + [(cycles[1], *SECOND_ACTION)]
    _agree(agreed, people, facilitator)
    _arrange_access(main, people)

    second = Project.objects.get(title=project_titles[1])
    title, opens_ago, closes_ago, bases = SECOND_PROJECT_REVIEW
    # Only two members with lived experience: they answered by name, so their figures show.
    check_in = _review(second, facilitator, title, opens_ago, closes_ago, bases, (5, 5), {}, False)
    _agree([(check_in, *a) for a in SECOND_PROJECT_ACTIONS], people, facilitator)
    _arrange_access(second, people)

    # The draft project took its starting point before its charter is agreed, as SCIE
    # suggests, so the commissioner can judge it too.
    third = Project.objects.get(title=project_titles[2])
    title, opens_ago, closes_ago, bases = THIRD_PROJECT_REVIEW
    start = _review(third, facilitator, title, opens_ago, closes_ago, bases, (3, 4), {}, False)
    _agree([(start, *a) for a in THIRD_PROJECT_ACTIONS], people, facilitator)
    _arrange_access(third, people)


def _agree(agreed: list, people: dict, facilitator) -> None:
    for cycle, piece, what, owner, due, status, outcome, easy_read in agreed:
        action = Action(
            cycle=cycle,
            piece=piece,
            description=what,
            owner=people[owner],
            due_on=timezone.localdate() + timedelta(days=due),
            status=status,
            outcome=outcome,
            outcome_easy_read=easy_read,
            created_by=facilitator,
        )
        services.action_save(action=action)
        if action.is_done:
            # Done a few days before it was due, as the story has it (the service says today).
            Action.objects.filter(pk=action.pk).update(done_on=action.due_on - timedelta(days=3))


def _some_answer_the_open_review(cycle: ReviewCycle, people: dict) -> None:
    """The members without a sign-in have answered the open review; the demo accounts have
    not, so they can."""
    for email in ("amina.begum@example.org", "grace.mensah@example.org", "ruth.evans@example.org"):
        user = people[email]
        ratings = {s["key"]: Rating.MOSTLY for s in cycle.statements}
        services.draft_save(
            cycle=cycle, user=user, ratings=ratings, comments={}, rung=Rung.CO_DESIGN
        )
        services.answers_submit(cycle=cycle, user=user, anonymous=True)


def _arrange_access(project: Project, people: dict) -> None:
    """What the facilitator arranged of Sam's two essential needs: both at the first meeting,
    one at the second (the papers came late: the review said so) and one so far for the next,
    so the impact report and the portfolio show access part-way (3 of 4; 1 of 2)."""
    from accessibility.models import Arrangement, ArrangementStatus, Need

    meetings = Meeting.objects.filter(project=project, cancelled_at__isnull=True)
    past = list(meetings.past().reverse())
    upcoming = meetings.upcoming().first()
    arranged = [(past[0], "step-free"), (past[0], "papers-early"), (past[1], "step-free")]
    arranged += [(upcoming, "step-free")] if upcoming else []
    for meeting, code in arranged:
        Arrangement.objects.get_or_create(
            meeting=meeting,
            person=people["person@example.com"],
            need=Need.objects.get(code=code),
            defaults={
                "status": ArrangementStatus.ARRANGED,
                # What the facilitator tells Sam about the next meeting.
                "note": "Ground-floor room booked; the ramp is at the side door."
                if meeting == upcoming
                else "",
                "decided_by": people["facilitator@example.com"],
            },
        )
