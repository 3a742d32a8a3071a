"""The charter every project starts from: the sections, and our own words for each.

The four principles (equality, diversity, accessibility, reciprocity) come from SCIE's guide to
co-production; the second part is how a group agrees to work. Each project's members change the
words to suit them; the sections themselves are fixed, so comments can point at one and versions
can be compared section by section.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from coproduce.bilingual import WELSH

PRINCIPLES = _("Our principles")
WORKING_TOGETHER = _("How we work together")


@dataclass(frozen=True)
class Section:
    key: str
    part: str
    title: str
    text: str
    easy_read: str


SECTIONS = [
    Section(
        "equality",
        PRINCIPLES,
        _("Equality: everyone brings something"),
        _(
            "Nobody in this group matters more than anybody else. People who draw on care and "
            "support, carers and staff each bring skills, knowledge and time, and we value all "
            "of them.\n\n"
            "Knowing more about a subject, or having a senior job, does not give anyone a "
            "bigger say. Staff will share power, not just ask for opinions.\n\n"
            "We will take time to get to know each other, even when there is pressure to get "
            "things done quickly."
        ),
        _(
            "Everyone in the group is equal.\n\n"
            "Everyone is good at something.\n\n"
            "Staff do not get a bigger say because of their job.\n\n"
            "We take time to get to know each other."
        ),
    ),
    Section(
        "diversity",
        PRINCIPLES,
        _("Diversity: everyone is welcome"),
        _(
            "We want the group to include the people the work affects, especially people who "
            "are often left out. We will go and find them, not wait for them to find us.\n\n"
            "People are not just one thing. We will not expect one person to speak for everyone "
            "who shares something with them.\n\n"
            "We will listen to views that are hard to hear, and we will not leave anyone out "
            "for disagreeing."
        ),
        _(
            "We want all kinds of people in the group.\n\n"
            "We ask people who are often left out to join us.\n\n"
            "Nobody has to speak for everyone like them.\n\n"
            "It is OK to disagree. Nobody is left out for saying what they think."
        ),
    ),
    Section(
        "accessibility",
        PRINCIPLES,
        _("Accessibility: everyone can take part"),
        _(
            "Everyone should be able to take part fully, in the way that suits them. We will "
            "ask what each person needs and arrange it before meetings, not on the day.\n\n"
            "We will send papers in good time and in the formats people ask for, such as easy "
            "read or large print. We will avoid jargon, and explain any words we have to use.\n\n"
            "We will plan enough time: for breaks, for reading, and for the work itself."
        ),
        _(
            "Tell us what help you need to take part.\n\n"
            "We will sort it out before the meeting.\n\n"
            "We send papers early, in a way you can read.\n\n"
            "We use plain words.\n\n"
            "We have breaks."
        ),
    ),
    Section(
        "reciprocity",
        PRINCIPLES,
        _("Reciprocity: everyone gets something back"),
        _(
            "People who give their time should get something back: payment, new skills, "
            "experience, or the chance to see their ideas used.\n\n"
            "We will tell people what came of their ideas, including when something could not "
            "be done, and why.\n\n"
            "Everyone in the group has responsibilities to the others, and we all share the "
            "aims of the project."
        ),
        _(
            "If you give your time, you get something back.\n\n"
            "This could be money, or learning new things.\n\n"
            "We tell you what happened to your ideas.\n\n"
            "We all look after each other."
        ),
    ),
    Section(
        "meetings",
        WORKING_TOGETHER,
        _("Meetings"),
        _(
            "We will agree meeting times and places together, and offer ways to join in person, "
            "online or by phone.\n\n"
            "Every meeting has an agenda sent in advance, planned breaks, and a short note "
            "afterwards of what was agreed.\n\n"
            "We will let everyone speak, one at a time, and the person chairing will make sure "
            "quieter voices are heard."
        ),
        _(
            "We choose meeting times together.\n\n"
            "You can come in person, online or by phone.\n\n"
            "You get the plan for the meeting before it starts.\n\n"
            "Everyone gets a turn to speak."
        ),
    ),
    Section(
        "decisions",
        WORKING_TOGETHER,
        _("Making decisions"),
        _(
            "Decisions about the project are made together, at the start and all the way "
            "through, not made first and explained afterwards.\n\n"
            "We will try to agree. When we cannot, we will say how we will decide before we "
            "decide it, and write down the reasons.\n\n"
            "If a decision has to be made outside the group, we will say who made it and why."
        ),
        _(
            "We make decisions together.\n\n"
            "We do not decide things first and tell you later.\n\n"
            "If we cannot agree, we say how we will decide.\n\n"
            "We write down why we decided."
        ),
    ),
    Section(
        "payment",
        WORKING_TOGETHER,
        _("Payment and expenses"),
        _(
            "Before anyone starts, we will tell them what they will be offered for their time "
            "and how it is paid.\n\n"
            "Nobody should be out of pocket. We will pay expenses quickly, or in advance when "
            "that helps.\n\n"
            "Anyone can turn down a payment, take less, or ask for it to go somewhere else, for "
            "example because of their benefits. That choice is private and respected."
        ),
        _(
            "We tell you about money before you start.\n\n"
            "You should not lose money by helping us.\n\n"
            "We pay you back quickly.\n\n"
            "You can say no to being paid. That is your choice."
        ),
    ),
    Section(
        "confidentiality",
        WORKING_TOGETHER,
        _("Confidentiality and respect"),
        _(
            "What people share about their own lives stays in the group unless they say it "
            "can be shared.\n\n"
            "Information about people's access needs is only seen by those who need it to "
            "make arrangements, and only with that person's agreement.\n\n"
            "We treat each other with respect, in meetings and outside them. If something goes "
            "wrong, anyone can raise it with the facilitator, or with anyone else in the group "
            "they trust."
        ),
        _(
            "What you tell us about your life stays private.\n\n"
            "We only share it if you say yes.\n\n"
            "We are kind and polite to each other.\n\n"
            "If something is wrong, tell someone you trust."
        ),
    ),
]

SECTION_KEYS = [section.key for section in SECTIONS]
# A section's words in Welsh, beside "text" and "easy_read" (coproduce/bilingual.py).
WELSH_WORDS = ("text_cy", "easy_read_cy")


def starting_draft() -> dict[str, dict[str, str]]:
    """A new charter's draft: every section in the template's words, in English and in Welsh
    (`text_cy`, `easy_read_cy`: coproduce/bilingual.py), whoever starts it."""
    draft = {}
    for s in SECTIONS:
        with translation.override(settings.LANGUAGE_CODE):
            draft[s.key] = {"text": str(s.text), "easy_read": str(s.easy_read)}
        with translation.override(WELSH):
            draft[s.key].update(text_cy=str(s.text), easy_read_cy=str(s.easy_read))
    return draft
