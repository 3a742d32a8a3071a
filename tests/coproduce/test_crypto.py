import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from coproduce import crypto


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
