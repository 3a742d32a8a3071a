import pytest

from tests.expenses.helpers import finance_officer


@pytest.fixture
def officer(db):
    """Fiona, a finance officer (the permission, not a project role), with her app."""
    return finance_officer()


@pytest.fixture
def originator(settings):
    """The paying account's Bacs settings, so that files can be made."""
    settings.BACS_ORIGINATOR_SORT_CODE = "401234"
    settings.BACS_ORIGINATOR_ACCOUNT = "12345678"
    settings.BACS_ORIGINATOR_NAME = "Coproduce Council"
    settings.BACS_ORIGINATOR_SERVICE_USER_NUMBER = "123456"
