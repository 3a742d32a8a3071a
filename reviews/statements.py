"""The default review statements, one set per piece of SCIE's jigsaw model of co-production.

Written in our own words from the recommendations in SCIE's guide "Co-production: what it is
and how to do it" (Culture, Structure, Practice, Review). Each has an easy read version: short
words, one idea. Keys are stable: answers refer to them, and a cycle freezes the text it was
rated on (ReviewCycle.statements), so rewording a default here never changes an old result.
"""

from dataclasses import asdict, dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from coproduce.bilingual import WELSH

from .models import Piece


@dataclass(frozen=True)
class DefaultStatement:
    key: str
    piece: str
    text: str
    easy_read: str


DEFAULTS = [
    # Culture: co-production runs through the whole organisation, on a shared understanding,
    # and the organisation is aware of risk rather than afraid of it.
    DefaultStatement(
        "culture-everywhere",
        Piece.CULTURE,
        _(
            "Working together as equal partners is part of how the whole organisation works, "
            "not just this project."
        ),
        _("Everyone here works with us as equals."),
    ),
    DefaultStatement(
        "culture-shared-meaning",
        Piece.CULTURE,
        _(
            "We all mean the same thing when we say co-production, and we agreed the principles "
            "we work by."
        ),
        _("We agree what co-production means. We agree how we work."),
    ),
    DefaultStatement(
        "culture-benefits",
        Piece.CULTURE,
        _("We know what difference we want this work to make, and we agreed it together."),
        _("We agree what we want to change."),
    ),
    DefaultStatement(
        "culture-risk",
        Piece.CULTURE,
        _(
            "New ideas are tried out with care for the risks, instead of being turned down "
            "because they feel risky."
        ),
        _("We can try new ideas. We think about what could go wrong."),
    ),
    # Structure: everyone involved from the start, valued and paid, resources, a plan for
    # communicating, building on what exists.
    DefaultStatement(
        "structure-from-start",
        Piece.STRUCTURE,
        _(
            "People who draw on care and support and carers were involved from the very start, "
            "before decisions were made."
        ),
        _("We were asked at the start. Not after things were decided."),
    ),
    DefaultStatement(
        "structure-valued",
        Piece.STRUCTURE,
        _("People are thanked, valued and paid fairly for the time and skills they bring."),
        _("We are thanked and paid fairly for our time."),
    ),
    DefaultStatement(
        "structure-resources",
        Piece.STRUCTURE,
        _("There is enough money and time set aside to cover the costs of working together."),
        _("There is enough money and time for this work."),
    ),
    DefaultStatement(
        "structure-communication",
        Piece.STRUCTURE,
        _("We know how discussions and decisions will be shared, and they are shared that way."),
        _("We are told what was talked about and what was decided."),
    ),
    DefaultStatement(
        "structure-build-on",
        Piece.STRUCTURE,
        _("The project builds on groups, networks and resources that already exist locally."),
        _("We use groups and help that are already there."),
    ),
    # Practice: accessible, informed, trained and supported; staff given time; commissioning.
    DefaultStatement(
        "practice-accessible",
        Piece.PRACTICE,
        _(
            "Meetings, papers and ways of taking part are accessible to everyone, and nobody is "
            "left out."
        ),
        _("Everyone can take part. Nobody is left out."),
    ),
    DefaultStatement(
        "practice-information",
        Piece.PRACTICE,
        _("Everyone gets the information they need, in time, to take part in decisions."),
        _("We get the information we need in good time."),
    ),
    DefaultStatement(
        "practice-training",
        Piece.PRACTICE,
        _(
            "Everyone has had training or support in the values of co-production and in the "
            "skills the work needs."
        ),
        _("We get training and support to do this work."),
    ),
    DefaultStatement(
        "practice-staff-time",
        Piece.PRACTICE,
        _("Staff are given the time, resources and freedom to work in this way."),
        _("Staff have time to work with us."),
    ),
    DefaultStatement(
        "practice-community",
        Piece.PRACTICE,
        _("People and community groups get the support they need to be able to take part."),
        _("We get the help we need to take part."),
    ),
    DefaultStatement(
        "practice-commissioning",
        Piece.PRACTICE,
        _(
            "How services are bought and planned (commissioning) expects and supports "
            "co-production."
        ),
        _("The people who pay for services want to work with us."),
    ),
    # Review: regular, co-produced, used for learning, showing impact.
    DefaultStatement(
        "review-regular",
        Piece.REVIEW,
        _(
            "We check regularly whether working together is making a real difference and "
            "whether we keep to our principles."
        ),
        _("We often check if this work makes things better."),
    ),
    DefaultStatement(
        "review-together",
        Piece.REVIEW,
        _("Reviews and evaluations are planned and done together, not only by staff."),
        _("We check how it is going together."),
    ),
    DefaultStatement(
        "review-learning",
        Piece.REVIEW,
        _("What we learn from reviews changes how we work."),
        _("We change things when we learn something."),
    ),
    DefaultStatement(
        "review-impact",
        Piece.REVIEW,
        _("We show the difference this work makes to people's lives, not only what we did."),
        _("We show how this work changes people's lives."),
    ),
]


def default_statements() -> list[dict]:
    """The defaults as plain data, ready to freeze into a cycle: the words in English, and
    in Welsh as `text_cy` and `easy_read_cy`, whatever language the person scheduling it
    reads (coproduce/bilingual.py)."""
    statements = []
    for statement in DEFAULTS:
        with translation.override(settings.LANGUAGE_CODE):
            data = {key: str(value) for key, value in asdict(statement).items()}
        with translation.override(WELSH):
            data.update(text_cy=str(statement.text), easy_read_cy=str(statement.easy_read))
        statements.append(data)
    return statements
