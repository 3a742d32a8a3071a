"""The notice that a date poll is open (reminders/notices.py): to every member but the
facilitator who started it, once, on their channel and in their format. Dropped if the poll
closed before it went.

Its kind is a name of its own rather than a member of reminders.models.Kind, as
POLICY_CHANGE_WAITING is (expenses/reminder_kinds.py): adding it there needs a migration in
reminders/, whose migrations belong to other work in progress.
"""

from django.utils.translation import gettext as _

from reminders.kinds import register
from reminders.notices import Notice

from .models import DatePoll

DATE_POLL_OPEN = "date_poll_open"


class DatePollOpen(Notice):
    kind = DATE_POLL_OPEN

    def still_useful(self, deliveries, now) -> dict[int, str]:
        open_ids = set(
            DatePoll.objects.filter(
                pk__in={d.subject_id for d in deliveries}, closed_at__isnull=True
            ).values_list("pk", flat=True)
        )
        return {d.pk: _("the poll has closed") for d in deliveries if d.subject_id not in open_ids}

    def context(self, deliveries) -> dict[int, dict]:
        polls = DatePoll.objects.select_related("project").in_bulk(
            {d.subject_id for d in deliveries}
        )
        return {d.pk: {"poll": polls[d.subject_id]} for d in deliveries}


register(DatePollOpen())
