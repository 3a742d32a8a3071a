"""The rows of the commissioner's portfolio, written by Python.

A page shows 25 projects, each row about twenty translated phrases, counts, dates and links;
drawn through the template engine they were most of the page's time at council scale
(docs/performance.md). The markup is that of the page's template before
(templates/outcomes/portfolio.html), less the whitespace between tags.
"""

from django import template
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.formats import localize
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext, ngettext

from coproduce.templatetags.bidi import bdi
from projects.models import ProjectStatus

register = template.Library()

# Stands for an id in a link reversed once a page.
ID = 999999999
SMALL = '<span class="govuk-body-s">{}</span>'
LIST = '<ul class="govuk-list govuk-body-s govuk-!-margin-bottom-0">{}</ul>'


@register.simple_tag
def portfolio_rows(rows):
    links = {
        name: reverse(name, args=[ID] * arity).replace(str(ID), "{}")
        for name, arity in (("project-detail", 1), ("impact-report", 1), ("review-results", 2))
    }
    # Each phrase looked up once a page, not once a row.
    words = {
        "status": {value: str(label) for value, label in ProjectStatus.choices},
        "impact": gettext("Impact report"),
        "actions": gettext("%(open)s open, %(overdue)s overdue"),
        "signed": gettext("Signed by %(signed)s of %(members)s members"),
        "in_force": gettext("In force"),
        "not_in_force": gettext("Not in force"),
        "no_meeting": gettext("No meeting planned"),
        "arranged": gettext("%(arranged)s of %(essential)s essential needs arranged"),
        "no_essential": gettext("No essential needs shared"),
        "paid": gettext(
            "Paid in %(days)s working days (median); %(percent)s%% by the date promised"
        ),
        "none_paid": gettext("Nothing paid in the last 90 days"),
        "no_review": gettext("No review has closed yet"),
        "closed": gettext("%(title)s, closed %(date)s"),
        "hidden_gap": gettext("cannot be shown"),
        "no_ladder": gettext("Not assessed yet"),
        "hidden_step": gettext("not shown"),
    }
    return format_html_join("", "{}", ((_row(row, links, words),) for row in rows))


def _row(row, links, words):
    project = row.project
    title = bdi(project.title)
    return format_html(
        '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
        '<a class="govuk-link" href="{}">{}</a><br><span class="govuk-body-s">{}</span>'
        '<br><a class="govuk-link govuk-body-s" href="{}">{}'
        '<span class="govuk-visually-hidden">: {}</span></a></th>'
        + '<td class="govuk-table__cell">{}</td>' * 6
        + "</tr>",
        links["project-detail"].format(project.pk),
        title,
        words["status"].get(project.status, project.status),
        links["impact-report"].format(project.pk),
        words["impact"],
        title,
        _charter(row, words),
        _access(row, words),
        _money(row, words),
        _review(row, links, words),
        words["actions"] % {"open": project.actions_open, "overdue": project.actions_overdue},
        _ladder(row, words),
    )


def _charter(row, words):
    project = row.project
    signed = words["signed"] % {
        "signed": project.charter_signed,
        "members": project.member_count,
    }
    state = words["in_force"] if row.charter_in_force else words["not_in_force"]
    return format_html("{}<br>" + SMALL, state, signed)


def _access(row, words):
    if not row.next_meeting:
        return words["no_meeting"]
    if row.access_essential:
        ready = words["arranged"] % {
            "arranged": row.access_arranged,
            "essential": row.access_essential,
        }
    else:
        ready = words["no_essential"]
    day = date_format(localtime(row.next_meeting.starts_at), "j F Y")
    return format_html("{}<br>" + SMALL, ready, day)


def _money(row, words):
    waiting = row.project.claims_waiting
    claims = ngettext("%(counter)s claim waiting", "%(counter)s claims waiting", waiting) % {
        "counter": waiting
    }
    if row.pay.paid:
        pay = words["paid"] % {
            "days": localize(row.pay.median_working_days),
            "percent": localize(row.pay.on_time_percent),
        }
    else:
        pay = words["none_paid"]
    return format_html("{}<br>" + SMALL, claims, pay)


def _review(row, links, words):
    cycle = row.cycle
    if not cycle:
        return words["no_review"]
    # The title and date may come in either order in a translation: placed after escaping.
    closed = escape(words["closed"]) % {
        "title": bdi(cycle.title),
        "date": date_format(cycle.closes_on, "j M Y"),
    }
    link = format_html(
        '<a class="govuk-link govuk-body-s" href="{}">{}</a>',
        links["review-results"].format(row.project.pk, cycle.pk),
        mark_safe(closed),  # noqa: S308 - the phrase and its values are escaped above
    )
    pieces = format_html_join("", "<li><strong>{}:</strong> {}</li>", _pieces(row.pieces, words))
    return format_html("{}" + LIST, link, pieces)


def _pieces(pieces, words):
    for piece in pieces:
        if not piece.gap:
            yield piece.label, words["hidden_gap"]
            continue
        gap = f"{piece.gap.label} ({localize(piece.gap.difference)})"
        if piece.direction:
            gap = f"{gap}, {piece.direction_words}"
        yield piece.label, gap


def _ladder(row, words):
    if not row.cycle:
        return words["no_ladder"]
    shown = words["hidden_step"]
    return format_html(
        LIST,
        format_html_join(
            "", "<li>{}: {}</li>", ((label, step or shown) for label, step in row.ladder_by_group)
        ),
    )
