"""Races on a real PostgreSQL: calls released at the same moment, each in its own thread and
database connection."""

import threading

from django.core.exceptions import ValidationError
from django.db import connection


def race(*calls, catching: type[BaseException] = ValidationError) -> list[BaseException]:
    """Run each call in its own thread and connection, all released at once, and return the
    errors of type `catching` they raised (a lost race's refusal, usually); any other error
    fails its thread loudly."""
    barrier = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            barrier.wait()
            call()
        except catching as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
