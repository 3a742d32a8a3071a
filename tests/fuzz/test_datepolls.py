"""Every date poll form, fuzzed through its view (see harness.py)."""

from datepolls.forms import AnswerForm, DatePollForm
from datepolls.models import DateAnswer, DateOption, DatePoll
from tests.datepolls.helpers import day
from tests.fuzz.harness import date_fields, fuzz_form

test_date_poll_create = fuzz_form(
    DatePollForm,
    url="date-poll-create",
    who=lambda cast: cast.facilitator,
    valid={
        "title": "Summer events",
        "note": "At the library",
        **date_fields("date_1", day(10)),
        "start_1": "10:00",
        "end_1": "12:00",
        **date_fields("date_2", day(12)),
        "start_2": "2pm",
        "end_2": "4pm",
    },
    watched=lambda cast: [DatePoll, DateOption],
    saved_text=["title", "note"],
)

test_date_poll_answer = fuzz_form(
    AnswerForm,
    url="date-poll-answer",
    who=lambda cast: cast.person,
    valid={"answer": "yes"},
    watched=lambda cast: [DateAnswer],
)
