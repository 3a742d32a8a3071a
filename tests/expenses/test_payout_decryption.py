"""A payout batch reads each person's bank details once, however many of their claims it pays:
the run, and the payment file made from the batch."""

import pytest
from cryptography.fernet import MultiFernet

from expenses import payout_files, services
from expenses.models import PayoutBatch
from tests.expenses.helpers import approved_claim

pytestmark = pytest.mark.django_db

FIELDS = 3  # account name, sort code, account number


@pytest.fixture
def decryptions(monkeypatch):
    count = {"n": 0}
    decrypt = MultiFernet.decrypt

    def counting(self, token, *args, **kwargs):
        count["n"] += 1
        return decrypt(self, token, *args, **kwargs)

    monkeypatch.setattr(MultiFernet, "decrypt", counting)
    return count


@pytest.mark.parametrize("claims_each", [1, 4])
def test_a_batch_decrypts_each_persons_bank_details_once(cast, decryptions, claims_each):
    for _ in range(claims_each):
        for claimant in (cast.person, cast.carer):
            approved_claim(cast, claimant=claimant)
    decryptions["n"] = 0
    [batch_id] = services.payout_run()
    assert decryptions["n"] == 2 * FIELDS
    batch = PayoutBatch.objects.get(pk=batch_id)
    assert batch.item_count == 2 * claims_each

    decryptions["n"] = 0
    credits = payout_files.credits(batch)
    assert decryptions["n"] == 2 * FIELDS
    assert {(c.sort_code, c.account_number) for c in credits} == {("309457", "00733446")}
    assert len(credits) == 2 * claims_each
