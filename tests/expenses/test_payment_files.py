"""Payment files need the password or the authenticator again (issue 17, part 3): downloading
a batch's Bacs or CSV file, or the export of all payments, at /finance/ asks for it unless it
was given in the last 5 minutes, and each download is in the audit trail once."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, Entry
from tests.base import PASSWORD
from tests.expenses.helpers import a_batch

pytestmark = pytest.mark.django_db


@pytest.fixture
def originator(settings):
    settings.BACS_ORIGINATOR_SORT_CODE = "401234"
    settings.BACS_ORIGINATOR_ACCOUNT = "12345678"
    settings.BACS_ORIGINATOR_NAME = "Coproduce Council"
    settings.BACS_ORIGINATOR_SERVICE_USER_NUMBER = "123456"


def _file(batch, file_format):
    return reverse("finance-batch-download", args=[batch.pk, file_format])


@pytest.mark.parametrize("file_format", ["bacs", "csv"])
def test_a_payment_file_asks_for_the_password_again_then_comes_back_to_the_batch(
    client, cast, officer, originator, file_format
):
    batch = a_batch(cast)
    client.force_login(officer)  # signed in with the app, but not just now
    response = client.get(_file(batch, file_format))
    assert response.status_code == 302
    prompt = response["Location"]
    assert prompt.startswith(reverse("account_reauthenticate"))
    assert not Entry.objects.filter(action=Action.BANK_DETAILS_VIEWED).exists()
    # The password given, the officer is back on the batch's page, where the file downloads.
    back = client.post(prompt, {"password": PASSWORD})
    assert back["Location"] == reverse("finance-batch-detail", args=[batch.pk])
    download = client.get(_file(batch, file_format))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize("method", ["password", "mfa"])
def test_each_download_is_recorded_once_for_each_person_it_pays(
    client, cast, officer, originator, method
):
    batch = a_batch(cast)
    client.force_login(officer)
    client.reauthenticate(officer, method)
    assert client.get(_file(batch, "bacs")).content.startswith(b"VOL1")
    [entry] = Entry.objects.filter(target=f"batch:{batch.pk}").exclude(action=Action.PAYOUT_CHANGED)
    assert (entry.action, entry.actor, entry.subject) == (
        Action.BANK_DETAILS_VIEWED,
        officer,
        cast.person,
    )
    assert entry.detail == "bacs payment file downloaded"


def test_after_5_minutes_the_password_is_asked_for_again(client, cast, officer, originator):
    batch = a_batch(cast)
    client.force_login(officer)
    client.reauthenticate(officer)
    assert client.get(_file(batch, "csv")).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        response = client.get(_file(batch, "csv"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_the_export_of_all_payments_asks_again_and_is_recorded(client, cast, officer):
    a_batch(cast)
    client.force_login(officer)
    response = client.get(reverse("finance-export"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not Entry.objects.filter(action=Action.PAYMENTS_EXPORTED).exists()
    client.reauthenticate(officer)
    assert client.get(reverse("finance-export")).status_code == 200
    assert Entry.objects.get(action=Action.PAYMENTS_EXPORTED).actor == officer
