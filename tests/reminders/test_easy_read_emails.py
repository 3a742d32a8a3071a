"""Easy read emails (issue 19, part 2): every kind of reminder and notice has an easy read
version, sent to people who chose easy read, in short sentences with one idea each."""

import re

import pytest
from django.core import mail
from django.template.loader import get_template

from accessibility.models import AccessProfile
from expenses import services
from expenses.models import PayoutItem
from reminders.kinds import KINDS
from reminders.services import reminders_tick
from tests.expenses.helpers import a_batch, submitted_claim

pytestmark = pytest.mark.django_db

# Easy read guidance (Mencap, the Department of Health's "Making written information easier to
# understand"): short sentences, about 10 to 15 words; docs/readability.md.
LONGEST_EASY_READ_SENTENCE = 15
_INCLUDE = re.compile(r'{%\s*include\s+"([^"]+)"')


def _source(name: str) -> str:
    """A template's source with the source of the templates it includes."""
    source = get_template(name).template.source
    return source + "".join(_source(included) for included in _INCLUDE.findall(source))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_of_email_has_an_easy_read_version(kind):
    for part in ("txt", "html"):
        assert "easy_read" in _source(f"reminders/email/{kind}.{part}"), (kind, part)


def _sentences(body: str, leave_out: str) -> list[str]:
    """The body's sentences, without the link lines and the words someone typed."""
    lines = [
        line
        for line in body.splitlines()
        if line.strip() and "http" not in line and leave_out not in line
    ]
    return [s for s in re.split(r"(?<=[.?!:])\s+", " ".join(lines)) if s.strip()]


def _easy_read(user):
    AccessProfile.objects.update_or_create(user=user, defaults={"format": "easy_read"})


def _longest(sentences):
    return max(len(s.split()) for s in sentences)


@pytest.mark.parametrize("reject", [False, True])
def test_a_claim_sent_back_or_turned_down_is_told_in_easy_read(cast, reject):
    _easy_read(cast.person)
    claim = submitted_claim(cast)
    services.claim_send_back(claim=claim, by=cast.facilitator, reason="No ticket.", reject=reject)
    reminders_tick()
    [message] = [m for m in mail.outbox if m.to == [cast.person.email]]
    expected = "We said no to your claim." if reject else "Your claim needs a change."
    assert expected in message.body
    assert message.subject == ("We said no to your claim" if reject else "Please change your claim")
    [(html, _mimetype)] = message.alternatives
    assert f"<p>{expected}</p>" in html
    assert _longest(_sentences(message.body, "No ticket.")) <= LONGEST_EASY_READ_SENTENCE


def test_a_failed_payment_is_told_in_easy_read_and_in_standard_english_to_others(cast):
    _easy_read(cast.person)
    batch = a_batch(cast)
    services.payout_item_fail(
        item=PayoutItem.objects.get(batch=batch), by=cast.outsider, reason="Account closed."
    )
    reminders_tick()
    [message] = [m for m in mail.outbox if m.to == [cast.person.email]]
    assert "The payment did not work." in message.body
    assert "Ask to be paid again." in message.body
    assert _longest(_sentences(message.body, "Account closed.")) <= LONGEST_EASY_READ_SENTENCE
