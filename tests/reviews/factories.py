"""Review rows for tests, made through the services so they obey the same rules."""

from datetime import timedelta

from django.utils import timezone

from reviews import services
from reviews.models import Rating, ReviewCycle, Rung


def make_cycle(project, status="open", title="Spring review", **fields) -> ReviewCycle:
    """A cycle in `status` ("scheduled", "open" or "closed"), opened and closed the real way."""
    today = timezone.localdate()
    defaults = {
        "opens_on": today,
        "closes_on": today + timedelta(days=14),
        "created_by": project.created_by,
    }
    cycle = ReviewCycle.objects.create(project=project, title=title, **(defaults | fields))
    if status in ("open", "closed"):
        cycle = services.cycle_open(cycle=cycle, today=cycle.opens_on)
    if status == "closed":
        cycle = services.cycle_close(cycle=cycle, today=cycle.closes_on)
    return cycle


def answer(cycle, user, value=Rating.MOSTLY, *, anonymous=False, rung=Rung.ENGAGEMENT, **extra):
    """`user` rates every statement `value` (or per key from `ratings`) and sends the answers."""
    ratings = {s["key"]: int(value) for s in cycle.statements} | extra.get("ratings", {})
    services.draft_save(
        cycle=cycle, user=user, ratings=ratings, comments=extra.get("comments", {}), rung=rung
    )
    return services.answers_submit(cycle=cycle, user=user, anonymous=anonymous)


def close(cycle) -> ReviewCycle:
    """Close an open cycle on its closing date; anonymous answers are written out then."""
    return services.cycle_close(cycle=cycle, today=cycle.closes_on)
