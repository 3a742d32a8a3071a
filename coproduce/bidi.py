"""Text in every script beside the portal's English: bidirectional isolation of user text.

A name, title or note in Arabic, Urdu or Hebrew runs right to left. Dropped into an English
sentence it can pull the neighbouring punctuation and words into its own direction, so that
"Fred changed <an Arabic name>'s role" reads back to front, and a stray direction control
character in what someone typed could reorder the rest of the line. Isolation keeps user text
to itself:

- HTML (pages and HTML emails): `{{ name|bdi }}` wraps the text in `<bdi>`, which takes its
  direction from its own first strong letter and never affects what is around it. For a block
  (a paragraph, a table cell of notes), `dir="auto"` on the element does the same.
- Plain text (text emails, subjects, SMS, calendar files): `{{ name|isolate }}` puts U+2068
  FIRST STRONG ISOLATE before the text and U+2069 POP DIRECTIONAL ISOLATE after it, the plain
  text equivalent of `<bdi>`.

Both only where it helps: in the portal's left-to-right pages and messages, text written left
to right, with no direction controls, can neither be reordered nor reorder its neighbours, so
it comes back unchanged: most pages and messages are byte for byte what they were, and nothing
invisible reaches a reader whose text needs no isolating.
"""

import unicodedata

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"

# Right-to-left letters and digits, and the explicit direction controls (embeddings,
# overrides, isolates, and the marks) that could reorder the text around them.
_NEEDS_ISOLATION = {"R", "AL", "AN", "LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}
_MARKS = {"\u200e", "\u200f", "\u061c"}


def needs_isolation(text: str) -> bool:
    """Whether `text`, shown inside left-to-right English, could change how it reads."""
    if text.isascii():
        # No ASCII character is right to left or a direction control; and CPython knows a
        # string is ASCII without reading it, where the loop below looks up every character.
        return False
    return any(
        char in _MARKS or unicodedata.bidirectional(char) in _NEEDS_ISOLATION for char in text
    )


def isolate(text) -> str:
    """`text` between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, where it needs them."""
    text = "" if text is None else str(text)
    if not needs_isolation(text):
        return text
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
