"""A confirmed record of contribution as a PDF, with fpdf2 and the DejaVu fonts shipped in
contributions/fonts (so names in any Latin, Greek or Cyrillic script print, and nothing is
downloaded or looked up on the machine)."""

from datetime import date
from pathlib import Path

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from fpdf import FPDF

from .models import ContributionRecord

FONTS = Path(__file__).parent / "fonts"


def _day(day: date) -> str:
    return date_format(day, "j F Y")


def record_pdf(record: ContributionRecord) -> bytes:
    facts = record.facts
    pdf = FPDF(format="A4")
    pdf.set_title(_("Record of contribution"))
    pdf.set_author("Coproduce")
    # The document's language, for screen readers: the reader's (English or Welsh).
    pdf.set_lang(get_language())
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def line(text: str, size: int = 12, bold: bool = False, gap: float = 2) -> None:
        pdf.set_font("DejaVu", "B" if bold else "", size)
        pdf.multi_cell(width, size * 0.5, text)
        pdf.ln(gap)

    line(_("Record of contribution"), 20, bold=True, gap=6)
    line(record.person.get_full_name() or record.person.display_name, 16, bold=True)
    line(facts["title"], 14)
    line(_("Role: %(roles)s") % {"roles": facts["roles"]})
    since = _("Member since %(date)s") % {"date": _day(record.joined_on)}
    if record.left_on:
        since += ", " + _("until %(date)s") % {"date": _day(record.left_on)}
    line(since)
    line(
        _("Meetings attended: %(count)s. Hours given: %(hours)s.")
        % {"count": len(facts["meetings"]), "hours": facts["hours"]},
        gap=4,
    )
    if facts["meetings"]:
        line(_("Meetings"), 14, bold=True)
        for day, title in record.meetings:
            line(f"{_day(day)}: {title}", 11, gap=1)
        pdf.ln(4)
    line(
        _("Confirmed on %(date)s by %(name)s, facilitator of the project.")
        % {
            "date": date_format(record.confirmed_at, "j F Y"),
            "name": record.confirmed_by.get_full_name() if record.confirmed_by else "",
        },
        10,
    )
    line(
        _(
            "This record states facts from the project's own records: the meetings this person "
            "attended and the time they gave. It says nothing about their health, access needs "
            "or benefits."
        ),
        10,
    )
    return bytes(pdf.output())
