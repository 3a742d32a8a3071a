"""Done when 5: the free text of access needs is encrypted at rest, with a key that is not in
the database, and start-up without a usable key stops with a clear message."""

import pytest
from django.db import connection

from accessibility.models import AccessProfile, Arrangement, ArrangementStatus, Importance
from tests.accessibility.helpers import give_needs
from tests.base import make_meeting
from tests.coproduce.test_settings import _manage
from tests.services import require_postgres

SECRET = "needs two BSL interpreters after 2pm"


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_stored_columns_hold_no_plaintext(cast):
    require_postgres()
    give_needs(cast.person, ("bsl", Importance.ESSENTIAL, SECRET), own_words=SECRET)
    profile = AccessProfile.objects.get(user=cast.person)
    profile.phone, profile.postal_address = "07700 900123", "1 High Street, Leeds"
    profile.save()
    meeting = make_meeting(cast.project)
    Arrangement.objects.create(
        meeting=meeting,
        person=cast.person,
        need=profile.needs.get().need,
        status=ArrangementStatus.ARRANGED,
        note=SECRET,
    )
    columns = {
        "accessibility_accessprofile": ["own_words", "phone", "postal_address"],
        "accessibility_profileneed": ["own_words"],
        "accessibility_arrangement": ["note"],
    }
    with connection.cursor() as cursor:
        for table, names in columns.items():
            cursor.execute(f"SELECT {', '.join(names)} FROM {table}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    assert value.startswith("gAAAA"), (table, value)  # a Fernet token
                    for plain in (SECRET, "BSL", "07700", "High Street"):
                        assert plain not in value
    # ...and the application reads them back.
    assert AccessProfile.objects.get(user=cast.person).own_words == SECRET


def test_start_up_without_the_key_fails_with_a_clear_message():
    result = _manage("check", FIELD_ENCRYPTION_KEYS=None)
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS must be set" in result.stderr


def test_start_up_with_a_malformed_key_fails_with_a_clear_message():
    result = _manage("check", FIELD_ENCRYPTION_KEYS="not-a-key")
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS holds a value that is not a Fernet key" in result.stderr
