from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from .forms import ProfileForm
from .language import language_of


@login_required
def profile_edit(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        # The message is written now: in the language they may just have chosen.
        translation.activate(language_of(request.user))
        messages.success(request, _("Your details are saved."))
        return redirect("profile-edit")
    return render(request, "accounts/profile_edit.html", {"form": form})
