"""The starting catalogue of access needs, grouped by situation.

Loaded by a data migration (0002) and by tests that flush the database. Site staff extend and
reword it in the admin afterwards; loading again adds what is missing and changes nothing else.
The wording follows access riders and the NHS Reasonable Adjustment flag: what helps, never why.

The wording is stored in English and marked for translation (`_` here is gettext_noop), so
it shows in the reader's language (`in_reader_language`); words site staff changed have no
translation and show as they wrote them.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

CATALOGUE = [
    (
        "getting-there",
        _("Getting there"),
        _("What helps you get to a meeting?"),
        [
            ("transport", _("Transport arranged or paid for"), _("A taxi or community transport.")),
            (
                "step-free",
                _("Step-free access"),
                _("No steps or stairs between the street and room."),
            ),
            ("parking", _("Parking close to the door"), _("A blue badge space or drop-off point.")),
            (
                "meet-on-arrival",
                _("Someone to meet me on arrival"),
                _("At the door or the station."),
            ),
        ],
    ),
    (
        "venue",
        _("The venue"),
        _("What helps you at the venue?"),
        [
            (
                "quiet-room",
                _("A quiet room to take a break"),
                _("Somewhere calm to go at any time."),
            ),
            ("lighting", _("Soft or adjustable lighting"), _("No bright or flickering lights.")),
            (
                "accessible-toilet",
                _("An accessible toilet"),
                _("On the same floor as the meeting."),
            ),
            ("hearing-loop", _("A hearing loop"), _("Working, and switched on.")),
            (
                "seating",
                _("A particular seat or chair"),
                _("For example near the door, or with arms."),
            ),
        ],
    ),
    (
        "online",
        _("Online sessions"),
        _("What helps you take part online?"),
        [
            ("camera-off", _("Keeping my camera off"), _("Without being asked to turn it on.")),
            ("captions", _("Live captions"), _("Turned on for every session.")),
            ("phone-instead", _("Joining by phone instead of video"), _("A dial-in number.")),
            ("shorter-calls", _("Shorter calls"), _("An hour at most.")),
        ],
    ),
    (
        "documents",
        _("Documents and formats"),
        _("What helps you with papers and documents?"),
        [
            ("easy-read", _("Easy read"), _("Short sentences with pictures.")),
            ("large-print", _("Large print"), _("At least 16 point.")),
            (
                "coloured-paper",
                _("Coloured paper"),
                _("Printed on a colour that is easier to read."),
            ),
            (
                "papers-early",
                _("Papers sent well before"),
                _("At least 7 days before the meeting."),
            ),
            (
                "screen-reader",
                _("Documents that work with a screen reader"),
                _("Not scanned images."),
            ),
        ],
    ),
    (
        "communication",
        _("Communication"),
        _("What helps with communication?"),
        [
            ("bsl", _("A British Sign Language interpreter"), _("Booked for the whole meeting.")),
            ("other-interpreter", _("Another interpreter"), _("For a spoken or signed language.")),
            ("plain-words", _("Plain words, no jargon"), _("And acronyms explained.")),
            ("nudge", _("A nudge if I have not replied"), _("A phone call or message.")),
            ("time-to-speak", _("Time to answer"), _("Not being rushed or talked over.")),
        ],
    ),
    (
        "timing",
        _("Timing and breaks"),
        _("What helps with timing and breaks?"),
        [
            (
                "time-of-day",
                _("Meetings at a certain time of day"),
                _("For example not before 10am."),
            ),
            ("breaks", _("Regular breaks"), _("For example 10 minutes every hour.")),
            ("shorter-sessions", _("Shorter sessions"), _("Two hours at most.")),
        ],
    ),
    (
        "support",
        _("A support person or personal assistant (PA)"),
        _("Do you come with someone?"),
        [
            (
                "pa-attends",
                _("My personal assistant (PA) or carer comes with me"),
                _("They need a place and expenses too."),
            ),
            ("assistance-dog", _("My assistance dog comes with me"), _("With water and space.")),
        ],
    ),
    (
        "emergency",
        _("In an emergency"),
        _("What should people know in an emergency?"),
        [
            ("evacuation", _("Help to leave the building"), _("A personal evacuation plan.")),
            ("emergency-contact", _("Someone to contact"), _("Kept by the facilitator.")),
        ],
    ),
]


def in_reader_language(words: str) -> str:
    """The catalogue's words in the current language (gettext("") would be the catalogue's
    header, so empty stays empty)."""
    return gettext(words) if words else words


def load(need_group_model, need_model) -> None:
    """Create the groups and needs that do not exist yet (by code). Takes the model classes so
    that the data migration can pass its historical models."""
    for group_order, (code, title, question, needs) in enumerate(CATALOGUE):
        group, _created = need_group_model.objects.get_or_create(
            code=code, defaults={"title": title, "question": question, "order": group_order}
        )
        for order, (need_code, label, description) in enumerate(needs):
            need_model.objects.get_or_create(
                code=need_code,
                defaults={
                    "group": group,
                    "label": label,
                    "description": description,
                    "order": order,
                },
            )
