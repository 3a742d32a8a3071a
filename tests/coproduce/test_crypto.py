"""Encryption at rest, and changing its key (docs/operations.md): data written with the old key
reads once a new key is listed first, and `reencrypt_fields` moves every encrypted column to the
new key, after which the old key can go."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from accessibility.models import AccessProfile
from coproduce import crypto
from coproduce.management.commands.reencrypt_fields import encrypted_fields
from expenses.models import PaymentChoice
from tests.base import make_user
from tests.expenses.helpers import bank_choice

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


@pytest.fixture
def keys(settings):
    def use(*keys):
        settings.FIELD_ENCRYPTION_KEYS = list(keys)
        crypto._fernet.cache_clear()

    yield use
    crypto._fernet.cache_clear()


def test_it_round_trips_text_without_storing_it_plainly(keys):
    keys(Fernet.generate_key().decode())
    token = crypto.encrypt("needs a BSL interpreter")
    assert "BSL" not in token
    assert crypto.decrypt(token) == "needs a BSL interpreter"


def test_a_rotated_key_still_reads_old_text(keys):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    keys(old)
    token = crypto.encrypt("quiet room")
    keys(new, old)
    assert crypto.decrypt(token) == "quiet room"


def test_the_wrong_key_fails_loudly_instead_of_showing_garbage(keys):
    keys(Fernet.generate_key().decode())
    token = crypto.encrypt("quiet room")
    keys(Fernet.generate_key().decode())
    with pytest.raises(ImproperlyConfigured, match="FIELD_ENCRYPTION_KEYS"):
        crypto.decrypt(token)


def _stored(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608 (names from this file)
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db
def test_old_data_reads_after_a_new_key_and_the_command_moves_it_to_the_new_key(keys, capsys):
    keys(OLD)
    person = make_user("pat")
    bank_choice(person)
    AccessProfile.objects.create(user=person, own_words="Quiet room, please")

    keys(NEW, OLD)  # the new key first, the old one kept
    assert PaymentChoice.objects.get(user=person).account_number == "00733446"
    assert AccessProfile.objects.get(user=person).own_words == "Quiet room, please"
    old_only = Fernet(OLD)
    for token in _stored("expenses_paymentchoice", "account_number"):
        assert old_only.decrypt(token.encode()) == b"00733446"  # not yet moved

    call_command("reencrypt_fields")
    assert "expenses.PaymentChoice: 1 rows re-encrypted" in capsys.readouterr().out
    new_only = Fernet(NEW)
    for token in _stored("expenses_paymentchoice", "account_number"):
        assert new_only.decrypt(token.encode()) == b"00733446"
    for token in _stored("accessibility_accessprofile", "own_words"):
        assert new_only.decrypt(token.encode()) == b"Quiet room, please"

    keys(NEW)  # the old key dropped: everything still reads
    assert PaymentChoice.objects.get(user=person).account_number == "00733446"
    assert AccessProfile.objects.get(user=person).own_words == "Quiet room, please"


def test_every_encrypted_column_is_covered():
    covered = {model._meta.label: names for model, names in encrypted_fields()}
    bank = ["account_name", "sort_code", "account_number"]
    assert covered == {
        "accessibility.AccessProfile": ["own_words", "phone", "postal_address"],
        "accessibility.ProfileNeed": ["own_words"],
        "accessibility.Arrangement": ["note"],
        "reviews.Draft": ["values"],
        "reviews.SealedBallot": ["sealed"],
        "expenses.PaymentChoice": bank,
        "expenses.PayoutItem": bank,
    }
