"""Publishing and signing a charter in one line, for tests of charters and of what depends on
them (a project becomes active only once its charter is in force)."""

from charters import services
from charters.models import CharterVersion, Signature
from projects.models import Membership, Project


def publish(project: Project, by, **changes: str) -> CharterVersion:
    """Publish the project's draft as its next version. Keyword arguments change a section's
    words first (section key -> new text), so that each call has something new to publish."""
    charter = services.charter_for(project)
    if changes or charter.current_version is not None:
        draft = {key: dict(words) for key, words in charter.draft.items()}
        for key, text in (changes or {"meetings": f"{draft['meetings']['text']} Again."}).items():
            draft[key]["text"] = text
        charter = services.charter_save_draft(charter=charter, draft=draft, by=by)
    return services.charter_publish(charter=charter, published_by=by, members_reviewed=True)


def sign_all(project: Project, version: CharterVersion) -> list[Signature]:
    """Every active member who has not signed `version` signs it online."""
    signed = set(Signature.objects.filter(version=version).values_list("member_id", flat=True))
    return [
        services.signature_sign(version=version, member=m.user, name=m.user.display_name)
        for m in Membership.objects.active().filter(project=project).select_related("user")
        if m.user_id not in signed
    ]
