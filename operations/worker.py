"""Each worker says it is alive on a timer in its main process, whether or not it is busy."""

import logging

from celery import bootsteps

from . import heartbeat

logger = logging.getLogger(__name__)


class WorkerHeartbeat(bootsteps.StartStopStep):
    requires = {"celery.worker.consumer.connection:Connection"}

    def __init__(self, c, **kwargs):
        self.tref = None
        super().__init__(c, **kwargs)

    def start(self, c):
        from django.conf import settings

        self._beat(c.hostname)
        self.tref = c.timer.call_repeatedly(
            settings.HEARTBEAT_SECONDS, self._beat, (c.hostname,), priority=10
        )

    def stop(self, c):
        if self.tref is not None:
            self.tref.cancel()
            self.tref = None

    shutdown = stop

    @staticmethod
    def _beat(hostname: str) -> None:
        try:
            heartbeat.seen("worker", hostname)
        except Exception:  # Redis away: the health check says so on its own
            logger.warning("The worker could not record that it is alive", exc_info=True)
