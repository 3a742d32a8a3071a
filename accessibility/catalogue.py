"""The starting catalogue of access needs, grouped by situation.

Loaded by a data migration (0002) and by tests that flush the database. Site staff extend and
reword it in the admin afterwards; loading again adds what is missing and changes nothing else.
The wording follows access riders and the NHS Reasonable Adjustment flag: what helps, never why.
"""

CATALOGUE = [
    (
        "getting-there",
        "Getting there",
        "What helps you get to a meeting?",
        [
            ("transport", "Transport arranged or paid for", "A taxi or community transport."),
            ("step-free", "Step-free access", "No steps or stairs between the street and room."),
            ("parking", "Parking close to the door", "A blue badge space or drop-off point."),
            ("meet-on-arrival", "Someone to meet me on arrival", "At the door or the station."),
        ],
    ),
    (
        "venue",
        "The venue",
        "What helps you at the venue?",
        [
            ("quiet-room", "A quiet room to take a break", "Somewhere calm to go at any time."),
            ("lighting", "Soft or adjustable lighting", "No bright or flickering lights."),
            ("accessible-toilet", "An accessible toilet", "On the same floor as the meeting."),
            ("hearing-loop", "A hearing loop", "Working, and switched on."),
            ("seating", "A particular seat or chair", "For example near the door, or with arms."),
        ],
    ),
    (
        "online",
        "Online sessions",
        "What helps you take part online?",
        [
            ("camera-off", "Keeping my camera off", "Without being asked to turn it on."),
            ("captions", "Live captions", "Turned on for every session."),
            ("phone-instead", "Joining by phone instead of video", "A dial-in number."),
            ("shorter-calls", "Shorter calls", "An hour at most."),
        ],
    ),
    (
        "documents",
        "Documents and formats",
        "What helps you with papers and documents?",
        [
            ("easy-read", "Easy read", "Short sentences with pictures."),
            ("large-print", "Large print", "At least 16 point."),
            ("coloured-paper", "Coloured paper", "Printed on a colour that is easier to read."),
            ("papers-early", "Papers sent well before", "At least 7 days before the meeting."),
            ("screen-reader", "Documents that work with a screen reader", "Not scanned images."),
        ],
    ),
    (
        "communication",
        "Communication",
        "What helps with communication?",
        [
            ("bsl", "A British Sign Language interpreter", "Booked for the whole meeting."),
            ("other-interpreter", "Another interpreter", "For a spoken or signed language."),
            ("plain-words", "Plain words, no jargon", "And acronyms explained."),
            ("nudge", "A nudge if I have not replied", "A phone call or message."),
            ("time-to-speak", "Time to answer", "Not being rushed or talked over."),
        ],
    ),
    (
        "timing",
        "Timing and breaks",
        "What helps with timing and breaks?",
        [
            ("time-of-day", "Meetings at a certain time of day", "For example not before 10am."),
            ("breaks", "Regular breaks", "For example 10 minutes every hour."),
            ("shorter-sessions", "Shorter sessions", "Two hours at most."),
        ],
    ),
    (
        "support",
        "A support person or personal assistant (PA)",
        "Do you come with someone?",
        [
            (
                "pa-attends",
                "My personal assistant (PA) or carer comes with me",
                "They need a place and expenses too.",
            ),
            ("assistance-dog", "My assistance dog comes with me", "With water and space."),
        ],
    ),
    (
        "emergency",
        "In an emergency",
        "What should people know in an emergency?",
        [
            ("evacuation", "Help to leave the building", "A personal evacuation plan."),
            ("emergency-contact", "Someone to contact", "Kept by the facilitator."),
        ],
    ),
]


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
