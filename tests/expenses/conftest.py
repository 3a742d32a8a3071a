import pytest


@pytest.fixture
def originator(settings):
    """The paying account's Bacs settings, so that files can be made."""
    settings.BACS_ORIGINATOR_SORT_CODE = "401234"
    settings.BACS_ORIGINATOR_ACCOUNT = "12345678"
    settings.BACS_ORIGINATOR_NAME = "Coproduce Council"
    settings.BACS_ORIGINATOR_SERVICE_USER_NUMBER = "123456"
