"""The `<id:...>` path converter for row ids in URLs.

Django's `<int:...>` takes any number of digits, and an id past the database's integer range
reaches the query: SQLite then raises OverflowError (a 500) where PostgreSQL finds nothing. An id
is at most a signed 64-bit integer on every backend, so a larger one matches no URL: a 404.
"""

from django.urls import register_converter

LARGEST_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > LARGEST_ID:
            raise ValueError(value)
        return number

    def to_url(self, value) -> str:
        return str(int(value))


def register() -> None:
    register_converter(IdConverter, "id")
