"""How the payout run and the reminder run last ended, for the staff health page."""

import logging

from celery.signals import task_postrun

from . import heartbeat

logger = logging.getLogger(__name__)

WATCHED = {
    "expenses.tasks.payout_run": "payout",
    "reminders.tasks.tick": "reminders",
}


@task_postrun.connect
def _record(sender=None, state=None, retval=None, **kwargs):
    name = getattr(sender, "name", None)
    if name not in WATCHED or sender.request.is_eager:
        return
    # Counts only: a batch id list or a number, never what the job was about.
    outcome = f"batches made: {len(retval)}" if isinstance(retval, list) else ""
    try:
        heartbeat.record_run(WATCHED[name], state or "", outcome)
    except Exception:  # the job itself went well: only the record is lost
        logger.warning("The end of %s was not recorded", name, exc_info=True)
