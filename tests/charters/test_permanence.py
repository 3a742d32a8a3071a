"""Signatures (and published versions and withdrawals) cannot be changed or removed: not
through the ORM, not through the admin, not through the views, and on PostgreSQL not even with
raw SQL (issue: charters, Done when 2)."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from charters import services
from charters import urls as charter_urls
from charters.models import CharterVersion, PermanentRecordError, Signature, Withdrawal
from tests.charters.helpers import publish
from tests.services import require_postgres


@pytest.fixture
def signed(cast):
    version = publish(cast.project, cast.facilitator)
    signature = services.signature_sign(version=version, member=cast.person, name="Pat")
    withdrawal = services.signature_withdraw(
        signature=signature, reason="Changed my mind", recorded_by=cast.person
    )
    return version, signature, withdrawal


def _unchanged(version, signature, withdrawal):
    assert Signature.objects.get(pk=signature.pk).name == "Pat"
    assert Withdrawal.objects.get(pk=withdrawal.pk).reason == "Changed my mind"
    assert CharterVersion.objects.get(pk=version.pk).hash_matches


def test_the_orm_refuses_to_change_or_delete_them(signed):
    for record in signed:
        with pytest.raises(PermanentRecordError):
            record.save()
        with pytest.raises(PermanentRecordError):
            record.delete()
        rows = type(record).objects.filter(pk=record.pk)
        with pytest.raises(PermanentRecordError):
            rows.update(pk=record.pk)
        with pytest.raises(PermanentRecordError):
            rows.delete()
    signature = signed[1]
    signature.name = "Someone else"
    # Both run in the caller's transaction: a savepoint keeps the test's usable afterwards.
    with pytest.raises(PermanentRecordError), transaction.atomic():
        Signature.objects.bulk_update([signature], ["name"])
    with pytest.raises(PermanentRecordError), transaction.atomic():
        Signature.objects.update_or_create(pk=signature.pk, defaults={"name": "Someone else"})
    _unchanged(*signed)


def test_deleting_what_they_refer_to_is_refused(signed, cast):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        cast.person.delete()
    with pytest.raises(ProtectedError):
        cast.project.delete()
    _unchanged(*signed)


def test_the_admin_shows_them_read_only_with_no_delete(client, signed):
    from tests.base import make_user

    staff = make_user("sid")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    for record in signed:
        meta = record._meta
        change = reverse(f"admin:charters_{meta.model_name}_change", args=[record.pk])
        page = client.get(change).text
        assert 'name="_save"' not in page
        assert "deletelink" not in page
        delete = reverse(f"admin:charters_{meta.model_name}_delete", args=[record.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403
        client.post(change, {"name": "Changed", "reason": "Changed"})
        listing = client.get(reverse(f"admin:charters_{meta.model_name}_changelist")).text
        assert "delete_selected" not in listing
        assert client.get(reverse(f"admin:charters_{meta.model_name}_add")).status_code == 403
    _unchanged(*signed)


def test_no_page_changes_or_deletes_a_signature(signed, client, cast):
    """The only charter URLs that take a signature are signing and withdrawing, which add new
    rows; none names a signature to change."""
    assert not [p for p in charter_urls.urlpatterns if "signature" in str(p.pattern)]
    version = signed[0]
    client.force_login(cast.person)
    sign = reverse("charter-sign", args=[cast.project.pk, version.number])
    withdraw = reverse("charter-withdraw", args=[cast.project.pk, version.number])
    assert client.post(sign, {"agree": "on", "name": "Pat changed"}).status_code == 400
    assert client.post(withdraw, {"reason": "Changed again"}).status_code == 400
    _unchanged(*signed)


@pytest.mark.postgres
def test_postgresql_refuses_raw_sql_updates_and_deletes(signed):
    require_postgres()
    version, signature, withdrawal = signed
    statements = [
        ("UPDATE charters_signature SET name = 'Forged' WHERE id = %s", signature.pk),
        ("DELETE FROM charters_signature WHERE id = %s", signature.pk),
        ("UPDATE charters_withdrawal SET reason = '' WHERE id = %s", withdrawal.pk),
        ("DELETE FROM charters_withdrawal WHERE id = %s", withdrawal.pk),
        ("UPDATE charters_charterversion SET content_hash = '' WHERE id = %s", version.pk),
        ("DELETE FROM charters_charterversion WHERE id = %s", version.pk),
    ]
    for sql, pk in statements:
        with pytest.raises(DatabaseError, match="permanent"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, [pk])
    _unchanged(*signed)
