"""The beat says it is alive on every tick (bin/start beat uses this scheduler)."""

import logging
import socket

from celery.beat import PersistentScheduler

from . import heartbeat

logger = logging.getLogger(__name__)


class HeartbeatScheduler(PersistentScheduler):
    def tick(self, *args, **kwargs):
        try:
            heartbeat.seen("beat", socket.gethostname())
        except Exception:  # Redis away: the beat's own sends fail and are retried
            logger.warning("The beat could not record that it is alive", exc_info=True)
        return super().tick(*args, **kwargs)
