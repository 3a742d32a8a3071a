from allauth.account.decorators import reauthentication_required
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from . import services
from .forms import EraseForm


@login_required
def my_data(request):
    return render(request, "privacy/my_data.html")


@login_required
@require_POST
@reauthentication_required
def my_data_download(request):
    """A POST, so that the download is a deliberate act after the password (or code) was
    given again recently, and is recorded in the person's activity."""
    response = HttpResponse(
        services.export_json(request.user), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="my-coproduce-data.json"'
    return response


def _label(name: str) -> str:
    return name.replace("__", " ").replace("_", " ").capitalize()


@login_required
@reauthentication_required
def my_data_page(request):
    data = services.export_for(request.user)
    account = [(_label(k), v) for k, v in data.pop("account").items()]
    data.pop("exported_at")
    sections = [
        (title, [[(_label(k), v) for k, v in row.items()] for row in rows])
        for title, rows in data.items()
    ]
    return render(request, "privacy/my_data_page.html", {"account": account, "sections": sections})


@login_required
@reauthentication_required(allow_get=True)
def erase(request):
    form = EraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        kept = services.erase(request.user)
        logout(request)
        return render(request, "privacy/erased.html", {"kept": kept})
    return render(request, "privacy/erase.html", {"form": form})
