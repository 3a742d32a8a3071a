"""Every model that refers to a person is in the export: adding a model with a foreign key
to the user without declaring it in the app's personal_data.py fails this test."""

from django.apps import apps
from django.contrib.auth import get_user_model

from privacy.registry import SECTIONS


def test_every_reference_to_a_person_is_covered_by_a_section():
    user_model = get_user_model()
    references = {
        (model._meta.label, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model is user_model
    }
    covered = {(s.model._meta.label, name) for s in SECTIONS for name in s.user_fields}
    assert references - covered == set()
    # A section names direct references, or lookups through one (e.g. "profile__user").
    direct = {(label, name) for label, name in covered if "__" not in name}
    assert direct - references == set()
