"""The page an invitation link opens. It is not project-scoped: the token is the key."""

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from coproduce.bidi import isolate

from . import services
from .forms import ClaimAccountForm
from .models import Invitation


def invitation_respond(request, token):
    """Show the invitation, and accept it on POST.

    Signed out: explain, and remember the address as verified, since the person proved they
    receive mail there by following the link; allauth then skips re-verifying it at sign-up.
    """
    invitation = get_object_or_404(Invitation.objects.select_related("project"), token=token)
    if invitation.claims_id:
        return _claim(request, invitation)
    if not request.user.is_authenticated:
        if invitation.is_pending:
            get_adapter(request).stash_verified_email(request, invitation.email)
        return render(
            request,
            "projects/invitation_respond.html",
            {"invitation": invitation, "problem": services.invitation_problem(invitation)},
        )
    problem = services.invitation_problem(invitation, request.user)
    if request.method == "POST" and problem is None:
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            problem = error.messages[0]
        else:
            messages.success(
                request,
                _("Welcome to %(project)s.") % {"project": isolate(invitation.project.title)},
            )
            # Ask at once, in plain words, what they want to share with the project.
            return redirect("access-sharing-edit", invitation.project_id)
    return render(
        request,
        "projects/invitation_respond.html",
        {"invitation": invitation, "problem": problem},
        status=400 if problem and request.method == "POST" else 200,
    )


def _claim(request, invitation):
    """An invitation to a member who had no email address: they choose a password, and the
    record the project holds becomes their account."""
    problem = services.invitation_problem(invitation)
    if request.user.is_authenticated and request.user.pk != invitation.claims_id:
        problem = _(
            "This link sets up an account for someone the project already knows. "
            "Sign out first, then follow the link again."
        )
    form = ClaimAccountForm(invitation.claims, request.POST or None)
    if request.method == "POST" and problem is None and form.is_valid():
        try:
            user = services.invitation_claim(
                invitation=invitation, password=form.cleaned_data["new_password1"]
            )
        except ValidationError as error:
            problem = error.messages[0]
        else:
            messages.success(
                request,
                _("Your account is ready. Sign in with %(email)s and your new password.")
                % {"email": user.email},
            )
            return redirect("account_login")
    return render(
        request,
        "projects/invitation_claim.html",
        {"invitation": invitation, "problem": problem, "form": form},
        status=400 if problem and request.method == "POST" else 200,
    )
