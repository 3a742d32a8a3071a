import pytest

from tests.expenses.helpers import finance_officer


@pytest.fixture
def officer(db):
    """Fiona, a finance officer (the permission, not a project role), with her app."""
    return finance_officer()
