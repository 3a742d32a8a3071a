"""Small pieces of access-needs information on the projects app's meeting pages, so those
pages need only one line each to show them."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext

from coproduce.templatetags.bidi import bdi
from outcomes.figures_cache import open_essential_counts
from projects.access import Can

from ..models import SHARED_LEVELS, Arrangement, ArrangementStatus, Importance, SharingConsent
from ..scheduling import mismatches

register = template.Library()

# Stands for a person's reference in a link reversed once (references are hexadecimal).
REF = "REF"


@register.inclusion_tag("accessibility/_meeting_access.html", takes_context=True)
def meeting_access(context, meeting):
    """For facilitators: how many essential needs are not yet dealt with, a link to the plan,
    and what members asked for that the meeting does not give (counts only, so not a view of
    anyone's needs). For the person: what was arranged for them at this meeting."""
    access, user = context["access"], context["request"].user
    panel = {"meeting": meeting, "project": access.project}
    if access.can(Can.VIEW_SHARED_ACCESS_NEEDS):
        open_essential = open_essential_counts([meeting])[meeting.pk]
        panel.update(show_plan=True, open_essential=open_essential)
    if access.can(Can.SCHEDULE_MEETINGS) and not (meeting.is_past or meeting.cancelled_at):
        panel["mismatches"] = mismatches(meeting)
    panel["mine"] = list(
        Arrangement.objects.filter(meeting=meeting, person=user).select_related("need")
    )
    if not panel["mine"] and access.can(Can.SHARE_ACCESS_NEEDS):
        # An invitation to share, for members who share nothing with the project yet.
        panel["invite_to_share"] = not SharingConsent.objects.filter(
            user=user, project=access.project, level__in=SHARED_LEVELS
        ).exists()
    return panel


@register.inclusion_tag("accessibility/_unarranged_meetings.html", takes_context=True)
def unarranged_meetings(context, meetings):
    """For facilitators: the upcoming meetings with essential needs not yet dealt with."""
    access = context["access"]
    if not access.can(Can.ARRANGE_ACCESS):
        return {"flagged": []}
    meetings = [meeting for meeting in meetings if not meeting.cancelled_at]
    counts = open_essential_counts(meetings)
    return {"flagged": [(m, counts[m.pk]) for m in meetings if counts[m.pk]]}


@register.simple_tag(takes_context=True)
def plan_sections(context, sections, paged):
    """A meeting's access plan, need by need: each need's heading, counts and table of `page`,
    the people shown (`sections` holds (item, page) pairs); `paged` when the page shows one
    need 25 people at a time, otherwise each need links to all its people when it has more.

    Written by Python rather than a template loop: a big meeting's plan shows about 30 needs
    and 150 rows, and drawing them through the template engine (a reversed link, translated
    cells and isolated names each) was most of that page's time at council scale
    (docs/performance.md)."""
    access = context["access"]
    words = {
        "yes": gettext("Yes"),
        "unanswered": gettext("Not answered yet"),
        "not_arranged": gettext("Not arranged"),
        "update": gettext("Update"),
        **{value: str(text) for value, text in Importance.choices},
        **{value: str(text) for value, text in ArrangementStatus.choices},
    }
    head = format_html_join(
        "",
        '<th scope="col" class="govuk-table__header">{}</th>',
        (
            (gettext("Who"),),
            (gettext("Coming?"),),
            (gettext("How important"),),
            (gettext("Arranged?"),),
            (format_html('<span class="govuk-visually-hidden">{}</span>', gettext("Action")),),
        ),
    )
    may_arrange = access.can(Can.ARRANGE_ACCESS)
    link_args = [access.project.pk, context["meeting"].pk]
    return format_html_join(
        "",
        "{}",
        (
            (_plan_section(item, page, paged, words, head, may_arrange and link_args),)
            for item, page in sections
        ),
    )


def _plan_section(item, page, paged, words, head, link_args):
    label = item.need.shown_label
    title = label
    if paged and page.has_other_pages():
        title = format_html(
            "{} {}",
            label,
            gettext("(page %(number)s of %(total)s)")
            % {"number": page.number, "total": page.paginator.num_pages},
        )
    people = len(item.entries)
    counts = ngettext("%(counter)s person", "%(counter)s people", people) % {"counter": people}
    if item.essential_count:
        counts += ", " + ngettext(
            "essential for %(counter)s", "essential for %(counter)s", item.essential_count
        ) % {"counter": item.essential_count}
    coming, unanswered = item.coming_count, item.unanswered_count
    said_yes = ngettext("%(counter)s said yes", "%(counter)s said yes", coming)
    not_answered = ngettext(
        "%(counter)s has not answered yet", "%(counter)s have not answered yet", unanswered
    )
    counts += f": {said_yes % {'counter': coming}}, {not_answered % {'counter': unanswered}}"
    more = ""
    if not paged and page.has_next():
        more = format_html(
            '<p class="govuk-body"><a class="govuk-link" href="?need={}">{}</a></p>',
            item.need.pk,
            ngettext("All %(counter)s person: %(need)s", "All %(counter)s people: %(need)s", people)
            % {"counter": people, "need": label},
        )
    # The links differ only in the person's reference: reversed once for the table.
    link = link_args and reverse("arrangement-edit", args=[*link_args, item.need.pk, REF])
    return format_html(
        '<h2 class="govuk-heading-m">{}</h2><p class="govuk-body">{}</p>'
        '<div class="app-table-scroll" role="region" aria-label="{}" tabindex="0">'
        '<table class="govuk-table">'
        '<caption class="govuk-table__caption govuk-visually-hidden">{}</caption>'
        '<thead class="govuk-table__head"><tr class="govuk-table__row">{}</tr></thead>'
        '<tbody class="govuk-table__body">{}</tbody></table></div>{}',
        title,
        counts,
        label,
        label,
        head,
        format_html_join("", "{}", ((_plan_row(entry, words, label, link),) for entry in page)),
        more,
    )


def _plan_row(entry, words, label, link):
    who = bdi(entry.who)
    importance = words.get(entry.importance, entry.importance)
    if entry.own_words:
        who = format_html('{}<br><span class="govuk-hint">{}</span>', who, bdi(entry.own_words))
    arrangement = entry.arrangement
    if arrangement:
        arranged = words.get(arrangement.status, arrangement.status)
        if arrangement.note:
            arranged = format_html(
                '{}<br><span class="govuk-hint">{}</span>', arranged, bdi(arrangement.note)
            )
    else:
        colour = "red" if entry.essential else "grey"
        arranged = format_html(
            '<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, words["not_arranged"]
        )
    action = ""
    if link:
        action = format_html(
            '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden">'
            " {}, {}, {}</span></a>",
            link.replace(REF, entry.ref),
            words["update"],
            label,
            bdi(entry.who),
            importance,
        )
    return format_html(
        '<tr class="govuk-table__row"><td class="govuk-table__cell">{}</td>'
        '<td class="govuk-table__cell">{}</td><td class="govuk-table__cell">{}</td>'
        '<td class="govuk-table__cell">{}</td><td class="govuk-table__cell">{}</td></tr>',
        who,
        words["yes"] if entry.coming else words["unanswered"],
        importance,
        arranged,
        action,
    )
