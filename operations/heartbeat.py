"""When the beat and each worker were last seen, and how the scheduled jobs last ended.

Kept in Redis, which every machine shares, as three small hashes; nothing here names a person.
Without REDIS_URL (development) jobs run inside the web process and there is nothing to watch.
"""

import json
import time
from functools import cache

import redis
from django.conf import settings

_SEEN = "coproduce:seen:"  # + "beat" or "worker": {hostname: unix time}
_RUNS = "coproduce:runs"  # {task name: json {"at", "state", "outcome"}}
# Entries of machines gone for a day are dropped when read, so renamed hosts do not linger.
_FORGET_AFTER = 24 * 60 * 60


@cache
def client() -> redis.Redis:
    return redis.Redis.from_url(
        settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2, decode_responses=True
    )


def seen(kind: str, hostname: str) -> None:
    client().hset(_SEEN + kind, hostname, str(time.time()))


def last_seen(kind: str) -> dict[str, float]:
    """{hostname: seconds since it was last seen}, newest first."""
    now = time.time()
    found = {}
    for hostname, at in client().hgetall(_SEEN + kind).items():
        age = now - float(at)
        if age > _FORGET_AFTER:
            client().hdel(_SEEN + kind, hostname)
        else:
            found[hostname] = max(age, 0.0)
    return dict(sorted(found.items(), key=lambda item: item[1]))


def record_run(task: str, state: str, outcome: str) -> None:
    client().hset(_RUNS, task, json.dumps({"at": time.time(), "state": state, "outcome": outcome}))


def last_runs() -> dict[str, dict]:
    return {task: json.loads(value) for task, value in client().hgetall(_RUNS).items()}
