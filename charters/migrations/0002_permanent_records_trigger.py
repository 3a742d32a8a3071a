"""On PostgreSQL, refuse UPDATE and DELETE of published versions, signatures and withdrawals
from any client, not only through Django's models.

Not on SQLite (the development database): Django empties SQLite tables between transactional
tests with DELETE, which such a trigger would refuse. PostgreSQL empties them with TRUNCATE,
which row triggers do not see.
"""

from django.db import migrations

TABLES = ["charters_charterversion", "charters_signature", "charters_withdrawal"]

FUNCTION = """
CREATE OR REPLACE FUNCTION charters_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% on % refused: charter versions, signatures and withdrawals are permanent',
        TG_OP, TG_TABLE_NAME;
END;
$$;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)  # no placeholders: % is plpgsql's
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_permanent BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION charters_refuse_change();"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_permanent ON {table};")
    schema_editor.execute("DROP FUNCTION IF EXISTS charters_refuse_change();")


class Migration(migrations.Migration):
    dependencies = [("charters", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
