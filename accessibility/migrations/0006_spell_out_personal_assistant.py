"""Spell out "PA" in the catalogue: a screen reader reads a bare "PA" as "pa" or letter by
letter, and not everyone knows the abbreviation (issue 20). Only the words loaded by 0002 are
changed: site staff may have reworded them since, and their words stay."""

from django.db import migrations

CHANGES = [
    ("group", "support", "A support person or PA", "A support person or personal assistant (PA)"),
    (
        "need",
        "pa-attends",
        "My PA or carer comes with me",
        "My personal assistant (PA) or carer comes with me",
    ),
]


def _reword(apps, backwards: bool) -> None:
    models = {"group": (apps.get_model("accessibility", "NeedGroup"), "title")}
    models["need"] = (apps.get_model("accessibility", "Need"), "label")
    for kind, code, before, after in CHANGES:
        model, field = models[kind]
        old, new = (after, before) if backwards else (before, after)
        model.objects.filter(code=code, **{field: old}).update(**{field: new})


def forwards(apps, schema_editor):
    _reword(apps, backwards=False)


def backwards(apps, schema_editor):
    _reword(apps, backwards=True)


class Migration(migrations.Migration):
    dependencies = [("accessibility", "0005_remove_view_log")]

    operations = [migrations.RunPython(forwards, backwards)]
