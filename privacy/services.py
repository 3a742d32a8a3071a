"""Subject access (everything about a person in one download) and erasure."""

import json
import uuid
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import record

from .registry import ERASE_STEPS, SECTIONS, OnErase

ACCOUNT_FIELDS = ("email", "full_name", "preferred_name", "date_joined", "last_login")


def export_for(user) -> dict:
    """Everything the portal holds about `user`: one query per section. Recorded in the audit
    trail, whether it is downloaded or shown on a page."""
    record(Action.DATA_EXPORTED, actor=user, subject=user)
    data = {
        "account": {name: getattr(user, name) for name in ACCOUNT_FIELDS},
        "exported_at": timezone.now(),
    }
    for section in SECTIONS:
        data[section.title] = list(section.rows(user).values(*section.fields))
    return data


def export_json(user) -> str:
    data = export_for(user)
    return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


@dataclass
class Kept:
    title: str
    count: int
    reason: str


@transaction.atomic
def erase(user) -> list[Kept]:
    """Remove or anonymise everything about `user`, except what the retention rules keep.
    Returns what was kept and why, to tell them."""
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    for step in ERASE_STEPS:
        step(user)
    kept = []
    for section in SECTIONS:
        rows = section.rows(user)
        if section.on_erase == OnErase.KEEP:
            count = rows.count()
        else:
            keep = section.keep_only(rows, user) if section.keep_only else rows.none()
            rows.exclude(pk__in=keep.values("pk")).delete()
            count = keep.count()
        if count:
            kept.append(Kept(section.title, count, section.reason))
    _sign_out_everywhere(user)
    # The account row stays so that kept records still point somewhere, but nothing in it
    # identifies the person any more.
    user.email = f"erased-{uuid.uuid4().hex}@erased.invalid"
    user.full_name = ""
    user.preferred_name = _("Former member")
    user.is_active = False
    user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    return kept


def _sign_out_everywhere(user) -> None:
    # Sessions store the user id in their encoded data; decode each live one. Erasure is rare.
    SessionStore = import_module(settings.SESSION_ENGINE).SessionStore  # noqa: N806
    for session in Session.objects.filter(expire_date__gt=timezone.now()):
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            # Through the session store, so the cached copy goes too (SESSION_ENGINE).
            SessionStore(session.session_key).delete()
