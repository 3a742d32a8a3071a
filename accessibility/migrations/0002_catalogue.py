from django.db import migrations


def load_catalogue(apps, schema_editor):
    from accessibility.catalogue import load

    load(apps.get_model("accessibility", "NeedGroup"), apps.get_model("accessibility", "Need"))


class Migration(migrations.Migration):
    dependencies = [("accessibility", "0001_initial")]

    operations = [migrations.RunPython(load_catalogue, migrations.RunPython.noop)]
