from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accessibility.reading import easy_read_missing
from coproduce.bidi import isolate
from coproduce.pagination import page_of
from projects.access import Can
from projects.models import ProjectStatus

from . import services
from .access import get_charter_for_user, get_version_for_user
from .diff import diff_versions
from .forms import (
    CommentForm,
    CompareForm,
    DraftForm,
    OverrideForm,
    PublishForm,
    SignForm,
    WithdrawForm,
    WitnessForm,
)
from .models import ActivationOverride, CharterVersion, Comment, Signature


def _page(request, template, access, charter, status=200, **context):
    return render(
        request,
        f"charters/{template}",
        {"access": access, "project": access.project, "charter": charter, **context},
        status=status,
    )


@login_required
def charter_detail(request, project_id):
    """The charter in force (or waiting for signatures): its words and who has signed."""
    access, charter = get_charter_for_user(request, project_id)
    # Counted in the database; the names and signatures a page at a time, since a project
    # may have a thousand members (docs/performance.md).
    # Without a user: the page finds the reader's signature itself, with its withdrawal.
    summary = services.charter_summary(charter, names=0)
    version = summary.version
    override = None
    if access.project.status != ProjectStatus.DRAFT:
        override = (
            ActivationOverride.objects.filter(project=access.project)
            .select_related("recorded_by")
            .first()
        )
    return _page(
        request,
        "charter_detail.html",
        access,
        charter,
        charter_status=summary,
        version=version,
        my_signature=version.signatures.filter(member=request.user)
        .select_related("withdrawal")
        .first()
        if version
        else None,
        unsigned=page_of(
            request,
            services.unsigned_members(charter, version),
            param="waiting",
            count=summary.unsigned,  # the same rule: current members without a valid signature
        )
        if version and access.can(Can.WITNESS_SIGNATURE)
        else None,
        signatures=page_of(
            request,
            services.member_signatures(charter, version),
            param="signed",
            count=summary.signatures,
        )
        if version
        else None,
        override=override,
    )


@login_required
def charter_draft(request, project_id):
    """The draft, with every member's comments beside the section they are about."""
    access, charter = get_charter_for_user(request, project_id, need=Can.COMMENT_ON_CHARTER)
    comments = defaultdict(list)
    for comment in charter.comments.select_related("author", "dealt_with_by"):
        comments[comment.section].append(comment)
    sections = [
        {**section, "comments": comments[section["key"]]} for section in charter.draft_sections()
    ]
    without_easy_read = [s["title"] for s in sections if not s["easy_read"].strip()]
    return _page(
        request,
        "charter_draft.html",
        access,
        charter,
        sections=sections,
        without_easy_read=without_easy_read,
        easy_read_missing=easy_read_missing(access, has_easy_read=not without_easy_read),
        overall_comments=comments[""],
        next_number=(charter.current_version.number + 1) if charter.current_version else 1,
    )


@login_required
def charter_draft_edit(request, project_id):
    access, charter = get_charter_for_user(request, project_id, need=Can.EDIT_CHARTER)
    form = DraftForm(request.POST or None, charter=charter)
    if request.method == "POST" and form.is_valid():
        services.charter_save_draft(charter=charter, draft=form.draft(), by=request.user)
        messages.success(request, _("Draft saved. Members can see it and comment."))
        return redirect("charter-draft", access.project.pk)
    return _page(request, "charter_draft_edit.html", access, charter, form=form)


@login_required
def charter_publish(request, project_id):
    access, charter = get_charter_for_user(request, project_id, need=Can.EDIT_CHARTER)
    form = PublishForm(request.POST or None)
    problem = services.draft_problem(charter)
    if request.method == "POST" and not problem and form.is_valid():
        try:
            version = services.charter_publish(
                charter=charter,
                published_by=request.user,
                members_reviewed=form.cleaned_data["members_reviewed"],
                changes_note=form.cleaned_data["changes_note"],
            )
        except ValidationError as error:
            problem = error.messages[0]
        else:
            messages.success(
                request,
                _("Version %(number)s published. Every member is asked to sign it.")
                % {"number": version.number},
            )
            return redirect("charter-detail", access.project.pk)
    return _page(
        request,
        "charter_publish.html",
        access,
        charter,
        form=form,
        problem=problem,
        unresolved=services.unresolved(charter),
        next_number=(charter.current_version.number + 1) if charter.current_version else 1,
        status=400 if problem and request.method == "POST" else 200,
    )


@login_required
def comment_create(request, project_id):
    access, charter = get_charter_for_user(request, project_id, need=Can.COMMENT_ON_CHARTER)
    initial = {"section": request.GET.get("section") or CommentForm.WHOLE}
    form = CommentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.comment_create(
            charter=charter,
            author=request.user,
            section=form.section_key,
            body=form.cleaned_data["body"],
            suggestion=form.cleaned_data["suggestion"],
        )
        messages.success(request, _("Thank you. Your comment is on the draft."))
        return redirect("charter-draft", access.project.pk)
    return _page(request, "comment_create.html", access, charter, form=form)


@login_required
@require_POST
def comment_dealt_with(request, project_id, comment_id):
    access, charter = get_charter_for_user(request, project_id, need=Can.EDIT_CHARTER)
    comment = get_object_or_404(Comment, charter=charter, pk=comment_id)
    services.comment_mark_dealt_with(comment=comment, by=request.user)
    messages.success(request, _("Comment marked as dealt with."))
    return redirect("charter-draft", access.project.pk)


@login_required
def version_list(request, project_id):
    access, charter = get_charter_for_user(request, project_id)
    versions = (
        CharterVersion.objects.filter(charter=charter)
        .select_related("published_by")
        .annotate(
            signature_count=Count("signatures", filter=Q(signatures__withdrawal__isnull=True))
        )
        .order_by("-number")
    )
    return _page(request, "version_list.html", access, charter, versions=versions)


def _version_signatures(version):
    return Signature.objects.filter(version=version).select_related("witnessed_by", "withdrawal")


@login_required
def version_detail(request, project_id, number):
    access, charter, version = get_version_for_user(request, project_id, number)
    return _page(
        request,
        "version_detail.html",
        access,
        charter,
        version=version,
        signatures=page_of(request, _version_signatures(version).order_by("signed_at", "pk")),
    )


@login_required
def version_print(request, project_id, number):
    """The version, its easy read words and every signature, laid out to print."""
    access, charter, version = get_version_for_user(request, project_id, number)
    return _page(
        request,
        "version_print.html",
        access,
        charter,
        version=version,
        signatures=_version_signatures(version),
    )


@login_required
def version_compare(request, project_id):
    access, charter = get_charter_for_user(request, project_id)
    versions = list(CharterVersion.objects.filter(charter=charter).order_by("number"))
    changes = old = new = None
    data = request.GET if "old" in request.GET else None
    if data is None and len(versions) >= 2:
        data = {"old": versions[-2].number, "new": versions[-1].number}
    form = CompareForm(data, versions=versions)
    if data is not None and form.is_valid():
        by_number = {v.number: v for v in versions}
        old, new = by_number[form.cleaned_data["old"]], by_number[form.cleaned_data["new"]]
        changes = diff_versions(old.sections, new.sections)
    return _page(
        request,
        "version_compare.html",
        access,
        charter,
        versions=versions,
        form=form,
        changes=changes,
        old=old,
        new=new,
        status=400 if data is not None and form.errors else 200,
    )


@login_required
def charter_sign(request, project_id, number):
    access, charter, version = get_version_for_user(
        request, project_id, number, need=Can.SIGN_CHARTER
    )
    form = SignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.signature_sign(
                version=version, member=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. You have signed the charter."))
            return redirect("charter-detail", access.project.pk)
    return _page(
        request,
        "charter_sign.html",
        access,
        charter,
        version=version,
        signature=Signature.objects.filter(version=version, member=request.user).first(),
        form=form,
        status=400 if form.errors else 200,
    )


@login_required
def charter_witness(request, project_id):
    """A facilitator records the agreement of a member who did not sign online."""
    access, charter = get_charter_for_user(request, project_id, need=Can.WITNESS_SIGNATURE)
    status = services.charter_status(charter)
    # Not the facilitator themself, nor anyone who signed and then said they no longer agree.
    waiting = [
        m
        for m in status.unsigned
        if m.user_id != request.user.pk and m.user_id not in status.withdrawn
    ]
    form = WitnessForm(request.POST or None, members=waiting)
    if request.method == "POST" and status.version and form.is_valid():
        member = form.membership
        try:
            services.signature_witness(
                version=status.version,
                member=member.user,
                name=form.cleaned_data["name"],
                method=form.cleaned_data["method"],
                note=form.cleaned_data["note"],
                witness=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Signature for %(name)s recorded.") % {"name": isolate(member.user.display_name)},
            )
            return redirect("charter-detail", access.project.pk)
    return _page(
        request,
        "charter_witness.html",
        access,
        charter,
        version=status.version,
        waiting=waiting,
        form=form,
        status=400 if form.errors else 200,
    )


@login_required
def charter_withdraw(request, project_id, number):
    """A member says they no longer agree to a version they signed."""
    access, charter, version = get_version_for_user(
        request, project_id, number, need=Can.SIGN_CHARTER
    )
    signature = (
        Signature.objects.filter(version=version, member=request.user)
        .select_related("withdrawal")
        .first()
    )
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and signature and form.is_valid():
        try:
            services.signature_withdraw(
                signature=signature, reason=form.cleaned_data["reason"], recorded_by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("You no longer agree to version %(n)s.") % {"n": version.number}
            )
            return redirect("charter-detail", access.project.pk)
    return _page(
        request,
        "charter_withdraw.html",
        access,
        charter,
        version=version,
        signature=signature,
        form=form,
        status=400 if form.errors else 200,
    )


@login_required
def activation_override(request, project_id):
    """A commissioner makes a draft project active before its charter is in force."""
    access, charter = get_charter_for_user(request, project_id, need=Can.OVERRIDE_CHARTER)
    form = OverrideForm(request.POST or None)
    problem = None
    if access.project.status != ProjectStatus.DRAFT:
        problem = _("The project is already %(status)s.") % {
            "status": access.project.get_status_display().lower()
        }
    elif request.method == "POST" and form.is_valid():
        try:
            services.activation_override(
                project=access.project, reason=form.cleaned_data["reason"], recorded_by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The project is now active. Your reason is on record."))
            return redirect("project-detail", access.project.pk)
    return _page(
        request,
        "activation_override.html",
        access,
        charter,
        form=form,
        problem=problem,
        charter_status=services.charter_status(charter),
        status=400 if form.errors or (problem and request.method == "POST") else 200,
    )
