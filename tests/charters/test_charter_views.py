"""The charter pages: reading, drafting, commenting, publishing, comparing and printing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import dateformat, timezone
from pytest_django.asserts import assertInHTML

from charters import services
from charters.models import CharterVersion, Comment
from projects.models import Membership, Role
from tests.base import add_member, make_project
from tests.charters.helpers import publish, sign_all

# Some tests read the form or the page's facts from response.context.
pytestmark = pytest.mark.usefixtures("recorded_templates")


def _url(name, cast, *args):
    return reverse(name, args=[cast.project.pk, *args])


def test_before_anything_is_published_the_charter_page_points_at_the_draft(client, cast):
    client.force_login(cast.person)
    page = client.get(_url("charter-detail", cast)).text
    assert "No version of the charter has been published yet" in page
    assert _url("charter-draft", cast) in page


def test_the_draft_starts_from_the_template_with_its_easy_read_words(client, cast):
    client.force_login(cast.carer)
    page = client.get(_url("charter-draft", cast)).text
    for heading in ["Our principles", "Equality: everyone brings something", "Payment"]:
        assert heading in page
    assert "Everyone in the group is equal." in page  # easy read
    assert "Edit the draft" not in page  # a carer comments but does not edit


def test_a_facilitator_edits_the_draft(client, cast):
    client.force_login(cast.facilitator)
    url = _url("charter-draft-edit", cast)
    data = {
        field.html_name: field.initial
        for field in client.get(url).context["form"]
        if field.initial is not None
    }
    data["payment-text"] = "We pay everyone on the day, in cash if they like."
    response = client.post(url, data)
    assert response.status_code == 302
    charter = services.charter_for(cast.project)
    assert charter.draft["payment"]["text"] == "We pay everyone on the day, in cash if they like."
    assert charter.draft_updated_by == cast.facilitator


def test_a_draft_with_an_empty_section_is_refused_and_nothing_changes(client, cast):
    client.force_login(cast.facilitator)
    url = _url("charter-draft-edit", cast)
    data = {f.html_name: f.initial for f in client.get(url).context["form"]}
    data["equality-text"] = "   "
    response = client.post(url, data)
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Enter the words for this section" in response.text
    assert 'href="#id_equality-text"' in response.text
    assert services.charter_for(cast.project).draft_updated_at is None


def test_members_comment_on_a_section_and_a_facilitator_marks_it_dealt_with(client, cast):
    client.force_login(cast.person)
    form = client.get(_url("charter-comment-create", cast) + "?section=payment").context["form"]
    assert form["section"].value() == "payment"  # the section's link chose it
    response = client.post(
        _url("charter-comment-create", cast),
        {"section": "payment", "body": "Cash on the day, please.", "suggestion": "We pay cash."},
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.section, comment.author) == ("payment", cast.person)

    client.force_login(cast.facilitator)
    assert "Cash on the day, please." in client.get(_url("charter-draft", cast)).text
    client.post(_url("charter-comment-dealt-with", cast, comment.pk))
    comment.refresh_from_db()
    assert comment.dealt_with_by == cast.facilitator
    assert "Dealt with" in client.get(_url("charter-draft", cast)).text


def test_a_comment_on_the_whole_charter_has_no_section(client, cast):
    client.force_login(cast.professional)
    client.post(_url("charter-comment-create", cast), {"section": "whole", "body": "Looks good."})
    assert Comment.objects.get().section == ""


@pytest.mark.parametrize(
    "data, message",
    [
        ({"section": "payment", "body": ""}, "Enter your comment"),
        ({"section": "", "body": "Hello"}, "Select which part of the charter"),
        ({"section": "snacks", "body": "Hello"}, "Select a valid choice"),
        ({"section": "payment", "body": "x" * 3001}, "at most 3000 characters"),
    ],
)
def test_a_bad_comment_is_refused(client, cast, data, message):
    client.force_login(cast.person)
    response = client.post(_url("charter-comment-create", cast), data)
    assert response.status_code == 200
    assert message in response.text
    assert not Comment.objects.exists()


def test_a_comment_of_another_project_cannot_be_marked(client, cast):
    from tests.base import make_project, make_user

    other = make_project(make_user())
    comment = services.comment_create(
        charter=services.charter_for(other), author=other.created_by, section="", body="Hi"
    )
    client.force_login(cast.facilitator)
    assert client.post(_url("charter-comment-dealt-with", cast, comment.pk)).status_code == 404
    comment.refresh_from_db()
    assert comment.dealt_with_at is None


def test_a_facilitator_publishes_version_1_and_members_are_asked_to_sign(client, cast):
    client.force_login(cast.facilitator)
    assert "Publish the draft as version 1" in client.get(_url("charter-publish", cast)).text
    response = client.post(_url("charter-publish", cast), {"members_reviewed": "on"})
    assert response.status_code == 302
    version = CharterVersion.objects.get()
    assert version.number == 1 and version.hash_matches
    client.force_login(cast.person)
    page = client.get(_url("project-detail", cast)).text
    assert "Please read and sign the charter." in page
    assert "Waiting for 5 of 5 signatures on version 1." in page


def test_publishing_an_unchanged_draft_is_refused(client, cast):
    publish(cast.project, cast.facilitator)
    client.force_login(cast.facilitator)
    response = client.post(
        _url("charter-publish", cast), {"members_reviewed": "on", "changes_note": "Nothing"}
    )
    assert response.status_code == 400
    assert "The draft is the same as version 1" in response.text
    assert CharterVersion.objects.count() == 1


def test_publishing_names_what_is_unresolved_and_needs_the_members_review_confirmed(client, cast):
    """The untouched template, with suggested wording unanswered, used to publish without a
    word."""
    charter = services.charter_for(cast.project)
    services.comment_create(
        charter=charter,
        author=cast.carer,
        section="",
        body="Say more about breaks.",
        suggestion="We stop every hour.",
    )
    client.force_login(cast.facilitator)
    page = client.get(_url("charter-publish", cast)).text
    assert "Every section is still in the starting template&#x27;s words." in page
    assert "1 comment suggests wording that has not been answered." in page
    response = client.post(_url("charter-publish", cast), {"changes_note": ""})
    assert response.status_code == 200
    assert "Confirm that the members have seen this draft" in response.text
    assert not CharterVersion.objects.exists()
    response = client.post(_url("charter-publish", cast), {"members_reviewed": "on"})
    assert response.status_code == 302
    version = CharterVersion.objects.get()
    assert version.members_reviewed
    assert version.unresolved_at_publishing == [
        "Every section is still in the starting template's words.",
        "1 comment suggests wording that has not been answered.",
    ]


def test_a_member_signs_by_ticking_and_typing_their_name(client, cast):
    version = publish(cast.project, cast.facilitator)
    client.force_login(cast.person)
    url = _url("charter-sign", cast, version.number)
    assert "Equality: everyone brings something" in client.get(url).text  # read before signing
    response = client.post(url, {"agree": "on", "name": "Pat Jones"})
    assert response.status_code == 302
    signature = version.signatures.get()
    assert (signature.member, signature.name, signature.method) == (
        cast.person,
        "Pat Jones",
        "online",
    )
    page = client.get(_url("charter-detail", cast)).text
    assert "You signed version 1" in page
    assert "Pat Jones" in page


@pytest.mark.parametrize(
    "data, message",
    [
        ({"name": "Pat"}, "Tick the box to say you agree to the charter"),
        ({"agree": "on", "name": "  "}, "Type your name to sign the charter"),
        ({"agree": "on", "name": "x" * 151}, "at most 150 characters"),
    ],
)
def test_signing_without_agreeing_or_a_name_is_refused(client, cast, data, message):
    version = publish(cast.project, cast.facilitator)
    client.force_login(cast.person)
    response = client.post(_url("charter-sign", cast, version.number), data)
    assert response.status_code == 400
    assert message in response.text
    assert not version.signatures.exists()


def test_signing_twice_is_refused_with_a_clear_message(client, cast):
    version = publish(cast.project, cast.facilitator)
    client.force_login(cast.person)
    url = _url("charter-sign", cast, version.number)
    client.post(url, {"agree": "on", "name": "Pat"})
    response = client.post(url, {"agree": "on", "name": "Pat again"})
    assert response.status_code == 400
    assert "Pat already signed version 1 on" in response.text
    assert version.signatures.get().name == "Pat"


def test_signing_a_superseded_version_is_refused(client, cast):
    first = publish(cast.project, cast.facilitator)
    publish(cast.project, cast.facilitator, payment="We pay on the day.")
    client.force_login(cast.carer)
    url = _url("charter-sign", cast, first.number)
    assert "This version has been replaced by version 2" in client.get(url).text
    response = client.post(url, {"agree": "on", "name": "Cam"})
    assert response.status_code == 400
    assert "Version 1 has been replaced by version 2" in response.text
    assert not first.signatures.exists()


def test_an_unknown_version_is_a_404(client, cast):
    client.force_login(cast.person)
    assert client.get(_url("charter-sign", cast, 1)).status_code == 404
    assert client.get(_url("charter-version-detail", cast, 7)).status_code == 404


def test_a_facilitator_records_a_witnessed_signature(client, cast):
    version = publish(cast.project, cast.facilitator)
    client.force_login(cast.facilitator)
    url = _url("charter-witness", cast)
    assert "Fred" not in client.get(url).context["form"].fields["member"].choices.__repr__()
    response = client.post(
        url,
        {
            "member": cast.carer.pk,
            "name": "Cam Smith",
            "method": "phone",
            "note": "Read it together over the phone.",
            "confirm": "on",
        },
    )
    assert response.status_code == 302
    signature = version.signatures.get()
    assert signature.member == cast.carer
    assert (signature.witnessed_by, signature.method) == (cast.facilitator, "phone")
    page = client.get(_url("charter-detail", cast)).text
    assert "witnessed by Fred" in page


@pytest.mark.parametrize(
    "change, message",
    [
        ({"confirm": ""}, "Tick the box to confirm they agreed"),
        ({"method": "online"}, "Select a valid choice"),
        ({"member": "999999"}, "Select a valid choice"),
        ({"name": ""}, "Enter their name as it should appear on the charter"),
    ],
)
def test_a_bad_witnessed_signature_is_refused(client, cast, change, message):
    version = publish(cast.project, cast.facilitator)
    client.force_login(cast.facilitator)
    data = {"member": cast.carer.pk, "name": "Cam", "method": "paper", "confirm": "on"}
    response = client.post(_url("charter-witness", cast), data | change)
    assert response.status_code == 400
    assert message in response.text
    assert not version.signatures.exists()


def test_a_facilitator_cannot_witness_their_own_signature(client, cast):
    version = publish(cast.project, cast.facilitator)
    client.force_login(cast.facilitator)
    data = {"member": cast.facilitator.pk, "name": "Fred", "method": "paper", "confirm": "on"}
    response = client.post(_url("charter-witness", cast), data)
    assert response.status_code == 400
    assert not version.signatures.exists()


def test_a_member_cannot_sign_for_someone_else(client, cast):
    """Only facilitators witness: the witness page is 403 for everyone else (see also the
    permission matrix), and the sign page signs for the signed-in member only."""
    version = publish(cast.project, cast.facilitator)
    client.force_login(cast.person)
    data = {"member": cast.carer.pk, "name": "Cam", "method": "paper", "confirm": "on"}
    assert client.post(_url("charter-witness", cast), data).status_code == 403
    client.post(
        _url("charter-sign", cast, 1), {"agree": "on", "name": "Cam", "member": cast.carer.pk}
    )
    assert list(version.signatures.values_list("member", flat=True)) == [cast.person.pk]


def test_the_charter_shows_in_force_once_everyone_has_signed(client, cast):
    version = publish(cast.project, cast.facilitator)
    sign_all(cast.project, version)
    client.force_login(cast.person)
    assert "has been in force since" in client.get(_url("charter-detail", cast)).text
    page = client.get(_url("project-detail", cast)).text
    assert "In force since" in page
    assert "Please read and sign" not in page


def test_only_facilitators_see_who_has_not_signed(client, cast):
    publish(cast.project, cast.facilitator)
    client.force_login(cast.facilitator)
    assert "Not signed yet" in client.get(_url("project-detail", cast)).text
    assert "Not signed yet" in client.get(_url("charter-detail", cast)).text
    client.force_login(cast.person)
    assert "Not signed yet" not in client.get(_url("project-detail", cast)).text
    assert "Not signed yet" not in client.get(_url("charter-detail", cast)).text


def test_a_new_member_is_asked_to_read_and_sign(client, cast):
    version = publish(cast.project, cast.facilitator)
    sign_all(cast.project, version)
    newcomer = add_member(cast.project, Role.PERSON).user
    client.force_login(newcomer)
    page = client.get(_url("project-detail", cast)).text
    assert "Please read and sign the charter." in page
    assert "Waiting for 1 of 6 signatures" in page


def test_a_member_who_no_longer_agrees_records_it_and_the_charter_is_not_in_force(client, cast):
    version = publish(cast.project, cast.facilitator)
    sign_all(cast.project, version)
    client.force_login(cast.carer)
    url = _url("charter-withdraw", cast, version.number)
    response = client.post(url, {"reason": "The payment section changed my mind."})
    assert response.status_code == 302
    page = client.get(_url("charter-detail", cast)).text
    assert "you said you no longer agree" in page.lower()
    assert "The payment section changed my mind." in page
    assert "Waiting for 1 of 5 signatures" in page
    assert version.signatures.count() == 5  # the signature stays on record
    response = client.post(url, {"reason": "again"})
    assert response.status_code == 400
    assert "already said you no longer agree" in response.text
    client.force_login(cast.facilitator)
    assert (
        'Cam <span class="govuk-hint app-inline-hint">Carer, no longer agrees'
        in client.get(_url("charter-detail", cast)).text
    )
    assert client.get(_url("charter-witness", cast)).context["waiting"] == []


def test_the_versions_list_and_an_earlier_version_stay_readable(client, cast):
    publish(cast.project, cast.facilitator, payment="Old payment words.")
    publish(cast.project, cast.facilitator, payment="New payment words.")
    client.force_login(cast.professional)
    listing = client.get(_url("charter-version-list", cast)).text
    assert "Version 1" in listing and "Version 2" in listing
    old = client.get(_url("charter-version-detail", cast, 1)).text
    assert "Old payment words." in old
    assert "This version has been replaced by version 2" in old


def test_the_changes_between_versions_are_marked_in_words_not_only_colour(client, cast):
    publish(cast.project, cast.facilitator, payment="We pay expenses within a month.")
    publish(cast.project, cast.facilitator, payment="We pay expenses within a week.")
    client.force_login(cast.person)
    page = client.get(_url("charter-version-compare", cast)).text
    assert "Changes from version 1 to version 2" in page
    assert '<del><span class="govuk-visually-hidden">[removed:] </span>month.' in page
    assert '<ins><span class="govuk-visually-hidden">[added:] </span>week.' in page
    assert page.count("No changes.") == 7  # the other sections


def test_comparing_a_version_with_an_earlier_one_is_refused(client, cast):
    publish(cast.project, cast.facilitator, payment="One.")
    publish(cast.project, cast.facilitator, payment="Two.")
    client.force_login(cast.person)
    response = client.get(_url("charter-version-compare", cast) + "?old=2&new=1")
    assert response.status_code == 400
    assert "Choose a later version than the earlier one" in response.text


def test_the_printable_charter_has_the_words_easy_read_and_signatories(client, cast):
    version = publish(cast.project, cast.facilitator)
    sign_all(cast.project, version)
    client.force_login(cast.person)
    page = client.get(_url("charter-version-print", cast, 1)).text
    assert "Charter of Short breaks, version 1" in page
    assert "Everyone in the group is equal." in page
    assert "<details" not in page  # easy read printed in full
    for name in ["Cora", "Fred", "Pat", "Cam", "Priya"]:
        assert f'<td class="govuk-table__cell">{name}</td>' in page
    assert version.content_hash in page
    assert 'href="/static/css/print.css" media="print"' in page


@pytest.mark.parametrize("members", [3, 30])
def test_the_charter_page_makes_the_same_queries_for_3_and_30_members(
    client, cast, django_assert_num_queries, members
):
    for _ in range(members - 5):
        add_member(cast.project, Role.PERSON)
    if members < 5:
        for user in (cast.professional, cast.carer):
            cast.membership(user).delete()
    version = publish(cast.project, cast.facilitator)
    sign_all(cast.project, version)
    services.signature_withdraw(
        signature=version.signatures.first(), reason="", recorded_by=cast.commissioner
    )
    services.activation_override(
        project=cast.project, reason="The funding starts now.", recorded_by=cast.commissioner
    )
    client.force_login(cast.facilitator)
    # user, membership, charter, the members and the signatures counted (then kept: two fewer
    # the next time), the reader's signature, a page of those not signed with their users, a
    # page of the signatures (counted above), activation override
    with django_assert_num_queries(11):
        response = client.get(_url("charter-detail", cast))
    with django_assert_num_queries(9):
        again = client.get(_url("charter-detail", cast))
    assert again.context["charter_status"] == response.context["charter_status"]
    assert response.context["charter_status"].members == members
    assert response.context["charter_status"].unsigned == 1
    assert response.context["unsigned"].paginator.count == 1
    assert len(response.context["unsigned"].object_list) == 1
    assert response.context["signatures"].paginator.count == members
    assert "The funding starts now." in response.text


def test_the_charter_page_names_25_who_have_not_signed_and_25_signatures_a_page(client, cast):
    for _ in range(55):
        add_member(cast.project, Role.PERSON)
    version = publish(cast.project, cast.facilitator)
    signing = Membership.objects.active().filter(project=cast.project).order_by("pk")[:30]
    for membership in signing:
        services.signature_sign(version=version, member=membership.user, name="Signed")
    client.force_login(cast.facilitator)
    url = _url("charter-detail", cast)
    first = client.get(url).text
    assert "Waiting for 30 of 60 signatures on version 1." in first
    assert first.count("Signed</td>") == 25
    assert 'href="?signed=2" rel="next"' in first
    assert 'href="?waiting=2" rel="next"' in first
    page = client.get(url, {"signed": 2, "waiting": 2}).text
    assert page.count("Signed</td>") == 5
    assert "Not signed yet (page 2 of 2)" in page


def _project_page_queries(client, cast, members: int) -> int:
    """Queries for a facilitator's project page, with a published charter that `members`
    members have signed and one newcomer has not."""
    project = make_project(cast.commissioner, title=f"Project of {members}")
    add_member(project, Role.FACILITATOR, cast.facilitator)
    for _ in range(members - 2):
        add_member(project, Role.CARER)
    sign_all(project, publish(project, cast.facilitator))
    add_member(project, Role.PERSON)  # one to wait for, so the unsigned list is shown
    client.force_login(cast.facilitator)
    url = reverse("project-detail", args=[project.pk])
    client.get(url)  # the charter row is made on first sight
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert f"Waiting for 1 of {members + 1} signatures" in response.text
    return len(queries)


def test_the_charter_summary_keeps_the_project_page_queries_flat(client, cast):
    """The project page belongs to projects/ (and other apps add to it), so the test compares
    a small and a large project rather than naming a number."""
    assert _project_page_queries(client, cast, 5) == _project_page_queries(client, cast, 30)


def _summary_and_status(cast, user, names=10):
    charter = services.charter_for(cast.project)
    return services.charter_summary(charter, user, names=names), services.charter_status(charter)


def test_the_project_pages_counts_agree_with_the_charter_status_whatever_has_happened(cast):
    """The project page counts in the database what the charter page works out member by
    member: signed, withdrawn, left after signing, joined after, all agree."""
    from projects import services as project_services

    assert (
        services.charter_summary(services.charter_for(cast.project), cast.person, names=10).version
        is None
    )
    version = publish(cast.project, cast.facilitator)
    signatures = sign_all(cast.project, version)
    summary, status = _summary_and_status(cast, cast.person)
    assert summary.in_force and status.in_force
    assert summary.in_force_since == status.in_force_since
    assert summary.has_signed and summary.first_unsigned == []

    carers = signatures[[s.member_id for s in signatures].index(cast.carer.pk)]
    services.signature_withdraw(signature=carers, reason="Changed my mind", recorded_by=cast.carer)
    newcomer = add_member(cast.project, Role.PERSON).user
    leaver = add_member(cast.project, Role.CARER)
    services.signature_sign(version=version, member=leaver.user, name="Leaving soon")
    project_services.membership_end(membership=leaver, ended_by=cast.commissioner)
    for user in (cast.carer, newcomer, cast.person):
        summary, status = _summary_and_status(cast, user)
        assert (summary.members, summary.unsigned) == (len(status.members), len(status.unsigned))
        assert not summary.in_force and summary.in_force_since is None
        assert {m.pk for m in summary.first_unsigned} == {m.pk for m in status.unsigned}
        assert summary.has_signed == (status.signature_of(user) is not None)
    assert (summary.members, summary.unsigned) == (6, 2)  # the carer withdrew; the newcomer
    # The charter page's list of those not signed is paged on the summary's count: the same.
    charter = services.charter_for(cast.project)
    listed = services.unsigned_members(charter, version)
    assert {m.user_id for m in listed} == {cast.carer.pk, newcomer.pk}


def test_facilitators_see_the_first_ten_who_have_not_signed_and_how_many_more(client, cast):
    publish(cast.project, cast.facilitator)
    for _ in range(10):
        add_member(cast.project, Role.PERSON)
    client.force_login(cast.facilitator)
    page = client.get(_url("project-detail", cast)).text
    assert "Waiting for 15 of 15 signatures on version 1." in page
    assert "and 5 more: see the charter" in page
    # The tag repeats the sentence: shown, but not read out twice.
    assert 'govuk-tag--yellow" aria-hidden="true">Waiting</strong>' in page


def test_each_signature_row_says_who_how_when_and_whether_they_still_agree(client, cast):
    version = publish(cast.project, cast.facilitator)
    services.signature_witness(
        version=version,
        member=cast.carer,
        name="سارة <b>Cam</b>",
        method="phone",
        note="Read it <i>together</i>.",
        witness=cast.facilitator,
    )
    [online] = sign_all(cast.project, version)[-1:]
    withdrawn = version.signatures.get(member=cast.person)
    services.signature_withdraw(
        signature=withdrawn, reason="The <b>pay</b> section.", recorded_by=cast.person
    )
    client.force_login(cast.professional)
    page = client.get(_url("charter-detail", cast)).text

    def row(name, how, day, agrees):
        cells = "".join(f'<td class="govuk-table__cell">{c}</td>' for c in (name, how, day, agrees))
        return f'<tr class="govuk-table__row">{cells}</tr>'

    day = dateformat.format(timezone.localtime(), "j F Y")
    assertInHTML(
        row(
            "<bdi>سارة &lt;b&gt;Cam&lt;/b&gt;</bdi>",
            'Agreed by phone<br><span class="govuk-body-s">witnessed by Fred</span>'
            '<br><span class="govuk-body-s">Read it &lt;i&gt;together&lt;/i&gt;.</span>',
            day,
            "Yes",
        ),
        page,
    )
    assertInHTML(
        row(
            withdrawn.name,
            "Signed online",
            day,
            f'No, since {day}<br><span class="govuk-body-s">The &lt;b&gt;pay&lt;/b&gt; section.'
            "</span>",
        ),
        page,
    )
    assertInHTML(row(online.name, "Signed online", day, "Yes"), page)
    cast.professional.language = "cy"
    cast.professional.save(update_fields=["language"])
    welsh = client.get(_url("charter-detail", cast)).text
    assert "tyst: Fred" in welsh and "Nac ydy, ers " in welsh


def test_those_not_signed_are_in_order_of_the_name_each_goes_by(client, cast):
    publish(cast.project, cast.facilitator)
    for preferred, full in (("Zak", "Zak Adams"), ("", "Mo Brown"), ("Ab", "Abe Cole")):
        user = add_member(cast.project, Role.PERSON).user
        user.preferred_name, user.full_name = preferred, full
        user.save(update_fields=["preferred_name", "full_name"])
    client.force_login(cast.facilitator)
    page = client.get(_url("charter-detail", cast)).text
    listed = page.split("Not signed yet", 1)[1]
    # Someone who gave only a full name is among the others, not first.
    assert listed.index("Ab <") < listed.index("Mo Brown <") < listed.index("Zak <")
