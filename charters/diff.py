"""What changed between two versions, section by section, word by word.

The result is plain data; the template marks insertions and deletions with <ins> and <del> and
visually hidden words ("added", "removed"), so the change is clear without seeing colour.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

# Words and the spaces between them, kept, so joining the pieces gives back the text.
_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Piece:
    op: str  # "same", "added" or "removed"
    text: str


@dataclass(frozen=True)
class SectionChange:
    title: str
    text: list[Piece]
    easy_read: list[Piece]

    @property
    def changed(self) -> bool:
        return any(p.op != "same" for p in self.text + self.easy_read)


def diff_words(old: str, new: str) -> list[Piece]:
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    pieces = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", "".join(b[j1:j2])))
    return pieces


def diff_versions(old_sections: list[dict], new_sections: list[dict]) -> list[SectionChange]:
    """One entry per section of the newer version (a section missing on one side is empty)."""
    old_by_key = {s["key"]: s for s in old_sections}
    changes = []
    for section in new_sections:
        before = old_by_key.get(section["key"], {})
        changes.append(
            SectionChange(
                title=section["title"],
                text=diff_words(before.get("text", ""), section["text"]),
                easy_read=diff_words(before.get("easy_read", ""), section["easy_read"]),
            )
        )
    return changes
